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
    {0x497,
     Family::WL,
     "STM32WLE5xx/WL55xx",
     Core::M4,
     0xE0042000,
     0x1FFF0000,
     {0x1FFF0000, 0x4000},
     {0x20000000, 0x2000},
     {},
     {0x20000000, 0x10000},
     {0x58000094, 28},
     0x08000000,
     0x1FFF75E0,
     256,
     maps::uniform<128, 2048>(),
     Banks::One,
     {},
     8,
     0x1FFF7800,
     EraseCommand::Unknown,
     kUsart},
};

}  // namespace sysboot::stm32
