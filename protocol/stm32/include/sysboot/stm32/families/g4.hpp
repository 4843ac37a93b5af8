// STM32G4 (Cortex-M4, RM0440). Sources, per field:
// - DEV_ID, SRAM end, ROM RAM (below 0x20004000), flash size, option bytes, system memory
//   (its start is the ROM vector table): AN2606 "Bootloader device-dependent parameters",
//   as copied in stm32flash dev_table.c (rows 0x468, 0x469, 0x479).
// - IDCODE: CMSIS cmsis_device_g4 stm32g4xxxx.h DBGMCU_BASE (0xE0042000).
// - Flash size register: CMSIS FLASHSIZE_BASE (0x1FFF75E0).
// - Software reset flag: CMSIS RCC_CSR_SFTRSTF_Pos (28); RCC->CSR at 0x40021094.
// - Pages: RM0440 "Flash memory organization": 2 KiB pages; category 3 (G47x/48x, 0x469)
//   has DBANK: two banks of 2 KiB pages or one bank of 4 KiB pages (not decoded here).
// - Write alignment: RM0440 "Flash program and erase operations": double word, so 8.
#pragma once

#include "sysboot/stm32/maps.hpp"
#include "sysboot/stm32/part.hpp"

namespace sysboot::stm32 {

namespace g4 {
constexpr PartInfo part(uint16_t id, const char* name, uint16_t kib, an3155::SectorMap map,
                        Banks banks, an3155::SectorMap dual, uint32_t sram_end) {
    return {id,
            Family::G4,
            name,
            Core::M4,
            0xE0042000,
            0x1FFF0000,
            {0x1FFF0000, 0x7000},
            {0x20000000, 0x4000},
            {},
            {0x20000000, sram_end - 0x20000000},
            {0x40021094, 28},
            0x08000000,
            0x1FFF75E0,
            kib,
            map,
            banks,
            dual,
            8,
            0x1FFF7800,
            EraseCommand::Unknown,
            kUsart};
}
}  // namespace g4

inline constexpr PartInfo kG4Parts[] = {
    g4::part(0x468, "STM32G431xx/441xx", 128, maps::uniform<64, 2048>(), Banks::One, {},
             0x20005800),
    g4::part(0x469, "STM32G47xxx/48xxx", 512, maps::uniform<128, 4096>(), Banks::ByOption,
             maps::two_banks<128, 2048>(), 0x20018000),
    g4::part(0x479, "STM32G491xx/A1xx", 512, maps::uniform<256, 2048>(), Banks::One, {},
             0x2001C000),
};

}  // namespace sysboot::stm32
