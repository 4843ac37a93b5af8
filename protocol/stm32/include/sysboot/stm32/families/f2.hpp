// STM32F2 (Cortex-M3, RM0033). Sources, per field:
// - DEV_ID, SRAM end, ROM RAM, flash size, option bytes, system memory (its start is the ROM
//   vector table): AN2606 "Bootloader device-dependent parameters", as copied in stm32flash
//   dev_table.c (row 0x411).
// - IDCODE: CMSIS cmsis_device_f2 stm32f2xxxx.h DBGMCU_BASE (0xE0042000).
// - Flash size register: CMSIS FLASHSIZE_BASE (0x1FFF7A22).
// - Software reset flag: CMSIS RCC_CSR_SFTRSTF_Pos (28); RCC->CSR at 0x40023874.
// - Sectors: RM0033 "Embedded flash memory" (4 x 16, 1 x 64, 7 x 128 KiB).
// - Write alignment: RM0033 "Programming": x8..x32 parallelism; AN3155 §3.6 asks 4-byte
//   multiples, so 4.
#pragma once

#include "sysboot/stm32/maps.hpp"
#include "sysboot/stm32/part.hpp"

namespace sysboot::stm32 {

inline constexpr PartInfo kF2Parts[] = {
    {
        .dev_id = 0x411,
        .family = Family::F2,
        .name = "STM32F2xxxx",
        .core = Core::M3,
        .idcode_address = 0xE0042000,
        .rom_vectors = 0x1FFF0000,
        .system_memory = {0x1FFF0000, 0x7800},
        .rom_ram = {0x20000000, 0x2000},
        .rom_ram_extra = {},
        .sram = {0x20000000, 0x20000},
        .software_reset_flag = {0x40023874, 28},
        .flash_base = 0x08000000,
        .flash_size_address = 0x1FFF7A22,
        .max_flash_kib = 1024,
        .sectors = maps::f2f4_sectors<7>(),
        .banks = Banks::One,
        .dual_bank = {},
        .write_align = 4,
        .option_bytes = 0x1FFFC000,
        .erase = EraseCommand::Unknown,
        .interfaces = kUsart,
    },
};

}  // namespace sysboot::stm32
