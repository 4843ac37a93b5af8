#pragma once
// The stand-in ROM's bootloader protocol, fed one byte at a time from the RX interrupt.
#include <cstdint>

namespace rom {
using PutByte = void (*)(std::uint8_t);
void protocol_init(PutByte put);
void protocol_byte(std::uint8_t b);             // from the RX interrupt
bool protocol_take_go(std::uint32_t& address);  // Thread mode: a Go request to carry out
[[noreturn]] void protocol_go(std::uint32_t address);
}  // namespace rom
