// STM32U5 (Cortex-M33, RM0456). Sources, per field:
// - DEV_ID, SRAM end, ROM RAM (below 0x20004000), system memory 0x0BF90000-0x0BF9FFFF (its
//   start is the ROM vector table): AN2606 "Bootloader device-dependent parameters", as
//   copied in stm32loader devices.py (rows 0x455, 0x482, 0x481; stm32flash has 0x482).
// - IDCODE: CMSIS cmsis_device_u5 stm32u5xxxx.h DBGMCU_BASE (0xE0044000).
// - Flash size register: CMSIS FLASHSIZE_BASE (0x0BFA07A0).
// - Software reset flag: CMSIS RCC_CSR_SFTRSTF_Pos (28); non-secure RCC->CSR at 0x46020CF4.
// - Pages: CMSIS FLASH_PAGE_SIZE (8 KiB), FLASH_PAGE_NB = FLASH_BANK_SIZE / page: two banks
//   of half the flash. Write alignment: quad-word (128-bit) programming (RM0456 "Flash
//   program and erase operations"): 16.
// - Option bytes are registers, not a memory image. TrustZone as on L5.
#pragma once

#include "sysboot/stm32/maps.hpp"
#include "sysboot/stm32/part.hpp"

namespace sysboot::stm32 {

namespace u5 {
constexpr PartInfo part(uint16_t id, const char* name, uint16_t kib, an3155::SectorMap map,
                        uint32_t sram_end) {
    return {id,
            Family::U5,
            name,
            Core::M33,
            0xE0044000,
            0x0BF90000,
            {0x0BF90000, 0x10000},
            {0x20000000, 0x4000},
            {},
            {0x20000000, sram_end - 0x20000000},
            {0x46020CF4, 28},
            0x08000000,
            0x0BFA07A0,
            kib,
            map,
            Banks::TwoHalves,
            {},
            16,
            kUnknown,
            EraseCommand::Unknown,
            kUsart};
}
}  // namespace u5

inline constexpr PartInfo kU5Parts[] = {
    u5::part(0x455, "STM32U535xx/545xx", 512, maps::two_banks<32, 8192>(), 0x20040000),
    u5::part(0x482, "STM32U575xx/585xx", 2048, maps::two_banks<128, 8192>(), 0x200C0000),
    u5::part(0x481, "STM32U59xxx/5Axxx", 4096, maps::two_banks<256, 8192>(), 0x20270000),
};

}  // namespace sysboot::stm32
