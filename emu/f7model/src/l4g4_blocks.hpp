#pragma once
// The STM32L4/G4 blocks around the RCC (l4g4_rcc.hpp): flash interface (FLASH_ACR, FLASH_OPTR),
// power controller (PWR_CR1, PWR_SR2, G4's PWR_CR5), GPIO ports from 0x48000000, and the
// USART/LPUART block (CR1/BRR/ISR/ICR/RDR/TDR). Sources: RM0351 / RM0440 "FLASH registers",
// "PWR registers", "GPIO registers", "USART registers", "LPUART registers"; addresses and bits
// checked against CMSIS stm32l476xx.h / stm32g474xx.h.
#include <cstdint>
#include <deque>

#include "host.hpp"
#include "l4g4_rcc.hpp"

namespace f7model::detail::l4g4 {

inline constexpr std::uint32_t kFlashBase = 0x40022000, kFlashSize = 0x400;
inline constexpr std::uint32_t FLASH_ACR = kFlashBase + 0x00, FLASH_OPTR = kFlashBase + 0x20;
// FLASH_ACR: LATENCY [3:0] (L4: [2:0]), PRFTEN 8, ICEN 9, DCEN 10, ICRST 11, DCRST 12, RUN_PD
// 13, SLEEP_PD 14, DBG_SWEN 18 (G4). Reset: L4 0x0000 0600, G4 0x0004 0600.
inline constexpr std::uint32_t ACR_ICEN = 1u << 9, ACR_DCEN = 1u << 10, ACR_ICRST = 1u << 11,
                               ACR_DCRST = 1u << 12;

inline constexpr std::uint32_t kPwrBase = 0x40007000, kPwrSize = 0x400;
inline constexpr std::uint32_t PWR_CR1 = kPwrBase + 0x00, PWR_SR2 = kPwrBase + 0x14,
                               PWR_CR5 = kPwrBase + 0x80;
// PWR_CR5.R1MODE (G4, bit 8): 1 = range 1 normal (reset), 0 = range 1 boost.
inline constexpr std::uint32_t CR5_R1MODE = 1u << 8;

inline constexpr std::uint32_t kGpioBase = 0x48000000, kGpioPortSize = 0x400;
inline constexpr std::uint32_t kGpioSize = kGpioPortSize * kGpioPorts;
inline constexpr std::uint32_t MODER = 0x00, OSPEEDR = 0x08, PUPDR = 0x0C, IDR = 0x10, ODR = 0x14,
                               BSRR = 0x18, AFRL = 0x20, AFRH = 0x24;

inline constexpr std::uint32_t kUsart1 = 0x40013800, kUsart2 = 0x40004400, kUsart3 = 0x40004800,
                               kLpuart1 = 0x40008000, kUsartSize = 0x400;
inline constexpr std::uint32_t U_CR1 = 0x00, U_BRR = 0x0C, U_ISR = 0x1C, U_ICR = 0x20, U_RDR = 0x24,
                               U_TDR = 0x28;

class Flash {
  public:
    explicit Flash(Host& host) : host_(host) {}
    void reset();
    std::uint32_t peek(std::uint32_t addr) const;
    void write(std::uint32_t addr, std::uint32_t v);
    std::uint32_t latency() const { return regs_.get(FLASH_ACR) & 0xFu; }

  private:
    Host& host_;
    WordStore regs_;
};

class Pwr {
  public:
    Pwr(Host& host, const Rcc& rcc) : host_(host), rcc_(rcc) {}
    void reset();
    std::uint32_t peek(std::uint32_t addr) const { return regs_.get(addr); }
    void write(std::uint32_t addr, std::uint32_t v);
    bool boost() const {
        return host_.part().family == Family::g4 && (regs_.get(PWR_CR5) & CR5_R1MODE) == 0;
    }

  private:
    Host& host_;
    const Rcc& rcc_;
    WordStore regs_;
};

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

// USART1/2/3 and LPUART1: transmission is immediate (TXE and TC always set); received bytes
// come from a queue the test fills. A byte sent is checked against 115200 baud.
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
    bool clock_on() const;
    bool receiving() const;

    Host& host_;
    const Rcc& rcc_;
    std::uint32_t base_;
    WordStore regs_;
    std::deque<std::uint8_t> rx_;
};

}  // namespace f7model::detail::l4g4
