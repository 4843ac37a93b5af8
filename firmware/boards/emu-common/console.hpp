#pragma once
#include <cstdint>

// The emulated board's polled console UART (CMSDK UART0 on the MPS2 boards, the nRF51
// UART on the micro:bit). Every wait is bounded: a byte that cannot be sent in a bounded
// number of polls is dropped rather than hanging the caller.
namespace rig::console {
void init();
void put(std::uint8_t byte);
int get();  // -1 when no byte is waiting
}  // namespace rig::console
