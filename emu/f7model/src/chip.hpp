#pragma once
// The STM32 part's memory-mapped registers as one bus: routes each access to its block (SCS,
// RCC, FLASH interface, PWR, GPIO, USART, DBGMCU; on a G0 part everything but the SCS goes to
// g0::Bus), keeps the words of unmodelled peripherals
// (written values read back), applies RCC reset pulses and checks the clock rules that span
// RCC, FLASH and PWR.
#include <cstdint>
#include <memory>

#include "bus.hpp"
#include "flash_interface.hpp"
#include "g0_bus.hpp"
#include "gpio.hpp"
#include "h7_chip.hpp"
#include "host.hpp"
#include "pwr.hpp"
#include "rcc.hpp"
#include "scs.hpp"
#include "usart.hpp"

namespace f7model::detail {

class Chip final : public Bus {
  public:
    explicit Chip(Host& host);

    // System reset (power-on, pin, SYSRESETREQ): every register to its reset value; RCC_CSR
    // keeps its reset flags and gains `csr_flags`.
    void system_reset(std::uint32_t csr_flags) override;
    // Power-on reset: as system_reset(), but RCC_CSR holds only `csr_flags`.
    void power_on_reset(std::uint32_t csr_flags) override;

    // The word at `addr` (aligned down) as the CPU would read it, without side effects.
    std::uint32_t peek(std::uint32_t addr) const override;
    // A CPU load of `size` bytes (reading a USART's RDR takes the byte).
    std::uint32_t load(std::uint32_t addr, unsigned size) override;
    // A CPU store of `size` bytes. Returns the value for the trace event's `aux`: FLASH_ACR,
    // RCC_CFGR.SWS at the time; a USART TDR, 1 when the byte left at the right baud rate.
    std::uint32_t store(std::uint32_t addr, std::uint32_t v, unsigned size) override;

    void receive(std::uint32_t usart_base, std::uint8_t byte) override;
    void set_fpccr(std::uint32_t v) override { h7_ ? h7_->set_fpccr(v) : scs_.set_fpccr(v); }

  private:
    void reset_blocks();
    std::uint32_t store_word(std::uint32_t w, std::uint32_t v);
    void apply(const rcc::Pulses& p);
    void check_clocks();
    usart::Usart* usart_at(std::uint32_t addr);
    const usart::Usart* usart_at(std::uint32_t addr) const;

    Host& host_;
    scs::Scs scs_;
    rcc::Rcc rcc_;
    flash::FlashInterface flash_;
    pwr::Pwr pwr_;
    gpio::Gpio gpio_;
    usart::Usart usart1_, usart2_, usart3_;
    WordStore other_;              // unmodelled peripherals
    std::unique_ptr<g0::Bus> g0_;  // a G0 part: every register outside the SCS (g0_bus.hpp)
    // STM32H7 parts: their own bus (h7_chip.hpp); every public call goes there.
    std::unique_ptr<h7::Chip> h7_;
};

}  // namespace f7model::detail
