#pragma once
// USART and GPIO of the STM32H7 the board kit uses. USART: the ISR/ICR/RDR/TDR block of RM0433
// "USART registers" (as on the F7 but with PRESC and the FIFO; offsets and bits as in
// ST's CMSIS USART_TypeDef). GPIO: the F4/F7 register block at new addresses, on D3 AHB4 from
// 0x58020000, 0x400 apart (RM0433 "GPIO registers"; CMSIS GPIOA_BASE).
#include <cstdint>

namespace sysboot::stm32h7 {

namespace usart {
inline constexpr std::uint32_t USART1_BASE = 0x40011000;  // D2 APB2
inline constexpr std::uint32_t USART3_BASE = 0x40004800;  // D2 APB1
inline constexpr std::uint32_t CR1 = 0x00;
inline constexpr std::uint32_t BRR = 0x0C;
inline constexpr std::uint32_t ISR = 0x1C;
inline constexpr std::uint32_t ICR = 0x20;
inline constexpr std::uint32_t RDR = 0x24;
inline constexpr std::uint32_t TDR = 0x28;
inline constexpr std::uint32_t CR1_UE = 1u << 0;
inline constexpr std::uint32_t CR1_RE = 1u << 2;
inline constexpr std::uint32_t CR1_TE = 1u << 3;
inline constexpr std::uint32_t ISR_ORE = 1u << 3;
inline constexpr std::uint32_t ISR_RXNE = 1u << 5;  // RXFNE with the FIFO on
inline constexpr std::uint32_t ISR_TC = 1u << 6;
inline constexpr std::uint32_t ISR_TXE = 1u << 7;  // TXFNF with the FIFO on
inline constexpr std::uint32_t ICR_ORECF = 1u << 3;
// NVIC lines (RM0433 "Interrupt and exception vectors" vector table; CMSIS USART1_IRQn 37,
// USART3_IRQn 39).
inline constexpr unsigned USART1_IRQ = 37;
inline constexpr unsigned USART3_IRQ = 39;
}  // namespace usart

namespace gpio {
inline constexpr std::uint32_t GPIOA_BASE = 0x58020000;
constexpr std::uint32_t port_base(unsigned port) {
    return GPIOA_BASE + 0x400u * port;
}
inline constexpr unsigned PORT_A = 0;
inline constexpr unsigned PORT_B = 1;
inline constexpr unsigned PORT_D = 3;
inline constexpr unsigned AF7_USART = 7;  // USART1/2/3 on AF7 (DS12110 alternate functions)
}  // namespace gpio

}  // namespace sysboot::stm32h7
