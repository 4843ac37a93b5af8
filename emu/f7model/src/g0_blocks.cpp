#include "g0_blocks.hpp"

#include <string>

namespace f7model::detail::g0 {

namespace {

// OPTR RDP [7:0] (RM0444 §3.7.8).
constexpr std::uint32_t OPTR_RDP = 0xFFu;
// USART (RM0444 §33.8.1 CR1: UE 0, RE 2, TE 3; §33.8.8 ISR: RXNE 5, TC 6, TXE 7, TEACK 21,
// REACK 22).
constexpr std::uint32_t CR1_UE = 1u << 0, CR1_RE = 1u << 2, CR1_TE = 1u << 3;
constexpr std::uint32_t ISR_RXNE = 1u << 5, ISR_TC = 1u << 6, ISR_TXE = 1u << 7,
                        ISR_TEACK = 1u << 21, ISR_REACK = 1u << 22;
constexpr double kBaud = 115200.0, kBaudTolerance = 0.03;

}  // namespace

std::uint32_t Flash::peek(std::uint32_t addr) const {
    if (addr == FLASH_OPTR) {
        return (host_.part().optcr_reset & ~OPTR_RDP) | host_.config().faults.rdp;
    }
    return regs_.get(addr);
}

void Flash::write(std::uint32_t addr, std::uint32_t v) {
    if (addr != FLASH_ACR) {
        regs_.set(addr, v);
        return;
    }
    if ((v & ACR_ICRST) != 0 && (v & ACR_ICEN) != 0) {
        host_.violation("instruction cache reset while enabled (RM0444 §3.3.5)");
    }
    regs_.set(FLASH_ACR, (v & ACR_WRITABLE) | (1u << 10));  // bit 10 reads 1
}

void Pwr::write(std::uint32_t addr, std::uint32_t v) {
    if (!rcc_.enabled(RCC_APBENR1, APB1_PWR)) {
        host_.violation("PWR write with its clock off (ignored)");
        return;
    }
    if (addr != PWR_SR2) {  // SR2 is read-only status
        regs_.set(addr, v);
    }
}

void Gpio::reset_port(unsigned port) {
    const std::uint32_t base = kGpioBase + kPortSize * port;
    for (std::uint32_t off = 0; off < 0x2C; off += 4) {
        regs_.set(base + off, 0);
    }
    regs_.set(base + 0x00, port == 0 ? 0xEBFFFFFFu : 0xFFFFFFFFu);  // MODER
    if (port == 0) {
        regs_.set(base + 0x08, 0x0C000000u);  // OSPEEDR
        regs_.set(base + 0x0C, 0x24000000u);  // PUPDR
    }
}

void Gpio::reset() {
    regs_.clear();
    for (unsigned p = 0; p < kGpioPorts; ++p) {
        reset_port(p);
    }
}

std::uint32_t Gpio::peek(std::uint32_t addr) const {
    constexpr std::uint32_t IDR = 0x10, ODR = 0x14;
    return (addr % kPortSize) == IDR ? regs_.get(addr - IDR + ODR) : regs_.get(addr);
}

void Gpio::write(std::uint32_t addr, std::uint32_t v) {
    const unsigned port = (addr - kGpioBase) / kPortSize;
    if (!rcc_.enabled(RCC_IOPENR, 1u << port)) {
        host_.violation("GPIO" + std::string(1, static_cast<char>('A' + port)) +
                        " write with its clock off");
        return;
    }
    constexpr std::uint32_t ODR = 0x14, BSRR = 0x18, BRR = 0x28;
    const std::uint32_t off = addr % kPortSize, odr = addr - off + ODR;
    if (off == BSRR) {  // §7.4.7: BS [15:0] set, BR [31:16] reset
        regs_.set(odr, (regs_.get(odr) | (v & 0xFFFFu)) & ~(v >> 16));
    } else if (off == BRR) {  // §7.4.11: reset the ODR bits
        regs_.set(odr, regs_.get(odr) & ~(v & 0xFFFFu));
    } else {
        regs_.set(addr, v);
    }
}

bool Usart::receiving() const {
    return (regs_.get(base_ + USART_CR1) & (CR1_UE | CR1_RE)) == (CR1_UE | CR1_RE);
}

std::uint32_t Usart::peek(std::uint32_t addr) const {
    const std::uint32_t off = addr - base_;
    if (off == USART_ISR) {
        const bool ue = (regs_.get(base_ + USART_CR1) & CR1_UE) != 0;
        return ISR_TXE | ISR_TC | (receiving() && !rx_.empty() ? ISR_RXNE : 0u) |
               (ue ? ISR_TEACK | ISR_REACK : 0u);
    }
    if (off == USART_RDR) {
        return receiving() && !rx_.empty() ? rx_.front() : 0u;
    }
    return regs_.get(addr);
}

std::uint32_t Usart::read(std::uint32_t addr) {
    const std::uint32_t v = peek(addr);
    if (addr - base_ == USART_RDR && receiving() && !rx_.empty()) {
        rx_.pop_front();
    }
    return v;
}

// RM0444 §33.5.7: with OVER8 = 0 and PRESC = /1, baud = kernel clock / BRR; the kernel clock
// is chosen by CCIPR USART1SEL [1:0] / USART2SEL [3:2].
std::uint32_t Usart::transmit(std::uint8_t byte) {
    if ((regs_.get(base_ + USART_CR1) & (CR1_UE | CR1_TE)) != (CR1_UE | CR1_TE)) {
        host_.violation("USART data register written while UE/TE off: byte lost");
        return 0;
    }
    const std::uint32_t brr = regs_.get(base_ + USART_BRR);
    const std::uint32_t clk = rcc_.usart_clock(base_ == kUsart1 ? 0 : 2);
    const double baud = brr == 0 ? 0.0 : static_cast<double>(clk) / brr;
    const bool ok = baud > kBaud * (1.0 - kBaudTolerance) && baud < kBaud * (1.0 + kBaudTolerance);
    host_.console_byte(byte, ok);
    return ok ? 1u : 0u;
}

// Clock enables: USART1 APBENR2 bit 14, USART2 APBENR1 bit 17 (RM0444 §5.4.15-§5.4.16).
std::uint32_t Usart::write(std::uint32_t addr, std::uint32_t v) {
    const bool clock = base_ == kUsart1 ? rcc_.enabled(RCC_APBENR2, APB2_USART1)
                                        : rcc_.enabled(RCC_APBENR1, APB1_USART2);
    if (!clock) {
        host_.violation("USART write with its clock off");
        return 0;
    }
    const std::uint32_t off = addr - base_;
    if (off == USART_TDR) {
        return transmit(static_cast<std::uint8_t>(v));
    }
    if (off != USART_ICR && off != USART_ISR) {
        regs_.set(addr, v);
    }
    return 0;
}

}  // namespace f7model::detail::g0
