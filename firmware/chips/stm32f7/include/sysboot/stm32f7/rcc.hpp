#pragma once
// Reset and clock control (RCC). Sources: RM0385 (STM32F75x/74x) §5.3, RM0410 (STM32F76x/77x)
// §5.3, RM0431 (STM32F72x/73x) §5.3 "RCC registers"; the register map (§5.3.x "RCC register
// map") is the same on the three lines at the offsets used here. Absolute addresses, no
// macros: ST's CMSIS headers define RCC, RCC_CR_HSION... as macros, so nothing here may be
// a macro or an unqualified global of those names.
#include <cstdint>

namespace sysboot::stm32f7::rcc {

inline constexpr std::uint32_t BASE = 0x40023800;  // RM0410 §2.2.2 memory map (AHB1)

// Clock control register, §5.3.1. Reset 0x0000 XX83: HSION, HSIRDY, HSITRIM = 16.
inline constexpr std::uint32_t CR = BASE + 0x00;
inline constexpr std::uint32_t CR_HSION = 1u << 0;
inline constexpr std::uint32_t CR_HSIRDY = 1u << 1;
inline constexpr std::uint32_t CR_HSITRIM_MASK = 0x1Fu << 3;
inline constexpr std::uint32_t CR_HSITRIM_RESET = 16u << 3;
inline constexpr std::uint32_t CR_HSICAL_MASK = 0xFFu << 8;  // read-only factory value
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
inline constexpr std::uint32_t CR_RESET = CR_HSION | CR_HSIRDY | CR_HSITRIM_RESET;  // w/o HSICAL

// PLL configuration register, §5.3.2. Reset 0x2400 3010 (PLLM=16, PLLN=192, PLLP=/2,
// PLLSRC=HSI, PLLQ=4, PLLR=2 on parts that have it; bit 29 reads 1 on all three lines).
inline constexpr std::uint32_t PLLCFGR = BASE + 0x04;
inline constexpr std::uint32_t PLLCFGR_RESET = 0x24003010u;
inline constexpr std::uint32_t PLLCFGR_PLLM_SHIFT = 0;   // [5:0], 2..63
inline constexpr std::uint32_t PLLCFGR_PLLN_SHIFT = 6;   // [14:6], 50..432
inline constexpr std::uint32_t PLLCFGR_PLLP_SHIFT = 16;  // [17:16], 0 = /2 .. 3 = /8
inline constexpr std::uint32_t PLLCFGR_PLLSRC_HSE = 1u << 22;
inline constexpr std::uint32_t PLLCFGR_PLLQ_SHIFT = 24;  // [27:24], 2..15

// Clock configuration register, §5.3.3. Reset 0x0000 0000: HSI selected, every prescaler
// /1, MCO1 = HSI, MCO2 = SYSCLK, no MCO prescaler.
inline constexpr std::uint32_t CFGR = BASE + 0x08;
inline constexpr std::uint32_t CFGR_RESET = 0;
inline constexpr std::uint32_t CFGR_SW_MASK = 0x3u << 0;
inline constexpr std::uint32_t CFGR_SW_HSI = 0x0u << 0;
inline constexpr std::uint32_t CFGR_SW_HSE = 0x1u << 0;
inline constexpr std::uint32_t CFGR_SW_PLL = 0x2u << 0;
inline constexpr std::uint32_t CFGR_SWS_MASK = 0x3u << 2;
inline constexpr std::uint32_t CFGR_SWS_HSI = 0x0u << 2;
inline constexpr std::uint32_t CFGR_SWS_HSE = 0x1u << 2;
inline constexpr std::uint32_t CFGR_SWS_PLL = 0x2u << 2;
inline constexpr std::uint32_t CFGR_HPRE_SHIFT = 4;    // [7:4], 0xxx = /1
inline constexpr std::uint32_t CFGR_PPRE1_SHIFT = 10;  // [12:10], 0xx = /1, 100 = /2 ...
inline constexpr std::uint32_t CFGR_PPRE2_SHIFT = 13;  // [15:13]
inline constexpr std::uint32_t CFGR_PPRE_DIV2 = 0x4u;
inline constexpr std::uint32_t CFGR_PPRE_DIV4 = 0x5u;

// Clock interrupt register, §5.3.4: ready interrupt enables [14:8] (reset 0), flag clear
// bits [23:16] (LSIRDYC..PLLSAIRDYC, CSSC; write 1 to clear).
inline constexpr std::uint32_t CIR = BASE + 0x0C;
inline constexpr std::uint32_t CIR_CLEAR_FLAGS = 0xFFu << 16;

// Peripheral reset registers, §5.3.5-§5.3.9 (write 1 = held in reset, 0 = released).
inline constexpr std::uint32_t AHB1RSTR = BASE + 0x10;
inline constexpr std::uint32_t AHB2RSTR = BASE + 0x14;
inline constexpr std::uint32_t APB1RSTR = BASE + 0x20;
inline constexpr std::uint32_t APB2RSTR = BASE + 0x24;
// AHB1RSTR bits (§5.3.5).
inline constexpr std::uint32_t AHB1_GPIOA = 1u << 0;
inline constexpr std::uint32_t AHB1_GPIOB = 1u << 1;
inline constexpr std::uint32_t AHB1_GPIOC = 1u << 2;
inline constexpr std::uint32_t AHB1_GPIOD = 1u << 3;
inline constexpr std::uint32_t AHB1_GPIOE = 1u << 4;
inline constexpr std::uint32_t AHB1_GPIOF = 1u << 5;
inline constexpr std::uint32_t AHB1_GPIOI = 1u << 8;
inline constexpr std::uint32_t AHB1_DMA1 = 1u << 21;
inline constexpr std::uint32_t AHB1_DMA2 = 1u << 22;
// AHB2RSTR (§5.3.6): OTGFSRST.
inline constexpr std::uint32_t AHB2_OTGFS = 1u << 7;
// APB1RSTR (§5.3.8).
inline constexpr std::uint32_t APB1_SPI2 = 1u << 14;
inline constexpr std::uint32_t APB1_USART3 = 1u << 18;
inline constexpr std::uint32_t APB1_I2C1 = 1u << 21;
inline constexpr std::uint32_t APB1_I2C2 = 1u << 22;
inline constexpr std::uint32_t APB1_I2C3 = 1u << 23;
inline constexpr std::uint32_t APB1_CAN1 = 1u << 25;
inline constexpr std::uint32_t APB1_CAN2 = 1u << 26;  // not on F72x/F73x (reserved there)
inline constexpr std::uint32_t APB1_PWR = 1u << 28;
// APB2RSTR (§5.3.9).
inline constexpr std::uint32_t APB2_USART1 = 1u << 4;
inline constexpr std::uint32_t APB2_SPI1 = 1u << 12;
inline constexpr std::uint32_t APB2_SPI4 = 1u << 13;
inline constexpr std::uint32_t APB2_SYSCFG = 1u << 14;
inline constexpr std::uint32_t APB2_TIM11 = 1u << 18;  // TIM11RST

// Peripheral clock enable registers, §5.3.10-§5.3.14; same bit positions as the reset
// registers. Reset values: AHB1ENR 0x0010 0000 (DTCMRAMEN), the others 0.
inline constexpr std::uint32_t AHB1ENR = BASE + 0x30;
inline constexpr std::uint32_t AHB2ENR = BASE + 0x34;
inline constexpr std::uint32_t AHB3ENR = BASE + 0x38;
inline constexpr std::uint32_t APB1ENR = BASE + 0x40;
inline constexpr std::uint32_t APB2ENR = BASE + 0x44;
inline constexpr std::uint32_t AHB1ENR_RESET = 0x00100000u;
inline constexpr std::uint32_t ENR_RESET = 0;
inline constexpr std::uint32_t APB1ENR_PWREN = 1u << 28;

// Control/status register, §5.3.21. Reset flags in [31:25]; RMVF (bit 24) clears them.
inline constexpr std::uint32_t CSR = BASE + 0x74;
inline constexpr std::uint32_t CSR_LSION = 1u << 0;
inline constexpr std::uint32_t CSR_LSIRDY = 1u << 1;
inline constexpr std::uint32_t CSR_RMVF = 1u << 24;
inline constexpr std::uint32_t CSR_BORRSTF = 1u << 25;
inline constexpr std::uint32_t CSR_PINRSTF = 1u << 26;
inline constexpr std::uint32_t CSR_PORRSTF = 1u << 27;
inline constexpr std::uint32_t CSR_SFTRSTF = 1u << 28;
inline constexpr std::uint32_t CSR_IWDGRSTF = 1u << 29;
inline constexpr std::uint32_t CSR_WWDGRSTF = 1u << 30;
inline constexpr std::uint32_t CSR_LPWRRSTF = 1u << 31;

// PLLI2S / PLLSAI configuration registers, §5.3.23/§5.3.24: reset 0x2400 3000.
inline constexpr std::uint32_t PLLI2SCFGR = BASE + 0x84;
inline constexpr std::uint32_t PLLSAICFGR = BASE + 0x88;
inline constexpr std::uint32_t PLLI2SCFGR_RESET = 0x24003000u;
inline constexpr std::uint32_t PLLSAICFGR_RESET = 0x24003000u;
// Dedicated clocks configuration registers, §5.3.25/§5.3.26: reset 0.
inline constexpr std::uint32_t DCKCFGR1 = BASE + 0x8C;
inline constexpr std::uint32_t DCKCFGR2 = BASE + 0x90;

}  // namespace sysboot::stm32f7::rcc
