// STM32F3 (Cortex-M4, RM0316/RM0313/RM0364/RM0365/RM0366). Sources, per field:
// - DEV_ID, SRAM end, ROM RAM, flash size, page size, option bytes, system memory (its start
//   is the ROM vector table): AN2606 "Bootloader device-dependent parameters", as copied in
//   stm32flash dev_table.c (rows 0x432, 0x422, 0x439, 0x438, 0x446).
// - IDCODE: CMSIS cmsis_device_f3 stm32f3xxxx.h DBGMCU_BASE (0xE0042000).
// - Flash size register: CMSIS FLASHSIZE_BASE (0x1FFFF7CC). Option bytes: CMSIS OB_BASE.
// - Software reset flag: CMSIS RCC_CSR_SFTRSTF_Pos (28); RCC->CSR at 0x40021024.
// - Write alignment: RM0316 "Flash memory" (half-word programming): 2.
#pragma once

#include "sysboot/stm32/maps.hpp"
#include "sysboot/stm32/part.hpp"

namespace sysboot::stm32 {

namespace f3 {
constexpr PartInfo part(uint16_t id, const char* name, uint16_t kib, an3155::SectorMap map,
                        uint32_t rom_ram_end, uint32_t sram_end) {
    return {id,
            Family::F3,
            name,
            Core::M4,
            0xE0042000,
            0x1FFFD800,
            {0x1FFFD800, 0x2000},
            {0x20000000, rom_ram_end - 0x20000000},
            {},
            {0x20000000, sram_end - 0x20000000},
            {0x40021024, 28},
            0x08000000,
            0x1FFFF7CC,
            kib,
            map,
            Banks::One,
            {},
            2,
            0x1FFFF800,
            EraseCommand::Unknown,
            kUsart};
}
}  // namespace f3

inline constexpr PartInfo kF3Parts[] = {
    f3::part(0x432, "STM32F373xx/F378xx", 256, maps::uniform<128, 2048>(), 0x20001400, 0x20008000),
    f3::part(0x422, "STM32F302xB(C)/F303xB(C)/F358xx", 256, maps::uniform<128, 2048>(), 0x20001400,
             0x2000A000),
    f3::part(0x439, "STM32F301xx/F302x4(6/8)/F318xx", 64, maps::uniform<32, 2048>(), 0x20001800,
             0x20004000),
    f3::part(0x438, "STM32F303x4(6/8)/F334xx/F328xx", 64, maps::uniform<32, 2048>(), 0x20001800,
             0x20003000),
    f3::part(0x446, "STM32F302xD(E)/F303xD(E)/F398xx", 512, maps::uniform<256, 2048>(), 0x20001800,
             0x20010000),
};

}  // namespace sysboot::stm32
