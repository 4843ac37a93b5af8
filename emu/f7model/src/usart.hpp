#pragma once
// USART1, USART2 and USART3, the consoles of the modelled boards and the ROM's USARTs, in two
// register layouts: F7 (CR1, BRR at 0x0C, ISR, ICR, RDR, TDR: RM0410 §34.8; RM0385 §31.8;
// RM0431 §31.8) and F4 (SR, DR, BRR at 0x08, CR1 at 0x0C with UE in bit 13: RM0390 §25.6,
// RM0383 §19.6). Transmission is immediate (TXE and TC always set); received bytes come from
// a queue the test fills. A byte sent is checked against 115200 baud from the kernel clock.
#include <cstdint>
#include <deque>

#include "host.hpp"
#include "rcc.hpp"

namespace f7model::detail::usart {

inline constexpr std::uint32_t kUsart1 = 0x40011000, kUsart2 = 0x40004400, kUsart3 = 0x40004800,
                               kSize = 0x400;
// Register offsets (§34.8.1-§34.8.12).
inline constexpr std::uint32_t CR1 = 0x00, BRR = 0x0C, ISR = 0x1C, ICR = 0x20, RDR = 0x24,
                               TDR = 0x28;
// USART_CR1 (§34.8.1): UE bit 0, RE bit 2, TE bit 3.
inline constexpr std::uint32_t CR1_UE = 1u << 0, CR1_RE = 1u << 2, CR1_TE = 1u << 3;
// USART_ISR (§34.8.8): RXNE bit 5, TC bit 6, TXE bit 7, TEACK bit 21, REACK bit 22.
inline constexpr std::uint32_t ISR_RXNE = 1u << 5, ISR_TC = 1u << 6, ISR_TXE = 1u << 7,
                               ISR_TEACK = 1u << 21, ISR_REACK = 1u << 22;
// F4 layout (RM0390 §25.6.1-§25.6.4): SR 0x00 (RXNE bit 5, TC bit 6, TXE bit 7), DR 0x04,
// BRR 0x08, CR1 0x0C (RE bit 2, TE bit 3, UE bit 13).
inline constexpr std::uint32_t F4_SR = 0x00, F4_DR = 0x04, F4_BRR = 0x08, F4_CR1 = 0x0C;
inline constexpr std::uint32_t F4_CR1_UE = 1u << 13;

struct Layout {
    std::uint32_t cr1, brr, status, rx, tx, write_only;  // write_only: F7 ICR, F4 none
    std::uint32_t ue, re, te, rxne, tc, txe, ready;      // ready: F7 TEACK|REACK
};
inline constexpr Layout kF7Layout{CR1,
                                  BRR,
                                  ISR,
                                  RDR,
                                  TDR,
                                  ICR,
                                  CR1_UE,
                                  CR1_RE,
                                  CR1_TE,
                                  ISR_RXNE,
                                  ISR_TC,
                                  ISR_TXE,
                                  ISR_TEACK | ISR_REACK};
inline constexpr Layout kF4Layout{F4_CR1,      F4_BRR,    F4_SR,  F4_DR,  F4_DR,
                                  0xFFFFFFFFu, F4_CR1_UE, CR1_RE, CR1_TE, ISR_RXNE,
                                  ISR_TC,      ISR_TXE,   0};

class Usart {
  public:
    Usart(Host& host, const rcc::Rcc& rcc, std::uint32_t base)
        : host_(host),
          rcc_(rcc),
          base_(base),
          l_(host.part().family == Family::f7 ? kF7Layout : kF4Layout) {}
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
    const Layout& l_;
    WordStore regs_;
    std::deque<std::uint8_t> rx_;
};

}  // namespace f7model::detail::usart
