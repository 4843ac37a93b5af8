#pragma once
// The registers of an STM32G0 part outside the SCS as one bus (RM0444 §2.2 memory map):
// RCC, FLASH, PWR, GPIO A..F, USART1/USART2 and DBG_IDCODE, everything else a word store
// (written values read back). Applies RCC reset pulses and checks the clock rules that span
// RCC, FLASH and PWR. Chip (chip.hpp) routes every non-SCS access here for a G0 part.
#include <cstdint>

#include "g0_blocks.hpp"
#include "g0_rcc.hpp"
#include "host.hpp"

namespace f7model::detail::g0 {

class Bus {
  public:
    explicit Bus(Host& host);

    // System reset: RCC_CSR keeps its flags and gains those of `csr_flags` the G0 has (PIN 26,
    // PWR 27, SFT 28; the F4/F7 BORRSTF bit 25 is the G0's OBLRSTF and is dropped).
    void system_reset(std::uint32_t csr_flags);
    void power_on_reset(std::uint32_t csr_flags);

    std::uint32_t peek(std::uint32_t word) const;
    std::uint32_t load(std::uint32_t word);
    // A word store; returns the trace event's `aux` (FLASH_ACR: SWS now; TDR: 1 = baud ok).
    std::uint32_t store_word(std::uint32_t word, std::uint32_t v);
    void receive(std::uint32_t usart_base, std::uint8_t byte);

  private:
    void reset_blocks();
    void apply(const Pulses& p);
    void check_clocks();
    Usart* usart_at(std::uint32_t addr);
    const Usart* usart_at(std::uint32_t addr) const;

    Host& host_;
    Rcc rcc_;
    Flash flash_;
    Pwr pwr_;
    Gpio gpio_;
    Usart usart1_, usart2_;
    WordStore other_;
};

}  // namespace f7model::detail::g0
