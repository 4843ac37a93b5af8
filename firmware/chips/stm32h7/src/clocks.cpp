// STM32H7 restore_clocks hook: the clock tree, flash latency and voltage scale back to their
// reset state (HSI 64 MHz, PLLs off, every prescaler /1), as the ROM expects after a reset.
// Every wait is bounded by kWaitIterations (docs/handoff.md, F6). The L1 caches are the
// Cortex-M7 steps' (dcache_off, icache_off); on H7 they matter more than on F7 because the
// ROM's second RAM block, AXI SRAM, is cacheable: dirty lines there are cleaned by dcache_off.
#include "sysboot/mmio.hpp"
#include "sysboot/stm32/bounded.hpp"
#include "sysboot/stm32h7/device.hpp"
#include "sysboot/stm32h7/regs.hpp"

namespace sysboot::stm32h7::hooks {

namespace {

bool wait_for(std::uint32_t reg, std::uint32_t mask, std::uint32_t want) {
    return stm32::wait_for(reg, mask, want, kWaitIterations);
}

struct ClockLine {
    std::uint32_t flash_acr_reset;  // FLASH_ACR reset value (regs.hpp)
    bool over_drive;                // SYSCFG_PWRCR.ODEN exists (H74x/75x VOS0)
};
constexpr ClockLine kH74x{0x37u, true};
constexpr ClockLine kH72x{0x13u, false};

// Step 1: HSI on at 64 MHz (HSIDIV /1, HSIDIVF confirms the divider), and the flash latency
// up to its reset value *before* any switch: a higher latency is valid at every frequency and
// voltage (RM0433 "Read latency": raise it before the clock, lower it after).
bool hsi_and_safe_latency(const ClockLine& l) {
    mmio::set_bits32(rcc::CR, rcc::CR_HSION);
    if (!wait_for(rcc::CR, rcc::CR_HSIRDY, rcc::CR_HSIRDY)) {
        return false;
    }
    mmio::clear_bits32(rcc::CR, rcc::CR_HSIDIV_MASK);
    if (!wait_for(rcc::CR, rcc::CR_HSIDIVF, rcc::CR_HSIDIVF)) {
        return false;
    }
    const std::uint32_t acr = mmio::read32(flash::ACR);
    std::uint32_t latency = acr & flash::ACR_LATENCY_MASK;
    if (latency < (l.flash_acr_reset & flash::ACR_LATENCY_MASK)) {
        mmio::write32(flash::ACR, (acr & ~flash::ACR_MASK) | l.flash_acr_reset);
        latency = l.flash_acr_reset & flash::ACR_LATENCY_MASK;
    }
    // The new latency is in effect once ACR reads it back (RM0433 "Read latency").
    return wait_for(flash::ACR, flash::ACR_LATENCY_MASK, latency);
}

// Step 2: SYSCLK to HSI with the application's prescalers (a slower clock with the old
// dividers is always within the bus limits), wait SWS (RM0433 "System clock
// switching"), then every prescaler /1: 64 MHz is within each bus's limit at every VOS. On a
// switch timeout CFGR is put back: nothing changed.
bool select_hsi() {
    const std::uint32_t cfgr = mmio::read32(rcc::CFGR);
    mmio::write32(rcc::CFGR, (cfgr & ~rcc::CFGR_SW_MASK) | rcc::CFGR_SW_HSI);
    if (!wait_for(rcc::CFGR, rcc::CFGR_SWS_MASK, rcc::CFGR_SWS_HSI)) {
        mmio::write32(rcc::CFGR, cfgr);
        return false;
    }
    mmio::write32(rcc::CFGR, 0);
    mmio::write32(rcc::D1CFGR, 0);
    mmio::write32(rcc::D2CFGR, 0);
    mmio::write32(rcc::D3CFGR, 0);
    return true;
}

// Step 3: PLL1-3 off and stopped, HSE and its CSS off and stopped, then HSEBYP (writable only
// with HSE off), CSI and HSI48 off; PLL configuration, kernel clock selections (a USART or USB
// kernel clock left on a stopped PLL would never tick for the ROM) and the clock interrupts
// to reset (RM0433 "RCC registers" reset values).
bool oscillators_to_reset() {
    constexpr std::uint32_t kPllOn = rcc::CR_PLL1ON | rcc::CR_PLL2ON | rcc::CR_PLL3ON;
    constexpr std::uint32_t kPllRdy = rcc::CR_PLL1RDY | rcc::CR_PLL2RDY | rcc::CR_PLL3RDY;
    mmio::clear_bits32(rcc::CR, kPllOn);
    if (!wait_for(rcc::CR, kPllRdy, 0)) {
        return false;
    }
    mmio::clear_bits32(rcc::CR, rcc::CR_HSEON | rcc::CR_CSSHSEON);
    if (!wait_for(rcc::CR, rcc::CR_HSERDY, 0)) {
        return false;
    }
    mmio::clear_bits32(rcc::CR, rcc::CR_HSEBYP | rcc::CR_CSION | rcc::CR_HSI48ON);
    mmio::write32(rcc::PLLCKSELR, rcc::PLLCKSELR_RESET);
    mmio::write32(rcc::PLLCFGR, rcc::PLLCFGR_RESET);
    constexpr std::uint32_t kDivr[] = {rcc::PLL1DIVR, rcc::PLL2DIVR, rcc::PLL3DIVR};
    for (std::uint32_t divr : kDivr) {
        mmio::write32(divr, rcc::PLLDIVR_RESET);
    }
    constexpr std::uint32_t kZero[] = {rcc::PLL1FRACR, rcc::PLL2FRACR, rcc::PLL3FRACR, rcc::D1CCIPR,
                                       rcc::D2CCIP1R,  rcc::D2CCIP2R,  rcc::D3CCIPR,   rcc::CIER};
    for (std::uint32_t reg : kZero) {
        mmio::write32(reg, 0);
    }
    mmio::write32(rcc::CICR, rcc::CICR_ALL);
    return true;
}

// Step 4: the voltage scale back to its reset value (scale 3) now that the clock is 64 MHz
// (RM0433 "Voltage scaling": lower the frequency first, then VOS; wait VOSRDY). On H74x/75x VOS0 is
// VOS1 plus SYSCFG_PWRCR.ODEN, which must be cleared first (RM0433 "VOS0
// activation/ deactivation"). PWR_CR3 (supply source) is write-once per power-on and left alone.
bool voltage_to_reset(const ClockLine& l) {
    if (l.over_drive) {
        mmio::set_bits32(rcc::APB4ENR, rcc::APB4ENR_SYSCFGEN);
        (void)mmio::read32(rcc::APB4ENR);  // the enable reaches SYSCFG before the read below
        if ((mmio::read32(syscfg::PWRCR) & syscfg::PWRCR_ODEN) != 0) {
            mmio::clear_bits32(syscfg::PWRCR, syscfg::PWRCR_ODEN);
            if (!wait_for(pwr::D3CR, pwr::D3CR_VOSRDY, pwr::D3CR_VOSRDY)) {
                return false;
            }
        }
    }
    mmio::write32(pwr::D3CR,
                  (mmio::read32(pwr::D3CR) & ~pwr::D3CR_VOS_MASK) | pwr::D3CR_VOS_SCALE3);
    return wait_for(pwr::D3CR, pwr::D3CR_VOSRDY, pwr::D3CR_VOSRDY);
}

// Step 5: flash latency down to its reset value (after the clock, "Read latency"), and every
// peripheral clock back to reset (0), except the D2 SRAM enables: an application's stack may live
// there until the ROM's word 0 replaces it.
void latency_and_enables_to_reset(const ClockLine& l) {
    mmio::write32(flash::ACR, (mmio::read32(flash::ACR) & ~flash::ACR_MASK) | l.flash_acr_reset);
    const std::uint32_t keep = mmio::read32(rcc::AHB2ENR) & rcc::AHB2ENR_D2SRAM;
    constexpr std::uint32_t kEnables[] = {rcc::AHB3ENR,  rcc::AHB1ENR,  rcc::AHB4ENR, rcc::APB3ENR,
                                          rcc::APB1LENR, rcc::APB1HENR, rcc::APB2ENR, rcc::APB4ENR};
    for (std::uint32_t enr : kEnables) {
        mmio::write32(enr, 0);
    }
    mmio::write32(rcc::AHB2ENR, keep);
}

sysboot_status_t restore_clocks(const ClockLine& l) {
    if (!hsi_and_safe_latency(l) || !select_hsi() || !oscillators_to_reset() ||
        !voltage_to_reset(l)) {
        return SYSBOOT_ERR_CLOCK_TIMEOUT;
    }
    latency_and_enables_to_reset(l);
    return wait_for(flash::ACR, flash::ACR_MASK, l.flash_acr_reset) ? SYSBOOT_OK
                                                                    : SYSBOOT_ERR_CLOCK_TIMEOUT;
}

}  // namespace

sysboot_status_t restore_clocks_h74x() {
    return restore_clocks(kH74x);
}
sysboot_status_t restore_clocks_h72x() {
    return restore_clocks(kH72x);
}

}  // namespace sysboot::stm32h7::hooks
