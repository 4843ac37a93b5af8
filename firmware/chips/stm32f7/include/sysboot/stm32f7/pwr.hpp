#pragma once
// Power controller (PWR). Sources: RM0410 §4.4 "PWR registers" (RM0385 §4.4, RM0431 §4.4 are
// the same at these offsets); over-drive entry/exit sequence: RM0410 §4.1.4 "Voltage
// regulator, over-drive mode" (the system clock must be HSI or HSE while ODSWEN changes).
#include <cstdint>

namespace sysboot::stm32f7::pwr {

inline constexpr std::uint32_t BASE = 0x40007000;  // APB1

// Power control register 1, §4.4.1. Reset 0x0000 C000: VOS = 11 (scale 1), over-drive off.
inline constexpr std::uint32_t CR1 = BASE + 0x00;
inline constexpr std::uint32_t CR1_VOS_MASK = 0x3u << 14;
inline constexpr std::uint32_t CR1_VOS_SCALE1 = 0x3u << 14;
inline constexpr std::uint32_t CR1_ODEN = 1u << 16;
inline constexpr std::uint32_t CR1_ODSWEN = 1u << 17;
inline constexpr std::uint32_t CR1_RESET = 0x0000C000u;

// Power control/status register 1, §4.4.2.
inline constexpr std::uint32_t CSR1 = BASE + 0x04;
inline constexpr std::uint32_t CSR1_VOSRDY = 1u << 14;
inline constexpr std::uint32_t CSR1_ODRDY = 1u << 16;
inline constexpr std::uint32_t CSR1_ODSWRDY = 1u << 17;

}  // namespace sysboot::stm32f7::pwr
