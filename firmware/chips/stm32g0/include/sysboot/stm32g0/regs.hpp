#pragma once
// The STM32G0 registers the chip hooks and the board kit touch: RCC, FLASH, PWR. Sources:
// RM0444 (STM32G0x1) §5.4 "RCC registers", §3.7 "FLASH registers", §4.4 "PWR registers";
// addresses, offsets and bit positions checked against ST's CMSIS device headers
// (cmsis_device_g0 stm32g071xx.h and stm32g0b1xx.h: RCC_TypeDef, FLASH_TypeDef, PWR_TypeDef
// and the *_Pos definitions). Absolute addresses, no macros.
#include <cstdint>

namespace sysboot::stm32g0::rcc {

inline constexpr std::uint32_t BASE = 0x40021000;  // AHB (RM0444 §2.2 memory map)

// RCC_CR (RM0444 §5.4.1), reset 0x0000 0500: HSION, HSIRDY, HSIDIV = 000 (HSISYS = HSI16/1).
inline constexpr std::uint32_t CR = BASE + 0x00;
inline constexpr std::uint32_t CR_HSION = 1u << 8;
inline constexpr std::uint32_t CR_HSIRDY = 1u << 10;
inline constexpr std::uint32_t CR_HSIDIV_MASK = 0x7u << 11;
inline constexpr std::uint32_t CR_HSEON = 1u << 16;
inline constexpr std::uint32_t CR_HSERDY = 1u << 17;
inline constexpr std::uint32_t CR_HSEBYP = 1u << 18;
inline constexpr std::uint32_t CR_CSSON = 1u << 19;
inline constexpr std::uint32_t CR_PLLON = 1u << 24;
inline constexpr std::uint32_t CR_PLLRDY = 1u << 25;
inline constexpr std::uint32_t CR_RESET = CR_HSION | CR_HSIRDY;

// RCC_CFGR (§5.4.3), reset 0: SW [2:0] / SWS [5:3] (000 HSISYS, 010 PLLRCLK), HPRE [11:8],
// PPRE [14:12], MCOSEL/MCOPRE [31:24].
inline constexpr std::uint32_t CFGR = BASE + 0x08;
inline constexpr std::uint32_t CFGR_SW_MASK = 0x7u;
inline constexpr std::uint32_t CFGR_SW_HSISYS = 0x0u;
inline constexpr std::uint32_t CFGR_SW_PLLR = 0x2u;
inline constexpr std::uint32_t CFGR_SWS_SHIFT = 3;
inline constexpr std::uint32_t CFGR_SWS_MASK = 0x7u << 3;
inline constexpr std::uint32_t CFGR_HPRE_SHIFT = 8;
inline constexpr std::uint32_t CFGR_PPRE_SHIFT = 12;
inline constexpr std::uint32_t CFGR_RESET = 0;

// RCC_PLLCFGR (§5.4.4), reset 0x0000 1000 (PLLN = 16, source none): PLLSRC [1:0] (10 =
// HSI16), PLLM-1 [6:4], PLLN [14:8], PLLREN bit 28, PLLR-1 [31:29].
inline constexpr std::uint32_t PLLCFGR = BASE + 0x0C;
inline constexpr std::uint32_t PLLCFGR_RESET = 0x00001000u;
inline constexpr std::uint32_t PLLCFGR_SRC_HSI16 = 0x2u;
inline constexpr std::uint32_t PLLCFGR_PLLM_SHIFT = 4;
inline constexpr std::uint32_t PLLCFGR_PLLN_SHIFT = 8;
inline constexpr std::uint32_t PLLCFGR_PLLREN = 1u << 28;
inline constexpr std::uint32_t PLLCFGR_PLLR_SHIFT = 29;

// RCC_CIER (§5.4.6) reset 0; RCC_CICR (§5.4.8): write 1 to clear LSIRDY, LSERDY, HSI48RDY
// (G0B1/G0C1), HSIRDY, HSERDY, PLLRDY, CSS, LSECSS flags.
inline constexpr std::uint32_t CIER = BASE + 0x18;
inline constexpr std::uint32_t CICR = BASE + 0x20;
inline constexpr std::uint32_t CICR_ALL = 0x33Fu;

// Peripheral reset registers (§5.4.9-§5.4.12): 1 = held in reset.
inline constexpr std::uint32_t IOPRSTR = BASE + 0x24;
inline constexpr std::uint32_t AHBRSTR = BASE + 0x28;
inline constexpr std::uint32_t APBRSTR1 = BASE + 0x2C;
inline constexpr std::uint32_t APBRSTR2 = BASE + 0x30;
inline constexpr std::uint32_t IOP_GPIOA = 1u << 0;
inline constexpr std::uint32_t IOP_GPIOB = 1u << 1;
inline constexpr std::uint32_t IOP_GPIOD = 1u << 3;
inline constexpr std::uint32_t AHB_DMA1 = 1u << 0;
inline constexpr std::uint32_t AHB_DMA2 = 1u << 1;     // G0B1/G0C1 only
inline constexpr std::uint32_t APB1_FDCAN = 1u << 12;  // G0B1/G0C1 only
inline constexpr std::uint32_t APB1_USB = 1u << 13;    // G0B1/G0C1 only
inline constexpr std::uint32_t APB1_SPI2 = 1u << 14;
inline constexpr std::uint32_t APB1_USART2 = 1u << 17;
inline constexpr std::uint32_t APB1_USART3 = 1u << 18;
inline constexpr std::uint32_t APB1_I2C1 = 1u << 21;
inline constexpr std::uint32_t APB1_I2C2 = 1u << 22;
inline constexpr std::uint32_t APB1_PWR = 1u << 28;
inline constexpr std::uint32_t APB2_SPI1 = 1u << 12;
inline constexpr std::uint32_t APB2_USART1 = 1u << 14;

// Clock enables (§5.4.13-§5.4.16): same bit positions as the reset registers. AHBENR resets
// to 0x0000 0100 (FLASHEN: the flash interface clock), the others to 0.
inline constexpr std::uint32_t IOPENR = BASE + 0x34;
inline constexpr std::uint32_t AHBENR = BASE + 0x38;
inline constexpr std::uint32_t APBENR1 = BASE + 0x3C;
inline constexpr std::uint32_t APBENR2 = BASE + 0x40;
inline constexpr std::uint32_t AHBENR_RESET = 1u << 8;

// RCC_CCIPR (§5.4.17), reset 0: USART1SEL [1:0], USART2SEL [3:2] = PCLK, the clock the ROM
// computes its baud rate from.
inline constexpr std::uint32_t CCIPR = BASE + 0x54;

// RCC_CSR (§5.4.20): LSION bit 0, LSIRDY bit 1, RMVF bit 23 (not 24 as on F4/F7), reset flags
// OBLRSTF 25, PINRSTF 26, PWRRSTF 27, SFTRSTF 28, IWDGRSTF 29, WWDGRSTF 30, LPWRRSTF 31.
inline constexpr std::uint32_t CSR = BASE + 0x60;
inline constexpr std::uint32_t CSR_LSION = 1u << 0;
inline constexpr std::uint32_t CSR_LSIRDY = 1u << 1;
inline constexpr std::uint32_t CSR_RMVF = 1u << 23;
inline constexpr std::uint32_t CSR_OBLRSTF = 1u << 25;
inline constexpr std::uint32_t CSR_PINRSTF = 1u << 26;
inline constexpr std::uint32_t CSR_PWRRSTF = 1u << 27;
inline constexpr std::uint32_t CSR_SFTRSTF = 1u << 28;
inline constexpr std::uint32_t CSR_IWDGRSTF = 1u << 29;
inline constexpr std::uint32_t CSR_WWDGRSTF = 1u << 30;
inline constexpr std::uint32_t CSR_LPWRRSTF = 1u << 31;

inline constexpr std::uint32_t kHsi16Hz = 16'000'000;  // RM0444 §5.2.2

}  // namespace sysboot::stm32g0::rcc

