// STM32F0 (Cortex-M0, RM0091/RM0360). Sources, per field:
// - DEV_ID, SRAM end, ROM RAM (below the RAM the ROM leaves to the host), flash end, page
//   size, option bytes, system memory: AN2606 "Bootloader device-dependent parameters", as
//   copied in stm32flash dev_table.c (one row per DEV_ID below).
// - ROM vectors: the start of system memory (AN2606 device tables; stm32flash).
// - IDCODE: CMSIS cmsis_device_f0 stm32f0xxxx.h DBGMCU_BASE (APBPERIPH_BASE + 0x15800).
// - Flash size register: CMSIS FLASHSIZE_BASE (0x1FFFF7CC). Option bytes: CMSIS OB_BASE.
// - Software reset flag: CMSIS RCC_CSR_SFTRSTF_Pos (28); RCC->CSR at 0x40021024.
// - Write alignment: RM0091 "Flash memory" (main Flash memory programming): the flash
//   programs half-words, so 2 (AN3155 still asks for 4-byte multiples, see maps of the host).
// The Cortex-M0 has no VTOR: an application enters the ROM by remapping system memory to 0
// (SYSCFG_CFGR1.MEM_MODE, RM0091 "SYSCFG configuration register 1").
#pragma once

#include "sysboot/stm32/maps.hpp"
#include "sysboot/stm32/part.hpp"

namespace sysboot::stm32 {

namespace f0 {
constexpr PartInfo part(uint16_t id, const char* name, uint16_t kib, an3155::SectorMap map,
                        uint32_t rom_vectors, uint32_t rom_ram_end, uint32_t sram_end) {
    return {id,
            Family::F0,
            name,
            Core::M0,
            0x40015800,
            rom_vectors,
            {rom_vectors, 0x1FFFF800 - rom_vectors},
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
}  // namespace f0

inline constexpr PartInfo kF0Parts[] = {
    // stm32flash rows 0x440, 0x444, 0x442, 0x445, 0x448 (AN2606 F0 sections).
    f0::part(0x440, "STM32F030x8/F05xxx", 64, maps::uniform<64, 1024>(), 0x1FFFEC00, 0x20000800,
             0x20002000),
    f0::part(0x444, "STM32F03xx4/6", 32, maps::uniform<32, 1024>(), 0x1FFFEC00, 0x20000800,
             0x20001000),
    f0::part(0x442, "STM32F030xC/F09xxx", 256, maps::uniform<128, 2048>(), 0x1FFFD800, 0x20001800,
             0x20008000),
    f0::part(0x445, "STM32F04xxx/F070x6", 32, maps::uniform<32, 1024>(), 0x1FFFC400, 0x20001800,
             0x20001800),
    f0::part(0x448, "STM32F070xB/F071xx/F072xx", 128, maps::uniform<64, 2048>(), 0x1FFFC800,
             0x20001800, 0x20004000),
};

}  // namespace sysboot::stm32
