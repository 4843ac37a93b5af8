#include "g0_rcc.hpp"

namespace f7model::detail::g0 {

void Rcc::reset(std::uint32_t csr_flags) {
    const std::uint32_t old_csr = regs_.get(RCC_CSR);
    regs_.clear();
    pll_was_ready_ = false;
    regs_.set(RCC_CR, CR_HSION | CR_HSIRDY);            // §5.4.1: 0x0000 0500
    regs_.set(RCC_ICSCR, (64u << 8) | 0x5Cu);           // HSITRIM 64, a factory HSICAL
    regs_.set(RCC_PLLCFGR, PLLCFGR_RESET);              // §5.4.4
    regs_.set(RCC_AHBENR, host_.part().ahb1enr_reset);  // §5.4.14: FLASHEN
    regs_.set(RCC_CSR, (old_csr & CSR_RESET_FLAGS) | csr_flags);
}

std::uint32_t Rcc::pll_r_hz() const {
    const std::uint32_t p = regs_.get(RCC_PLLCFGR);
    const std::uint32_t src = p & 3u;
    const std::uint64_t in = src == 2 ? kHsi16Hz : src == 3 ? host_.config().hse_hz : 0;
    const std::uint32_t m = ((p >> 4) & 7u) + 1u, n = (p >> 8) & 0x7Fu, r = ((p >> 29) & 7u) + 1u;
    return static_cast<std::uint32_t>(in / m * n / r);
}

std::uint32_t Rcc::sysclk() const {
    switch (sws()) {
        case kSwHsisys:
            return kHsi16Hz >> ((regs_.get(RCC_CR) & CR_HSIDIV) >> 11);
        case kSwHse:
            return host_.config().hse_hz;
        case kSwPll:
            return pll_r_hz();
        default:
            return 32'000;  // LSI / LSE
    }
}

std::uint32_t Rcc::hclk() const {
    // HPRE (§5.4.3): 0xxx = /1, 1000..1111 = /2, 4, 8, 16, 64, 128, 256, 512.
    const std::uint32_t hpre = (regs_.get(RCC_CFGR) >> 8) & 0xFu;
    static constexpr std::uint32_t kDiv[] = {2, 4, 8, 16, 64, 128, 256, 512};
    return (hpre & 8u) == 0 ? sysclk() : sysclk() / kDiv[hpre & 7u];
}

std::uint32_t Rcc::pclk() const {
    // PPRE (§5.4.3): 0xx = /1, 100..111 = /2, 4, 8, 16.
    const std::uint32_t ppre = (regs_.get(RCC_CFGR) >> 12) & 7u;
    return (ppre & 4u) == 0 ? hclk() : hclk() / (2u << (ppre & 3u));
}

std::uint32_t Rcc::usart_clock(unsigned ccipr_shift) const {
    switch ((regs_.get(RCC_CCIPR) >> ccipr_shift) & 3u) {
        case 0:
            return pclk();
        case 1:
            return sysclk();
        case 2:
            return kHsi16Hz;
        default:
            return 32'768;
    }
}

void Rcc::update_sws() {
    const std::uint32_t cfgr = regs_.get(RCC_CFGR);
    const std::uint32_t sw = cfgr & CFGR_SW;
    const std::uint32_t cr = regs_.get(RCC_CR);
    const bool ready = sw == kSwHsisys ? (cr & CR_HSIRDY) != 0
                       : sw == kSwHse  ? (cr & CR_HSERDY) != 0
                       : sw == kSwPll  ? (cr & CR_PLLRDY) != 0
                                       : false;  // LSI/LSE are not modelled
    if (host_.config().faults.sws_stuck_on_pll && sws() == kSwPll) {
        return;
    }
    if (ready) {
        regs_.set(RCC_CFGR, (cfgr & ~CFGR_SWS) | (sw << CFGR_SWS_SHIFT));
    }
}

void Rcc::write_cr(std::uint32_t v) {
    const std::uint32_t old = regs_.get(RCC_CR);
    std::uint32_t nv = v & CR_WRITABLE;
    if ((old & CR_HSEON) != 0 && ((old ^ nv) & CR_HSEBYP) != 0) {
        host_.violation("HSEBYP changed while HSE on (RM0444 §5.4.1: write only with HSE off)");
        nv = (nv & ~CR_HSEBYP) | (old & CR_HSEBYP);
    }
    if (sws() == kSwPll && (nv & CR_PLLON) == 0) {
        host_.violation("PLLON cleared while the PLL is the system clock (ignored by hardware)");
        nv |= CR_PLLON;
    }
    if (sws() == kSwHsisys && (nv & CR_HSION) == 0) {
        nv |= CR_HSION;  // HSION cannot be cleared while HSISYS is the system clock
    }
    nv |= (nv & CR_HSION) != 0 ? CR_HSIRDY : 0u;
    nv |= (nv & CR_HSEON) != 0 ? CR_HSERDY : 0u;
    const Faults& f = host_.config().faults;
    bool pll_ready = (nv & CR_PLLON) != 0 && !f.pll_never_locks;
    if (f.pll_never_stops && pll_was_ready_) {
        pll_ready = true;
    }
    pll_was_ready_ = pll_was_ready_ || pll_ready;
    nv |= pll_ready ? CR_PLLRDY : 0u;
    regs_.set(RCC_CR, nv);
    update_sws();
}

void Rcc::write_csr(std::uint32_t v) {
    std::uint32_t nv = (regs_.get(RCC_CSR) & CSR_RESET_FLAGS) | (v & CSR_LSION);
    if ((v & CSR_RMVF) != 0) {
        nv &= ~CSR_RESET_FLAGS;  // RMVF clears every reset flag
    }
    nv |= (nv & CSR_LSION) != 0 ? CSR_LSIRDY : 0u;
    regs_.set(RCC_CSR, nv);
}

Pulses Rcc::write(std::uint32_t addr, std::uint32_t v) {
    const std::uint32_t old = regs_.get(addr);
    Pulses p;
    switch (addr) {
        case RCC_CR:
            write_cr(v);
            return p;
        case RCC_CFGR:
            regs_.set(RCC_CFGR, (v & ~CFGR_SWS) | (old & CFGR_SWS));  // SWS is read-only
            update_sws();
            return p;
        case RCC_PLLCFGR:
            if ((regs_.get(RCC_CR) & CR_PLLON) != 0 && v != old) {
                host_.violation("PLLCFGR changed while the PLL is on (RM0444 §5.2.4)");
            }
            regs_.set(addr, v);
            return p;
        case RCC_CICR:  // write-1-to-clear flags: nothing is ever flagged here
        case RCC_CIFR:  // read-only
            return p;
        case RCC_CSR:
            write_csr(v);
            return p;
        default:
            break;
    }
    regs_.set(addr, v);
    const std::uint32_t rising = v & ~old;
    if (addr == RCC_IOPRSTR) {
        p.gpio_ports = rising & ((1u << kGpioPorts) - 1u);
    } else if (addr == RCC_APBRSTR1) {
        p.usart2 = (rising & APB1_USART2) != 0;
        p.pwr = (rising & APB1_PWR) != 0;
    } else if (addr == RCC_APBRSTR2) {
        p.usart1 = (rising & APB2_USART1) != 0;
    }
    return p;
}

}  // namespace f7model::detail::g0
