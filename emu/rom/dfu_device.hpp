#pragma once
// The stand-in ROM's USB DFU device (AN3156): the portable DfuSe engine (protocol/dfuse) as
// an STM32F76x ROM presents it, over the board's own flash model.
#include <cstdint>
#include <span>

#include "sysboot/dfuse/engine.hpp"

namespace rom {
// One control transfer (USB 2.0 §9.3 setup + OUT data); IN data goes to `data_in`.
sysboot::dfuse::Reply dfu_control(const sysboot::dfuse::Setup& setup,
                                  std::span<const std::uint8_t> data_out,
                                  std::span<std::uint8_t> data_in);
// USB reset: the device is back in dfuIDLE (the engine's reset()).
void dfu_bus_reset();
[[nodiscard]] sysboot::dfuse::Event dfu_event();
// Where Leave jumps, in the board's address map (the flash the DFU device shows at
// 0x08000000 is PSRAM at 0x60000000 here).
[[nodiscard]] std::uint32_t dfu_leave_address();
}  // namespace rom
