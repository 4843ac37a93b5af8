// STM32F7 chip hooks for the hand-off (sysboot_chip_hooks_t). Every wait is bounded by
// kWaitIterations and reports a status instead of hanging (docs/handoff.md, F6).
#include "sysboot/mmio.hpp"
#include "sysboot/stm32/bounded.hpp"
#include "sysboot/stm32/f4f7_reset.hpp"
#include "sysboot/stm32f7/debug.hpp"
#include "sysboot/stm32f7/device.hpp"
#include "sysboot/stm32f7/flash.hpp"
#include "sysboot/stm32f7/pwr.hpp"
#include "sysboot/stm32f7/rcc.hpp"

namespace sysboot::stm32f7::hooks {

namespace {

bool wait_for(std::uint32_t reg, std::uint32_t mask, std::uint32_t want) {
    return stm32::wait_bounded<kWaitIterations>(reg, mask, want);
}

// Peripherals the ROM uses (AN2606, STM32F7 sections), per reset register (the walk is the
// F4/F7 one, sysboot/stm32/f4f7_reset.hpp).
// GPIOA/B/C carry USART1, USART3, USB, I2C1/3, SPI1 and CAN2 pins; GPIOE/F/I carry the SPI4,
// I2C2 and SPI2 pins. DMA1/2 because an app's DMA stream may still target them.
// GPIOD: on F72x/F73x the ROM's CAN1 is on PD0/PD1 (AN2606, STM32F72xxx/73xxx bootloader
// configuration table). On F74x/F76x no ROM pin is on port D, but a Nucleo-144 console
// (USART3 on PD8/PD9, UM1974) left in alternate function 7 would stay wired to the same
// USART3 RX input as the ROM's PB11/PC11 and feed the ROM's interface detection whatever the
// ST-LINK sends; reset, port D is back to inputs and only the ROM's pins drive USART3.
constexpr std::uint32_t kAhb1 = rcc::AHB1_GPIOA | rcc::AHB1_GPIOB | rcc::AHB1_GPIOC |
                                rcc::AHB1_GPIOD | rcc::AHB1_GPIOE | rcc::AHB1_GPIOF |
                                rcc::AHB1_GPIOI | rcc::AHB1_DMA1 | rcc::AHB1_DMA2;
constexpr std::uint32_t kApb1 =
    rcc::APB1_USART3 | rcc::APB1_I2C1 | rcc::APB1_I2C2 | rcc::APB1_I2C3 | rcc::APB1_SPI2;
// TIM11: the ROM measures the HSE frequency with it before it starts USB DFU (AN2606,
// STM32F7 bootloader sections); an application's TIM11 configuration would skew that.
// TIM11RST is RCC_APB2RSTR bit 18 (RM0385/RM0410/RM0431 §5.3.9 RCC APB2 peripheral reset
// register).
constexpr std::uint32_t kApb2 =
    rcc::APB2_USART1 | rcc::APB2_SPI1 | rcc::APB2_SPI4 | rcc::APB2_TIM11;
// CAN: the ROM uses CAN2 (PB5/PB13) on F74x/F75x and F76x/F77x and CAN1 (PD0/PD1) on
// F72x/F73x (AN2606, STM32F7 bootloader configuration tables). CAN2 shares its filter bank
// with CAN1 (CAN1 is its master), so both are reset where CAN2 exists; F72x has CAN1 only
// (APB1RSTR bit 26 is reserved in RM0431 §5.3.8). F74x and F76x reset the same set.
static_assert(rcc::AHB2_OTGFS == stm32::f4f7::RCC_AHB2_OTGFS);
constexpr stm32::f4f7::ResetWalk kF74xF76x{
    {kAhb1, rcc::AHB2_OTGFS, kApb1 | rcc::APB1_CAN1 | rcc::APB1_CAN2, kApb2}};
constexpr stm32::f4f7::ResetWalk kF72x{{kAhb1, rcc::AHB2_OTGFS, kApb1 | rcc::APB1_CAN1, kApb2}};

// How long USB OTG FS is held in reset when the app had it clocked (the walk's comment):
// hubs debounce for up to 100 ms on attach, so we hold well above the 2.5 us detection
// time, ~10 ms at 216 MHz.
constexpr std::uint32_t kUsbDisconnectSpins = 500'000;

sysboot_status_t reset_walk(const stm32::f4f7::ResetWalk& w) {
    return stm32::f4f7::reset_walk<kWaitIterations>(w, kUsbDisconnectSpins);
}

}  // namespace

// RCC back to its reset state (RM0410 §5.3 reset values). Order matters:
//  1. HSI on and ready (it is the clock we go back to).
//  2. SW = HSI with the app's prescalers kept (switching to a slower clock with the old
//     dividers is always in range), wait SWS = HSI; on timeout restore CFGR: nothing changed.
//  3. Prescalers and MCO to reset (CFGR = 0): AHB = APB = 16 MHz, within every limit.
//  4. Only now flash latency back to 0 WS (RM0410 §3.3.2: reduce wait states after the
//     frequency is lowered) and the ART accelerator reset (§3.3.3: reset only while off).
//  5. PLL, PLLI2S, PLLSAI off (wait for ready = 0), then HSE/CSS off, then HSEBYP
//     (writable only with HSE off, §5.3.1); configuration registers to reset values.
//  6. Over-drive off and voltage scale back (RM0410 §4.1.4: with HSI as system clock,
//     clear ODSWEN then ODEN), then the PWR clock and every peripheral clock back to reset.
sysboot_status_t restore_clocks() {
    mmio::set_bits32(rcc::CR, rcc::CR_HSION);
    if (!wait_for(rcc::CR, rcc::CR_HSIRDY, rcc::CR_HSIRDY)) {
        return SYSBOOT_ERR_CLOCK_TIMEOUT;
    }
    const std::uint32_t cfgr = mmio::read32(rcc::CFGR);
    mmio::write32(rcc::CFGR, (cfgr & ~rcc::CFGR_SW_MASK) | rcc::CFGR_SW_HSI);
    if (!wait_for(rcc::CFGR, rcc::CFGR_SWS_MASK, rcc::CFGR_SWS_HSI)) {
        mmio::write32(rcc::CFGR, cfgr);  // still on the old clock: leave everything as it was
        return SYSBOOT_ERR_CLOCK_TIMEOUT;
    }
    mmio::write32(rcc::CFGR, rcc::CFGR_RESET);

    mmio::clear_bits32(flash::ACR, (flash::ACR_ARTEN | flash::ACR_PRFTEN));
    mmio::set_bits32(flash::ACR, flash::ACR_ARTRST);
    mmio::write32(flash::ACR, flash::ACR_RESET);
    // RM0410 §3.3.2: check the new latency by reading ACR before relying on it.
    if (!wait_for(flash::ACR, flash::ACR_LATENCY_MASK, 0)) {
        return SYSBOOT_ERR_CLOCK_TIMEOUT;
    }

    mmio::write32(rcc::CR,
                  mmio::read32(rcc::CR) & ~(rcc::CR_PLLON | rcc::CR_PLLI2SON | rcc::CR_PLLSAION));
    if (!wait_for(rcc::CR, rcc::CR_PLLRDY | rcc::CR_PLLI2SRDY | rcc::CR_PLLSAIRDY, 0)) {
        return SYSBOOT_ERR_CLOCK_TIMEOUT;
    }
    mmio::clear_bits32(rcc::CR, (rcc::CR_HSEON | rcc::CR_CSSON));
    if (!wait_for(rcc::CR, rcc::CR_HSERDY, 0)) {
        return SYSBOOT_ERR_CLOCK_TIMEOUT;
    }
    mmio::write32(rcc::CR, (mmio::read32(rcc::CR) & ~(rcc::CR_HSEBYP | rcc::CR_HSITRIM_MASK)) |
                               rcc::CR_HSITRIM_RESET);
    mmio::write32(rcc::PLLCFGR, rcc::PLLCFGR_RESET);
    mmio::write32(rcc::PLLI2SCFGR, rcc::PLLI2SCFGR_RESET);
    mmio::write32(rcc::PLLSAICFGR, rcc::PLLSAICFGR_RESET);
    mmio::write32(rcc::DCKCFGR1, 0);
    mmio::write32(rcc::DCKCFGR2, 0);
    mmio::write32(rcc::CIR, rcc::CIR_CLEAR_FLAGS);  // interrupt enables 0, pending flags cleared

    mmio::set_bits32(rcc::APB1ENR, rcc::APB1ENR_PWREN);
    (void)mmio::read32(rcc::APB1ENR);  // RM0410 §5.2.x: a read delays the first access after enable
    const std::uint32_t cr1 = mmio::read32(pwr::CR1);
    if ((cr1 & (pwr::CR1_ODEN | pwr::CR1_ODSWEN)) != 0) {
        mmio::write32(pwr::CR1, cr1 & ~pwr::CR1_ODSWEN);
        if (!wait_for(pwr::CSR1, pwr::CSR1_ODSWRDY, 0)) {
            return SYSBOOT_ERR_CLOCK_TIMEOUT;
        }
        mmio::clear_bits32(pwr::CR1, pwr::CR1_ODEN);
        if (!wait_for(pwr::CSR1, pwr::CSR1_ODRDY, 0)) {
            return SYSBOOT_ERR_CLOCK_TIMEOUT;
        }
    }
    mmio::write32(pwr::CR1, (mmio::read32(pwr::CR1) & ~pwr::CR1_VOS_MASK) | pwr::CR1_VOS_SCALE1);

    mmio::write32(rcc::AHB1ENR, rcc::AHB1ENR_RESET);
    mmio::write32(rcc::AHB2ENR, rcc::ENR_RESET);
    mmio::write32(rcc::AHB3ENR, rcc::ENR_RESET);
    mmio::write32(rcc::APB1ENR, rcc::ENR_RESET);
    mmio::write32(rcc::APB2ENR, rcc::ENR_RESET);
    return SYSBOOT_OK;
}

sysboot_status_t reset_peripherals_f74x() {
    return reset_walk(kF74xF76x);
}
sysboot_status_t reset_peripherals_f76x() {
    return reset_walk(kF74xF76x);
}
sysboot_status_t reset_peripherals_f72x() {
    return reset_walk(kF72x);
}

// rdp_level, watchdog_running, reset_flags and clear_reset_flags are the F4/F7 ones
// (sysboot/stm32/f4f7_status.hpp, declared in device.hpp).

// F76x/F77x: with dual-bank mode (nDBANK = 0) and dual-bank boot (nDBOOT = 0), the ROM
// bootloader first looks for a valid image in either bank and jumps to it (AN2606
// "STM32F76xxx/77xxx" dual bank boot flow): a software entry would come straight back to the
// application. Every other combination keeps the ROM in bootloader mode.
sysboot_status_t rom_usable_f76x() {
    const std::uint32_t optcr = mmio::read32(flash::OPTCR);
    if ((optcr & (flash::OPTCR_NDBANK | flash::OPTCR_NDBOOT)) == 0) {
        return SYSBOOT_ERR_DUAL_BANK_BOOT;
    }
    return SYSBOOT_OK;
}

}  // namespace sysboot::stm32f7::hooks
