// STM32F4 chip hooks for the hand-off (sysboot_chip_hooks_t): peripheral reset pulses and the
// clock tree back to its reset state. Every wait is bounded by kWaitIterations and reports a
// status instead of hanging (docs/handoff.md, F6). rdp_level, watchdog_running and the reset
// flags are the F4/F7 ones (sysboot/stm32/f4f7_status.hpp).
#include "sysboot/mmio.hpp"
#include "sysboot/stm32/bounded.hpp"
#include "sysboot/stm32/f4f7_reset.hpp"
#include "sysboot/stm32f4/device.hpp"
#include "sysboot/stm32f4/flash_pwr.hpp"
#include "sysboot/stm32f4/rcc.hpp"

namespace sysboot::stm32f4::hooks {

namespace {

bool wait_for(std::uint32_t reg, std::uint32_t mask, std::uint32_t want) {
    return stm32::wait_bounded<kWaitIterations>(reg, mask, want);
}

// Peripherals the ROM uses or listens on (AN2606 F4 configuration tables), per reset register
// (AHB1, AHB2, APB1, APB2: the F4/F7 walk, sysboot/stm32/f4f7_reset.hpp). AHB2 is USB OTG FS
// (DFU on PA11/PA12) on every line.
using ResetSet = stm32::f4f7::ResetWalk;
static_assert(rcc::AHB2_OTGFS == stm32::f4f7::RCC_AHB2_OTGFS);
constexpr std::uint32_t kDma = rcc::AHB1_DMA1 | rcc::AHB1_DMA2;  // an app's DMA may still run
constexpr std::uint32_t kI2c = rcc::APB1_I2C1 | rcc::APB1_I2C2 | rcc::APB1_I2C3;
// F401/F411 (AN2606 Tables 77, 79, 83): USART1 PA9/PA10, USART2 PD5/PD6, I2C1 PB6/PB7, I2C2
// PB10/PB3, I2C3 PA8/PB4, SPI1 PA4-PA7, SPI2 PB12-PB15, SPI3 PA15/PC10-PC12, DFU PA11/PA12,
// TIM11 (measures the HSE for DFU): ports A-D.
constexpr ResetSet kResetF401F411{
    {rcc::AHB1_GPIOA | rcc::AHB1_GPIOB | rcc::AHB1_GPIOC | rcc::AHB1_GPIOD | kDma, rcc::AHB2_OTGFS,
     rcc::APB1_USART2 | kI2c | rcc::APB1_SPI2 | rcc::APB1_SPI3,
     rcc::APB2_USART1 | rcc::APB2_SPI1 | rcc::APB2_TIM11}};
// F446 (AN2606 Table 93): USART1 PA9/PA10, USART3 PB10/PB11 and PC10/PC11, CAN2 PB5/PB13
// (CAN1 clocked with it: it owns the filters), I2C1 PB6/PB9, I2C2 PF1/PF0, I2C3 PA8/PC9, SPI1
// PA4-PA7, SPI2 PB12/PB14/PB15/PC7, SPI4 PE11-PE14, DFU PA11/PA12. The table names TIM17 for
// the HSE measurement, a timer the F446 does not have (RM0390 §6.3.14 APB2ENR): TIM11 is
// reset, as on every other F4 line.
constexpr ResetSet kResetF446{
    {rcc::AHB1_GPIOA | rcc::AHB1_GPIOB | rcc::AHB1_GPIOC | rcc::AHB1_GPIOE | rcc::AHB1_GPIOF | kDma,
     rcc::AHB2_OTGFS, rcc::APB1_USART3 | kI2c | rcc::APB1_SPI2 | rcc::APB1_CAN1 | rcc::APB1_CAN2,
     rcc::APB2_USART1 | rcc::APB2_SPI1 | rcc::APB2_SPI4 | rcc::APB2_TIM11}};
// F405/407/415/417 (AN2606 F40xxx/41xxx tables): USART1, USART3 (PB10/PB11, PC10/PC11),
// CAN2, DFU, TIM11; V9.x adds I2C1-3 and SPI1/2, whose pins include port F (I2C2) and port I
// (SPI2) as on the F42x.
constexpr ResetSet kResetF40x{
    {rcc::AHB1_GPIOA | rcc::AHB1_GPIOB | rcc::AHB1_GPIOC | rcc::AHB1_GPIOF | rcc::AHB1_GPIOI | kDma,
     rcc::AHB2_OTGFS, rcc::APB1_USART3 | kI2c | rcc::APB1_SPI2 | rcc::APB1_CAN1 | rcc::APB1_CAN2,
     rcc::APB2_USART1 | rcc::APB2_SPI1 | rcc::APB2_TIM11}};

// USB OTG FS is held in reset long enough for the host to see the app's device leave (USB 2.0
// §7.1.7.3: a disconnect is detected after 2.5 us of SE0; ~10 ms at 180 MHz here).
constexpr std::uint32_t kUsbDisconnectSpins = 500'000;

sysboot_status_t reset_set(const ResetSet& s) {
    return stm32::f4f7::reset_walk<kWaitIterations>(s, kUsbDisconnectSpins);
}

// What differs between the lines in the clock tree's reset state.
struct ClockLine {
    bool pllsai;                  // F446: PLLSAI (RCC_CR bits 28/29)
    bool over_drive;              // F446: PWR_CR ODEN/ODSWEN (RM0390 §5.1.4)
    std::uint32_t pwr_vos_reset;  // PWR_CR VOS at reset
    bool ahb3;                    // RCC_AHB3ENR exists
    bool dckcfgr;                 // RCC_DCKCFGR exists
    bool dckcfgr2;                // RCC_DCKCFGR2 exists
    bool ccm_ram;                 // AHB1ENR resets with CCMDATARAMEN set
};
// PWR_CR reset values: RM0090 §5.4.1 0x0000 4000 (VOS = 1, scale 1); RM0368 §5.4.1 and RM0383
// §5.4.1 0x0000 8000 (VOS = 10, scale 2); RM0390 §5.4.1 0x0000 C000 (VOS = 11, scale 1).
constexpr ClockLine kClocksF401{false, false, 0x2u << 14, false, true, false, false};
constexpr ClockLine kClocksF411{false, false, 0x2u << 14, false, true, false, false};
constexpr ClockLine kClocksF40x{false, false, 0x1u << 14, true, false, false, true};
constexpr ClockLine kClocksF446{true, true, 0x3u << 14, true, true, true, false};

// Steps 1-3: HSI on, selected with the app's prescalers (switching to a slower clock with the
// old dividers is always in range), then prescalers and MCOs to reset. On a switch timeout
// CFGR is put back: nothing changed.
sysboot_status_t select_hsi() {
    mmio::set_bits32(rcc::CR, rcc::CR_HSION);
    if (!wait_for(rcc::CR, rcc::CR_HSIRDY, rcc::CR_HSIRDY)) {
        return SYSBOOT_ERR_CLOCK_TIMEOUT;
    }
    const std::uint32_t cfgr = mmio::read32(rcc::CFGR);
    mmio::write32(rcc::CFGR, (cfgr & ~rcc::CFGR_SW_MASK) | rcc::CFGR_SW_HSI);
    if (!wait_for(rcc::CFGR, rcc::CFGR_SWS_MASK, rcc::CFGR_SWS_HSI)) {
        mmio::write32(rcc::CFGR, cfgr);
        return SYSBOOT_ERR_CLOCK_TIMEOUT;
    }
    mmio::write32(rcc::CFGR, rcc::CFGR_RESET);
    return SYSBOOT_OK;
}

// Step 4: flash wait states back to 0 only now that HCLK is 16 MHz (RM0090 §3.5.1: lower the
// latency after the frequency), the ART caches reset while disabled (§3.5.2), then ACR = 0;
// the new latency is checked by reading ACR back (§3.5.1).
bool flash_to_reset() {
    mmio::clear_bits32(flash::ACR, (flash::ACR_ICEN | flash::ACR_DCEN | flash::ACR_PRFTEN));
    mmio::set_bits32(flash::ACR, (flash::ACR_ICRST | flash::ACR_DCRST));
    mmio::write32(flash::ACR, flash::ACR_RESET);
    return wait_for(flash::ACR, flash::ACR_LATENCY_MASK, 0);
}

// Step 5: PLL, PLLI2S (and PLLSAI) off and stopped, then HSE/CSS off and stopped, then HSEBYP
// (writable only with HSE off, RM0090 §7.3.1) and HSITRIM back; PLLCFGR, DCKCFGR(2) and the
// RCC interrupts to reset. PLLI2SCFGR/PLLSAICFGR are left: those PLLs are off, the ROM uses
// neither, and their reset values differ per line.
bool oscillators_to_reset(const ClockLine& l) {
    const std::uint32_t on = rcc::CR_PLLON | rcc::CR_PLLI2SON | (l.pllsai ? rcc::CR_PLLSAION : 0u);
    const std::uint32_t rdy =
        rcc::CR_PLLRDY | rcc::CR_PLLI2SRDY | (l.pllsai ? rcc::CR_PLLSAIRDY : 0u);
    mmio::write32(rcc::CR, mmio::read32(rcc::CR) & ~on);
    if (!wait_for(rcc::CR, rdy, 0)) {
        return false;
    }
    mmio::clear_bits32(rcc::CR, (rcc::CR_HSEON | rcc::CR_CSSON));
    if (!wait_for(rcc::CR, rcc::CR_HSERDY, 0)) {
        return false;
    }
    mmio::write32(rcc::CR, (mmio::read32(rcc::CR) & ~(rcc::CR_HSEBYP | rcc::CR_HSITRIM_MASK)) |
                               rcc::CR_HSITRIM_RESET);
    mmio::write32(rcc::PLLCFGR, rcc::PLLCFGR_RESET);
    if (l.dckcfgr) {
        mmio::write32(rcc::DCKCFGR, 0);  // TIMPRE: the ROM's TIM11 sees the clock it expects
    }
    if (l.dckcfgr2) {
        mmio::write32(rcc::DCKCFGR2, 0);  // CK48MSEL: USB 48 MHz from the main PLL's Q
    }
    mmio::write32(rcc::CIR, rcc::CIR_CLEAR_FLAGS);
    return true;
}

// Step 6: over-drive off (RM0390 §5.1.4: with HSI as system clock, clear ODSWEN, wait
// ODSWRDY = 0, then ODEN) and the voltage scale back (VOS may change only with the PLL off,
// RM0390 §5.4.1), then every peripheral clock back to reset.
bool power_and_enables_to_reset(const ClockLine& l) {
    mmio::set_bits32(rcc::APB1ENR, rcc::APB1ENR_PWREN);
    (void)mmio::read32(rcc::APB1ENR);  // RM0090 §7.3: a read delays the first access after enable
    const std::uint32_t cr = mmio::read32(pwr::CR);
    if (l.over_drive && (cr & (pwr::CR_ODEN | pwr::CR_ODSWEN)) != 0) {
        mmio::write32(pwr::CR, cr & ~pwr::CR_ODSWEN);
        if (!wait_for(pwr::CSR, pwr::CSR_ODSWRDY, 0)) {
            return false;
        }
        mmio::clear_bits32(pwr::CR, pwr::CR_ODEN);
        if (!wait_for(pwr::CSR, pwr::CSR_ODRDY, 0)) {
            return false;
        }
    }
    mmio::write32(pwr::CR, (mmio::read32(pwr::CR) & ~pwr::CR_VOS_MASK) | l.pwr_vos_reset);

    const std::uint32_t keep = mmio::read32(rcc::AHB1ENR) & rcc::AHB1ENR_CCMDATARAMEN;
    mmio::write32(rcc::AHB1ENR, l.ccm_ram ? rcc::AHB1ENR_CCMDATARAMEN : keep);
    mmio::write32(rcc::AHB2ENR, 0);
    if (l.ahb3) {
        mmio::write32(rcc::AHB3ENR, 0);
    }
    mmio::write32(rcc::APB1ENR, 0);
    mmio::write32(rcc::APB2ENR, 0);
    return true;
}

// RCC back to its reset state (RM0090 §7.3, RM0383 §6.3, RM0390 §6.3 reset values), in the
// order above.
sysboot_status_t restore_clocks(const ClockLine& l) {
    const sysboot_status_t s = select_hsi();
    if (s != SYSBOOT_OK) {
        return s;
    }
    if (!flash_to_reset() || !oscillators_to_reset(l) || !power_and_enables_to_reset(l)) {
        return SYSBOOT_ERR_CLOCK_TIMEOUT;
    }
    return SYSBOOT_OK;
}

}  // namespace

sysboot_status_t restore_clocks_f401() {
    return restore_clocks(kClocksF401);
}
sysboot_status_t restore_clocks_f40x() {
    return restore_clocks(kClocksF40x);
}
sysboot_status_t restore_clocks_f411() {
    return restore_clocks(kClocksF411);
}
sysboot_status_t restore_clocks_f446() {
    return restore_clocks(kClocksF446);
}

sysboot_status_t reset_peripherals_f401_f411() {
    return reset_set(kResetF401F411);
}
sysboot_status_t reset_peripherals_f40x() {
    return reset_set(kResetF40x);
}
sysboot_status_t reset_peripherals_f446() {
    return reset_set(kResetF446);
}

}  // namespace sysboot::stm32f4::hooks
