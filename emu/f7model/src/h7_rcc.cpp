#include "h7_rcc.hpp"

namespace f7model::detail::h7rcc {

namespace {

// HPRE/D1CPRE: 0xxx = /1, 1000..1111 = /2, 4, 8, 16, 64, 128, 256, 512; DxPPREx: 0xx = /1,
// 100..111 = /2, 4, 8, 16 (RM0433 "RCC registers" D1CFGR, D2CFGR, D3CFGR).
std::uint32_t ahb_div(std::uint32_t code) {
    static constexpr std::uint32_t kDiv[] = {2, 4, 8, 16, 64, 128, 256, 512};
    return (code & 8u) == 0 ? 1u : kDiv[code & 7u];
}
std::uint32_t apb_div(std::uint32_t code) {
    return (code & 4u) == 0 ? 1u : (2u << (code & 3u));
}

}  // namespace

void Rcc::reset(std::uint32_t rsr_flags) {
    const std::uint32_t old_rsr = regs_.get(RSR);
    regs_.clear();
    pll_was_ready_ = false;
    regs_.set(CR, CR_RESET);
    regs_.set(PLLCKSELR, PLLCKSELR_RESET);
    regs_.set(PLLCFGR, PLLCFGR_RESET);
    for (std::uint32_t divr : {PLL1DIVR, PLL2DIVR, PLL3DIVR}) {
        regs_.set(divr, PLLDIVR_RESET);
    }
    regs_.set(RSR, (old_rsr & RSR_FLAGS) | rsr_flags);
}

std::uint32_t Rcc::hsi_hz() const {
    return kHsiHz >> ((regs_.get(CR) & CR_HSIDIV) >> 3);
}

// PLL1 P output: ref = source / DIVM1, VCO = ref * (DIVN1 + 1), P = VCO / (DIVP1 + 1); the
// fractional part is ignored (PLL1FRACEN is not used by the boards).
std::uint32_t Rcc::pll1_p_hz() const {
    const std::uint32_t sel = regs_.get(PLLCKSELR);
    const std::uint32_t src = sel & 3u;
    const std::uint64_t in = src == 0   ? hsi_hz()
                             : src == 1 ? kCsiHz
                             : src == 2 ? host_.config().hse_hz
                                        : 0u;
    const std::uint32_t m = (sel >> 4) & 0x3Fu;
    const std::uint32_t divr = regs_.get(PLL1DIVR);
    const std::uint32_t n = (divr & 0x1FFu) + 1u, p = ((divr >> 9) & 0x7Fu) + 1u;
    return m == 0 ? 0u : static_cast<std::uint32_t>(in / m * n / p);
}

std::uint32_t Rcc::sys_hz() const {
    switch (sws()) {
        case kSwCsi:
            return kCsiHz;
        case kSwHse:
            return host_.config().hse_hz;
        case kSwPll1:
            return pll1_p_hz();
        default:
            return hsi_hz();
    }
}

std::uint32_t Rcc::cpu_hz() const {
    return sys_hz() / ahb_div((regs_.get(D1CFGR) >> 8) & 0xFu);
}

std::uint32_t Rcc::hclk() const {
    return cpu_hz() / ahb_div(regs_.get(D1CFGR) & 0xFu);
}

std::uint32_t Rcc::pclk(unsigned domain) const {
    const std::uint32_t code = domain == 1   ? regs_.get(D2CFGR) >> 4
                               : domain == 2 ? regs_.get(D2CFGR) >> 8
                               : domain == 3 ? regs_.get(D1CFGR) >> 4
                                             : regs_.get(D3CFGR) >> 4;
    return hclk() / apb_div(code & 7u);
}

void Rcc::update_sws() {
    const std::uint32_t cfgr = regs_.get(CFGR);
    const std::uint32_t sw = cfgr & CFGR_SW;
    const std::uint32_t cr = regs_.get(CR);
    const bool ready = sw == kSwHsi    ? (cr & CR_HSIRDY) != 0
                       : sw == kSwCsi  ? (cr & CR_CSIRDY) != 0
                       : sw == kSwHse  ? (cr & CR_HSERDY) != 0
                       : sw == kSwPll1 ? (cr & CR_PLL1RDY) != 0
                                       : false;  // SW 1xx is reserved
    if (host_.config().faults.sws_stuck_on_pll && sws() == kSwPll1) {
        return;
    }
    if (ready) {
        regs_.set(CFGR, (cfgr & ~CFGR_SWS) | (sw << CFGR_SWS_SHIFT));
    }
}

void Rcc::write_cr(std::uint32_t v) {
    const std::uint32_t old = regs_.get(CR);
    std::uint32_t nv = v & CR_WRITABLE;
    if ((old & CR_HSEON) != 0 && ((old ^ nv) & CR_HSEBYP) != 0) {
        host_.violation("HSEBYP changed while HSE on (RM0433 RCC_CR: write only with HSE off)");
        nv = (nv & ~CR_HSEBYP) | (old & CR_HSEBYP);
    }
    if (sws() == kSwPll1 && (nv & CR_PLL1ON) == 0) {
        host_.violation("PLL1ON cleared while PLL1 is the system clock (ignored by hardware)");
        nv |= CR_PLL1ON;
    }
    if (sws() == kSwHse && (nv & CR_HSEON) == 0) {
        nv |= CR_HSEON;  // the system clock's oscillator cannot be stopped
    }
    if (sws() == kSwHsi && (nv & CR_HSION) == 0) {
        nv |= CR_HSION;
    }
    nv |= (nv & CR_HSION) != 0 ? CR_HSIRDY : 0u;
    nv |= CR_HSIDIVF | CR_D1CKRDY | CR_D2CKRDY;  // divider and domains: effective at once
    nv |= (nv & CR_CSION) != 0 ? CR_CSIRDY : 0u;
    nv |= (nv & CR_HSI48ON) != 0 ? CR_HSI48RDY : 0u;
    nv |= (nv & CR_HSEON) != 0 ? CR_HSERDY : 0u;
    const Faults& f = host_.config().faults;
    bool pll_ready = (nv & CR_PLL1ON) != 0 && !f.pll_never_locks;
    if (f.pll_never_stops && pll_was_ready_) {
        pll_ready = true;
    }
    pll_was_ready_ = pll_was_ready_ || pll_ready;
    nv |= pll_ready ? CR_PLL1RDY : 0u;
    nv |= (nv & CR_PLL2ON) != 0 ? CR_PLL2RDY : 0u;
    nv |= (nv & CR_PLL3ON) != 0 ? CR_PLL3RDY : 0u;
    regs_.set(CR, nv);
    update_sws();
}

// PLLCKSELR, PLLCFGR and a PLL's DIVR/FRACR are written only while the PLLs they feed are off
// (RM0433 "RCC registers": "can be written only when the PLL is disabled").
bool Rcc::pll_config_locked(std::uint32_t addr) const {
    const std::uint32_t cr = regs_.get(CR);
    const bool any = (cr & (CR_PLL1ON | CR_PLL2ON | CR_PLL3ON)) != 0;
    if (addr == PLLCKSELR || addr == PLLCFGR) {
        return any;
    }
    if (addr == PLL1DIVR || addr == PLL1FRACR) {
        return (cr & CR_PLL1ON) != 0;
    }
    return false;
}

Pulses Rcc::write(std::uint32_t addr, std::uint32_t v) {
    const std::uint32_t old = regs_.get(addr);
    Pulses p;
    if (pll_config_locked(addr) && v != old) {
        host_.violation("PLL configuration written while the PLL is on");
        return p;
    }
    switch (addr) {
        case CR:
            write_cr(v);
            return p;
        case CFGR:
            regs_.set(CFGR, (v & ~CFGR_SWS) | (old & CFGR_SWS));
            update_sws();
            return p;
        case CICR:
        case CIFR:
            return p;  // flag clear bits (write-only) and read-only flags
        case CSR: {
            std::uint32_t nv = v & CSR_LSION;
            nv |= nv != 0 ? CSR_LSIRDY : 0u;
            regs_.set(CSR, nv);
            return p;
        }
        case RSR:
            regs_.set(RSR, (v & RSR_RMVF) != 0 ? 0u : old);  // RMVF clears every flag
            return p;
        default:
            break;
    }
    regs_.set(addr, v);
    const std::uint32_t rising = v & ~old;
    if (addr == AHB4RSTR) {
        p.gpio_ports = rising & ((1u << kGpioPorts) - 1u);
    } else if (addr == APB1LRSTR) {
        p.usart2 = (rising & APB1L_USART2) != 0;
        p.usart3 = (rising & APB1L_USART3) != 0;
    } else if (addr == APB2RSTR) {
        p.usart1 = (rising & APB2_USART1) != 0;
    }
    return p;
}

}  // namespace f7model::detail::h7rcc
