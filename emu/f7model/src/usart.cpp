#include "usart.hpp"

namespace f7model::detail::usart {

namespace {

constexpr double kBaud = 115200.0, kBaudTolerance = 0.03;

}  // namespace

// Kernel clock enables: USART1 APB2ENR bit 4, USART2 APB1ENR bit 17, USART3 APB1ENR bit 18
// (RM0410 §5.3.13-§5.3.14, RM0390 §6.3.13-§6.3.14).
bool Usart::clock_on() const {
    return base_ == kUsart1   ? rcc_.enabled(rcc::APB2ENR, rcc::APB2_USART1)
           : base_ == kUsart2 ? rcc_.enabled(rcc::APB1ENR, rcc::APB1_USART2)
                              : rcc_.enabled(rcc::APB1ENR, rcc::APB1_USART3);
}

bool Usart::receiving() const {
    return (regs_.get(base_ + l_.cr1) & (l_.ue | l_.re)) == (l_.ue | l_.re);
}

std::uint32_t Usart::peek(std::uint32_t addr) const {
    const std::uint32_t off = addr - base_;
    if (off == l_.status) {
        const std::uint32_t cr1 = regs_.get(base_ + l_.cr1);
        const bool rxne = receiving() && !rx_.empty();
        return l_.txe | l_.tc | (rxne ? l_.rxne : 0u) | ((cr1 & l_.ue) != 0 ? l_.ready : 0u);
    }
    if (off == l_.rx) {
        return receiving() && !rx_.empty() ? rx_.front() : 0u;
    }
    return regs_.get(addr);
}

std::uint32_t Usart::read(std::uint32_t addr) {
    const std::uint32_t v = peek(addr);
    if (addr - base_ == l_.rx && receiving() && !rx_.empty()) {
        rx_.pop_front();
    }
    return v;
}

std::uint32_t Usart::transmit(std::uint8_t byte) {
    if ((regs_.get(base_ + l_.cr1) & (l_.ue | l_.te)) != (l_.ue | l_.te)) {
        host_.violation("USART data register written while UE/TE off: byte lost");
        return 0;
    }
    // RM0410 §34.5.7, RM0390 §25.4.4: with OVER8 = 0, baud = USART kernel clock (PCLK2 for
    // USART1, PCLK1 for USART2/3) / BRR (on F4 BRR holds USARTDIV in 12.4 fixed point, the
    // same number).
    const std::uint32_t brr = regs_.get(base_ + l_.brr);
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
    if (off == l_.tx) {
        return transmit(static_cast<std::uint8_t>(v));
    }
    if (off != l_.write_only && off != l_.status) {  // F7 ICR clear bits; status is read-only
        regs_.set(addr, v);
    }
    return 0;
}

}  // namespace f7model::detail::usart
