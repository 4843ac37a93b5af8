#pragma once
// STM32F4 device table and detection. The per-line facts (DEV_ID, ROM, ROM RAM, SRAM, flash
// size register, bootloader ID, interfaces) live in one table, src/device.cpp, each row with
// its sources; the hooks are src/hooks.cpp.
#include <cstdint>

#include "sysboot/stm32/f4f7_status.hpp"
#include "sysboot/sysboot.hpp"

namespace sysboot::stm32f4 {

enum class Line : std::uint8_t { f401bc, f401de, f40x, f411, f446 };

// DBGMCU_IDCODE (RM0090 §38.6.1 "MCU device ID code"; the same section of the DBG chapter
// of RM0368, RM0383 and RM0390): DEV_ID in [11:0], read with one 32-bit access.
inline constexpr std::uint32_t kIdcode = 0xE0042000;
inline constexpr std::uint32_t kIdcodeDevIdMask = 0xFFFu;

// Facts a sysboot::Device does not carry, per line.
struct ChipInfo {
    Line line;
    std::uint32_t flash_size_register;  // 16-bit KiB value (RM "Flash size" section)
    std::uint32_t bootloader_id_address;
};

// The Device for a DEV_ID, or nullptr when it is not an F4 line we know.
const Device* device_for(std::uint16_t dev_id);
const ChipInfo* chip_info_for(std::uint16_t dev_id);

// DEV_ID read from DBGMCU_IDCODE (one 32-bit read).
std::uint16_t read_dev_id();

// detect(): the Device for the part we run on, or nullptr with why = unknown_device.
// Uses no .data/.bss (the table is const), so it may run first in Reset_Handler.
const Device* detect(Status& why);

// Chip facts read from the part.
std::uint32_t flash_kib(const ChipInfo& info);
std::uint32_t rom_version(const ChipInfo& info);

// Chip hooks (also reachable through Device::hooks), exposed for tests and boards.
namespace hooks {
sysboot_status_t restore_clocks_f401();
sysboot_status_t restore_clocks_f40x();
sysboot_status_t restore_clocks_f411();
sysboot_status_t restore_clocks_f446();
sysboot_status_t reset_peripherals_f401_f411();
sysboot_status_t reset_peripherals_f40x();
sysboot_status_t reset_peripherals_f446();
using stm32::f4f7::clear_reset_flags;
using stm32::f4f7::rdp_level;
using stm32::f4f7::reset_flags;
using stm32::f4f7::watchdog_running;
}  // namespace hooks

// Iterations each bounded wait in the hooks polls before giving up: at 180 MHz far above any
// RM start-up time (HSI ~2 us, PLL lock ~100 us, over-drive switch ~100 us), far below a
// watchdog period.
inline constexpr std::uint32_t kWaitIterations = 100'000;

}  // namespace sysboot::stm32f4
