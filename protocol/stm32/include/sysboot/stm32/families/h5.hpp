// STM32H5 (Cortex-M33, RM0492 H503, RM0481 H56x/57x). Sources, per field:
// - DEV_ID: OpenOCD stm32h5x.c and stm32loader devices.py (AN2606 H5 sections not read).
// - IDCODE: CMSIS cmsis_device_h5 stm32h5xxxx.h DBGMCU_BASE (0x44024000).
// - System memory and ROM vectors (its start): AN2606 "Bootloader device-dependent
//   parameters" as copied in stm32loader devices.py: H503 0x0BF87000-0x0BF8FFFF, H56x
//   0x0BF97000-0x0BF9FFFF. H56x 0x0BF97000 is also what ST's community forum quotes from
//   AN2606 ("Jumping into bootloader of STM32H563 from user code"). CMSIS
//   FLASH_SYSTEM_BASE_NS (0x0BF80000) is the start of the whole system flash, not the vector
//   table, and its FLASH_SYSTEM_SIZE (32 KiB H503, 64 KiB H56x) ends before the bootloader
//   area stm32loader gives: disputed, docs/families.md.
// - ROM RAM: H503 below 0x20004000 (stm32loader); H56x unknown (the host RAM stm32loader
//   gives starts at 0x20000000, so the ROM's own RAM is elsewhere and unsourced).
// - SRAM: CMSIS SRAM1_SIZE + SRAM2_SIZE (+ SRAM3_SIZE), contiguous from 0x20000000.
// - Flash size register: CMSIS FLASHSIZE_BASE (0x08FFF80C). Sectors: CMSIS FLASH_SECTOR_SIZE
//   (8 KiB) and FLASH_SECTOR_NB per bank; two banks of half the flash (FLASH_BANK_SIZE).
// - Software reset flag: CMSIS RCC_RSR_SFTRSTF_Pos (28); RCC->RSR at 0x44020CF4.
// - Write alignment: quad-word (128-bit) programming (RM0481 "Flash program operations"): 16.
// - Option bytes are registers, not a memory image: none to read with Read Memory.
#pragma once

#include "sysboot/stm32/maps.hpp"
#include "sysboot/stm32/part.hpp"

namespace sysboot::stm32 {

inline constexpr PartInfo kH5Parts[] = {
    {
        .dev_id = 0x474,
        .family = Family::H5,
        .name = "STM32H503xx",
        .core = Core::M33,
        .idcode_address = 0x44024000,
        .rom_vectors = 0x0BF87000,
        .system_memory = {0x0BF87000, 0x9000},
        .rom_ram = {0x20000000, 0x4000},
        .rom_ram_extra = {},
        .sram = {0x20000000, 0x8000},
        .software_reset_flag = {0x44020CF4, 28},
        .flash_base = 0x08000000,
        .flash_size_address = 0x08FFF80C,
        .max_flash_kib = 128,
        .sectors = maps::two_banks<8, 8192>(),
        .banks = Banks::TwoHalves,
        .dual_bank = {},
        .write_align = 16,
        .option_bytes = kUnknown,
        .erase = EraseCommand::Unknown,
        .interfaces = kUsart,
    },
    {
        .dev_id = 0x484,
        .family = Family::H5,
        .name = "STM32H56xxx/57xxx",
        .core = Core::M33,
        .idcode_address = 0x44024000,
        .rom_vectors = 0x0BF97000,
        .system_memory = {0x0BF97000, 0x9000},
        .rom_ram = {},
        .rom_ram_extra = {},
        .sram = {0x20000000, 0xA0000},
        .software_reset_flag = {0x44020CF4, 28},
        .flash_base = 0x08000000,
        .flash_size_address = 0x08FFF80C,
        .max_flash_kib = 2048,
        .sectors = maps::two_banks<128, 8192>(),
        .banks = Banks::TwoHalves,
        .dual_bank = {},
        .write_align = 16,
        .option_bytes = kUnknown,
        .erase = EraseCommand::Unknown,
        .interfaces = kUsart,
    },
};

}  // namespace sysboot::stm32
