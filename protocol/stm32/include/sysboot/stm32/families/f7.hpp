// STM32F7 (Cortex-M7, RM0385/RM0410/RM0431). Sources, per field:
// - DEV_ID, SRAM end, ROM RAM (below 0x20004000), option bytes, system memory: AN2606
//   "Bootloader device-dependent parameters", as copied in stm32flash dev_table.c.
// - ROM vectors: 0x1FF00000, the start of system memory (AN2606 STM32F7 sections;
//   stm32flash; stm32loader). 0x1FFF0000, which some projects jump to, is the option bytes
//   (RM0410 §3.4 "Option bytes").
// - IDCODE: CMSIS cmsis_device_f7 stm32f7xxxx.h DBGMCU_BASE (0xE0042000).
// - Flash size register: CMSIS FLASHSIZE_BASE (0x1FF0F442 F74x/F76x, 0x1FF07A22 F72x).
// - Software reset flag: CMSIS RCC_CSR_SFTRSTF_Pos (28); RCC->CSR at 0x40023874.
// - Sectors and the nDBANK dual-bank maps: RM0385/RM0410/RM0431 §3.3.1 (an3155/sector_map).
// - Write alignment 8: AN2606 "Programming constraints" (STM32F7), see docs/an3155-rom.md.
// - Erase: Extended Erase, the F7 ROMs are USART protocol V3.1 (docs/an3155-rom.md).
#pragma once

#include "sysboot/an3155/sector_map.hpp"
#include "sysboot/stm32/part.hpp"

namespace sysboot::stm32 {

namespace f7 {
constexpr PartInfo part(uint16_t id, const char* name, uint32_t flash_size_address, uint16_t kib,
                        an3155::SectorMap map, Banks banks, an3155::SectorMap dual,
                        uint32_t sram_end) {
    return {id,
            Family::F7,
            name,
            Core::M7,
            0xE0042000,
            0x1FF00000,
            {0x1FF00000, 0xEDC0},
            {0x20000000, 0x4000},
            {},
            {0x20000000, sram_end - 0x20000000},
            {0x40023874, 28},
            0x08000000,
            flash_size_address,
            kib,
            map,
            banks,
            dual,
            8,
            0x1FFF0000,
            EraseCommand::ExtendedErase,
            kUsart};
}
}  // namespace f7

inline constexpr PartInfo kF7Parts[] = {
    f7::part(0x452, "STM32F72xxx/73xxx", 0x1FF07A22, 512, an3155::kF72x, Banks::One, {},
             0x20040000),
    f7::part(0x449, "STM32F74xxx/75xxx", 0x1FF0F442, 1024, an3155::kF74x, Banks::One, {},
             0x20050000),
    f7::part(0x451, "STM32F76xxx/77xxx", 0x1FF0F442, 2048, an3155::kF76xSingleBank, Banks::ByOption,
             an3155::kF76xDualBank, 0x20080000),
};

}  // namespace sysboot::stm32
