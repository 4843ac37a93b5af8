#pragma once
// What every STM32F4 board of the example app shares: clock tree from HSE through the PLL
// (over-drive where the line has it), flash prefetch and ART caches, an MPU layout like a
// typical application, SysTick, and a polled console on a USART. A board describes itself
// with a BoardConfig (firmware/boards/<b>/board.cpp defines `sysboot::stm32f4::kit::kBoard`);
// board_kit.cpp turns it into the port of the shared app glue (sysboot/stm32/board_port.hpp).
#include <cstdint>

#include "sysboot/stm32/kit_common.hpp"
#include "sysboot/stm32f4/device.hpp"

namespace sysboot::stm32f4::kit {

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
    bool overdrive;               // F446 above 168 MHz (RM0390 §5.1.4)
    std::uint32_t flash_latency;  // wait states at SYSCLK (RM "Read interface" tables)
    std::uint32_t ppre1;          // APB1 prescaler code (rcc::CFGR_PPRE_*)
    std::uint32_t ppre2;          // APB2 prescaler code
    unsigned flash_log2;          // flash size as a power of two (MPU region)
    unsigned sram_log2;           // SRAM size as a power of two (MPU region)
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

using stm32::kit::Clocks;
using stm32::kit::current_clocks;

// PLL from HSE at the board's frequency; false (and still on HSI, 0 WS) when a bounded wait
// failed: the app keeps running slowly rather than hanging.
bool clock_init(const BoardConfig& b);
void console_init(const BoardConfig& b);

}  // namespace sysboot::stm32f4::kit
