// STM32L1 (Cortex-M3, RM0038). Sources, per field:
// - DEV_ID, SRAM end, ROM RAM, flash size, page size (256 bytes), option bytes, system
//   memory (its start is the ROM vector table): AN2606 "Bootloader device-dependent
//   parameters", as copied in stm32flash dev_table.c (rows 0x416, 0x429, 0x427, 0x436,
//   0x437).
// - IDCODE: CMSIS cmsis_device_l1 stm32l1xxxx.h DBGMCU_BASE (0xE0042000).
// - Flash size register: CMSIS FLASHSIZE_BASE, 0x1FF8004C on Cat.1/Cat.2 (stm32l1xxxb.h,
//   stm32l1xxxba.h), 0x1FF800CC on Cat.3 and up. Option bytes: CMSIS OB_BASE.
// - Software reset flag: CMSIS RCC_CSR_SFTRSTF_Pos (28); RCC->CSR at 0x40023834.
// - Write alignment: RM0038 "Program memory" programming: word (32-bit) writes, so 4.
// Cat.4/5/6 flash is two banks numbered on page by page, so one map covers them.
#pragma once

#include "sysboot/stm32/maps.hpp"
#include "sysboot/stm32/part.hpp"

namespace sysboot::stm32 {

namespace l1 {
constexpr PartInfo part(uint16_t id, const char* name, uint16_t kib, an3155::SectorMap map,
                        uint32_t flash_size_address, uint32_t system_memory_size,
                        uint32_t rom_ram_end, uint32_t sram_end) {
    return {id,
            Family::L1,
            name,
            Core::M3,
            0xE0042000,
            0x1FF00000,
            {0x1FF00000, system_memory_size},
            {0x20000000, rom_ram_end - 0x20000000},
            {},
            {0x20000000, sram_end - 0x20000000},
            {0x40023834, 28},
            0x08000000,
            flash_size_address,
            kib,
            map,
            Banks::One,
            {},
            4,
            0x1FF80000,
            EraseCommand::Unknown,
            kUsart};
}
}  // namespace l1

inline constexpr PartInfo kL1Parts[] = {
    l1::part(0x416, "STM32L1xxx6(8/B)", 128, maps::uniform<512, 256>(), 0x1FF8004C, 0x1000,
             0x20000800, 0x20004000),
    l1::part(0x429, "STM32L1xxx6(8/B)A", 128, maps::uniform<512, 256>(), 0x1FF8004C, 0x1000,
             0x20001000, 0x20008000),
    l1::part(0x427, "STM32L1xxxC", 256, maps::uniform<1024, 256>(), 0x1FF800CC, 0x2000, 0x20001000,
             0x20008000),
    l1::part(0x436, "STM32L1xxxD", 384, maps::uniform<1536, 256>(), 0x1FF800CC, 0x2000, 0x20001000,
             0x2000C000),
    l1::part(0x437, "STM32L1xxxE", 512, maps::uniform<2048, 256>(), 0x1FF800CC, 0x2000, 0x20001000,
             0x20014000),
};

}  // namespace sysboot::stm32
