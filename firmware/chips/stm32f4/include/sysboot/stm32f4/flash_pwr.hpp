#pragma once
// Flash interface and power controller registers the STM32F4 clock code touches. Sources:
// RM0090 §3.9 and §5.4, RM0383 §3.8 and §5.4, RM0390 §3.8 and §5.4 (offsets and bits checked
// against ST's CMSIS stm32f4xx device headers).
#include <cstdint>

namespace sysboot::stm32f4::flash {

inline constexpr std::uint32_t BASE = 0x40023C00;  // AHB1
// FLASH_ACR (RM0090 §3.9.1, RM0390 §3.8.1). Reset 0: 0 WS, prefetch and caches off.
// LATENCY is [2:0] on F401/F405/F411 and [3:0] on F446 (bit 3 reserved, reads 0, elsewhere).
inline constexpr std::uint32_t ACR = BASE + 0x00;
inline constexpr std::uint32_t ACR_LATENCY_MASK = 0xFu;
inline constexpr std::uint32_t ACR_PRFTEN = 1u << 8;
inline constexpr std::uint32_t ACR_ICEN = 1u << 9;
inline constexpr std::uint32_t ACR_DCEN = 1u << 10;
inline constexpr std::uint32_t ACR_ICRST = 1u << 11;  // only while ICEN = 0 (RM0090 §3.5.2)
inline constexpr std::uint32_t ACR_DCRST = 1u << 12;  // only while DCEN = 0
inline constexpr std::uint32_t ACR_RESET = 0;

}  // namespace sysboot::stm32f4::flash

namespace sysboot::stm32f4::pwr {

inline constexpr std::uint32_t BASE = 0x40007000;  // APB1
// PWR_CR (RM0090 §5.4.1, RM0383 §5.4.1, RM0390 §5.4.1): VOS in [15:14] (F405: bit 14 only),
// over-drive ODEN bit 16 / ODSWEN bit 17 on F446 only.
inline constexpr std::uint32_t CR = BASE + 0x00;
inline constexpr std::uint32_t CR_VOS_MASK = 0x3u << 14;
inline constexpr std::uint32_t CR_VOS_SCALE1 = 0x3u << 14;
inline constexpr std::uint32_t CR_ODEN = 1u << 16;
inline constexpr std::uint32_t CR_ODSWEN = 1u << 17;
// PWR_CSR (RM0390 §5.4.2): over-drive ready flags.
inline constexpr std::uint32_t CSR = BASE + 0x04;
inline constexpr std::uint32_t CSR_ODRDY = 1u << 16;
inline constexpr std::uint32_t CSR_ODSWRDY = 1u << 17;

}  // namespace sysboot::stm32f4::pwr
