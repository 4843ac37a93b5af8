#pragma once
#include <cstdint>

// Polled CMSDK UART0 console. Every wait is bounded: a byte that cannot be sent in
// kTxSpin polls is dropped rather than hanging the caller.
namespace mps2::console {
void init();
void put(std::uint8_t byte);
int get();  // -1 when no byte is waiting
}  // namespace mps2::console
