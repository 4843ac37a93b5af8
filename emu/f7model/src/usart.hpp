#pragma once
// USART1 and USART3, the consoles of the modelled boards (RM0410 §34.8; RM0385 §31.8; RM0431
// §31.8). Transmission is immediate (TXE and TC always set); received bytes come from a
// queue the test fills. A byte sent is checked against 115200 baud from the kernel clock.
#include <cstdint>
#include <deque>

#include "host.hpp"
#include "rcc.hpp"

namespace f7model::detail::usart {

inline constexpr std::uint32_t kUsart1 = 0x40011000, kUsart3 = 0x40004800, kSize = 0x400;
// Register offsets (§34.8.1-§34.8.12).
inline constexpr std::uint32_t CR1 = 0x00, BRR = 0x0C, ISR = 0x1C, ICR = 0x20, RDR = 0x24,
                               TDR = 0x28;
// USART_CR1 (§34.8.1): UE bit 0, RE bit 2, TE bit 3.
inline constexpr std::uint32_t CR1_UE = 1u << 0, CR1_RE = 1u << 2, CR1_TE = 1u << 3;
// USART_ISR (§34.8.8): RXNE bit 5, TC bit 6, TXE bit 7, TEACK bit 21, REACK bit 22.
inline constexpr std::uint32_t ISR_RXNE = 1u << 5, ISR_TC = 1u << 6, ISR_TXE = 1u << 7,
                               ISR_TEACK = 1u << 21, ISR_REACK = 1u << 22;

class Usart {
  public:
    Usart(Host& host, const rcc::Rcc& rcc, std::uint32_t base)
        : host_(host), rcc_(rcc), base_(base) {}
    std::uint32_t base() const { return base_; }
    void reset() { regs_.clear(); }
    void receive(std::uint8_t byte) { rx_.push_back(byte); }

    // What the CPU would read now, without its side effect (reading RDR takes the byte).
    std::uint32_t peek(std::uint32_t addr) const;
    // A CPU read: RDR gives the oldest received byte and removes it from the queue.
    std::uint32_t read(std::uint32_t addr);
    // A CPU write. Returns 1 when it sent a byte at the right baud rate, else 0.
    std::uint32_t write(std::uint32_t addr, std::uint32_t v);

  private:
    bool clock_on() const;
    bool receiving() const;
    std::uint32_t transmit(std::uint8_t byte);

    Host& host_;
    const rcc::Rcc& rcc_;
    std::uint32_t base_;
    WordStore regs_;
    std::deque<std::uint8_t> rx_;
};

}  // namespace f7model::detail::usart
