// STM32F1 (Cortex-M3, RM0008/RM0041). Sources, per field:
// - DEV_ID, SRAM end, ROM RAM, flash size, page size, option bytes, system memory (its start
//   is the ROM vector table): AN2606 "Bootloader device-dependent parameters", as copied in
//   stm32flash dev_table.c (rows 0x412, 0x410, 0x414, 0x420, 0x428, 0x418, 0x430).
// - IDCODE: CMSIS cmsis_device_f1 stm32f1xxxx.h DBGMCU_BASE (0xE0042000).
// - Flash size register: CMSIS FLASHSIZE_BASE (0x1FFFF7E0). Option bytes: CMSIS OB_BASE.
// - Software reset flag: CMSIS RCC_CSR_SFTRSTF_Pos (28); RCC->CSR at 0x40021024.
// - Write alignment: RM0008 "Flash memory programming" (half-word programming): 2.
// - Erase: the F10xxx ROM is USART protocol V2.2 (AN2606 "Bootloader versions") and
//   offers Erase (0x43), not Extended Erase (AN3155 §3.7/§3.8: the two are exclusive); a
//   published stm32bl session with an STM32F103C8 shows the ROM taking 0x43.
// - XL density: two banks of 512 KiB (RM0008 "Flash module organization", XL-density),
//   pages numbered on across the banks.
// STM32F10x errata sheets: early silicon reads DBGMCU_IDCODE as 0 outside debug mode.
#pragma once

#include "sysboot/stm32/maps.hpp"
#include "sysboot/stm32/part.hpp"

namespace sysboot::stm32 {

namespace f1 {
constexpr PartInfo part(uint16_t id, const char* name, uint16_t kib, an3155::SectorMap map,
                        Banks banks, uint32_t rom_vectors, uint32_t rom_ram_end,
                        uint32_t sram_end) {
    return {id,
            Family::F1,
            name,
            Core::M3,
            0xE0042000,
            rom_vectors,
            {rom_vectors, 0x1FFFF800 - rom_vectors},
            {0x20000000, rom_ram_end - 0x20000000},
            {},
            {0x20000000, sram_end - 0x20000000},
            {0x40021024, 28},
            0x08000000,
            0x1FFFF7E0,
            kib,
            map,
            banks,
            {},
            2,
            0x1FFFF800,
            EraseCommand::Erase,
            kUsart};
}
}  // namespace f1

inline constexpr PartInfo kF1Parts[] = {
    f1::part(0x412, "STM32F10xxx Low-density", 32, maps::uniform<32, 1024>(), Banks::One,
             0x1FFFF000, 0x20000200, 0x20002800),
    f1::part(0x410, "STM32F10xxx Medium-density", 128, maps::uniform<128, 1024>(), Banks::One,
             0x1FFFF000, 0x20000200, 0x20005000),
    f1::part(0x414, "STM32F10xxx High-density", 512, maps::uniform<256, 2048>(), Banks::One,
             0x1FFFF000, 0x20000200, 0x20010000),
    f1::part(0x420, "STM32F10xxx Medium-density VL", 128, maps::uniform<128, 1024>(), Banks::One,
             0x1FFFF000, 0x20000200, 0x20002000),
    f1::part(0x428, "STM32F10xxx High-density VL", 512, maps::uniform<256, 2048>(), Banks::One,
             0x1FFFF000, 0x20000200, 0x20008000),
    f1::part(0x418, "STM32F105xx/F107xx", 256, maps::uniform<128, 2048>(), Banks::One, 0x1FFFB000,
             0x20001000, 0x20010000),
    f1::part(0x430, "STM32F10xxx XL-density", 1024, maps::two_banks<256, 2048>(), Banks::TwoAtMax,
             0x1FFFE000, 0x20000800, 0x20018000),
};

}  // namespace sysboot::stm32
