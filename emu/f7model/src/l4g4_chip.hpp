#pragma once
// The STM32L4/G4 part's registers as one bus (bus.hpp): routes each access to its block (SCS,
// RCC, FLASH, PWR, GPIO, USART/LPUART, DBGMCU), keeps the words of unmodelled peripherals,
// applies RCC reset pulses and checks the clock rules that span RCC, FLASH and PWR.
#include <cstdint>

#include "bus.hpp"
#include "l4g4_blocks.hpp"
#include "l4g4_rcc.hpp"
#include "scs.hpp"

namespace f7model::detail::l4g4 {

class Chip final : public Bus {
  public:
    explicit Chip(Host& host);
    void system_reset(std::uint32_t csr_flags) override;
    void power_on_reset(std::uint32_t csr_flags) override;
    std::uint32_t peek(std::uint32_t addr) const override;
    std::uint32_t load(std::uint32_t addr, unsigned size) override;
    // FLASH_ACR writes return 0 when the system clock is the reset clock (MSI on L4, HSI16 on
    // G4), else 1 + SWS; a USART TDR, 1 when the byte left at the right baud rate.
    std::uint32_t store(std::uint32_t addr, std::uint32_t v, unsigned size) override;
    void receive(std::uint32_t usart_base, std::uint8_t byte) override;
    void set_fpccr(std::uint32_t v) override { scs_.set_fpccr(v); }

  private:
    void reset_blocks();
    std::uint32_t store_word(std::uint32_t w, std::uint32_t v);
    void apply(const Pulses& p);
    void check_clocks();
    Usart* usart_at(std::uint32_t addr);
    const Usart* usart_at(std::uint32_t addr) const;

    Host& host_;
    scs::Scs scs_;
    Rcc rcc_;
    Flash flash_;
    Pwr pwr_;
    Gpio gpio_;
    Usart usart1_, usart2_, usart3_, lpuart1_;
    WordStore other_;
};

}  // namespace f7model::detail::l4g4
