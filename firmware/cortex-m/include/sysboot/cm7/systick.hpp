#pragma once
// SysTick timer. Source: Arm DDI0403E §B3.3.
#include <cstdint>

namespace sysboot::cm7::systick {

inline constexpr std::uint32_t CSR = 0xE000E010;  // §B3.3 SYST_CSR
inline constexpr std::uint32_t RVR = 0xE000E014;  // §B3.3 SYST_RVR
inline constexpr std::uint32_t CVR = 0xE000E018;  // §B3.3 SYST_CVR (any write clears it)
inline constexpr std::uint32_t CSR_ENABLE = 1u << 0;
inline constexpr std::uint32_t CSR_TICKINT = 1u << 1;
inline constexpr std::uint32_t CSR_CLKSOURCE = 1u << 2;
inline constexpr std::uint32_t CSR_COUNTFLAG = 1u << 16;

}  // namespace sysboot::cm7::systick
