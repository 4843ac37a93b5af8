#pragma once
// STM32G0 flash interface, power controller, GPIO ports and USART1/USART2 (RM0444 §3.7,
// §4.4, §7.4, §33.8; addresses and bits as in ST's CMSIS stm32g071xx.h). Registers only:
// no programming, no low-power modes; the USART transmits at once (TXE and TC always set)
// and takes received bytes from a queue the test fills, with the F7 register layout
// (CR1, BRR 0x0C, ISR 0x1C, ICR 0x20, RDR 0x24, TDR 0x28) but its own bases and clocks.
#include <cstdint>
#include <deque>

#include "g0_rcc.hpp"
#include "host.hpp"

namespace f7model::detail::g0 {

// FLASH (§3.7.1 ACR, reset 0x0000 0600: ICEN and bit 10 set; §3.7.8 OPTR).
inline constexpr std::uint32_t kFlashBase = 0x40022000, kFlashSize = 0x400;
inline constexpr std::uint32_t FLASH_ACR = kFlashBase + 0x00, FLASH_OPTR = kFlashBase + 0x20;
inline constexpr std::uint32_t ACR_RESET = 0x00000600u, ACR_LATENCY = 7u, ACR_ICEN = 1u << 9,
                               ACR_ICRST = 1u << 11, ACR_WRITABLE = 0x00040F07u;

class Flash {
  public:
    explicit Flash(Host& host) : host_(host) {}
    void reset() {
        regs_.clear();
        regs_.set(FLASH_ACR, ACR_RESET);
    }
    std::uint32_t peek(std::uint32_t addr) const;
    void write(std::uint32_t addr, std::uint32_t v);
    std::uint32_t latency() const { return regs_.get(FLASH_ACR) & ACR_LATENCY; }

  private:
    Host& host_;
    WordStore regs_;
};

// PWR (§4.4.1 CR1, reset 0x0000 0208; §4.4.6 SR2: VOSF/REGLPF read 0, changes are instant).
inline constexpr std::uint32_t kPwrBase = 0x40007000, kPwrSize = 0x400;
inline constexpr std::uint32_t PWR_CR1 = kPwrBase + 0x00, PWR_SR2 = kPwrBase + 0x14;

class Pwr {
  public:
    Pwr(Host& host, const Rcc& rcc) : host_(host), rcc_(rcc) {}
    void reset() {
        regs_.clear();
        regs_.set(PWR_CR1, host_.part().pwr_cr_reset);
    }
    std::uint32_t peek(std::uint32_t addr) const { return regs_.get(addr); }
    void write(std::uint32_t addr, std::uint32_t v);
    // VOS range 2 (10) caps HCLK at 16 MHz (RM0444 §4.1.4).
    bool range2() const { return ((regs_.get(PWR_CR1) >> 9) & 3u) == 2u; }

  private:
    Host& host_;
    const Rcc& rcc_;
    WordStore regs_;
};

// GPIO ports A..F on the IOPORT bus (§7.4). Reset (§7.4.1-§7.4.4): port A MODER 0xEBFF FFFF
// (PA13/PA14 SWD in AF), OSPEEDR 0x0C00 0000, PUPDR 0x2400 0000; the other ports MODER
// 0xFFFF FFFF (analog), the rest 0. IDR reads what ODR drives.
inline constexpr std::uint32_t kGpioBase = 0x50000000, kPortSize = 0x400,
                               kGpioSize = kPortSize * kGpioPorts;

class Gpio {
  public:
    Gpio(Host& host, const Rcc& rcc) : host_(host), rcc_(rcc) {}
    void reset_port(unsigned port);
    void reset();
    std::uint32_t peek(std::uint32_t addr) const;
    void write(std::uint32_t addr, std::uint32_t v);

  private:
    Host& host_;
    const Rcc& rcc_;
    WordStore regs_;
};

inline constexpr std::uint32_t kUsart1 = 0x40013800, kUsart2 = 0x40004400, kUsartSize = 0x400;
inline constexpr std::uint32_t USART_CR1 = 0x00, USART_BRR = 0x0C, USART_ISR = 0x1C,
                               USART_ICR = 0x20, USART_RDR = 0x24, USART_TDR = 0x28;

class Usart {
  public:
    Usart(Host& host, const Rcc& rcc, std::uint32_t base) : host_(host), rcc_(rcc), base_(base) {}
    void reset() { regs_.clear(); }
    void receive(std::uint8_t byte) { rx_.push_back(byte); }
    std::uint32_t peek(std::uint32_t addr) const;
    std::uint32_t read(std::uint32_t addr);
    // Returns 1 when it sent a byte at the right baud rate, else 0.
    std::uint32_t write(std::uint32_t addr, std::uint32_t v);

  private:
    bool receiving() const;
    std::uint32_t transmit(std::uint8_t byte);

    Host& host_;
    const Rcc& rcc_;
    std::uint32_t base_;
    WordStore regs_;
    std::deque<std::uint8_t> rx_;
};

}  // namespace f7model::detail::g0
