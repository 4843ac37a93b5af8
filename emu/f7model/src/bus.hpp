#pragma once
// The part's memory-mapped registers as the model's CPU sees them: one bus per register
// layout family (chip.hpp: STM32F7/F4; l4g4_chip.hpp: STM32L4/G4), chosen by the part.
#include <cstdint>
#include <memory>

#include "host.hpp"

namespace f7model::detail {

class Bus {
  public:
    virtual ~Bus() = default;
    // System reset (pin, SYSRESETREQ): every register to its reset value; the reset flags
    // survive and gain `csr_flags` (F7/F4 RCC_CSR bit positions, model.cpp).
    virtual void system_reset(std::uint32_t csr_flags) = 0;
    // Power-on reset: as system_reset(), but only `csr_flags` are set.
    virtual void power_on_reset(std::uint32_t csr_flags) = 0;
    // The word at `addr` (aligned down) as the CPU would read it, without side effects.
    virtual std::uint32_t peek(std::uint32_t addr) const = 0;
    // A CPU load of `size` bytes (reading a USART's RDR takes the byte).
    virtual std::uint32_t load(std::uint32_t addr, unsigned size) = 0;
    // A CPU store of `size` bytes; returns the trace event's `aux` (chip.hpp).
    virtual std::uint32_t store(std::uint32_t addr, std::uint32_t v, unsigned size) = 0;
    virtual void receive(std::uint32_t usart_base, std::uint8_t byte) = 0;
    virtual void set_fpccr(std::uint32_t v) = 0;
};

// The bus of the host's part.
std::unique_ptr<Bus> make_bus(Host& host);

}  // namespace f7model::detail
