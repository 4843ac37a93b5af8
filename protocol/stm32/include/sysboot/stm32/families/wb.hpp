// STM32WB (Cortex-M4 + Cortex-M0+ radio core, RM0434/RM0473). Sources, per field:
// - DEV_ID, SRAM end, ROM RAM, flash size, page size, option bytes, system memory (its start
//   is the ROM vector table; CMSIS SYSTEM_MEMORY_BASE 0x1FFF0000): AN2606 "Bootloader
//   device-dependent parameters", as copied in stm32flash dev_table.c and stm32loader
//   devices.py (0x494 WB10/15, 0x495 WB30/35/50/55). OpenOCD names 0x496 for WB3x; AN2606
//   (per both copies) does not, so it is not in the table.
// - WB1x ROM RAM: both copies say the host RAM starts at 0x20005000, but CMSIS SRAM1_SIZE of
//   WB15 is 12 KiB: disputed, unknown.
// - IDCODE: CMSIS cmsis_device_wb stm32wbxxxx.h DBGMCU_BASE (0xE0042000).
// - Flash size register: CMSIS FLASHSIZE_BASE (0x1FFF75E0). Option bytes: CMSIS
//   OPTION_BYTE_BASE (0x1FFF7800 on WB1x, 0x1FFF8000 on WB5x).
// - Software reset flag: CMSIS RCC_CSR_SFTRSTF_Pos (28); RCC->CSR at 0x58000094.
// - Write alignment: double-word programming (RM0434 "Flash program and erase operations"): 8.
#pragma once

#include "sysboot/stm32/maps.hpp"
#include "sysboot/stm32/part.hpp"

namespace sysboot::stm32 {

namespace wb {
constexpr PartInfo part(uint16_t id, const char* name, uint16_t kib, an3155::SectorMap map,
                        Range rom_ram, uint32_t sram_size, uint32_t option_bytes) {
    return {id,
            Family::WB,
            name,
            Core::M4,
            0xE0042000,
            0x1FFF0000,
            {0x1FFF0000, 0x7000},
            rom_ram,
            {},
            {0x20000000, sram_size},
            {0x58000094, 28},
            0x08000000,
            0x1FFF75E0,
            kib,
            map,
            Banks::One,
            {},
            8,
            option_bytes,
            EraseCommand::Unknown,
            kUsart};
}
}  // namespace wb

inline constexpr PartInfo kWBParts[] = {
    wb::part(0x494, "STM32WB10xx/15xx", 320, maps::uniform<160, 2048>(), {}, 0x3000, 0x1FFF7800),
    wb::part(0x495, "STM32WB30xx/35xx/50xx/55xx", 1024, maps::uniform<256, 4096>(),
             {0x20000000, 0x4000}, 0xC000, 0x1FFF8000),
};

}  // namespace sysboot::stm32
