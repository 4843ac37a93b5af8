#pragma once
// STM32F7 device table and detection. Sources: AN2606 §"STM32F74xxx/75xxx", "STM32F76xxx/
// 77xxx" and "STM32F72xxx/73xxx devices bootloader" (system memory, RAM used by the ROM,
// interfaces, bootloader ID), RM0385/RM0410/RM0431 §2.2 memory maps and §3.3 flash
// organisation tables, and §40.6.1 DEV_ID values.
#include <cstddef>
#include <cstdint>

#include "sysboot/stm32/f4f7_status.hpp"
#include "sysboot/sysboot.hpp"

namespace sysboot::stm32f7 {

enum class Line : std::uint8_t { f74x, f76x, f72x };

// DBGMCU_IDCODE DEV_ID per line (RM0385/RM0410/RM0431 §40.6.1).
inline constexpr std::uint16_t kDevIdF74x = 0x449;
inline constexpr std::uint16_t kDevIdF76x = 0x451;
inline constexpr std::uint16_t kDevIdF72x = 0x452;

// System memory (AN2606, memory-map tables of each RM): 0x1FF00000 on every F7 line.
inline constexpr std::uint32_t kSystemMemoryBase = 0x1FF00000;
inline constexpr std::uint32_t kSystemMemorySize = 0xEDC0;  // up to 0x1FF0EDBF (AN2606)
// Bootloader ID byte: the last byte address of system memory minus 1 (AN2606 "Bootloader
// ID" table and the STM32F7 bootloader sections: 0x1FF0EDBE).
inline constexpr std::uint32_t kBootloaderIdAddress = kSystemMemoryBase + kSystemMemorySize - 2;
static_assert(kBootloaderIdAddress == 0x1FF0EDBE);
// RAM the ROM uses (AN2606: 0x20000000-0x20003FFF on F7 lines; DTCM on F7).
inline constexpr std::uint32_t kRomRamBase = 0x20000000;
inline constexpr std::uint32_t kRomRamSize = 0x4000;

// One flash sector group: `count` sectors of `kib` KiB each, consecutive.
struct SectorGroup {
    std::uint16_t count;
    std::uint16_t kib;
};
struct SectorMap {
    const SectorGroup* groups;
    std::size_t group_count;
    std::uint32_t total_kib() const {
        std::uint32_t t = 0;
        for (std::size_t i = 0; i < group_count; ++i) {
            t += static_cast<std::uint32_t>(groups[i].count) * groups[i].kib;
        }
        return t;
    }
};

// What sysboot::Device does not carry: per-line facts for `info` and the host tool.
struct ChipInfo {
    Line line;
    std::uint32_t flash_size_register;  // 16-bit KiB value (RM §45.2 "Flash size")
    std::uint32_t sram_kib;             // DTCM + SRAM1 + SRAM2
    SectorMap single_bank;              // full-size part, single bank
    SectorMap dual_bank;                // one bank in dual-bank mode (F76x nDBANK=0) or empty
};

// The Device and chip facts for a DEV_ID, or nullptr when the DEV_ID is not an F7 we know.
const Device* device_for(std::uint16_t dev_id);
// As above, with the interfaces of that bootloader version (bootloader ID byte).
const Device* device_for(std::uint16_t dev_id, std::uint8_t bootloader_id);
const ChipInfo* chip_info_for(std::uint16_t dev_id);

// DEV_ID read from DBGMCU_IDCODE.
std::uint16_t read_dev_id();

// detect(): the Device for the part we run on, or nullptr with why = unknown_device.
// Uses no .data/.bss (the table is const), so it may run first in Reset_Handler.
const Device* detect(Status& why);

// Chip facts read from the part (0 when unknown).
std::uint32_t flash_kib(const ChipInfo& info);
std::uint32_t rom_version();

// Chip hooks (also reachable through Device::hooks), exposed for tests and boards.
namespace hooks {
sysboot_status_t restore_clocks();
sysboot_status_t reset_peripherals_f74x();
sysboot_status_t reset_peripherals_f76x();
sysboot_status_t reset_peripherals_f72x();
// Same registers on F4 and F7 (sysboot/stm32/f4f7_status.hpp).
using stm32::f4f7::clear_reset_flags;
using stm32::f4f7::rdp_level;
using stm32::f4f7::reset_flags;
using stm32::f4f7::watchdog_running;
sysboot_status_t rom_usable_f76x();
}  // namespace hooks

// Iterations each bounded wait in the hooks polls before giving up. At 216 MHz one
// iteration is a few cycles: far above any RM start-up time (HSI ~2 us, PLL lock ~100 us,
// over-drive switch ~100 us), far below a watchdog period.
inline constexpr std::uint32_t kWaitIterations = 100'000;

}  // namespace sysboot::stm32f7
