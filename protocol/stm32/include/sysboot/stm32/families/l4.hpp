// STM32L4/L4+ (Cortex-M4, RM0394/RM0351/RM0432). Sources, per field:
// - DEV_ID, SRAM end, ROM RAM, flash size, page size, option bytes, system memory (its start
//   is the ROM vector table): AN2606 "Bootloader device-dependent parameters", as copied in
//   stm32flash dev_table.c and stm32loader devices.py. Where they disagree on the ROM RAM
//   (L412: below 0x20003100 or 0x20002100) the table holds the larger range.
// - IDCODE: CMSIS cmsis_device_l4 stm32l4xxxx.h DBGMCU_BASE (0xE0042000).
// - Flash size register: CMSIS FLASHSIZE_BASE (0x1FFF75E0).
// - Software reset flag: CMSIS RCC_CSR_SFTRSTF_Pos (28); RCC->CSR at 0x40021094.
// - Pages: 2 KiB (RM0351/RM0394 "Flash memory organization"). L47x/L48x and L496/4A6: the
//   1 MiB parts are two banks of 512 KiB (RM0351 "Dual bank organization"); smaller parts
//   have a DUALBANK option (not decoded here). L4R/L4S and L4P/L4Q choose with DBANK:
//   8/4 KiB pages in one bank or 4/2 KiB pages in two (RM0432), not decoded here.
// - Write alignment: double-word programming (RM0351 "Flash program and erase operations"): 8.
#pragma once

#include "sysboot/stm32/maps.hpp"
#include "sysboot/stm32/part.hpp"

namespace sysboot::stm32 {

namespace l4 {
constexpr PartInfo part(uint16_t id, const char* name, uint16_t kib, an3155::SectorMap map,
                        Banks banks, an3155::SectorMap dual, uint32_t rom_ram_end,
                        uint32_t sram_end, uint32_t option_bytes) {
    return {id,
            Family::L4,
            name,
            Core::M4,
            0xE0042000,
            0x1FFF0000,
            {0x1FFF0000, 0x7000},
            {0x20000000, rom_ram_end - 0x20000000},
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
            option_bytes,
            EraseCommand::Unknown,
            kUsart};
}
}  // namespace l4

inline constexpr PartInfo kL4Parts[] = {
    l4::part(0x464, "STM32L412xx/422xx", 128, maps::uniform<64, 2048>(), Banks::One, {}, 0x20003100,
             0x20008000, 0x1FFF7800),
    l4::part(0x435, "STM32L43xxx/44xxx", 256, maps::uniform<128, 2048>(), Banks::One, {},
             0x20003100, 0x2000C000, 0x1FFF7800),
    l4::part(0x462, "STM32L45xxx/46xxx", 512, maps::uniform<256, 2048>(), Banks::One, {},
             0x20003100, 0x20020000, 0x1FFF7800),
    l4::part(0x415, "STM32L47xxx/48xxx", 1024, maps::two_banks<256, 2048>(), Banks::TwoAtMax, {},
             0x20003100, 0x20018000, 0x1FFF7800),
    l4::part(0x461, "STM32L496xx/4A6xx", 1024, maps::two_banks<256, 2048>(), Banks::TwoAtMax, {},
             0x20003100, 0x20040000, 0x1FFF7800),
    l4::part(0x470, "STM32L4Rxx/4Sxx", 2048, maps::uniform<256, 8192>(), Banks::ByOption,
             maps::two_banks<256, 4096>(), 0x20003200, 0x200A0000, 0x1FFF7800),
    l4::part(0x471, "STM32L4P5xx/Q5xx", 1024, maps::uniform<256, 4096>(), Banks::ByOption,
             maps::two_banks<256, 2048>(), 0x20004000, 0x20050000, 0x1FF00000),
};

}  // namespace sysboot::stm32
