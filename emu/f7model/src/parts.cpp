// The STM32 parts the model knows, one board part each: three F7 lines, two F4 lines, one G0,
// two H7 lines, one G4 and one L4 line.
#include "f7model/model.hpp"

namespace f7model {

namespace {

// DEV_ID: §40.6.1 of each RM. Flash size register: RM0385/RM0410 §45.2 0x1FF0F442, RM0431
// §45.2 0x1FF07A22. SRAM: §2.2.2 memory maps. Caches: RM §1 / Cortex-M7 TRM (F74x 4+4 KiB,
// F76x 16+16 KiB, F72x 8+8 KiB). IRQ lines: §10.1.2 vector tables. Bootloader ID: AN2606.
// OPTCR as shipped: RDP 0xAA, nWRP all 1, IWDG_SW/WWDG_SW/nRST_* 1, BOR off, OPTLOCK 1;
// F76x also nDBOOT/nDBANK = 1 (RM0410 §3.7.6).
// CPUID (DDI0403E §B3.2.3; Cortex-M7 TRM §3.2): implementer 0x41, variant [23:20],
// architecture 0xF, part 0xC27, revision [3:0]. F74x/F75x carry r0p1, F76x/F77x and F72x/F73x
// r1p0 (ST's CMSIS device headers: __CM7_REV 0x0001 and 0x0100).
constexpr std::uint32_t kCpuidR0p1 = 0x410FC271u, kCpuidR1p0 = 0x411FC270u;
// F7 system memory 0x1FF00000 with the bootloader ID at 0x1FF0EDBE (AN2606 Table 3); the fake
// ROM's SP at the top of the ROM's 16 KiB. PWR_CR1 resets to VOS scale 1 (RM0410 §4.4.1),
// AHB1ENR to DTCMRAMEN (§5.3.10). Over-drive above 180 MHz (§4.1.4), APB1 54 MHz, APB2
// 108 MHz (§5.2).
constexpr std::uint32_t kF7Rom = 0x1FF00000, kF7BootloaderId = 0x1FF0EDBE, kF7RomSp = 0x20003FF8,
                        kF7Pwr = 0x0000C000u, kF7Ahb1enr = 0x00100000u;
// STM32F4 (RM0390 F446, RM0383 F411): DEV_ID 0x421 / 0x431 (DBG "MCU device ID code"),
// flash size register 0x1FFF7A22 ("Flash size"), SRAM 128 KiB from 0x20000000, no TCM and
// no L1 caches (Cortex-M4), IRQ lines 97 (F446, last FMPI2C1_ER = 96) and 86 (F411, last
// SPI5 = 85; ST's CMSIS IRQn tables). System memory 0x1FFF0000, bootloader ID at 0x1FFF76DE:
// 0x90 (F446), 0xD0 (F411) (AN2606 Table 3); the fake ROM's SP at the top of the ROM's 12 KiB
// (AN2606 Tables 83, 93). OPTCR as shipped 0x0FFFAAED: RDP 0xAA, WDG_SW/nRST_* 1, BOR off,
// OPTLOCK (RM0390 §3.8.6). CPUID Cortex-M4 r0p1 (Cortex-M4 TRM §3.2; CMSIS __CM4_REV 0x0001).
// PWR_CR resets to VOS scale 1 on F446 (RM0390 §5.4.1) and scale 2 on F411 (RM0383 §5.4.1).
// AHB1ENR resets to 0 on both (no CCM RAM enable, RM0383 §6.3.9, RM0390 §6.3.10). F446:
// over-drive above 168 MHz (RM0390 §5.1.4), APB1 45 MHz, APB2 90 MHz (§6.2); F411: no
// over-drive, 100 MHz at most, APB1 50 MHz, APB2 100 MHz (RM0383 §6.2).
constexpr std::uint32_t kCpuidM4R0p1 = 0x410FC241u;
constexpr std::uint32_t kF4Rom = 0x1FFF0000, kF4BootloaderId = 0x1FFF76DE, kF4RomSp = 0x20002FF8,
                        kF4Optcr = 0x0FFFAAEDu;
const PartInfo kParts[] = {
    {Part::f74x, Family::f7, "STM32F746", 0x449,  1024,       0x1FF0F442,      320,
     16,         4,          4,           98,     0x90,       kF7BootloaderId, 0xC0FFAAFDu,
     kCpuidR0p1, kF7Rom,     kF7RomSp,    kF7Pwr, kF7Ahb1enr, 180'000'000,     54'000'000,
     108'000'000},
    {Part::f76x, Family::f7, "STM32F767", 0x451,  2048,       0x1FF0F442,      512,
     16,         16,         16,          110,    0x93,       kF7BootloaderId, 0xFFFFAAFDu,
     kCpuidR1p0, kF7Rom,     kF7RomSp,    kF7Pwr, kF7Ahb1enr, 180'000'000,     54'000'000,
     108'000'000},
    {Part::f72x, Family::f7, "STM32F722", 0x452,  512,        0x1FF07A22,      256,
     16,         8,          8,           104,    0x90,       kF7BootloaderId, 0xC0FFAAFDu,
     kCpuidR1p0, kF7Rom,     kF7RomSp,    kF7Pwr, kF7Ahb1enr, 180'000'000,     54'000'000,
     108'000'000},
    {Part::f446,
     Family::f4,
     "STM32F446",
     0x421,
     512,
     0x1FFF7A22,
     128,
     0,
     0,
     0,
     97,
     0x90,
     kF4BootloaderId,
     kF4Optcr,
     kCpuidM4R0p1,
     kF4Rom,
     kF4RomSp,
     0x0000C000u,
     0,
     168'000'000,
     45'000'000,
     90'000'000},
    {Part::f411,
     Family::f4,
     "STM32F411",
     0x431,
     512,
     0x1FFF7A22,
     128,
     0,
     0,
     0,
     86,
     0xD0,
     kF4BootloaderId,
     kF4Optcr,
     kCpuidM4R0p1,
     kF4Rom,
     kF4RomSp,
     0x00008000u,
     0,
     100'000'000,
     50'000'000,
     100'000'000},
    // STM32G071RB (NUCLEO-G071RB), RM0444: DEV_ID 0x460, flash size register 0x1FFF75E0,
    // 128 KiB flash, 36 KiB SRAM, 32 NVIC lines (CMSIS stm32g071xx.h IRQn), no caches. The
    // bootloader ID byte is not modelled (0: its address is unsourced, docs/families.md).
    // FLASH_OPTR as shipped 0xFFFFFEAA: RDP 0xAA, IWDG_SW 1, BOR off (RM0444 §3.4.1 factory
    // values). CPUID Cortex-M0+ r0p0 (part 0xC60, Armv6-M architecture 0xC; CMSIS
    // __CM0PLUS_REV 0). System memory 0x1FFF0000; the fake ROM's SP at the top of the ROM's
    // RAM, 0x20000000-0x200026FF (AN2606, family table row 0x460). PWR_CR1 resets to 0x208
    // (VOS range 1, RM0444 §4.4.1), RCC_AHBENR to FLASHEN (§5.4.14; the field that holds
    // AHB1ENR's reset on F4/F7). No over-drive: 64 MHz is the G0's maximum for HCLK and PCLK
    // (RM0444 §5.2).
    {Part::g071,  Family::g0,  "STM32G071", 0x460,      128,        0x1FFF75E0,
     36,          0,           0,           0,          32,         0,
     0,           0xFFFFFEAAu, 0x410CC600u, 0x1FFF0000, 0x200026F8, 0x00000208u,
     0x00000100u, 64'000'000,  64'000'000,  64'000'000},
    // STM32H7 (Family::h7). H743 (RM0433): DEV_ID 0x450, 2 MiB flash, flash size register
    // 0x1FF1E880 (RM0433 "Flash size"; CMSIS FLASHSIZE_BASE), DTCM 128 KiB, ITCM 64 KiB, L1 caches
    // 16 + 16 KiB, 150 IRQ lines (last WAKEUP_PIN = 149), Cortex-M7 r1p1 (CMSIS __CM7_REV
    // 0x0101). H723 (RM0468): DEV_ID 0x483, 1 MiB, caches 32 + 32 KiB, 163 IRQ lines (last
    // TIM24 = 162), r1p2 (CMSIS stm32h723xx.h: "r1p2"). ROM vector table 0x1FF09800 (the family
    // table, protocol/stm32 families/h7.hpp); the fake ROM's SP at the top of the ROM's DTCM
    // block (below 0x20004100). The bootloader ID is not modelled (0). "optcr_reset" holds
    // FLASH_OPTSR_CUR as shipped (RM0433 "FLASH registers"): RDP 0xAA, IWDG1_SW, nRST_STOP_D1,
    // nRST_STBY_D1, FZ_IWDG_STOP/SDBY set. "pwr_cr_reset" holds PWR_D3CR (VOS scale 3).
    // The voltage-scale limits and flash wait states are h7_chip.cpp's.
    {Part::h743, Family::h7,  "STM32H743", 0x450,      2048,       0x1FF1E880,
     128,        64,          16,          16,         150,        0,
     0,          0x0006AAD0u, 0x411FC271u, 0x1FF09800, 0x200040F8, 0x00004000u,
     0,          400'000'000, 100'000'000, 100'000'000},
    {Part::h723, Family::h7,  "STM32H723", 0x483,      1024,       0x1FF1E880,
     128,        64,          32,          32,         163,        0,
     0,          0x0006AAD0u, 0x411FC272u, 0x1FF09800, 0x200040F8, 0x00004000u,
     0,          400'000'000, 100'000'000, 100'000'000},
    // STM32G474 and STM32L476 (RM0440, RM0351; CMSIS stm32g474xx.h / stm32l476xx.h): DEV_ID
    // 0x469 / 0x415, flash size register FLASHSIZE_BASE 0x1FFF75E0, SRAM1(+SRAM2) contiguous
    // from 0x20000000: 96 KiB on both (SRAM1_SIZE_MAX + SRAM2_SIZE on G474, SRAM1_SIZE_MAX on
    // L476), IRQ lines 102 (G474: last FMAC = 101) and 82 (L476: last FPU = 81). System memory
    // 0x1FFF0000; the fake ROM's SP at the top of the ROM's RAM (AN2606 device-dependent
    // parameters: below 0x20004000 on G47x, 0x20003100 on L47x). Bootloader ID at 0x1FFF6FFE
    // on L476 (UM1879 "Bootloader limitations"; 0x92 = V9.2); the G4 firmware reads no ID (the
    // same address is used as a place holder). FLASH_OPTR as shipped: RDP 0xAA, IWDG_SW 1,
    // 0xFFEFF8AA (the bits the firmware reads: RDP [7:0], IWDG_SW bit 16). CPUID Cortex-M4 r0p1
    // (CMSIS __CM4_REV 0x0001). PWR_CR1 resets to VOS range 1 (0x0000 0200), RCC_AHB1ENR to
    // FLASHEN (0x0000 0100). Maximum HCLK and APB clocks: G474 170 MHz (boost), L476 80 MHz.
    {Part::g474,  Family::g4, "STM32G474", 0x469,       512,
     0x1FFF75E0,  96,         0,           0,           0,
     102,         0x00,       0x1FFF6FFE,  0xFFEFF8AAu, kCpuidM4R0p1,
     0x1FFF0000,  0x20003FF8, 0x00000200u, 0x00000100u, 170'000'000,
     170'000'000, 170'000'000},
    {Part::l476, Family::l4, "STM32L476", 0x415,       1024,
     0x1FFF75E0, 96,         0,           0,           0,
     82,         0x92,       0x1FFF6FFE,  0xFFEFF8AAu, kCpuidM4R0p1,
     0x1FFF0000, 0x200030F8, 0x00000200u, 0x00000100u, 80'000'000,
     80'000'000, 80'000'000},
};

}  // namespace

const PartInfo& part_info(Part p) {
    return kParts[static_cast<int>(p)];
}

}  // namespace f7model
