#pragma once
// STM32G4 device table and detection. The identity facts of each line (DEV_ID, IDCODE
// address, ROM vector table, system memory, ROM RAM, SRAM, software-reset flag, flash-size
// register) are taken from the project part table (protocol/stm32 families/g4.hpp) in
// src/device.cpp; the hooks are src/hooks.cpp.
#include <cstdint>

#include "sysboot/sysboot.hpp"

namespace sysboot::stm32g4 {

// The Device for a DEV_ID, or nullptr when it is not a G4 line we know.
const Device* device_for(std::uint16_t dev_id);

// DEV_ID read from DBGMCU_IDCODE [11:0] (one 32-bit read; RM0440 "DBGMCU_IDCODE").
std::uint16_t read_dev_id();

// detect(): the Device for the part we run on, or nullptr with why = unknown_device.
// Uses no .data/.bss (the table is const), so it may run first in Reset_Handler.
const Device* detect(Status& why);

// Flash size in KiB from the 16-bit flash-size register of the line (0 when unknown).
std::uint32_t flash_kib();

// Chip hooks (also reachable through Device::hooks), exposed for tests and boards.
namespace hooks {
sysboot_status_t restore_clocks();
sysboot_status_t reset_peripherals();
int rdp_level();
bool watchdog_running();
std::uint32_t reset_flags();
void clear_reset_flags();
}  // namespace hooks

// Range 1 boost mode on (PWR_CR5.R1MODE = 0), for the board kit's clock set-up above 150 MHz.
bool enter_boost();

// Iterations each bounded wait in the hooks polls before giving up: at 170 MHz far above any
// RM start-up time (HSI16 a few us, PLL lock ~100 us, regulator range change), far below a
// watchdog period.
inline constexpr std::uint32_t kWaitIterations = 100'000;

}  // namespace sysboot::stm32g4
