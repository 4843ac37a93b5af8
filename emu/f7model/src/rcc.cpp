#include "rcc.hpp"

namespace f7model::detail::rcc {

void Rcc::reset(std::uint32_t csr_flags) {
    const std::uint32_t old_csr = regs_.get(CSR);
    regs_.clear();
    pll_was_ready_ = false;
    regs_.set(CR, CR_HSION | CR_HSIRDY | CR_HSITRIM_RESET | (kHsiCal << CR_HSICAL_SHIFT));
    regs_.set(PLLCFGR, 0x24003010u);                 // §5.3.2 (RM0390 §6.3.2 the same)
    regs_.set(AHB1ENR, host_.part().ahb1enr_reset);  // §5.3.10 (RM0390 §6.3.10)
    if (host_.part().family == Family::f7) {
        regs_.set(PLLI2SCFGR, 0x24003000u);  // §5.3.23
        regs_.set(PLLSAICFGR, 0x24003000u);  // §5.3.24
    }
    regs_.set(CSR, (old_csr & CSR_RESET_FLAGS) | csr_flags);
}

std::uint32_t Rcc::peek(std::uint32_t addr) const {
    return regs_.get(addr);
}

std::uint32_t Rcc::pll_hz() const {
    const std::uint32_t p = regs_.get(PLLCFGR);
    const std::uint64_t in = (p & PLLCFGR_PLLSRC_HSE) != 0 ? host_.config().hse_hz : kHsiHz;
    const std::uint32_t pm = p & PLLCFGR_PLLM;
    const std::uint32_t pn = (p >> PLLCFGR_PLLN_SHIFT) & PLLCFGR_PLLN;
    const std::uint32_t pp = 2u * (((p >> PLLCFGR_PLLP_SHIFT) & 3u) + 1u);
    return pm == 0 ? 0 : static_cast<std::uint32_t>(in / pm * pn / pp);
}

std::uint32_t Rcc::sysclk() const {
    switch (sws()) {
        case kSwHse:
            return host_.config().hse_hz;
        case kSwPll:
            return pll_hz();
        default:
            return kHsiHz;
    }
}

std::uint32_t Rcc::hclk() const {
    // HPRE (§5.3.3): 0xxx = /1, 1000..1111 = /2, 4, 8, 16, 64, 128, 256, 512.
    const std::uint32_t hpre = (regs_.get(CFGR) >> CFGR_HPRE_SHIFT) & 0xFu;
    static constexpr std::uint32_t kDiv[] = {2, 4, 8, 16, 64, 128, 256, 512};
    return (hpre & 8u) == 0 ? sysclk() : sysclk() / kDiv[hpre & 7u];
}

std::uint32_t Rcc::pclk(unsigned shift) const {
    // PPRE1/PPRE2 (§5.3.3): 0xx = /1, 100..111 = /2, 4, 8, 16.
    const std::uint32_t ppre = (regs_.get(CFGR) >> shift) & 7u;
    return (ppre & 4u) == 0 ? hclk() : hclk() / (2u << (ppre & 3u));
}

void Rcc::update_sws() {
    const std::uint32_t cfgr = regs_.get(CFGR);
    const std::uint32_t sw = cfgr & CFGR_SW;
    const std::uint32_t cr = regs_.get(CR);
    const bool ready = sw == kSwHsi   ? (cr & CR_HSIRDY) != 0
                       : sw == kSwHse ? (cr & CR_HSERDY) != 0
                                      : (cr & CR_PLLRDY) != 0;
    if (host_.config().faults.sws_stuck_on_pll && sws() == kSwPll) {
        return;
    }
    if (ready && sw != 3) {  // SW = 11 is not allowed (§5.3.3)
        regs_.set(CFGR, (cfgr & ~CFGR_SWS) | (sw << CFGR_SWS_SHIFT));
    }
}

void Rcc::write_cr(std::uint32_t v) {
    const std::uint32_t old = regs_.get(CR);
    std::uint32_t nv = (v & CR_WRITABLE) | (kHsiCal << CR_HSICAL_SHIFT);
    if ((old & CR_HSEON) != 0 && ((old ^ nv) & CR_HSEBYP) != 0) {
        host_.violation("HSEBYP changed while HSE on (RM0410 §5.3.1: write only with HSE off)");
        nv = (nv & ~CR_HSEBYP) | (old & CR_HSEBYP);
    }
    if (sws() == kSwPll && (nv & CR_PLLON) == 0) {
        host_.violation("PLLON cleared while the PLL is the system clock (ignored by hardware)");
        nv |= CR_PLLON;
    }
    if (sws() == kSwHsi && (nv & CR_HSION) == 0) {
        nv |= CR_HSION;  // HSION cannot be cleared while HSI is the system clock
    }
    // Ready bits follow the enables (start-up time not modelled).
    nv |= (nv & CR_HSION) != 0 ? CR_HSIRDY : 0u;
    nv |= (nv & CR_HSEON) != 0 ? CR_HSERDY : 0u;
    const Faults& f = host_.config().faults;
    bool pll_ready = (nv & CR_PLLON) != 0 && !f.pll_never_locks;
    if (f.pll_never_stops && pll_was_ready_) {
        pll_ready = true;
    }
    pll_was_ready_ = pll_was_ready_ || pll_ready;
    nv |= pll_ready ? CR_PLLRDY : 0u;
    nv |= (nv & CR_PLLI2SON) != 0 ? CR_PLLI2SRDY : 0u;
    nv |= (nv & CR_PLLSAION) != 0 ? CR_PLLSAIRDY : 0u;
    regs_.set(CR, nv);
    update_sws();
}

void Rcc::write_csr(std::uint32_t v) {
    std::uint32_t nv = (regs_.get(CSR) & CSR_RESET_FLAGS) | (v & CSR_LSION);
    if ((v & CSR_RMVF) != 0) {
        nv &= ~CSR_RESET_FLAGS;  // RMVF clears every reset flag
    }
    nv |= (nv & CSR_LSION) != 0 ? CSR_LSIRDY : 0u;
    regs_.set(CSR, nv);
}

Pulses Rcc::write(std::uint32_t addr, std::uint32_t v) {
    const std::uint32_t old = regs_.get(addr);
    Pulses p;
    switch (addr) {
        case CR:
            write_cr(v);
            return p;
        case CFGR:
            regs_.set(CFGR, (v & ~CFGR_SWS) | (old & CFGR_SWS));  // SWS is read-only
            update_sws();
            return p;
        case CIR:
            regs_.set(CIR, v & CIR_ENABLES);
            return p;
        case CSR:
            write_csr(v);
            return p;
        default:
            break;
    }
    regs_.set(addr, v);
    const std::uint32_t rising = v & ~old;
    if (addr == AHB1RSTR) {
        p.gpio_ports = rising & ((1u << kGpioPorts) - 1u);
    } else if (addr == APB1RSTR) {
        p.usart2 = (rising & APB1_USART2) != 0;
        p.usart3 = (rising & APB1_USART3) != 0;
        p.pwr = (rising & APB1_PWR) != 0;
    } else if (addr == APB2RSTR) {
        p.usart1 = (rising & APB2_USART1) != 0;
    }
    return p;
}

}  // namespace f7model::detail::rcc
