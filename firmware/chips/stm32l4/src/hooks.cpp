// STM32L4 chip hooks for the hand-off (sysboot_chip_hooks_t): peripheral reset pulses and the
// clock tree back to its reset state (MSI at 4 MHz as system clock). Every wait is bounded by
// kWaitIterations and reports a status instead of hanging (docs/handoff.md, F6). Register
// layout shared with STM32G4: sysboot/stm32/l4g4/regs.hpp; L4-only bits below, checked
// against CMSIS stm32l476xx.h and stm32l496xx.h (cmsis_device_l4).
#include "sysboot/mmio.hpp"
#include "sysboot/stm32/bounded.hpp"
#include "sysboot/stm32/l4g4/regs.hpp"
#include "sysboot/stm32l4/device.hpp"

namespace sysboot::stm32l4 {

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

// L4-only register facts (RM0351 "RCC registers", "FLASH registers").
// RCC_CR: MSION bit 0, MSIRDY bit 1, MSIRGSEL bit 3 (range from CR; set-only), MSIRANGE
// [7:4] (6 = 4 MHz, the reset range), PLLSAI1ON/RDY bits 26/27, PLLSAI2ON/RDY bits 28/29.
constexpr std::uint32_t kCrMsion = 1u << 0, kCrMsirdy = 1u << 1;
constexpr std::uint32_t kCrMsirangeMask = 0xFu << 4, kCrMsirange4MHz = 0x6u << 4;
constexpr std::uint32_t kCrPllsaiOn = (1u << 26) | (1u << 28);
constexpr std::uint32_t kCrPllsaiRdy = (1u << 27) | (1u << 29);
// RCC_ICSCR: MSITRIM [15:8] resets to 0, HSITRIM [28:24] to 16.
constexpr std::uint32_t kIcscrTrimMask = (0xFFu << 8) | (0x1Fu << rcc::ICSCR_HSITRIM_SHIFT);
constexpr std::uint32_t kIcscrTrimReset = 16u << rcc::ICSCR_HSITRIM_SHIFT;
// RCC_CFGR resets to 0: MSI selected, prescalers /1, MCO off.
constexpr std::uint32_t kCfgrReset = 0;
// RCC_APB1ENR1.RTCAPBEN (bit 10, L496; reserved on L476) is the RTC's, kept as it is.
constexpr std::uint32_t kApb1enr1Rtcapb = 1u << 10;
// FLASH_ACR: LATENCY [2:0]; reset 0x0000 0600 (DCEN, ICEN).
constexpr std::uint32_t kAcrLatency = 0x7u;
constexpr std::uint32_t kAcrReset = flash::ACR_DCEN | flash::ACR_ICEN;

// What differs between the supported lines in the clock tree's reset state.
struct ClockLine {
    std::uint32_t cicr_all;  // RCC_CICR flag clears: bits 0-9, HSI48RDYC (bit 10) on L496
};
constexpr ClockLine kL47x{0x3FFu};
constexpr ClockLine kL496{0x7FFu};

// Peripherals the L47x/L496 ROMs use or listen on (AN2606 L47x/L496 configuration tables):
// USART1 PA9/PA10, USART2 PA2/PA3, USART3 PC10/PC11, I2C1 PB6/PB7, I2C2 PB10/PB11, I2C3
// PC0/PC1, SPI1 PA4-PA7, SPI2 PB12-PB15, CAN1 PB8/PB9, USB OTG FS PA11/PA12 (DFU): GPIOA-C;
// DMA1/2, so no transfer of the app writes into the ROM's RAM. Bits: CMSIS RCC_*RSTR_*_Pos
// (the same on L476 and L496).
struct ResetSet {
    std::uint32_t ahb1, ahb2, apb1r1, apb2;
};
constexpr std::uint32_t kApb1I2c3 = 1u << 23, kApb1Can1 = 1u << 25, kAhb2OtgFs = 1u << 12;
constexpr ResetSet kReset{rcc::AHB1_DMA1 | rcc::AHB1_DMA2, 0x7u * rcc::AHB2_GPIOA,
                          rcc::APB1R1_SPI2 | rcc::APB1R1_USART2 | rcc::APB1R1_USART3 |
                              rcc::APB1R1_I2C1 | rcc::APB1R1_I2C2 | kApb1I2c3 | kApb1Can1,
                          rcc::APB2_SPI1 | rcc::APB2_USART1};

// USB OTG FS is held in reset long enough for the host to see the app's device leave (USB 2.0
// §7.1.7.3: a disconnect is seen after 2.5 us of SE0; ~25 ms at 80 MHz here).
constexpr std::uint32_t kUsbDisconnectSpins = 500'000;

bool hold_usb_in_reset() {
    const bool usb_was_on = (mmio::read32(rcc::AHB2ENR) & kAhb2OtgFs) != 0;
    mmio::set_bits32(rcc::AHB2RSTR, kAhb2OtgFs);
    const bool ok = wait_for(rcc::AHB2RSTR, kAhb2OtgFs, kAhb2OtgFs);
    if (ok && usb_was_on) {
        for (std::uint32_t i = 0; i < kUsbDisconnectSpins; ++i) {
            asm volatile("nop");
        }
    }
    mmio::clear_bits32(rcc::AHB2RSTR, kAhb2OtgFs);
    return wait_for(rcc::AHB2RSTR, kAhb2OtgFs, 0) && ok;
}

// Steps 1-2: MSI on at 4 MHz and selected with the app's prescalers (a slower clock with the
// old dividers is always in range); on a switch timeout CFGR is put back. MSIRANGE may change
// only while MSI is off or ready (RM0351 "RCC_CR"); MSIRGSEL cannot be cleared, so where an app
// set it the CR range is set to 4 MHz, else the range is CSR.MSISRANGE's, 4 MHz after reset.
sysboot_status_t select_msi() {
    mmio::set_bits32(rcc::CR, kCrMsion);
    if (!wait_for(rcc::CR, kCrMsirdy, kCrMsirdy)) {
        return SYSBOOT_ERR_CLOCK_TIMEOUT;
    }
    mmio::write32(rcc::CR, (mmio::read32(rcc::CR) & ~kCrMsirangeMask) | kCrMsirange4MHz);
    if (!wait_for(rcc::CR, kCrMsirdy, kCrMsirdy)) {
        return SYSBOOT_ERR_CLOCK_TIMEOUT;
    }
    const std::uint32_t cfgr = mmio::read32(rcc::CFGR);
    mmio::write32(rcc::CFGR, (cfgr & ~rcc::CFGR_SW_MASK) | rcc::SRC_MSI);
    if (!wait_for(rcc::CFGR, rcc::CFGR_SWS_MASK, rcc::SRC_MSI << rcc::CFGR_SWS_SHIFT)) {
        mmio::write32(rcc::CFGR, cfgr);
        return SYSBOOT_ERR_CLOCK_TIMEOUT;
    }
    mmio::write32(rcc::CFGR, kCfgrReset);
    return SYSBOOT_OK;
}

// Step 3: flash wait states to 0 only now that HCLK is 4 MHz (RM0351 "Read access latency":
// lower the latency after the frequency), the caches reset while disabled, ACR to reset; the
// regulator back to range 1 (its reset value) with PWR's clock on.
bool flash_and_power_to_reset() {
    mmio::clear_bits32(flash::ACR, (flash::ACR_ICEN | flash::ACR_DCEN | flash::ACR_PRFTEN));
    mmio::set_bits32(flash::ACR, (flash::ACR_ICRST | flash::ACR_DCRST));
    mmio::write32(flash::ACR, kAcrReset);
    if (!wait_for(flash::ACR, kAcrLatency, 0)) {
        return false;
    }
    mmio::set_bits32(rcc::APB1ENR1, rcc::APB1R1_PWR);
    (void)mmio::read32(rcc::APB1ENR1);
    mmio::write32(pwr::CR1, (mmio::read32(pwr::CR1) & ~pwr::CR1_VOS_MASK) | pwr::CR1_VOS_RANGE1);
    return wait_for(pwr::SR2, pwr::SR2_VOSF, 0);
}

// Step 4: PLL, PLLSAI1 and PLLSAI2 off and stopped, then HSE and CSS off and stopped, then
// HSEBYP (writable only with HSE off); HSI16 off as at reset (not waited for: a peripheral
// may still request it as kernel clock, which does not concern the ROM); trims, PLLCFGR and
// the clock interrupts to reset. PLLSAI1CFGR/PLLSAI2CFGR are left: those PLLs are off.
bool oscillators_to_reset(const ClockLine& l) {
    mmio::clear_bits32(rcc::CR, (rcc::CR_PLLON | kCrPllsaiOn));
    if (!wait_for(rcc::CR, rcc::CR_PLLRDY | kCrPllsaiRdy, 0)) {
        return false;
    }
    mmio::clear_bits32(rcc::CR, (rcc::CR_HSEON | rcc::CR_CSSON));
    if (!wait_for(rcc::CR, rcc::CR_HSERDY, 0)) {
        return false;
    }
    mmio::clear_bits32(rcc::CR, (rcc::CR_HSEBYP | rcc::CR_HSION));
    mmio::write32(rcc::ICSCR, (mmio::read32(rcc::ICSCR) & ~kIcscrTrimMask) | kIcscrTrimReset);
    mmio::write32(rcc::PLLCFGR, rcc::PLLCFGR_RESET);
    mmio::write32(rcc::CIER, 0);
    mmio::write32(rcc::CICR, l.cicr_all);
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

// RCC back to its reset state (RM0351 "RCC registers" reset values), in the order above.
sysboot_status_t restore_clocks(const ClockLine& l) {
    const sysboot_status_t s = select_msi();
    if (s != SYSBOOT_OK) {
        return s;
    }
    if (!flash_and_power_to_reset() || !oscillators_to_reset(l)) {
        return SYSBOOT_ERR_CLOCK_TIMEOUT;
    }
    enables_to_reset();
    return SYSBOOT_OK;
}

}  // namespace

namespace hooks {

sysboot_status_t restore_clocks_l47x() {
    return restore_clocks(kL47x);
}

sysboot_status_t restore_clocks_l496() {
    return restore_clocks(kL496);
}

sysboot_status_t reset_peripherals() {
    const bool ok = pulse(rcc::AHB1RSTR, kReset.ahb1) && pulse(rcc::AHB2RSTR, kReset.ahb2) &&
                    pulse(rcc::APB1RSTR1, kReset.apb1r1) && pulse(rcc::APB2RSTR, kReset.apb2) &&
                    hold_usb_in_reset();
    return ok ? SYSBOOT_OK : SYSBOOT_ERR_PERIPHERAL_TIMEOUT;
}

}  // namespace hooks

}  // namespace sysboot::stm32l4
