#pragma once
// Reset and clock control (RCC) of the STM32F4 lines sysboot supports. Sources: RM0090
// (F405/407/415/417) §7.3, RM0368 (F401) §6.3, RM0383 (F411) §6.3, RM0390 (F446) §6.3 "RCC
// registers"; offsets and bits checked against ST's CMSIS headers (stm32f4xx device files).
// The block sits at 0x40023800 on every line (memory maps: RM0090 §2.3, RM0390 §2.2.2).
// Absolute addresses, no macros (ST's headers define RCC_CR_HSION... as macros).
#include <cstdint>

namespace sysboot::stm32f4::rcc {

inline constexpr std::uint32_t BASE = 0x40023800;

// RCC_CR (RM0090 §7.3.1, RM0390 §6.3.1). Reset 0x0000 XX83: HSION, HSIRDY, HSITRIM = 16.
// PLLSAI exists on F446 only (bits 28/29 reserved, reading 0, on F401/F405/F411).
inline constexpr std::uint32_t CR = BASE + 0x00;
inline constexpr std::uint32_t CR_HSION = 1u << 0;
inline constexpr std::uint32_t CR_HSIRDY = 1u << 1;
inline constexpr std::uint32_t CR_HSITRIM_MASK = 0x1Fu << 3;
inline constexpr std::uint32_t CR_HSITRIM_RESET = 16u << 3;
inline constexpr std::uint32_t CR_HSEON = 1u << 16;
inline constexpr std::uint32_t CR_HSERDY = 1u << 17;
inline constexpr std::uint32_t CR_HSEBYP = 1u << 18;
inline constexpr std::uint32_t CR_CSSON = 1u << 19;
inline constexpr std::uint32_t CR_PLLON = 1u << 24;
inline constexpr std::uint32_t CR_PLLRDY = 1u << 25;
inline constexpr std::uint32_t CR_PLLI2SON = 1u << 26;
inline constexpr std::uint32_t CR_PLLI2SRDY = 1u << 27;
inline constexpr std::uint32_t CR_PLLSAION = 1u << 28;
inline constexpr std::uint32_t CR_PLLSAIRDY = 1u << 29;

// RCC_PLLCFGR (RM0090 §7.3.2, RM0383 §6.3.2, RM0390 §6.3.2): reset 0x2400 3010 on every
// line (PLLM = 16, PLLN = 192, PLLP = /2, PLLSRC = HSI, PLLQ = 4; bit 29 reads 1: PLLR = 2
// on F446, reserved elsewhere).
inline constexpr std::uint32_t PLLCFGR = BASE + 0x04;
inline constexpr std::uint32_t PLLCFGR_RESET = 0x24003010u;
inline constexpr std::uint32_t PLLCFGR_PLLM_SHIFT = 0;   // [5:0]
inline constexpr std::uint32_t PLLCFGR_PLLN_SHIFT = 6;   // [14:6]
inline constexpr std::uint32_t PLLCFGR_PLLP_SHIFT = 16;  // [17:16], 0 = /2 .. 3 = /8
inline constexpr std::uint32_t PLLCFGR_PLLSRC_HSE = 1u << 22;
inline constexpr std::uint32_t PLLCFGR_PLLQ_SHIFT = 24;  // [27:24]
inline constexpr std::uint32_t PLLCFGR_BIT29 = 1u << 29;

// RCC_CFGR (RM0090 §7.3.3, RM0390 §6.3.3). Reset 0: HSI, every prescaler /1, MCOs default.
inline constexpr std::uint32_t CFGR = BASE + 0x08;
inline constexpr std::uint32_t CFGR_RESET = 0;
inline constexpr std::uint32_t CFGR_SW_MASK = 0x3u << 0;
inline constexpr std::uint32_t CFGR_SW_HSI = 0x0u << 0;
inline constexpr std::uint32_t CFGR_SW_PLL = 0x2u << 0;
inline constexpr std::uint32_t CFGR_SWS_MASK = 0x3u << 2;
inline constexpr std::uint32_t CFGR_SWS_HSI = 0x0u << 2;
inline constexpr std::uint32_t CFGR_SWS_HSE = 0x1u << 2;
inline constexpr std::uint32_t CFGR_SWS_PLL = 0x2u << 2;
inline constexpr std::uint32_t CFGR_HPRE_SHIFT = 4;    // [7:4]
inline constexpr std::uint32_t CFGR_PPRE1_SHIFT = 10;  // [12:10]
inline constexpr std::uint32_t CFGR_PPRE2_SHIFT = 13;  // [15:13]
inline constexpr std::uint32_t CFGR_PPRE_DIV1 = 0x0u;
inline constexpr std::uint32_t CFGR_PPRE_DIV2 = 0x4u;
inline constexpr std::uint32_t CFGR_PPRE_DIV4 = 0x5u;

// RCC_CIR (RM0090 §7.3.4): ready-interrupt enables [14:8] (reset 0), clear bits [23:16].
inline constexpr std::uint32_t CIR = BASE + 0x0C;
inline constexpr std::uint32_t CIR_CLEAR_FLAGS = 0xFFu << 16;

// Peripheral reset registers (RM0090 §7.3.5-§7.3.8, RM0383 §6.3.5-§6.3.8, RM0390
// §6.3.5-§6.3.9): 1 = held in reset. Bits of the peripherals the ROM uses (AN2606 STM32F4
// sections) and of the consoles of our boards.
inline constexpr std::uint32_t AHB1RSTR = BASE + 0x10;
inline constexpr std::uint32_t AHB2RSTR = BASE + 0x14;
inline constexpr std::uint32_t APB1RSTR = BASE + 0x20;
inline constexpr std::uint32_t APB2RSTR = BASE + 0x24;
inline constexpr std::uint32_t AHB1_GPIOA = 1u << 0;
inline constexpr std::uint32_t AHB1_GPIOB = 1u << 1;
inline constexpr std::uint32_t AHB1_GPIOC = 1u << 2;
inline constexpr std::uint32_t AHB1_GPIOD = 1u << 3;
inline constexpr std::uint32_t AHB1_GPIOE = 1u << 4;
inline constexpr std::uint32_t AHB1_GPIOF = 1u << 5;  // not on F401/F411
inline constexpr std::uint32_t AHB1_GPIOI = 1u << 8;  // F405/407/415/417 only
inline constexpr std::uint32_t AHB1_DMA1 = 1u << 21;
inline constexpr std::uint32_t AHB1_DMA2 = 1u << 22;
inline constexpr std::uint32_t AHB2_OTGFS = 1u << 7;
inline constexpr std::uint32_t APB1_SPI2 = 1u << 14;
inline constexpr std::uint32_t APB1_SPI3 = 1u << 15;
inline constexpr std::uint32_t APB1_USART2 = 1u << 17;
inline constexpr std::uint32_t APB1_USART3 = 1u << 18;  // not on F401/F411
inline constexpr std::uint32_t APB1_I2C1 = 1u << 21;
inline constexpr std::uint32_t APB1_I2C2 = 1u << 22;
inline constexpr std::uint32_t APB1_I2C3 = 1u << 23;
inline constexpr std::uint32_t APB1_CAN1 = 1u << 25;  // F405/F446 (not F401/F411)
inline constexpr std::uint32_t APB1_CAN2 = 1u << 26;
inline constexpr std::uint32_t APB1_PWR = 1u << 28;
inline constexpr std::uint32_t APB2_USART1 = 1u << 4;
inline constexpr std::uint32_t APB2_SPI1 = 1u << 12;
inline constexpr std::uint32_t APB2_SPI4 = 1u << 13;  // F401/F411/F446 (not F405)
inline constexpr std::uint32_t APB2_TIM11 = 1u << 18;

// Peripheral clock enable registers (RM0090 §7.3.10-§7.3.14): same bit positions as the
// reset registers. AHB3ENR (FSMC/FMC, QUADSPI) exists on F405 and F446 only.
inline constexpr std::uint32_t AHB1ENR = BASE + 0x30;
inline constexpr std::uint32_t AHB2ENR = BASE + 0x34;
inline constexpr std::uint32_t AHB3ENR = BASE + 0x38;
inline constexpr std::uint32_t APB1ENR = BASE + 0x40;
inline constexpr std::uint32_t APB2ENR = BASE + 0x44;
inline constexpr std::uint32_t APB1ENR_PWREN = 1u << 28;
// AHB1ENR bit 20: CCMDATARAMEN, set at reset on F405/407/415/417 (RM0090 §7.3.10); reserved
// on the other lines, where it is kept as it reads.
inline constexpr std::uint32_t AHB1ENR_CCMDATARAMEN = 1u << 20;

// RCC_DCKCFGR (F401/F411/F446, RM0383 §6.3.24, RM0390 §6.3.24): TIMPRE (timer clocks; the
// ROM times the HSE with TIM11) and the F446 SAI/I2S sources; reset 0. RCC_DCKCFGR2 (F446,
// RM0390 §6.3.26): CK48MSEL picks the USB 48 MHz source (PLLQ or PLLSAI_P); reset 0.
inline constexpr std::uint32_t DCKCFGR = BASE + 0x8C;
inline constexpr std::uint32_t DCKCFGR2 = BASE + 0x94;

}  // namespace sysboot::stm32f4::rcc
