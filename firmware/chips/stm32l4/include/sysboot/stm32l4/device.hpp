#pragma once
// STM32L4 device table and detection. The identity facts of each line (DEV_ID, IDCODE
// address, ROM vector table, system memory, ROM RAM, SRAM, software-reset flag, flash-size
// register) are taken from the project part table (protocol/stm32 families/l4.hpp) in
// src/device.cpp; the hooks are src/hooks.cpp. Supported lines: L47x/L48x (0x415) and
// L496/L4A6 (0x461), which share the RCC of RM0351 with PLLSAI1/2 and USB OTG FS. The other
// rows of the part table (L412, L43x, L45x, L4R/L4S, L4P/L4Q) have other RCC bits and are
// refused as unknown devices.
#include <cstdint>

#include "sysboot/sysboot.hpp"

namespace sysboot::stm32l4 {

// The Device for a DEV_ID, or nullptr when it is not an L4 line we know.
const Device* device_for(std::uint16_t dev_id);

// DEV_ID read from DBGMCU_IDCODE [11:0] (one 32-bit read; RM0351 "DBGMCU_IDCODE").
std::uint16_t read_dev_id();

// detect(): the Device for the part we run on, or nullptr with why = unknown_device.
// Uses no .data/.bss (the table is const), so it may run first in Reset_Handler.
const Device* detect(Status& why);

// Flash size in KiB from the 16-bit flash-size register (0 on a part we do not know).
std::uint32_t flash_kib();
// Bootloader ID byte (0 where its address is not known).
std::uint32_t rom_version();

// Chip hooks (also reachable through Device::hooks), exposed for tests and boards.
namespace hooks {
sysboot_status_t restore_clocks_l47x();
sysboot_status_t restore_clocks_l496();
sysboot_status_t reset_peripherals();
int rdp_level();
bool watchdog_running();
std::uint32_t reset_flags();
void clear_reset_flags();
}  // namespace hooks

// Iterations each bounded wait in the hooks polls before giving up: at 80 MHz far above any
// RM start-up time (MSI/HSI16 a few us, PLL lock ~100 us), far below a watchdog period.
inline constexpr std::uint32_t kWaitIterations = 100'000;

}  // namespace sysboot::stm32l4
