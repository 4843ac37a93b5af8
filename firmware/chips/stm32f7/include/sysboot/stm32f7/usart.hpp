#pragma once
// USART. Sources: RM0410 §34.8 "USART registers" (RM0385 §31.8, RM0431 §31.8): the F7
// register layout with ISR/ICR/RDR/TDR. Reset values: ISR 0x0200 00C0 (TXE, TC), others 0.
#include <cstdint>

namespace sysboot::stm32f7::usart {

inline constexpr std::uint32_t USART1_BASE = 0x40011000;  // APB2
inline constexpr std::uint32_t USART3_BASE = 0x40004800;  // APB1

inline constexpr std::uint32_t CR1 = 0x00;
inline constexpr std::uint32_t CR2 = 0x04;
inline constexpr std::uint32_t CR3 = 0x08;
inline constexpr std::uint32_t BRR = 0x0C;
inline constexpr std::uint32_t ISR = 0x1C;
inline constexpr std::uint32_t ICR = 0x20;
inline constexpr std::uint32_t RDR = 0x24;
inline constexpr std::uint32_t TDR = 0x28;

inline constexpr std::uint32_t CR1_UE = 1u << 0;
inline constexpr std::uint32_t CR1_RE = 1u << 2;
inline constexpr std::uint32_t CR1_TE = 1u << 3;
inline constexpr std::uint32_t ISR_ORE = 1u << 3;
inline constexpr std::uint32_t ISR_RXNE = 1u << 5;
inline constexpr std::uint32_t ISR_TC = 1u << 6;
inline constexpr std::uint32_t ISR_TXE = 1u << 7;
inline constexpr std::uint32_t ICR_ORECF = 1u << 3;

// NVIC lines (RM0410 §10.1.2 Table 46 "STM32F76xxx vector table"; same numbers on F74x/F72x).
inline constexpr unsigned USART1_IRQ = 37;
inline constexpr unsigned USART3_IRQ = 39;

}  // namespace sysboot::stm32f7::usart
