#pragma once
// STM32G0 device table and detection (Cortex-M0+). The identity facts of each line (DEV_ID,
// IDCODE address, ROM vector table, system memory, ROM RAM, SRAM, software-reset flag, flash
// size register) are not typed here: src/device.cpp builds its Devices from the project's
// family table, protocol/stm32/include/sysboot/stm32/families/g0.hpp (docs/families.md), the
// same rows the host tool and the stand-in ROM use. The hooks are src/hooks.cpp.
#include <cstdint>

#include "sysboot/sysboot.hpp"

namespace sysboot::stm32g0 {

// The Device for a DEV_ID (0x466, 0x460, 0x467, 0x456), or nullptr when it is not a G0 line.
const Device* device_for(std::uint16_t dev_id);

// DEV_ID read from DBG_IDCODE (RM0444 DBG chapter, "DBG device ID code register"; one 32-bit read).
std::uint16_t read_dev_id();

// detect(): the Device for the part we run on, or nullptr with why = unknown_device.
// Uses no .data/.bss (the table is const), so it may run first in Reset_Handler.
const Device* detect(Status& why);

// Flash size in KiB from the line's flash size register (0 for an unknown DEV_ID).
std::uint32_t flash_kib(std::uint16_t dev_id);

// Chip hooks (also reachable through Device::hooks), exposed for tests and boards.
namespace hooks {
sysboot_status_t restore_clocks();
sysboot_status_t reset_peripherals_g0x();  // G03x/G04x, G05x/G061, G07x/G08x
sysboot_status_t reset_peripherals_g0b();  // G0B0/G0B1/G0C1 (USB, FDCAN, DMA2, USART3)
int rdp_level();
bool watchdog_running();
std::uint32_t reset_flags();
void clear_reset_flags();
}  // namespace hooks

// Iterations each bounded wait in the hooks polls before giving up: 100 000 reads take more
// than 6 ms at 64 MHz, far above the start-up times of HSI16, the PLL and a VOS change (tens
// of microseconds in the STM32G0 datasheets), far below a watchdog period.
inline constexpr std::uint32_t kWaitIterations = 100'000;

}  // namespace sysboot::stm32g0
