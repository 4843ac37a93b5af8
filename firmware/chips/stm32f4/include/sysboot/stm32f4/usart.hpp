#pragma once
// USART of the STM32F4: the older SR/DR layout (RM0090 §30.6, RM0383 §19.6, RM0390 §25.6),
// unlike the ISR/ICR/RDR/TDR block of the F7. Reset values: SR 0x0000 00C0 (TXE, TC).
#include <cstdint>

namespace sysboot::stm32f4::usart {

inline constexpr std::uint32_t USART1_BASE = 0x40011000;  // APB2
inline constexpr std::uint32_t USART2_BASE = 0x40004400;  // APB1

inline constexpr std::uint32_t SR = 0x00;
inline constexpr std::uint32_t DR = 0x04;
inline constexpr std::uint32_t BRR = 0x08;
inline constexpr std::uint32_t CR1 = 0x0C;

inline constexpr std::uint32_t SR_ORE = 1u << 3;  // cleared by reading SR then DR
inline constexpr std::uint32_t SR_RXNE = 1u << 5;
inline constexpr std::uint32_t SR_TC = 1u << 6;
inline constexpr std::uint32_t SR_TXE = 1u << 7;
inline constexpr std::uint32_t CR1_RE = 1u << 2;
inline constexpr std::uint32_t CR1_TE = 1u << 3;
inline constexpr std::uint32_t CR1_UE = 1u << 13;

// NVIC lines (RM0090 §12.2 Table 61, RM0383 §10.2 Table 37, RM0390 §10.2 Table 38).
inline constexpr unsigned USART1_IRQ = 37;
inline constexpr unsigned USART2_IRQ = 38;

}  // namespace sysboot::stm32f4::usart
