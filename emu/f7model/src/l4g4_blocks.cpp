#include "l4g4_blocks.hpp"

#include <string>

namespace f7model::detail::l4g4 {

namespace {
constexpr double kBaud = 115200.0, kBaudTolerance = 0.03;
}  // namespace

// ---- flash interface ------------------------------------------------------------------

void Flash::reset() {
    regs_.clear();
    const bool g4 = host_.part().family == Family::g4;
    regs_.set(FLASH_ACR, (g4 ? 1u << 18 : 0u) | ACR_DCEN | ACR_ICEN);
}

// FLASH_OPTR as shipped (part table optcr_reset), with the RDP byte a test injects.
std::uint32_t Flash::peek(std::uint32_t addr) const {
    if (addr == FLASH_OPTR) {
        return (host_.part().optcr_reset & ~0xFFu) | host_.config().faults.rdp;
    }
    return regs_.get(addr);
}

void Flash::write(std::uint32_t addr, std::uint32_t v) {
    if (addr != FLASH_ACR) {
        regs_.set(addr, v);
        return;
    }
    if (((v & ACR_ICRST) != 0 && (v & ACR_ICEN) != 0) ||
        ((v & ACR_DCRST) != 0 && (v & ACR_DCEN) != 0)) {
        host_.violation("flash cache reset while enabled (RM0351/RM0440 FLASH_ACR)");
    }
    const bool g4 = host_.part().family == Family::g4;
    regs_.set(FLASH_ACR, v & ((g4 ? 0xFu | (1u << 18) : 0x7u) | (0x7Fu << 8)));
}

// ---- power controller ---------------------------------------------------------------------

// PWR_CR1 resets to VOS range 1 (part table pwr_cr_reset: 0x0000 0200); PWR_SR2.VOSF reads 0
// (the regulator is never changing in the model); G4 PWR_CR5 resets to R1MODE = 1.
void Pwr::reset() {
    regs_.clear();
    regs_.set(PWR_CR1, host_.part().pwr_cr_reset);
    if (host_.part().family == Family::g4) {
        regs_.set(PWR_CR5, CR5_R1MODE);
    }
}

void Pwr::write(std::uint32_t addr, std::uint32_t v) {
    if (!rcc_.enabled(APB1ENR1, APB1R1_PWR)) {
        host_.violation("PWR write with its clock off (ignored)");
        return;
    }
    if (addr == PWR_SR2) {
        return;  // status, read-only
    }
    if (addr == PWR_CR5 && ((regs_.get(PWR_CR5) ^ v) & CR5_R1MODE) != 0 && (v & CR5_R1MODE) == 0 &&
        rcc_.sws() == kSwPll && (rcc_.hpre() & 8u) == 0) {
        // RM0440 "Range 1 boost mode": HCLK divided by 2 before a switch into boost.
        host_.violation("boost mode entered at full HCLK from the PLL");
    }
    regs_.set(addr, v);
}

// ---- GPIO ---------------------------------------------------------------------------------

namespace {
// Reset values: every pin analog (MODER 11) but the debug pins (GPIOA 0xABFF FFFF, GPIOB
// 0xFFFF FEBF); OSPEEDR GPIOA 0x0C00 0000; PUPDR GPIOA 0x6400 0000, GPIOB 0x0000 0100.
std::uint32_t gpio_reset_value(unsigned port, std::uint32_t offset) {
    if (offset == MODER) {
        return port == 0 ? 0xABFFFFFFu : port == 1 ? 0xFFFFFEBFu : 0xFFFFFFFFu;
    }
    if (port == 0) {
        return offset == OSPEEDR ? 0x0C000000u : offset == PUPDR ? 0x64000000u : 0u;
    }
    return port == 1 && offset == PUPDR ? 0x00000100u : 0u;
}
}  // namespace

void Gpio::reset_port(unsigned port) {
    for (std::uint32_t off = MODER; off <= AFRH; off += 4) {
        regs_.set(kGpioBase + kGpioPortSize * port + off, gpio_reset_value(port, off));
    }
}

void Gpio::reset() {
    regs_.clear();
    for (unsigned p = 0; p < kGpioPorts; ++p) {
        reset_port(p);
    }
}

std::uint32_t Gpio::peek(std::uint32_t addr) const {
    return (addr % kGpioPortSize) == IDR ? regs_.get(addr - IDR + ODR) : regs_.get(addr);
}

void Gpio::write(std::uint32_t addr, std::uint32_t v) {
    const unsigned port = (addr - kGpioBase) / kGpioPortSize;
    if (!rcc_.enabled(AHB2ENR, 1u << port)) {
        host_.violation("GPIO" + std::string(1, static_cast<char>('A' + port)) +
                        " write with its clock off");
        return;
    }
    if ((addr % kGpioPortSize) == BSRR) {
        const std::uint32_t odr = addr - BSRR + ODR;
        regs_.set(odr, (regs_.get(odr) | (v & 0xFFFFu)) & ~(v >> 16));
        return;
    }
    regs_.set(addr, v);
}

// ---- USART / LPUART -----------------------------------------------------------------------

// Kernel clocks (RCC_CCIPR at reset: PCLK): USART1 APB2ENR bit 14 (PCLK2), USART2/3
// APB1ENR1 bits 17/18, LPUART1 APB1ENR2 bit 0 (PCLK1).
bool Usart::clock_on() const {
    return base_ == kUsart1   ? rcc_.enabled(APB2ENR, APB2_USART1)
           : base_ == kUsart2 ? rcc_.enabled(APB1ENR1, APB1R1_USART2)
           : base_ == kUsart3 ? rcc_.enabled(APB1ENR1, APB1R1_USART3)
                              : rcc_.enabled(APB1ENR2, APB1R2_LPUART1);
}

bool Usart::receiving() const {
    return (regs_.get(base_ + U_CR1) & 0x5u) == 0x5u;  // UE and RE
}

std::uint32_t Usart::peek(std::uint32_t addr) const {
    const std::uint32_t off = addr - base_;
    if (off == U_ISR) {
        const bool ue = (regs_.get(base_ + U_CR1) & 1u) != 0;
        const bool rxne = receiving() && !rx_.empty();
        // TXE 7, TC 6, RXNE 5; TEACK 21 / REACK 22 while enabled.
        return (1u << 7) | (1u << 6) | (rxne ? 1u << 5 : 0u) | (ue ? 3u << 21 : 0u);
    }
    if (off == U_RDR) {
        return receiving() && !rx_.empty() ? rx_.front() : 0u;
    }
    return regs_.get(addr);
}

std::uint32_t Usart::read(std::uint32_t addr) {
    const std::uint32_t v = peek(addr);
    if (addr - base_ == U_RDR && receiving() && !rx_.empty()) {
        rx_.pop_front();
    }
    return v;
}

std::uint32_t Usart::write(std::uint32_t addr, std::uint32_t v) {
    if (!clock_on()) {
        host_.violation("USART write with its clock off");
        return 0;
    }
    const std::uint32_t off = addr - base_;
    if (off == U_TDR) {
        if ((regs_.get(base_ + U_CR1) & 0x9u) != 0x9u) {  // UE and TE
            host_.violation("USART data register written while UE/TE off: byte lost");
            return 0;
        }
        // Oversampling by 16: baud = f_ck / BRR; LPUART: 256 x f_ck / BRR.
        const std::uint32_t brr = regs_.get(base_ + U_BRR);
        const double clk = static_cast<double>(base_ == kUsart1 ? rcc_.pclk2() : rcc_.pclk1());
        const double num = base_ == kLpuart1 ? clk * 256.0 : clk;
        const double baud = brr == 0 ? 0.0 : num / brr;
        const bool ok =
            baud > kBaud * (1.0 - kBaudTolerance) && baud < kBaud * (1.0 + kBaudTolerance);
        host_.console_byte(static_cast<std::uint8_t>(v), ok);
        return ok ? 1u : 0u;
    }
    if (off != U_ICR && off != U_ISR) {
        regs_.set(addr, v);
    }
    return 0;
}

}  // namespace f7model::detail::l4g4
