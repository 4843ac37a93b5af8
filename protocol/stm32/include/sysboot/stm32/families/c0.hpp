// STM32C0 (Cortex-M0+, RM0490). Sources, per field:
// - DEV_ID, ROM vectors, system memory, ROM RAM: AN2606 STM32C011xx/C031xx bootloader
//   sections, as stm32flash dev_table.c drafts them (0x443/0x453: system memory
//   0x1FFF0000-0x1FFF17FF, RAM from 0x20001000); 0x493 (C071) from OpenOCD stm32l4x.c
//   (AN2606 not read: its system memory size and ROM RAM stay unknown). ROM RAM is disputed:
//   stm32flash below 0x20001000, stm32loader below 0x20002000 on C031 (and a C011 range
//   larger than its SRAM); the table holds the union, the range a host must avoid.
// - IDCODE: CMSIS cmsis_device_c0 stm32c0xxxx.h DBG_BASE (0x40015800, IDCODE at offset 0).
// - SRAM: CMSIS SRAM_SIZE_MAX. Flash size register: CMSIS FLASHSIZE_BASE (0x1FFF75A0).
// - Software reset flag: CMSIS RCC_CSR2_SFTRSTF_Pos (28) in RCC->CSR2 (RCC_BASE 0x40021000,
//   CSR2 at 0x60).
// - Flash: RM0490 "Flash memory organization": 2 KiB pages; double-word (64-bit) programming
//   (RM0490 "Flash program and erase operations"), so writes start 8-byte aligned.
// - Option bytes: not in the C0 CMSIS headers nor in stm32flash: unknown.
#pragma once

#include "sysboot/stm32/maps.hpp"
#include "sysboot/stm32/part.hpp"

namespace sysboot::stm32 {

namespace c0 {
constexpr PartInfo part(uint16_t id, const char* name, uint16_t kib, an3155::SectorMap map,
                        Range system_memory, Range rom_ram, uint32_t sram_size) {
    return {id,
            Family::C0,
            name,
            Core::M0Plus,
            0x40015800,
            0x1FFF0000,
            system_memory,
            rom_ram,
            {},
            {0x20000000, sram_size},
            {0x40021060, 28},
            0x08000000,
            0x1FFF75A0,
            kib,
            map,
            Banks::One,
            {},
            8,
            kUnknown,
            EraseCommand::Unknown,
            kUsart};
}
}  // namespace c0

inline constexpr PartInfo kC0Parts[] = {
    // 0x443: stm32flash (AN2606 C011 section); 32 KiB (RM0490); SRAM 6 KiB (stm32c011xx.h).
    c0::part(0x443, "STM32C011xx", 32, maps::uniform<16, 2048>(), {0x1FFF0000, 0x1800},
             {0x20000000, 0x1000}, 0x1800),
    // 0x453: stm32flash (AN2606 C031 section); 32 KiB; SRAM 12 KiB (stm32c031xx.h); ROM RAM
    // below 0x20002000 (stm32loader, the larger of the two).
    c0::part(0x453, "STM32C031xx", 32, maps::uniform<16, 2048>(), {0x1FFF0000, 0x1800},
             {0x20000000, 0x2000}, 0x3000),
    // 0x493: OpenOCD stm32l4x.c; 128 KiB (stm32c071xx.h FLASH_SIZE_DEFAULT); SRAM 24 KiB.
    c0::part(0x493, "STM32C071xx", 128, maps::uniform<64, 2048>(), {0x1FFF0000, kUnknown}, {},
             0x6000),
};

}  // namespace sysboot::stm32
