// STM32G0 chip hooks for the hand-off (sysboot_chip_hooks_t): reset cause, read-out
// protection, watchdog, peripheral reset pulses and the clock tree back to its reset state.
// Every wait is bounded by kWaitIterations and reports a status instead of hanging
// (docs/handoff.md, F6). Registers: sysboot/stm32g0/regs.hpp (RM0444, CMSIS cmsis_device_g0).
#include "sysboot/mmio.hpp"
#include "sysboot/stm32/bounded.hpp"
#include "sysboot/stm32g0/device.hpp"
#include "sysboot/stm32g0/regs.hpp"

namespace sysboot::stm32g0::hooks {

namespace {

bool wait_for(std::uint32_t reg, std::uint32_t mask, std::uint32_t want) {
    return stm32::wait_for(reg, mask, want, kWaitIterations);
}

bool pulse(std::uint32_t reg, std::uint32_t bits) {
    return stm32::pulse(reg, bits, kWaitIterations);
}

// Peripherals the ROM uses or listens on, per reset register (RM0444 §5.4.9-§5.4.12).
struct ResetSet {
    std::uint32_t iop;
    std::uint32_t ahb;
    std::uint32_t apb1;
    std::uint32_t apb2;
};
// G03x/G04x, G05x/G061, G07x/G08x (AN2606 STM32G0 bootloader sections): USART1 on PA9/PA10,
// USART2 on PA2/PA3, I2C1 PB6/PB7, I2C2 PB10/PB11, SPI1 PA4-PA7, SPI2 PB12-PB15: ports A and
// B. DMA1, because an application's transfer may still run into the ROM's RAM.
constexpr ResetSet kResetG0x{rcc::IOP_GPIOA | rcc::IOP_GPIOB, rcc::AHB_DMA1,
                             rcc::APB1_USART2 | rcc::APB1_I2C1 | rcc::APB1_I2C2 | rcc::APB1_SPI2,
                             rcc::APB2_USART1 | rcc::APB2_SPI1};
// G0B0/G0B1/G0C1 add USART3, USB (DFU on PA11/PA12), FDCAN1 (PD0/PD1: port D) and DMA2.
constexpr ResetSet kResetG0b{kResetG0x.iop | rcc::IOP_GPIOD, kResetG0x.ahb | rcc::AHB_DMA2,
                             kResetG0x.apb1 | rcc::APB1_USART3 | rcc::APB1_FDCAN, kResetG0x.apb2};

// USB is held in reset long enough for the host to see the app's device leave (USB 2.0
// §7.1.7.3: a disconnect is seen after 2.5 us of SE0; ~10 ms at 64 MHz here).
constexpr std::uint32_t kUsbDisconnectSpins = 200'000;

sysboot_status_t reset_set(const ResetSet& s, bool usb) {
    bool ok = pulse(rcc::IOPRSTR, s.iop) && pulse(rcc::AHBRSTR, s.ahb) &&
              pulse(rcc::APBRSTR1, s.apb1) && pulse(rcc::APBRSTR2, s.apb2);
    if (ok && usb) {
        const bool usb_was_on = (mmio::read32(rcc::APBENR1) & rcc::APB1_USB) != 0;
        mmio::set_bits32(rcc::APBRSTR1, rcc::APB1_USB);
        ok = wait_for(rcc::APBRSTR1, rcc::APB1_USB, rcc::APB1_USB);
        if (ok && usb_was_on) {
            for (std::uint32_t i = 0; i < kUsbDisconnectSpins; ++i) {
                asm volatile("nop");
            }
        }
        mmio::clear_bits32(rcc::APBRSTR1, rcc::APB1_USB);
        ok = ok && wait_for(rcc::APBRSTR1, rcc::APB1_USB, 0);
    }
    return ok ? SYSBOOT_OK : SYSBOOT_ERR_PERIPHERAL_TIMEOUT;
}

// Step 1: HSI16 on and SYSCLK back on HSISYS (SW = 000) with the app's prescalers (a slower
// clock with the old dividers is always in range), then HPRE, PPRE and MCO to reset (RM0444
// §5.2.7 "System clock switch", §5.4.3). On a switch timeout CFGR is put back: nothing changed.
sysboot_status_t select_hsisys() {
    mmio::set_bits32(rcc::CR, rcc::CR_HSION);
    if (!wait_for(rcc::CR, rcc::CR_HSIRDY, rcc::CR_HSIRDY)) {
        return SYSBOOT_ERR_CLOCK_TIMEOUT;
    }
    const std::uint32_t cfgr = mmio::read32(rcc::CFGR);
    mmio::write32(rcc::CFGR, (cfgr & ~rcc::CFGR_SW_MASK) | rcc::CFGR_SW_HSISYS);
    if (!wait_for(rcc::CFGR, rcc::CFGR_SWS_MASK, rcc::CFGR_SW_HSISYS << rcc::CFGR_SWS_SHIFT)) {
        mmio::write32(rcc::CFGR, cfgr);
        return SYSBOOT_ERR_CLOCK_TIMEOUT;
    }
    mmio::write32(rcc::CFGR, rcc::CFGR_RESET);
    return SYSBOOT_OK;
}

// Step 2: flash wait states back to 0 and prefetch off only now that HCLK is at most 16 MHz
// (RM0444 §3.3.4: lower LATENCY after the frequency; 0 WS holds up to 24 MHz in range 1),
// the instruction cache left on as at reset (ACR reset 0x0000 0600); LATENCY read back as
// §3.3.4 asks.
bool flash_to_reset() {
    const std::uint32_t acr = mmio::read32(flash::ACR);
    mmio::write32(flash::ACR,
                  (acr & ~(flash::ACR_LATENCY_MASK | flash::ACR_PRFTEN)) | flash::ACR_ICEN);
    return wait_for(flash::ACR, flash::ACR_LATENCY_MASK, 0);
}

// Step 3: PLL off and stopped, then HSE and CSS off and stopped, then RCC_CR to its reset
// value: HSIDIV = /1 (HSISYS 16 MHz, 0 WS still enough), HSEBYP cleared (writable only with
// HSE off, §5.4.1), HSIKERON and HSI48 off. PLLCFGR, the RCC interrupts and CCIPR (USART1/2
// kernel clock = PCLK, as the ROM computes its baud rate) back to reset.
bool oscillators_to_reset() {
    mmio::clear_bits32(rcc::CR, rcc::CR_PLLON);
    if (!wait_for(rcc::CR, rcc::CR_PLLRDY, 0)) {
        return false;
    }
    mmio::clear_bits32(rcc::CR, (rcc::CR_HSEON | rcc::CR_CSSON));
    if (!wait_for(rcc::CR, rcc::CR_HSERDY, 0)) {
        return false;
    }
    mmio::write32(rcc::CR, rcc::CR_HSION);
    mmio::write32(rcc::PLLCFGR, rcc::PLLCFGR_RESET);
    mmio::write32(rcc::CIER, 0);
    mmio::write32(rcc::CICR, rcc::CICR_ALL);
    mmio::write32(rcc::CCIPR, 0);
    return wait_for(rcc::CR, rcc::CR_HSIDIV_MASK | rcc::CR_HSIRDY, rcc::CR_HSIRDY);
}

// Step 4: main regulator in range 1 as after reset (PWR_CR1 reset 0x0000 0208, RM0444
// §4.4.1): leave low-power run (LPR = 0, wait REGLPF = 0, §4.3.3) and set VOS back to range 1
// (wait VOSF = 0, §4.1.4), then every peripheral clock to its reset value.
bool power_and_enables_to_reset() {
    mmio::set_bits32(rcc::APBENR1, rcc::APB1_PWR);
    (void)mmio::read32(rcc::APBENR1);  // a read delays the first PWR access after the enable
    if ((mmio::read32(pwr::CR1) & pwr::CR1_LPR) != 0) {
        mmio::clear_bits32(pwr::CR1, pwr::CR1_LPR);
        if (!wait_for(pwr::SR2, pwr::SR2_REGLPF, 0)) {
            return false;
        }
    }
    const std::uint32_t cr1 = mmio::read32(pwr::CR1);
    if ((cr1 & pwr::CR1_VOS_MASK) != pwr::CR1_VOS_RANGE1) {
        mmio::write32(pwr::CR1, (cr1 & ~pwr::CR1_VOS_MASK) | pwr::CR1_VOS_RANGE1);
        if (!wait_for(pwr::SR2, pwr::SR2_VOSF, 0)) {
            return false;
        }
    }
    mmio::write32(rcc::IOPENR, 0);
    mmio::write32(rcc::AHBENR, rcc::AHBENR_RESET);
    mmio::write32(rcc::APBENR1, 0);
    mmio::write32(rcc::APBENR2, 0);
    return true;
}

}  // namespace

// RCC back to its reset state (RM0444 §5.4 reset values) in the order above: switch first,
// then the flash latency, then the oscillators, then power and enables.
sysboot_status_t restore_clocks() {
    const sysboot_status_t s = select_hsisys();
    if (s != SYSBOOT_OK) {
        return s;
    }
    if (!flash_to_reset() || !oscillators_to_reset() || !power_and_enables_to_reset()) {
        return SYSBOOT_ERR_CLOCK_TIMEOUT;
    }
    return SYSBOOT_OK;
}

sysboot_status_t reset_peripherals_g0x() {
    return reset_set(kResetG0x, false);
}

sysboot_status_t reset_peripherals_g0b() {
    return reset_set(kResetG0b, true);
}

// RDP byte of FLASH_OPTR [7:0] (RM0444 §3.5.1 "Read protection (RDP)"): 0xAA level 0, 0xCC
// level 2, anything else level 1.
int rdp_level() {
    const std::uint32_t rdp = mmio::read32(flash::OPTR) & flash::OPTR_RDP_MASK;
    if (rdp == flash::RDP_LEVEL0) {
        return 0;
    }
    return rdp == flash::RDP_LEVEL2 ? 2 : 1;
}

// The IWDG has no "running" bit. It runs when the hardware-watchdog option is selected
// (IWDG_SW = 0, RM0444 §3.4.1), and once started by software it forces the LSI on (RM0444
// §5.2.9 "LSI clock": LSIRDY set although LSION is 0). An app that turned the LSI on itself
// hides a software-started IWDG from this test: reported as not running.
bool watchdog_running() {
    if ((mmio::read32(flash::OPTR) & flash::OPTR_IWDG_SW) == 0) {
        return true;
    }
    const std::uint32_t csr = mmio::read32(rcc::CSR);
    return (csr & rcc::CSR_LSIRDY) != 0 && (csr & rcc::CSR_LSION) == 0;
}

// Reset cause from RCC_CSR. An internal reset (software, watchdog, low-power) also drives
// NRST low (RM0444 §5.1.2 "System reset"), so PINRSTF comes with SFTRSTF after SYSRESETREQ:
// only a pin reset without SFTRSTF is an external reset.
std::uint32_t reset_flags() {
    const std::uint32_t csr = mmio::read32(rcc::CSR);
    std::uint32_t flags = 0;
    if ((csr & rcc::CSR_SFTRSTF) != 0) {
        flags |= SYSBOOT_RESET_SOFTWARE;
    }
    constexpr std::uint32_t kOther = rcc::CSR_OBLRSTF | rcc::CSR_PWRRSTF | rcc::CSR_IWDGRSTF |
                                     rcc::CSR_WWDGRSTF | rcc::CSR_LPWRRSTF;
    if ((csr & kOther) != 0 || ((csr & rcc::CSR_PINRSTF) != 0 && (csr & rcc::CSR_SFTRSTF) == 0)) {
        flags |= SYSBOOT_RESET_OTHER;
    }
    return flags;
}

// RMVF (bit 23 on the G0) clears every reset flag (write 1).
void clear_reset_flags() {
    mmio::set_bits32(rcc::CSR, rcc::CSR_RMVF);
}

}  // namespace sysboot::stm32g0::hooks
