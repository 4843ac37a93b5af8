#pragma once
// The example app's board kit for STM32L4 and STM32G4 boards: PLL from HSI16 or HSE, flash
// wait states and caches, the application-like MPU and SysTick of kit_common.hpp, and a
// polled console on a USART or LPUART. A board describes itself with a BoardConfig
// (firmware/boards/<b>/board.cpp defines `kBoard`), its chip (stm32l4 or stm32g4) with a
// ChipPort (`kChip`); src/l4g4_board_kit.cpp turns both into the port of the shared app glue
// (sysboot/stm32/board_port.hpp).
#include <cstdint>

#include "sysboot/stm32/kit_common.hpp"
#include "sysboot/sysboot.hpp"

namespace sysboot::stm32::l4g4::kit {

struct Pin {
    std::uint8_t port;  // 0 = GPIOA ...
    std::uint8_t pin;
    std::uint8_t af;
};

struct BoardConfig {
    const char* name;
    std::uint32_t pll_source;  // rcc::PLLCFGR_PLLSRC_HSI16 or _HSE
    std::uint32_t hse_hz;      // 0: no HSE used
    bool hse_bypass;           // external clock instead of a crystal
    // SYSCLK = source / pllm * plln / pllr (PLLR output; P and Q stay off).
    std::uint32_t pllm;
    std::uint32_t plln;
    std::uint32_t pllr;
    std::uint32_t flash_latency;  // wait states at SYSCLK (RM "Read access latency" tables)
    bool boost;                   // G4 range 1 boost mode (above 150 MHz, RM0440)
    std::uint32_t ppre1;          // APB1 prescaler code (rcc::CFGR_PPRE_*)
    std::uint32_t ppre2;
    unsigned flash_log2;  // flash size as a power of two (MPU region)
    unsigned sram_log2;   // SRAM size as a power of two (MPU region)
    std::uint32_t usart_base;
    std::uint32_t usart_enr;         // rcc::APB1ENR1, APB1ENR2 or APB2ENR
    std::uint32_t usart_enable_bit;  // in usart_enr
    bool usart_on_apb2;              // kernel clock PCLK2 (else PCLK1; CCIPR at reset)
    bool lpuart;                     // BRR = 256 x f / baud instead of f / baud
    unsigned usart_irq;
    Pin tx;
    Pin rx;
    std::uint32_t baud;
};

// What the chip support gives the kit.
struct ChipPort {
    const Device* (*detect)(Status& why);
    std::uint32_t (*flash_kib)();    // 0 when unknown
    std::uint32_t (*rom_version)();  // bootloader ID byte, 0 when unknown
    std::uint32_t latency_mask;      // FLASH_ACR LATENCY field
    // G4 only (nullptr on L4): range 1 boost mode on, called with HCLK divided by 2 before the
    // switch to a SYSCLK above 150 MHz (RM0440 "Dynamic voltage scaling management").
    bool (*enter_boost)();
};

// The one board and the one chip this image is for.
extern const BoardConfig kBoard;
extern const ChipPort kChip;

using stm32::kit::Clocks;

// Clocks as the RCC registers say they are now (SWS, PLLCFGR, MSI range, prescalers).
Clocks current_clocks(std::uint32_t hse_hz);

// PLL at the board's frequency; false (and still on the reset clock, 0 WS) when a bounded
// wait failed: the app keeps running slowly rather than hanging.
bool clock_init(const BoardConfig& b);
void console_init(const BoardConfig& b);

// Iterations each bounded wait of the kit polls.
inline constexpr std::uint32_t kWaitIterations = 100'000;

}  // namespace sysboot::stm32::l4g4::kit
