// STM32G0 (Cortex-M0+, RM0444/RM0454). Sources, per field:
// - DEV_ID, SRAM end, ROM RAM, flash size, page size, option bytes, system memory (its start
//   is the ROM vector table): AN2606 "Bootloader device-dependent parameters", as copied in
//   stm32flash dev_table.c (rows 0x466, 0x460, 0x467, 0x456).
// - IDCODE: CMSIS cmsis_device_g0 stm32g0xxxx.h DBG_BASE (0x40015800, IDCODE at offset 0).
// - Flash size register: CMSIS FLASHSIZE_BASE (0x1FFF75E0).
// - Software reset flag: CMSIS RCC_CSR_SFTRSTF_Pos (28); RCC->CSR at 0x40021060.
// - Write alignment: RM0444 "Flash program and erase operations": double-word (64-bit)
//   programming, so 8.
// - G0B0/B1/C1 (0x467): the 512 KiB parts have two banks; the DUAL_BANK option of the
//   smaller ones (RM0444 "FLASH option register") is not decoded here.
#pragma once

#include "sysboot/stm32/maps.hpp"
#include "sysboot/stm32/part.hpp"

namespace sysboot::stm32 {

namespace g0 {
constexpr PartInfo part(uint16_t id, const char* name, uint16_t kib, an3155::SectorMap map,
                        Banks banks, uint32_t system_memory_size, uint32_t rom_ram_end,
                        uint32_t sram_end) {
    return {id,
            Family::G0,
            name,
            Core::M0Plus,
            0x40015800,
            0x1FFF0000,
            {0x1FFF0000, system_memory_size},
            {0x20000000, rom_ram_end - 0x20000000},
            {},
            {0x20000000, sram_end - 0x20000000},
            {0x40021060, 28},
            0x08000000,
            0x1FFF75E0,
            kib,
            map,
            banks,
            {},
            8,
            0x1FFF7800,
            EraseCommand::Unknown,
            kUsart};
}
}  // namespace g0

inline constexpr PartInfo kG0Parts[] = {
    g0::part(0x466, "STM32G03xxx/04xxx", 64, maps::uniform<32, 2048>(), Banks::One, 0x2000,
             0x20001000, 0x20002000),
    g0::part(0x460, "STM32G07xxx/08xxx", 128, maps::uniform<64, 2048>(), Banks::One, 0x7000,
             0x20002700, 0x20009000),
    g0::part(0x467, "STM32G0B0/B1/C1xx", 512, maps::two_banks<128, 2048>(), Banks::TwoAtMax, 0x7000,
             0x20004000, 0x20020000),
    g0::part(0x456, "STM32G05xxx/061xx", 64, maps::uniform<32, 2048>(), Banks::One, 0x2000,
             0x20001000, 0x20004800),
};

}  // namespace sysboot::stm32
