#pragma once
// Embedded flash interface. Sources: RM0410 §3.7 "FLASH registers" (RM0385 §3.7, RM0431
// §3.7 at the same offsets); wait states: RM0410 §3.3.2 Table 7 "Number of wait states
// according to CPU clock (HCLK) frequency"; option bytes: RM0410 §3.4.1.
#include <cstdint>

namespace sysboot::stm32f7::flash {

inline constexpr std::uint32_t BASE = 0x40023C00;       // AHB1
inline constexpr std::uint32_t MAIN_BASE = 0x08000000;  // AXIM view of the main flash

// Access control register, §3.7.1. Reset 0x0000 0000 (0 wait states, ART and prefetch off).
inline constexpr std::uint32_t ACR = BASE + 0x00;
inline constexpr std::uint32_t ACR_LATENCY_MASK = 0xFu;
inline constexpr std::uint32_t ACR_PRFTEN = 1u << 8;
inline constexpr std::uint32_t ACR_ARTEN = 1u << 9;
inline constexpr std::uint32_t ACR_ARTRST = 1u << 11;
inline constexpr std::uint32_t ACR_RESET = 0;

// Wait states for 2.7-3.6 V (Table 7): one more per 30 MHz of HCLK.
constexpr std::uint32_t latency_for(std::uint32_t hclk_hz) {
    return hclk_hz == 0 ? 0 : (hclk_hz - 1) / 30'000'000u;
}
static_assert(latency_for(16'000'000) == 0 && latency_for(216'000'000) == 7);

// Option control register, §3.7.6 (reflects the loaded option bytes).
inline constexpr std::uint32_t OPTCR = BASE + 0x14;
inline constexpr std::uint32_t OPTCR_IWDG_SW = 1u << 5;  // 0 = hardware watchdog (always on)
inline constexpr std::uint32_t OPTCR_RDP_SHIFT = 8;      // [15:8]
inline constexpr std::uint32_t OPTCR_RDP_MASK = 0xFFu << 8;
inline constexpr std::uint32_t OPTCR_NDBOOT = 1u << 28;  // F76x/F77x only (RM0410 §3.7.6)
inline constexpr std::uint32_t OPTCR_NDBANK = 1u << 29;  // F76x/F77x only
// RDP byte values (RM0410 §3.7.3 "Read protection (RDP)").
inline constexpr std::uint32_t RDP_LEVEL0 = 0xAA;
inline constexpr std::uint32_t RDP_LEVEL2 = 0xCC;

}  // namespace sysboot::stm32f7::flash
