#include "l4g4_rcc.hpp"

namespace f7model::detail::l4g4 {

namespace {

// Factory trim values (read-only CAL fields of RCC_ICSCR).
constexpr std::uint32_t kHsiCal = 0x5C, kMsiCal = 0x3A;
// MSI ranges 0..11 (RM0351 "MSI clock"): 100 kHz ... 48 MHz.
constexpr std::uint32_t kMsiHz[] = {100'000,    200'000,    400'000,    800'000,
                                    1'000'000,  2'000'000,  4'000'000,  8'000'000,
                                    16'000'000, 24'000'000, 32'000'000, 48'000'000};
constexpr std::uint32_t kMsiRange4MHz = 6;

}  // namespace

// Reset values (RM0351 / RM0440 "RCC registers"): L4 RCC_CR 0x0000 0063 (MSI on and ready
// at range 6, 4 MHz), CFGR 0 (MSI); G4 RCC_CR 0x0000 0500 (HSI16 on and ready), CFGR
// 0x0000 0005 (HSI16). ICSCR: HSITRIM 16 (L4, [28:24]) or 0x40 (G4, [30:24]). PLLCFGR (and
// L4's PLLSAIxCFGR) 0x0000 1000. AHB1ENR 0x0000 0100 (FLASHEN). G4 APB1ENR1 0x0000 0400
// (RTCAPBEN). L4 RCC_CSR.MSISRANGE = 6.
void Rcc::reset(std::uint32_t csr_flags) {
    const std::uint32_t old_csr = regs_.get(CSR);
    regs_.clear();
    pll_was_ready_ = false;
    if (l4()) {
        regs_.set(CR, CR_MSION | CR_MSIRDY | (kMsiRange4MHz << 4));
        regs_.set(ICSCR, (16u << 24) | (kHsiCal << 16) | kMsiCal);
        regs_.set(PLLSAI1CFGR, PLLCFGR_RESET);
        regs_.set(PLLSAI2CFGR, PLLCFGR_RESET);
    } else {
        regs_.set(CR, CR_HSION | CR_HSIRDY);
        regs_.set(ICSCR, (0x40u << 24) | (kHsiCal << 16));
        regs_.set(CFGR, kSwHsi16 | (kSwHsi16 << CFGR_SWS_SHIFT));
        regs_.set(APB1ENR1, 1u << 10);
    }
    regs_.set(PLLCFGR, PLLCFGR_RESET);
    regs_.set(AHB1ENR, 1u << 8);
    const std::uint32_t msis = l4() ? kMsiRange4MHz << 8 : 0u;
    regs_.set(CSR, (old_csr & CSR_RESET_FLAGS) | csr_flags | msis);
}

std::uint32_t Rcc::peek(std::uint32_t addr) const {
    return addr == CICR ? 0u : regs_.get(addr);  // CICR: write-only clear bits
}

std::uint32_t Rcc::msi_hz() const {
    const std::uint32_t cr = regs_.get(CR);
    const std::uint32_t range =
        (cr & CR_MSIRGSEL) != 0 ? (cr & CR_MSIRANGE) >> 4 : (regs_.get(CSR) & CSR_MSISRANGE) >> 8;
    return range < 12 ? kMsiHz[range] : 0;
}

std::uint32_t Rcc::source_hz(std::uint32_t sw) const {
    switch (sw) {
        case kSwMsi:
            return l4() ? msi_hz() : 0;
        case kSwHsi16:
            return kHsi16Hz;
        case kSwHse:
            return host_.config().hse_hz;
        default:
            return pll_hz();
    }
}

std::uint32_t Rcc::pll_hz() const {
    const std::uint32_t p = regs_.get(PLLCFGR);
    const std::uint32_t src = p & 3u;  // 00 none, 01 MSI (L4), 10 HSI16, 11 HSE
    const std::uint64_t in = src == 1   ? (l4() ? msi_hz() : 0u)
                             : src == 2 ? kHsi16Hz
                             : src == 3 ? host_.config().hse_hz
                                        : 0u;
    const std::uint32_t m = ((p >> 4) & (l4() ? 0x7u : 0xFu)) + 1u;
    const std::uint32_t n = (p >> 8) & 0x7Fu;
    const std::uint32_t r = 2u * (((p >> 25) & 3u) + 1u);
    return static_cast<std::uint32_t>(in / m * n / r);
}

std::uint32_t Rcc::sysclk() const {
    return source_hz(sws());
}

std::uint32_t Rcc::hclk() const {
    // HPRE: 0xxx = /1, 1000..1111 = /2, 4, 8, 16, 64, 128, 256, 512.
    static constexpr std::uint32_t kDiv[] = {2, 4, 8, 16, 64, 128, 256, 512};
    return (hpre() & 8u) == 0 ? sysclk() : sysclk() / kDiv[hpre() & 7u];
}

std::uint32_t Rcc::pclk(unsigned shift) const {
    // PPRE1/PPRE2: 0xx = /1, 100..111 = /2, 4, 8, 16.
    const std::uint32_t ppre = (regs_.get(CFGR) >> shift) & 7u;
    return (ppre & 4u) == 0 ? hclk() : hclk() / (2u << (ppre & 3u));
}

bool Rcc::ready(std::uint32_t sw) const {
    const std::uint32_t cr = regs_.get(CR);
    switch (sw) {
        case kSwMsi:
            return l4() && (cr & CR_MSIRDY) != 0;  // SW = 00 is reserved on G4
        case kSwHsi16:
            return (cr & CR_HSIRDY) != 0;
        case kSwHse:
            return (cr & CR_HSERDY) != 0;
        default:
            return (cr & CR_PLLRDY) != 0;
    }
}

void Rcc::update_sws() {
    if (host_.config().faults.sws_stuck_on_pll && sws() == kSwPll) {
        return;
    }
    const std::uint32_t cfgr = regs_.get(CFGR);
    const std::uint32_t sw = cfgr & CFGR_SW;
    if (!ready(sw) || sw == sws()) {
        return;
    }
    if (sw == kSwPll && (regs_.get(PLLCFGR) & PLLCFGR_PLLREN) == 0) {
        host_.violation("PLL selected as system clock with its R output off (PLLREN = 0)");
    }
    regs_.set(CFGR, (cfgr & ~CFGR_SWS) | (sw << CFGR_SWS_SHIFT));
}

void Rcc::write_cr(std::uint32_t v) {
    const std::uint32_t old = regs_.get(CR);
    std::uint32_t writable = CR_HSION | CR_HSIKERON | CR_HSEON | CR_HSEBYP | CR_CSSON | CR_PLLON;
    if (l4()) {
        writable |= CR_MSION | CR_MSIRGSEL | CR_MSIRANGE | CR_PLLSAI1ON | CR_PLLSAI2ON;
    }
    std::uint32_t nv = v & writable;
    nv |= old & (CR_MSIRGSEL | CR_CSSON);  // set-only bits
    if ((old & CR_HSEON) != 0 && ((old ^ nv) & CR_HSEBYP) != 0) {
        host_.violation("HSEBYP changed while HSE on (writable only with HSE off)");
        nv = (nv & ~CR_HSEBYP) | (old & CR_HSEBYP);
    }
    if (((old ^ nv) & CR_MSIRANGE) != 0 && (old & CR_MSION) != 0 && (old & CR_MSIRDY) == 0) {
        host_.violation("MSIRANGE changed while MSI on but not ready (RM0351 RCC_CR)");
    }
    if (sws() == kSwPll && (nv & CR_PLLON) == 0) {
        host_.violation("PLLON cleared while the PLL is the system clock (ignored by hardware)");
        nv |= CR_PLLON;
    }
    // An oscillator that is the system clock cannot be switched off.
    nv |= sws() == kSwHsi16 ? CR_HSION : 0u;
    nv |= sws() == kSwMsi && l4() ? CR_MSION : 0u;
    nv |= (nv & CR_MSION) != 0 ? CR_MSIRDY : 0u;
    nv |= (nv & CR_HSION) != 0 ? CR_HSIRDY : 0u;
    nv |= (nv & CR_HSEON) != 0 ? CR_HSERDY : 0u;
    const Faults& f = host_.config().faults;
    bool pll_ready = (nv & CR_PLLON) != 0 && !f.pll_never_locks;
    if (f.pll_never_stops && pll_was_ready_) {
        pll_ready = true;
    }
    pll_was_ready_ = pll_was_ready_ || pll_ready;
    nv |= pll_ready ? CR_PLLRDY : 0u;
    nv |= (nv & CR_PLLSAI1ON) != 0 ? CR_PLLSAI1RDY : 0u;
    nv |= (nv & CR_PLLSAI2ON) != 0 ? CR_PLLSAI2RDY : 0u;
    regs_.set(CR, nv);
    update_sws();
}

void Rcc::write_cfgr(std::uint32_t v) {
    regs_.set(CFGR, (v & ~CFGR_SWS) | (regs_.get(CFGR) & CFGR_SWS));  // SWS is read-only
    update_sws();
}

void Rcc::write_csr(std::uint32_t v) {
    const std::uint32_t writable = CSR_LSION | (l4() ? CSR_MSISRANGE : 0u);
    std::uint32_t nv = (regs_.get(CSR) & (CSR_RESET_FLAGS | ~writable)) | (v & writable);
    if ((v & CSR_RMVF) != 0) {
        nv &= ~CSR_RESET_FLAGS;  // RMVF clears every reset flag
    }
    nv &= ~(CSR_LSIRDY | CSR_RMVF);
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
            write_cfgr(v);
            return p;
        case CSR:
            write_csr(v);
            return p;
        case ICSCR: {
            // Only the trims are writable (HSITRIM [30:24] G4 / [28:24] L4, MSITRIM [15:8] L4).
            const std::uint32_t trims = l4() ? (0x1Fu << 24) | (0xFFu << 8) : 0x7Fu << 24;
            regs_.set(ICSCR, (old & ~trims) | (v & trims));
            return p;
        }
        case CICR:
        case CIFR:
            return p;  // flag clears / read-only flags: nothing stored
        case PLLCFGR:
            if ((regs_.get(CR) & CR_PLLON) != 0) {
                host_.violation("RCC_PLLCFGR written while the PLL is on");
            }
            break;
        default:
            break;
    }
    regs_.set(addr, v);
    const std::uint32_t rising = v & ~old;
    if (addr == AHB2RSTR) {
        p.gpio_ports = rising & ((1u << kGpioPorts) - 1u);
    } else if (addr == APB1RSTR1) {
        p.usart2 = (rising & APB1R1_USART2) != 0;
        p.usart3 = (rising & APB1R1_USART3) != 0;
        p.pwr = (rising & APB1R1_PWR) != 0;
    } else if (addr == APB1RSTR2) {
        p.lpuart1 = (rising & APB1R2_LPUART1) != 0;
    } else if (addr == APB2RSTR) {
        p.usart1 = (rising & APB2_USART1) != 0;
    }
    return p;
}

}  // namespace f7model::detail::l4g4
