#pragma once
// GPIO ports A..K (RM0410 §6.4; RM0385 §6.4; RM0431 §6.4). No pin is driven from outside, so
// IDR reads what ODR drives.
#include <cstdint>

#include "host.hpp"
#include "rcc.hpp"

namespace f7model::detail::gpio {

inline constexpr std::uint32_t kBase = 0x40020000, kPortSize = 0x400;
inline constexpr std::uint32_t kSize = kPortSize * rcc::kGpioPorts;
// Register offsets (§6.4.1-§6.4.10).
inline constexpr std::uint32_t MODER = 0x00, OSPEEDR = 0x08, PUPDR = 0x0C, IDR = 0x10, ODR = 0x14,
                               BSRR = 0x18, AFRH = 0x24;

class Gpio {
  public:
    Gpio(Host& host, const rcc::Rcc& rcc) : host_(host), rcc_(rcc) {}
    void reset_port(unsigned port);
    void reset();
    std::uint32_t peek(std::uint32_t addr) const;
    void write(std::uint32_t addr, std::uint32_t v);

  private:
    Host& host_;
    const rcc::Rcc& rcc_;
    WordStore regs_;
};

}  // namespace f7model::detail::gpio