namespace sysboot::stm32g0::flash {

inline constexpr std::uint32_t BASE = 0x40022000;
// FLASH_ACR (RM0444 §3.7.1), reset 0x0000 0600: LATENCY [2:0] = 0, PRFTEN bit 8 = 0, ICEN
// bit 9 = 1, bit 10 reads 1, ICRST bit 11 (only while ICEN = 0).
inline constexpr std::uint32_t ACR = BASE + 0x00;
inline constexpr std::uint32_t ACR_LATENCY_MASK = 0x7u;
inline constexpr std::uint32_t ACR_PRFTEN = 1u << 8;
inline constexpr std::uint32_t ACR_ICEN = 1u << 9;
// FLASH_OPTR (§3.7.8): RDP [7:0] (0xAA level 0, 0xCC level 2), IWDG_SW bit 16 (0: the
// IWDG starts by hardware at reset).
inline constexpr std::uint32_t OPTR = BASE + 0x20;
inline constexpr std::uint32_t OPTR_RDP_MASK = 0xFFu;
inline constexpr std::uint32_t OPTR_IWDG_SW = 1u << 16;
inline constexpr std::uint32_t RDP_LEVEL0 = 0xAA;
inline constexpr std::uint32_t RDP_LEVEL2 = 0xCC;

}  // namespace sysboot::stm32g0::flash

namespace sysboot::stm32g0::pwr {

inline constexpr std::uint32_t BASE = 0x40007000;
// PWR_CR1 (RM0444 §4.4.1), reset 0x0000 0208: VOS [10:9] = 01 (range 1), LPR bit 14 = 0.
inline constexpr std::uint32_t CR1 = BASE + 0x00;
inline constexpr std::uint32_t CR1_VOS_MASK = 0x3u << 9;
inline constexpr std::uint32_t CR1_VOS_RANGE1 = 0x1u << 9;
inline constexpr std::uint32_t CR1_LPR = 1u << 14;
// PWR_SR2 (§4.4.6): REGLPF bit 9 (low-power regulator in use), VOSF bit 10 (VOS changing).
inline constexpr std::uint32_t SR2 = BASE + 0x14;
inline constexpr std::uint32_t SR2_REGLPF = 1u << 9;
inline constexpr std::uint32_t SR2_VOSF = 1u << 10;

}  // namespace sysboot::stm32g0::pwr
