#include "usart.hpp"

namespace f7model::detail::usart {

namespace {

constexpr double kBaud = 115200.0, kBaudTolerance = 0.03;

}  // namespace

bool Usart::clock_on() const {
    return base_ == kUsart1 ? rcc_.enabled(rcc::APB2ENR, rcc::APB2_USART1)
                            : rcc_.enabled(rcc::APB1ENR, rcc::APB1_USART3);
}

bool Usart::receiving() const {
    return (regs_.get(base_ + CR1) & (CR1_UE | CR1_RE)) == (CR1_UE | CR1_RE);
}

std::uint32_t Usart::peek(std::uint32_t addr) const {
    const std::uint32_t off = addr - base_;
    if (off == ISR) {
        const std::uint32_t cr1 = regs_.get(base_ + CR1);
        const bool rxne = receiving() && !rx_.empty();
        return ISR_TXE | ISR_TC | (rxne ? ISR_RXNE : 0u) |
               ((cr1 & CR1_UE) != 0 ? ISR_TEACK | ISR_REACK : 0u);
    }
    if (off == RDR) {
        return receiving() && !rx_.empty() ? rx_.front() : 0u;
    }
    return regs_.get(addr);
}

std::uint32_t Usart::read(std::uint32_t addr) {
    const std::uint32_t v = peek(addr);
    if (addr - base_ == RDR && receiving() && !rx_.empty()) {
        rx_.pop_front();
    }
    return v;
}

std::uint32_t Usart::transmit(std::uint8_t byte) {
    if ((regs_.get(base_ + CR1) & (CR1_UE | CR1_TE)) != (CR1_UE | CR1_TE)) {
        host_.violation("USART TDR written while UE/TE off: byte lost");
        return 0;
    }
    // §34.5.7: with OVER8 = 0, baud = USART kernel clock (PCLK2 for USART1, PCLK1 for
    // USART3 after reset, §5.3.27) / BRR.
    const std::uint32_t brr = regs_.get(base_ + BRR);
    const std::uint32_t clk = base_ == kUsart1 ? rcc_.pclk2() : rcc_.pclk1();
    const double baud = brr == 0 ? 0.0 : static_cast<double>(clk) / brr;
    const bool ok = baud > kBaud * (1.0 - kBaudTolerance) && baud < kBaud * (1.0 + kBaudTolerance);
    host_.console_byte(byte, ok);
    return ok ? 1u : 0u;
}

std::uint32_t Usart::write(std::uint32_t addr, std::uint32_t v) {
    if (!clock_on()) {
        host_.violation("USART write with its clock off");
        return 0;
    }
    const std::uint32_t off = addr - base_;
    if (off == TDR) {
        return transmit(static_cast<std::uint8_t>(v));
    }
    if (off != ICR) {  // ICR's clear bits are write-only
        regs_.set(addr, v);
    }
    return 0;
}

}  // namespace f7model::detail::usart
