#pragma once
// STM32H7 device table and detection for the H74x/75x (DEV_ID 0x450) and H72x/73x (0x483)
// lines. The identity facts (DEV_ID, IDCODE address, ROM vector table, system memory, the ROM's
// RAM in DTCM and in AXI SRAM, SRAM, software-reset flag) are not typed again here: they come
// from the project's family table, protocol/stm32/include/sysboot/stm32/families/h7.hpp
// (docs/families.md lists each value with its source). The hooks are src/hooks.cpp and
// src/clocks.cpp.
#include <cstdint>

#include "sysboot/sysboot.hpp"

namespace sysboot::stm32h7 {

enum class Line : std::uint8_t { h74x, h72x };

// Facts a sysboot::Device does not carry, per line.
struct ChipInfo {
    Line line;
    std::uint32_t flash_size_register;  // 16-bit KiB value
    // The second block of RAM the ROM uses (AXI SRAM from 0x24000000): hand-over data must
    // stay out of it as out of Device::rom_ram (the DTCM part).
    sysboot_range_t rom_ram_extra;
};

// DBGMCU_IDCODE, DEV_ID in [11:0], read with one 32-bit access.
std::uint32_t idcode_address();
inline constexpr std::uint32_t kIdcodeDevIdMask = 0xFFFu;

// The Device for a DEV_ID, or nullptr when it is not an H7 line we support.
const Device* device_for(std::uint16_t dev_id);
const ChipInfo* chip_info_for(std::uint16_t dev_id);

std::uint16_t read_dev_id();

// detect(): the Device for the part we run on, or nullptr with why = unknown_device.
// Uses no .data/.bss (the table is const), so it may run first in Reset_Handler.
const Device* detect(Status& why);

std::uint32_t flash_kib(const ChipInfo& info);

// RCC_RSR and its SFTRSTF bit, from the family table (the reset-flag hooks read them).
std::uint32_t software_reset_flag_register();
std::uint32_t software_reset_flag_mask();

// Chip hooks (also reachable through Device::hooks), exposed for tests and boards.
namespace hooks {
sysboot_status_t restore_clocks_h74x();
sysboot_status_t restore_clocks_h72x();
sysboot_status_t reset_peripherals_h74x();
sysboot_status_t reset_peripherals_h72x();
int rdp_level();
bool watchdog_running();
std::uint32_t reset_flags();
void clear_reset_flags();
}  // namespace hooks

// Iterations each bounded wait polls before giving up: at 400 MHz far above any RM start-up
// time (HSI and HSE a few us, PLL lock and VOS change well under 1 ms), far below a watchdog
// period.
inline constexpr std::uint32_t kWaitIterations = 200'000;

}  // namespace sysboot::stm32h7
