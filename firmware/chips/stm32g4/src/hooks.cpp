// STM32G4 chip hooks for the hand-off (sysboot_chip_hooks_t): peripheral reset pulses and the
// clock tree back to its reset state (HSI16 as system clock). Every wait is bounded by
// kWaitIterations and reports a status instead of hanging (docs/handoff.md, F6). Register
// layout shared with STM32L4: sysboot/stm32/l4g4/regs.hpp; G4-only bits below, checked
// against CMSIS stm32g474xx.h (cmsis_device_g4).
#include "sysboot/mmio.hpp"
#include "sysboot/stm32/bounded.hpp"
#include "sysboot/stm32/l4g4/regs.hpp"
#include "sysboot/stm32g4/device.hpp"

namespace sysboot::stm32g4 {

namespace {

namespace rcc = stm32::l4g4::rcc;
namespace flash = stm32::l4g4::flash;
namespace pwr = stm32::l4g4::pwr;

bool wait_for(std::uint32_t reg, std::uint32_t mask, std::uint32_t want) {
    return stm32::wait_for(reg, mask, want, kWaitIterations);
}
bool pulse(std::uint32_t reg, std::uint32_t bits) {
    return stm32::pulse(reg, bits, kWaitIterations);
}

// G4-only register facts (RM0440 "RCC registers", "PWR registers", "FLASH registers").
// RCC_CFGR reset 0x0000 0005: HSI16 selected (SW = SWS = 01), prescalers /1, MCO off.
constexpr std::uint32_t kCfgrReset = rcc::SRC_HSI16;
// RCC_ICSCR.HSITRIM [30:24] resets to 0x40.
constexpr std::uint32_t kIcscrTrimMask = 0x7Fu << rcc::ICSCR_HSITRIM_SHIFT;
constexpr std::uint32_t kIcscrTrimReset = 0x40u << rcc::ICSCR_HSITRIM_SHIFT;
// RCC_CICR: LSIRDYC 0, LSERDYC 1, HSIRDYC 3, HSERDYC 4, PLLRDYC 5, CSSC 8, LSECSSC 9,
// HSI48RDYC 10 (CMSIS RCC_CICR_*_Pos).
constexpr std::uint32_t kCicrAll = 0x3u | (0x7u << 3) | (0x7u << 8);
// RCC_APB1ENR1.RTCAPBEN (bit 10) is the RTC's register clock, kept as it is.
constexpr std::uint32_t kApb1enr1Rtcapb = 1u << 10;
// FLASH_ACR: LATENCY [3:0]; reset 0x0004 0600 (DBG_SWEN bit 18, DCEN, ICEN).
constexpr std::uint32_t kAcrLatency = 0xFu;
constexpr std::uint32_t kAcrReset = (1u << 18) | flash::ACR_DCEN | flash::ACR_ICEN;
// PWR_CR5 (offset 0x80): R1MODE bit 8, 1 = range 1 normal mode (reset), 0 = boost.
constexpr std::uint32_t kPwrCr5 = pwr::BASE + 0x80;
constexpr std::uint32_t kCr5R1mode = 1u << 8;

// Peripherals the G4 ROMs use or listen on, per reset register (bits: CMSIS
// RCC_*RSTR_*_Pos). USART1 (PA9/PA10), USART2 (PA2/PA3) and USART3 (PC10/PC11) are the ROM's
// USARTs (AN2606 STM32G4 tables, as ST quotes them); USB (PA11/PA12) its DFU; the I2C, SPI
// and FDCAN blocks AN2606 lists for the G4 ROMs (pins on ports A-C) are reset with them, since
// a pulse is harmless and an app may have left any of them running. LPUART1 drives PA2/PA3 on
// the Nucleo-64 (the ST-LINK VCP): it must let go of the ROM's USART2 pins. DMA1/2 and
// DMAMUX: an app's transfer must not write into the ROM's RAM. CRS trims HSI48 for USB.
// I2C4 and SPI4 (G47x only) are left out: the same set serves G431, G47x and G491.
struct ResetSet {
    std::uint32_t ahb1, ahb2, apb1r1, apb1r2, apb2;
};
constexpr std::uint32_t kAhb1Dmamux = 1u << 2;
constexpr std::uint32_t kApb1Crs = 1u << 8, kApb1I2c3 = 1u << 30, kApb1Fdcan = 1u << 25;
constexpr std::uint32_t kApb1Usb = 1u << 23;
constexpr ResetSet kReset{rcc::AHB1_DMA1 | rcc::AHB1_DMA2 | kAhb1Dmamux,
                          0x7u * rcc::AHB2_GPIOA,  // GPIOA, GPIOB, GPIOC
                          rcc::APB1R1_SPI2 | rcc::APB1R1_SPI3 | rcc::APB1R1_USART2 |
                              rcc::APB1R1_USART3 | rcc::APB1R1_I2C1 | rcc::APB1R1_I2C2 | kApb1I2c3 |
                              kApb1Fdcan | kApb1Crs,
                          rcc::APB1R2_LPUART1, rcc::APB2_SPI1 | rcc::APB2_USART1};

// USB is held in reset long enough for the host to see the app's device leave (USB 2.0
// §7.1.7.3: a disconnect is seen after 2.5 us of SE0; ~10 ms at 170 MHz here).
constexpr std::uint32_t kUsbDisconnectSpins = 500'000;

bool hold_usb_in_reset() {
    const bool usb_was_on = (mmio::read32(rcc::APB1ENR1) & kApb1Usb) != 0;
    mmio::set_bits32(rcc::APB1RSTR1, kApb1Usb);
    bool ok = wait_for(rcc::APB1RSTR1, kApb1Usb, kApb1Usb);
    if (ok && usb_was_on) {
        for (std::uint32_t i = 0; i < kUsbDisconnectSpins; ++i) {
            asm volatile("nop");
        }
    }
    mmio::clear_bits32(rcc::APB1RSTR1, kApb1Usb);
    return wait_for(rcc::APB1RSTR1, kApb1Usb, 0) && ok;
}

// Steps 1-2: HSI16 on and selected with the app's prescalers (a slower clock with the old
// dividers is always in range); on a switch timeout CFGR is put back: nothing changed. Then
// CFGR to reset (prescalers /1, MCO off).
sysboot_status_t select_hsi16() {
    mmio::set_bits32(rcc::CR, rcc::CR_HSION);
    if (!wait_for(rcc::CR, rcc::CR_HSIRDY, rcc::CR_HSIRDY)) {
        return SYSBOOT_ERR_CLOCK_TIMEOUT;
    }
    const std::uint32_t cfgr = mmio::read32(rcc::CFGR);
    mmio::write32(rcc::CFGR, (cfgr & ~rcc::CFGR_SW_MASK) | rcc::SRC_HSI16);
    if (!wait_for(rcc::CFGR, rcc::CFGR_SWS_MASK, rcc::SRC_HSI16 << rcc::CFGR_SWS_SHIFT)) {
        mmio::write32(rcc::CFGR, cfgr);
        return SYSBOOT_ERR_CLOCK_TIMEOUT;
    }
    mmio::write32(rcc::CFGR, kCfgrReset);
    return SYSBOOT_OK;
}

// Step 3: flash wait states to 0 only now that HCLK is 16 MHz, the caches reset while
// disabled, ACR to reset (RM0440 "Read access latency": lower the latency after the
// frequency; "Instruction cache" / "Data cache": reset only while disabled). Then, with the
// clock slow and the latency down, range 1 boost off (R1MODE = 1: RM0440 "Range 1 boost mode"
// says the frequency is lowered first). PWR's clock is on for it; the enables are reset in
// step 5.
bool flash_and_boost_to_reset() {
    mmio::clear_bits32(flash::ACR, (flash::ACR_ICEN | flash::ACR_DCEN | flash::ACR_PRFTEN));
    mmio::set_bits32(flash::ACR, (flash::ACR_ICRST | flash::ACR_DCRST));
    mmio::write32(flash::ACR, kAcrReset);
    if (!wait_for(flash::ACR, kAcrLatency, 0)) {
        return false;
    }
    mmio::set_bits32(rcc::APB1ENR1, rcc::APB1R1_PWR);
    (void)mmio::read32(rcc::APB1ENR1);
    mmio::set_bits32(kPwrCr5, kCr5R1mode);
    mmio::write32(pwr::CR1, (mmio::read32(pwr::CR1) & ~pwr::CR1_VOS_MASK) | pwr::CR1_VOS_RANGE1);
    return wait_for(pwr::SR2, pwr::SR2_VOSF, 0);
}

// Step 4: PLL off and stopped, then HSE and CSS off and stopped, then HSEBYP (writable only
// with HSE off) and HSITRIM back; PLLCFGR and the clock interrupts to reset.
bool oscillators_to_reset() {
    mmio::clear_bits32(rcc::CR, rcc::CR_PLLON);
    if (!wait_for(rcc::CR, rcc::CR_PLLRDY, 0)) {
        return false;
    }
    mmio::clear_bits32(rcc::CR, (rcc::CR_HSEON | rcc::CR_CSSON));
    if (!wait_for(rcc::CR, rcc::CR_HSERDY, 0)) {
        return false;
    }
    mmio::clear_bits32(rcc::CR, rcc::CR_HSEBYP);
    mmio::write32(rcc::ICSCR, (mmio::read32(rcc::ICSCR) & ~kIcscrTrimMask) | kIcscrTrimReset);
    mmio::write32(rcc::PLLCFGR, rcc::PLLCFGR_RESET);
    mmio::write32(rcc::CIER, 0);
    mmio::write32(rcc::CICR, kCicrAll);
    return true;
}

// Step 5: kernel clock choices and every peripheral clock back to reset (AHB1ENR resets with
// FLASHEN set).
void enables_to_reset() {
    mmio::write32(rcc::CCIPR, 0);
    mmio::write32(rcc::AHB1ENR, rcc::AHB1_FLASH);
    mmio::write32(rcc::AHB2ENR, 0);
    mmio::write32(rcc::AHB3ENR, 0);
    mmio::write32(rcc::APB1ENR1, mmio::read32(rcc::APB1ENR1) & kApb1enr1Rtcapb);
    mmio::write32(rcc::APB1ENR2, 0);
    mmio::write32(rcc::APB2ENR, 0);
}

}  // namespace

bool enter_boost() {
    mmio::clear_bits32(kPwrCr5, kCr5R1mode);
    return true;
}

namespace hooks {

// RCC back to its reset state (RM0440 "RCC registers" reset values), in the order above.
sysboot_status_t restore_clocks() {
    const sysboot_status_t s = select_hsi16();
    if (s != SYSBOOT_OK) {
        return s;
    }
    if (!flash_and_boost_to_reset() || !oscillators_to_reset()) {
        return SYSBOOT_ERR_CLOCK_TIMEOUT;
    }
    enables_to_reset();
    return SYSBOOT_OK;
}

sysboot_status_t reset_peripherals() {
    const bool ok = pulse(rcc::AHB1RSTR, kReset.ahb1) && pulse(rcc::AHB2RSTR, kReset.ahb2) &&
                    pulse(rcc::APB1RSTR1, kReset.apb1r1) && pulse(rcc::APB1RSTR2, kReset.apb1r2) &&
                    pulse(rcc::APB2RSTR, kReset.apb2) && hold_usb_in_reset();
    return ok ? SYSBOOT_OK : SYSBOOT_ERR_PERIPHERAL_TIMEOUT;
}

}  // namespace hooks

}  // namespace sysboot::stm32g4
