// STM32F4 (Cortex-M4, RM0090/RM0368/RM0383/RM0390/RM0401/RM0402/RM0386/RM0430). Sources:
// - DEV_ID, SRAM end, ROM RAM (below 0x20003000), flash size, option bytes, system memory
//   (its start is the ROM vector table): AN2606 "Bootloader device-dependent parameters",
//   as copied in stm32flash dev_table.c (one row per DEV_ID). stm32loader gives the F40x
//   ROM (bootloader V3.1) only 0x20002000: the table keeps the AN2606 copy.
// - IDCODE: CMSIS cmsis_device_f4 stm32f4xxxx.h DBGMCU_BASE (0xE0042000).
// - Flash size register: CMSIS FLASHSIZE_BASE (0x1FFF7A22).
// - Software reset flag: CMSIS RCC_CSR_SFTRSTF_Pos (28); RCC->CSR at 0x40023874.
// - Sectors: the reference manuals' "Flash module organization" tables (maps.hpp).
// - Write alignment: x8..x32 parallelism (RM0090 "Programming"); AN3155 §3.6 asks 4-byte
//   multiples, so 4.
// - F42x/43x and F469/479: 2 MiB parts have two banks; 1 MiB parts choose with DB1M
//   (RM0090 "Flash option control register", DB1M bit), not decoded here.
#pragma once

#include "sysboot/stm32/maps.hpp"
#include "sysboot/stm32/part.hpp"

namespace sysboot::stm32 {

namespace f4 {
constexpr PartInfo part(uint16_t id, const char* name, uint16_t kib, an3155::SectorMap map,
                        Banks banks, uint32_t sram_end) {
    return {id,
            Family::F4,
            name,
            Core::M4,
            0xE0042000,
            0x1FFF0000,
            {0x1FFF0000, 0x7800},
            {0x20000000, 0x3000},
            {},
            {0x20000000, sram_end - 0x20000000},
            {0x40023874, 28},
            0x08000000,
            0x1FFF7A22,
            kib,
            map,
            banks,
            {},
            4,
            0x1FFFC000,
            EraseCommand::Unknown,
            kUsart};
}
}  // namespace f4

inline constexpr PartInfo kF4Parts[] = {
    f4::part(0x413, "STM32F40xxx/41xxx", 1024, maps::f2f4_sectors<7>(), Banks::One, 0x20020000),
    f4::part(0x419, "STM32F42xxx/43xxx", 2048, maps::kF4Dual2M, Banks::TwoAtMax, 0x20030000),
    f4::part(0x423, "STM32F401xB(C)", 256, maps::f2f4_sectors<1>(), Banks::One, 0x20010000),
    f4::part(0x433, "STM32F401xD(E)", 512, maps::f2f4_sectors<3>(), Banks::One, 0x20018000),
    f4::part(0x458, "STM32F410xx", 128, maps::f2f4_sectors<0>(), Banks::One, 0x20008000),
    f4::part(0x431, "STM32F411xx", 512, maps::f2f4_sectors<3>(), Banks::One, 0x20020000),
    f4::part(0x441, "STM32F412xx", 1024, maps::f2f4_sectors<7>(), Banks::One, 0x20040000),
    f4::part(0x421, "STM32F446xx", 512, maps::f2f4_sectors<3>(), Banks::One, 0x20020000),
    f4::part(0x434, "STM32F469xx/479xx", 2048, maps::kF4Dual2M, Banks::TwoAtMax, 0x20060000),
    f4::part(0x463, "STM32F413xx/423xx", 1536, maps::f2f4_sectors<11>(), Banks::One, 0x20050000),
};

}  // namespace sysboot::stm32
