#pragma once
// What every STM32F7 board of the example app shares: clock tree from HSE through the PLL
// (with over-drive), caches, an MPU layout like a typical application, SysTick, and a polled
// console on a USART. A board describes itself with a BoardConfig (firmware/boards/<b>/
// board.cpp defines `sysboot::stm32f7::kit::kBoard`); board_kit.cpp implements app/board.hpp
// from it.
#include <cstdint>

#include "sysboot/stm32/kit_common.hpp"
#include "sysboot/stm32f7/device.hpp"

namespace sysboot::stm32f7::kit {

struct Pin {
    std::uint8_t port;  // gpio::PORT_A...
    std::uint8_t pin;
    std::uint8_t af;
};

struct BoardConfig {
    const char* name;
    std::uint32_t hse_hz;
    bool hse_bypass;  // external clock (ST-LINK MCO) instead of a crystal
    // SYSCLK = HSE / pllm * plln / pllp; 48 MHz domain = HSE / pllm * plln / pllq.
    std::uint32_t pllm;
    std::uint32_t plln;
    std::uint32_t pllp;
    std::uint32_t pllq;
    bool overdrive;  // required above 180 MHz (RM0410 §4.1.4)
    std::uint32_t usart_base;
    bool usart_on_apb2;
    std::uint32_t usart_enable_bit;  // in APB1ENR or APB2ENR
    unsigned usart_irq;
    Pin tx;
    Pin rx;
    std::uint32_t baud;
};

// The one board this image is for (defined by the board).
extern const BoardConfig kBoard;

// Clocks as the RCC registers say they are now (shared with F4: sysboot/stm32/kit_common.hpp).
using stm32::kit::Clocks;
using stm32::kit::current_clocks;
// PLL from HSE at the board's maximum; false (and still on HSI, 0 WS) when a bounded wait
// failed: the app keeps running slowly rather than hanging.
bool clock_init(const BoardConfig& b);
void caches_enable();
void console_init(const BoardConfig& b);

}  // namespace sysboot::stm32f7::kit
