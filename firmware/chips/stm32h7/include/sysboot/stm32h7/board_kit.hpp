#pragma once
// What every STM32H7 board of the example app shares: supply and voltage scale, clock tree from
// HSE through PLL1, flash latency, an application-like MPU layout, SysTick, and a polled
// console on a USART. A board describes itself with a BoardConfig (firmware/boards/<b>/
// board.cpp defines `sysboot::stm32h7::kit::kBoard`); board_kit.cpp turns it into the port of
// the shared app glue (sysboot/stm32/board_port.hpp).
#include <cstdint>

#include "sysboot/stm32/kit_common.hpp"
#include "sysboot/stm32h7/device.hpp"

namespace sysboot::stm32h7::kit {

struct Pin {
    std::uint8_t port;  // gpio::PORT_A...
    std::uint8_t pin;
    std::uint8_t af;
};

struct BoardConfig {
    const char* name;
    std::uint32_t hse_hz;
    bool hse_bypass;  // external clock (ST-LINK MCO) instead of a crystal
    // PLL1: ref = HSE / divm (pll1rge = its input range code), VCO = ref * n (wide range),
    // SYSCLK = VCO / p, pll1_q = VCO / q.
    std::uint32_t divm;
    std::uint32_t pll1rge;
    std::uint32_t n;
    std::uint32_t p;
    std::uint32_t q;
    std::uint32_t vos;        // pwr::D3CR_VOS_* for the target frequency
    std::uint32_t flash_acr;  // LATENCY | WRHIGHFREQ << 4 (RM "read latency" table)
    std::uint32_t hpre;       // D1CFGR.HPRE code (AXI/AHB clock = SYSCLK / it)
    std::uint32_t ppre;       // the code for every APB prescaler (D1PPRE, D2PPRE1/2, D3PPRE)
    unsigned flash_log2;      // flash size as a power of two (MPU region)
    unsigned dtcm_log2;       // DTCM size as a power of two (MPU region at 0x20000000)
    std::uint32_t usart_base;
    bool usart_on_apb2;              // USART1/6 (D2 APB2) or USART2/3 (D2 APB1)
    std::uint32_t usart_enable_bit;  // in APB2ENR or APB1LENR
    unsigned usart_irq;
    Pin tx;
    Pin rx;
    std::uint32_t baud;
};

// The one board this image is for (defined by the board).
extern const BoardConfig kBoard;

// Clocks as the RCC registers say they are now (SWS, PLL1, D1CPRE, HPRE, D2PPRE1/2):
// sysclk = the CPU clock, hclk = AXI/AHB, pclk1/pclk2 = D2 APB1/APB2.
stm32::kit::Clocks current_clocks(std::uint32_t hse_hz);

// Supply, VOS, PLL1 from HSE, flash latency, prescalers, switch; false (and still on HSI)
// when a bounded wait failed: the app keeps running slowly rather than hanging.
bool clock_init(const BoardConfig& b);
void console_init(const BoardConfig& b);
void caches_enable();

}  // namespace sysboot::stm32h7::kit
