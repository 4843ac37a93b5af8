#pragma once
// What an STM32G0 board of the example app needs: SYSCLK from HSI16 through the PLL, flash
// latency and prefetch, an MPU layout like a typical application, SysTick, and a polled
// console on a USART (the F7-style ISR/RDR/TDR block, RM0444 §33.8). A board describes itself
// with a BoardConfig (firmware/boards/<b>/board.cpp defines `sysboot::stm32g0::kit::kBoard`);
// board_kit.cpp turns it into the port of the shared app glue (sysboot/stm32/board_port.hpp).
#include <cstdint>

#include "sysboot/stm32g0/device.hpp"

namespace sysboot::stm32g0::kit {

struct Pin {
    std::uint8_t port;  // 0 = GPIOA ...
    std::uint8_t pin;
    std::uint8_t af;
};

struct BoardConfig {
    const char* name;
    // SYSCLK = HSI16 / pllm * plln / pllr (RM0444 §5.2.4: VCO 64-344 MHz, PLLRCLK <= 64 MHz).
    std::uint32_t pllm;
    std::uint32_t plln;
    std::uint32_t pllr;
    std::uint32_t flash_latency;  // wait states at SYSCLK (RM0444 §3.3.4 Table "wait states")
    unsigned flash_log2;          // flash size as a power of two (MPU region)
    unsigned sram_log2;           // SRAM size as a power of two (MPU region)
    std::uint32_t usart_base;
    bool usart_on_apb2;              // USART1 is enabled in APBENR2, the others in APBENR1
    std::uint32_t usart_enable_bit;  // in APBENR1 or APBENR2
    unsigned usart_irq;
    Pin tx;
    Pin rx;
    std::uint32_t baud;
};

// The one board this image is for (defined by the board).
extern const BoardConfig kBoard;

struct Clocks {
    std::uint32_t sysclk;
    std::uint32_t hclk;
    std::uint32_t pclk;  // one APB on the G0
};
// Clocks as RCC_CR (HSIDIV), RCC_CFGR (SWS, HPRE, PPRE) and RCC_PLLCFGR say they are now.
Clocks current_clocks();

// PLL from HSI16; false (and still on HSISYS, 0 WS) when a bounded wait failed: the app keeps
// running slowly rather than hanging.
bool clock_init(const BoardConfig& b);
void console_init(const BoardConfig& b);

// USART registers of the G0 (RM0444 §33.8): CR1, BRR at 0x0C, ISR at 0x1C, ICR, RDR, TDR.
namespace usart {
inline constexpr std::uint32_t USART1_BASE = 0x40013800;  // APB (CMSIS USART1_BASE)
inline constexpr std::uint32_t USART2_BASE = 0x40004400;  // APB (CMSIS USART2_BASE)
inline constexpr unsigned USART2_IRQ = 28;                // CMSIS USART2_IRQn
inline constexpr std::uint32_t CR1 = 0x00, BRR = 0x0C, ISR = 0x1C, ICR = 0x20, RDR = 0x24,
                               TDR = 0x28;
inline constexpr std::uint32_t CR1_UE = 1u << 0, CR1_RE = 1u << 2, CR1_TE = 1u << 3;
inline constexpr std::uint32_t ISR_ORE = 1u << 3, ISR_RXNE = 1u << 5, ISR_TC = 1u << 6,
                               ISR_TXE = 1u << 7;
inline constexpr std::uint32_t ICR_ORECF = 1u << 3;
}  // namespace usart

}  // namespace sysboot::stm32g0::kit
