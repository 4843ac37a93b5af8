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
// - Erase: Extended Erase, the H74x ROM is USART protocol V3.1 (stm32loader log of an H750,
//   florisla/stm32loader issue "How to program an STM32H750?").
#pragma once

#include "sysboot/stm32/maps.hpp"
#include "sysboot/stm32/part.hpp"

namespace sysboot::stm32 {

inline constexpr PartInfo kH7Parts[] = {
    {0x450,
     Family::H7,
     "STM32H74xxx/75xxx",
     Core::M7,
     0x5C001000,
     0x1FF09800,
     {0x1FF00000, 0x1E800},
     {0x20000000, 0x4100},
     {0x24000000, 0x5000},
     {0x20000000, 0x20000},
     {0x580244D0, 24},
     0x08000000,
     0x1FF1E880,
     2048,
     maps::two_banks<8, 128 * 1024>(),
     Banks::TwoAtMax,
     {},
     32,
     kUnknown,
     EraseCommand::ExtendedErase,
     kUsart},
    {0x483,
     Family::H7,
     "STM32H72xxx/73xxx",
     Core::M7,
     0x5C001000,
     0x1FF09800,
     {0x1FF00000, 0x1E800},
     {0x20000000, 0x4100},
     {0x24000000, 0x4000},
     {0x20000000, 0x20000},
     {0x580244D0, 24},
     0x08000000,
     0x1FF1E880,
     1024,
     maps::uniform<8, 128 * 1024>(),
     Banks::One,
     {},
     32,
     kUnknown,
     EraseCommand::Unknown,
     kUsart},
    {0x480,
     Family::H7,
     "STM32H7A3xx/B3xx",
     Core::M7,
     0x5C001000,
     kUnknown,
     {0x1FF00000, 0x14000},
     {0x20000000, 0x4100},
     {0x24000000, 0x34000},
     {0x20000000, 0x20000},
     {0x58024530, 24},
     0x08000000,
     0x08FFF80C,
     2048,
     maps::two_banks<128, 8192>(),
     Banks::TwoAtMax,
     {},
     16,
     kUnknown,
     EraseCommand::Unknown,
     kUsart},
};

}  // namespace sysboot::stm32
