// STM32L0 (Cortex-M0+, RM0377/RM0367/RM0376). Sources, per field:
// - DEV_ID, SRAM end, ROM RAM, flash size, page size (128 bytes), option bytes, system
//   memory (its start is the ROM vector table): AN2606 "Bootloader device-dependent
//   parameters", as copied in stm32flash dev_table.c (rows 0x457, 0x425, 0x417, 0x447).
//   stm32loader gives the L07x ROM other RAM: the table keeps the AN2606 copy.
// - IDCODE: CMSIS cmsis_device_l0 stm32l0xxxx.h DBGMCU_BASE (0x40015800).
// - Flash size register: CMSIS FLASHSIZE_BASE (0x1FF8007C). Option bytes: CMSIS OB_BASE.
// - Software reset flag: CMSIS RCC_CSR_SFTRSTF_Pos (28); RCC->CSR at 0x40021050.
// - Write alignment: RM0377 "Program memory programming": word (32-bit) writes, so 4.
// The L07x/L08x two banks are numbered on page by page, so one map covers them.
#pragma once

#include "sysboot/stm32/maps.hpp"
#include "sysboot/stm32/part.hpp"

namespace sysboot::stm32 {

namespace l0 {
constexpr PartInfo part(uint16_t id, const char* name, uint16_t kib, an3155::SectorMap map,
                        uint32_t system_memory_size, uint32_t rom_ram_end, uint32_t sram_end) {
    return {id,
            Family::L0,
            name,
            Core::M0Plus,
            0x40015800,
            0x1FF00000,
            {0x1FF00000, system_memory_size},
            {0x20000000, rom_ram_end - 0x20000000},
            {},
            {0x20000000, sram_end - 0x20000000},
            {0x40021050, 28},
            0x08000000,
            0x1FF8007C,
            kib,
            map,
            Banks::One,
            {},
            4,
            0x1FF80000,
            EraseCommand::Unknown,
            kUsart};
}
}  // namespace l0

inline constexpr PartInfo kL0Parts[] = {
    l0::part(0x457, "STM32L01xxx/02xxx", 16, maps::uniform<128, 128>(), 0x1000, 0x20000800,
             0x20000800),
    l0::part(0x425, "STM32L031xx/041xx", 32, maps::uniform<256, 128>(), 0x1000, 0x20001000,
             0x20002000),
    l0::part(0x417, "STM32L05xxx/06xxx", 64, maps::uniform<512, 128>(), 0x1000, 0x20001000,
             0x20002000),
    l0::part(0x447, "STM32L07xxx/08xxx", 192, maps::uniform<1536, 128>(), 0x2000, 0x20002000,
             0x20005000),
};

}  // namespace sysboot::stm32
