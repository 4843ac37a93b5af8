// STM32L5 (Cortex-M33, RM0438). Sources, per field:
// - DEV_ID, SRAM end, ROM RAM (below 0x20004000), system memory (its start is the ROM
//   vector table, 0x0BF90000): AN2606 "Bootloader device-dependent parameters", as copied in
//   stm32flash dev_table.c and stm32loader devices.py (row 0x472).
// - IDCODE: CMSIS cmsis_device_l5 stm32l5xxxx.h DBGMCU_BASE (0xE0044000).
// - Flash size register: CMSIS FLASHSIZE_BASE (0x0BFA05E0).
// - Software reset flag: CMSIS RCC_CSR_SFTRSTF_Pos (28); non-secure RCC->CSR at 0x40021094.
// - Pages: DBANK chooses two banks of 2 KiB pages or one bank of 4 KiB pages (RM0438
//   "Flash memory organization"), not decoded here. Write alignment: double word, 8.
// - Option bytes are registers, not a memory image. With TrustZone on (TZEN = 1) the
//   simple entry is not valid (AN2606 STM32L552xx/562xx section).
#pragma once

#include "sysboot/stm32/maps.hpp"
#include "sysboot/stm32/part.hpp"

namespace sysboot::stm32 {

inline constexpr PartInfo kL5Parts[] = {
    {
        .dev_id = 0x472,
        .family = Family::L5,
        .name = "STM32L552xx/562xx",
        .core = Core::M33,
        .idcode_address = 0xE0044000,
        .rom_vectors = 0x0BF90000,
        .system_memory = {0x0BF90000, 0x8000},
        .rom_ram = {0x20000000, 0x4000},
        .rom_ram_extra = {},
        .sram = {0x20000000, 0x40000},
        .software_reset_flag = {0x40021094, 28},
        .flash_base = 0x08000000,
        .flash_size_address = 0x0BFA05E0,
        .max_flash_kib = 512,
        .sectors = maps::uniform<128, 4096>(),
        .banks = Banks::ByOption,
        .dual_bank = maps::two_banks<128, 2048>(),
        .write_align = 8,
        .option_bytes = kUnknown,
        .erase = EraseCommand::Unknown,
        .interfaces = kUsart,
    },
};

}  // namespace sysboot::stm32
