// STM32H7 (Cortex-M7, RM0433 H74x/75x, RM0468 H72x/73x, RM0455 H7A3/B3). Sources:
// - DEV_ID, SRAM (DTCM) end, system memory, flash size: AN2606 "Bootloader device-dependent
//   parameters", as copied in stm32flash dev_table.c (rows 0x450, 0x483, 0x480).
// - ROM vectors: 0x1FF09800 on H74x/75x and H72x/73x (ST knowledge base "Jump to bootloader
//   from application on STM32H7 devices"); 0x1FF00000, which some projects use, is the start
//   of system memory, not the vector table. H7A3/B3: only third-party code gives 0x1FF0A000,
//   so unknown.
// - ROM RAM: DTCM below 0x20004100 plus AXI SRAM from 0x24000000 (stm32loader devices.py).
// - IDCODE: CMSIS cmsis_device_h7 stm32h7xxxx.h DBGMCU_BASE (0x5C001000).
// - Flash size register: CMSIS FLASHSIZE_BASE (0x1FF1E880; 0x08FFF80C on H7A3/B3).
// - Sectors: CMSIS FLASH_SECTOR_SIZE (128 KiB; 8 KiB on H7A3/B3) and FLASH_BANK_SIZE.
// - Write alignment: one flash word, CMSIS FLASH_NB_32BITWORD_IN_FLASHWORD x 4 bytes: 32
//   (8 words, 256 bits); 16 on H7A3/B3 (4 words).
// - Software reset flag: CMSIS RCC_RSR_SFTRSTF_Pos (24); RCC->RSR at 0x580244D0
//   (0x58024530 on H7A3/B3). Dual-core parts have one flag per core (SFT1RSTF/SFT2RSTF).
// - Option bytes are registers, not a memory image: none to read with Read Memory.
// - Erase: Extended Erase for H74x/75x: its ROM answers Get with version 0x31 and uses 0x44
//   (a published stm32loader session with an STM32H750).
#pragma once

#include "sysboot/stm32/maps.hpp"
#include "sysboot/stm32/part.hpp"

namespace sysboot::stm32 {

inline constexpr PartInfo kH7Parts[] = {
    {
        .dev_id = 0x450,
        .family = Family::H7,
        .name = "STM32H74xxx/75xxx",
        .core = Core::M7,
        .idcode_address = 0x5C001000,
        .rom_vectors = 0x1FF09800,
        .system_memory = {0x1FF00000, 0x1E800},
        .rom_ram = {0x20000000, 0x4100},
        .rom_ram_extra = {0x24000000, 0x5000},
        .sram = {0x20000000, 0x20000},
        .software_reset_flag = {0x580244D0, 24},
        .flash_base = 0x08000000,
        .flash_size_address = 0x1FF1E880,
        .max_flash_kib = 2048,
        .sectors = maps::two_banks<8, 128 * 1024>(),
        .banks = Banks::TwoAtMax,
        .dual_bank = {},
        .write_align = 32,
        .option_bytes = kUnknown,
        .erase = EraseCommand::ExtendedErase,
        .interfaces = kUsart,
    },
    {
        .dev_id = 0x483,
        .family = Family::H7,
        .name = "STM32H72xxx/73xxx",
        .core = Core::M7,
        .idcode_address = 0x5C001000,
        .rom_vectors = 0x1FF09800,
        .system_memory = {0x1FF00000, 0x1E800},
        .rom_ram = {0x20000000, 0x4100},
        .rom_ram_extra = {0x24000000, 0x4000},
        .sram = {0x20000000, 0x20000},
        .software_reset_flag = {0x580244D0, 24},
        .flash_base = 0x08000000,
        .flash_size_address = 0x1FF1E880,
        .max_flash_kib = 1024,
        .sectors = maps::uniform<8, 128 * 1024>(),
        .banks = Banks::One,
        .dual_bank = {},
        .write_align = 32,
        .option_bytes = kUnknown,
        .erase = EraseCommand::Unknown,
        .interfaces = kUsart,
    },
    {
        .dev_id = 0x480,
        .family = Family::H7,
        .name = "STM32H7A3xx/B3xx",
        .core = Core::M7,
        .idcode_address = 0x5C001000,
        .rom_vectors = kUnknown,
        .system_memory = {0x1FF00000, 0x14000},
        .rom_ram = {0x20000000, 0x4100},
        .rom_ram_extra = {0x24000000, 0x34000},
        .sram = {0x20000000, 0x20000},
        .software_reset_flag = {0x58024530, 24},
        .flash_base = 0x08000000,
        .flash_size_address = 0x08FFF80C,
        .max_flash_kib = 2048,
        .sectors = maps::two_banks<128, 8192>(),
        .banks = Banks::TwoAtMax,
        .dual_bank = {},
        .write_align = 16,
        .option_bytes = kUnknown,
        .erase = EraseCommand::Unknown,
        .interfaces = kUsart,
    },
};

}  // namespace sysboot::stm32
