#pragma once
// Power controller (RM0410 §4.4; RM0385 §4.4; on F4 PWR_CR/PWR_CSR at the same offsets with
// the same VOS and over-drive bits, RM0390 §5.4). The voltage scaling and over-drive ready
// bits follow their enables at once.
#include <cstdint>

#include "host.hpp"
#include "rcc.hpp"

namespace f7model::detail::pwr {

inline constexpr std::uint32_t kBase = 0x40007000, kSize = 0x400;
inline constexpr std::uint32_t CR1 = kBase + 0x00, CSR1 = kBase + 0x04;
// PWR_CR1 (§4.4.1): VOS [15:14], ODEN bit 16, ODSWEN bit 17; bits above 19 reserved.
inline constexpr std::uint32_t CR1_VOS = 3u << 14, CR1_ODEN = 1u << 16, CR1_ODSWEN = 1u << 17,
                               CR1_WRITABLE = 0x000FFFFFu;
// PWR_CSR1 (§4.4.2): VOSRDY bit 14, ODRDY bit 16, ODSWRDY bit 17.
inline constexpr std::uint32_t CSR1_VOSRDY = 1u << 14, CSR1_ODRDY = 1u << 16,
                               CSR1_ODSWRDY = 1u << 17;

class Pwr {
  public:
    Pwr(Host& host, const rcc::Rcc& rcc) : host_(host), rcc_(rcc) {}
    void reset();
    std::uint32_t peek(std::uint32_t addr) const { return regs_.get(addr); }
    // Returns true when CR1 took the write (the over-drive state may have changed).
    bool write(std::uint32_t addr, std::uint32_t v);
    bool over_drive() const { return (regs_.get(CSR1) & CSR1_ODSWRDY) != 0; }

  private:
    Host& host_;
    const rcc::Rcc& rcc_;
    WordStore regs_;
};

}  // namespace f7model::detail::pwr
