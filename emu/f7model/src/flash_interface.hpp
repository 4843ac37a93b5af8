#pragma once
// Embedded flash interface registers (RM0410 §3.7; RM0385 §3.7; RM0431 §3.7): the latency and
// ART accelerator controls the firmware changes, and the option bytes as shipped (or with the
// faults a test injects). Programming and erasing are not modelled.
#include <cstdint>

#include "host.hpp"

namespace f7model::detail::flash {

inline constexpr std::uint32_t kBase = 0x40023C00, kSize = 0x400;
inline constexpr std::uint32_t ACR = kBase + 0x00, OPTCR = kBase + 0x14;
// FLASH_ACR (§3.7.1): LATENCY [3:0], PRFTEN bit 8, ARTEN bit 9, ARTRST bit 11.
inline constexpr std::uint32_t ACR_LATENCY = 0xFu, ACR_PRFTEN = 1u << 8, ACR_ARTEN = 1u << 9,
                               ACR_ARTRST = 1u << 11;
// F4 FLASH_ACR (RM0390 §3.8.1): ICEN bit 9, DCEN bit 10, ICRST bit 11, DCRST bit 12 (the
// instruction cache in the places of the F7's ARTEN/ARTRST).
inline constexpr std::uint32_t ACR_F4_DCEN = 1u << 10, ACR_F4_DCRST = 1u << 12;
// FLASH_OPTCR (§3.7.6): RDP [15:8]; F76x nDBOOT bit 28, nDBANK bit 29.
inline constexpr std::uint32_t OPTCR_RDP_SHIFT = 8, OPTCR_RDP = 0xFFu << 8, OPTCR_NDBOOT = 1u << 28,
                               OPTCR_NDBANK = 1u << 29;

class FlashInterface {
  public:
    explicit FlashInterface(Host& host) : host_(host) {}
    void reset() { regs_.clear(); }
    std::uint32_t peek(std::uint32_t addr) const;
    void write(std::uint32_t addr, std::uint32_t v);
    std::uint32_t latency() const { return regs_.get(ACR) & ACR_LATENCY; }

  private:
    std::uint32_t optcr() const;

    Host& host_;
    WordStore regs_;
};

}  // namespace f7model::detail::flash
