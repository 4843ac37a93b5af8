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
    {0x472,
     Family::L5,
     "STM32L552xx/562xx",
     Core::M33,
     0xE0044000,
     0x0BF90000,
     {0x0BF90000, 0x8000},
     {0x20000000, 0x4000},
     {},
     {0x20000000, 0x40000},
     {0x40021094, 28},
     0x08000000,
     0x0BFA05E0,
     512,
     maps::uniform<128, 4096>(),
     Banks::ByOption,
     maps::two_banks<128, 2048>(),
     8,
     kUnknown,
     EraseCommand::Unknown,
     kUsart},
};

}  // namespace sysboot::stm32
