// STM32WL (Cortex-M4, plus a Cortex-M0+ on WL5x; RM0453/RM0461). Sources, per field:
// - DEV_ID, SRAM end, ROM RAM (below 0x20002000), flash size, page size, option bytes,
//   system memory (its start is the ROM vector table; CMSIS SYSTEM_FLASH_BASE 0x1FFF0000):
//   AN2606 "Bootloader device-dependent parameters", as copied in stm32flash dev_table.c
//   and stm32loader devices.py (row 0x497).
// - IDCODE: CMSIS cmsis_device_wl stm32wlxxxx.h DBGMCU_BASE (0xE0042000).
// - Flash size register: CMSIS FLASHSIZE_BASE (0x1FFF75E0). Option bytes: CMSIS
//   OPTION_BYTES_BASE (0x1FFF7800).
// - Software reset flag: CMSIS RCC_CSR_SFTRSTF_Pos (28); RCC->CSR at 0x58000094.
// - Write alignment: double-word programming (RM0453 "Flash program and erase operations"): 8.
#pragma once

#include "sysboot/stm32/maps.hpp"
#include "sysboot/stm32/part.hpp"

namespace sysboot::stm32 {

inline constexpr PartInfo kWLParts[] = {
    {
        .dev_id = 0x497,
        .family = Family::WL,
        .name = "STM32WLE5xx/WL55xx",
        .core = Core::M4,
        .idcode_address = 0xE0042000,
        .rom_vectors = 0x1FFF0000,
        .system_memory = {0x1FFF0000, 0x4000},
        .rom_ram = {0x20000000, 0x2000},
        .rom_ram_extra = {},
        .sram = {0x20000000, 0x10000},
        .software_reset_flag = {0x58000094, 28},
        .flash_base = 0x08000000,
        .flash_size_address = 0x1FFF75E0,
        .max_flash_kib = 256,
        .sectors = maps::uniform<128, 2048>(),
        .banks = Banks::One,
        .dual_bank = {},
        .write_align = 8,
        .option_bytes = 0x1FFF7800,
        .erase = EraseCommand::Unknown,
        .interfaces = kUsart,
    },
};

}  // namespace sysboot::stm32
