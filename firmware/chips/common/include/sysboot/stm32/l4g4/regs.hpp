#pragma once
// Registers that STM32L4 (RM0351) and STM32G4 (RM0440) place at the same addresses with the
// same bits: the RCC at 0x40021000, the flash interface at 0x40022000, PWR at 0x40007000,
// GPIO from 0x48000000 and the USART/LPUART block (ISR/ICR/RDR/TDR). Offsets and bit
// positions checked against ST's CMSIS device headers stm32l476xx.h (cmsis_device_l4) and
// stm32g474xx.h (cmsis_device_g4): RCC_TypeDef, FLASH_TypeDef, PWR_TypeDef and the *_Pos
// macros. What differs per family (MSI and the PLLSAIs on L4, PWR_CR5 boost on G4, the width
// of PLLM and LATENCY, reset values) stays in firmware/chips/stm32l4 and stm32g4.
#include <cstdint>

namespace sysboot::stm32::l4g4::rcc {

inline constexpr std::uint32_t BASE = 0x40021000;  // AHB1 + 0x1000 (CMSIS RCC_BASE)

// RCC_CR (RM0351, RM0440 "RCC registers").
inline constexpr std::uint32_t CR = BASE + 0x00;
inline constexpr std::uint32_t CR_HSION = 1u << 8;
inline constexpr std::uint32_t CR_HSIRDY = 1u << 10;
inline constexpr std::uint32_t CR_HSEON = 1u << 16;
inline constexpr std::uint32_t CR_HSERDY = 1u << 17;
inline constexpr std::uint32_t CR_HSEBYP = 1u << 18;
inline constexpr std::uint32_t CR_CSSON = 1u << 19;
inline constexpr std::uint32_t CR_PLLON = 1u << 24;
inline constexpr std::uint32_t CR_PLLRDY = 1u << 25;

// RCC_ICSCR ("RCC registers" of RM0351/RM0440): HSITRIM from bit 24 (5 bits on L4, 7 on G4).
inline constexpr std::uint32_t ICSCR = BASE + 0x04;
inline constexpr std::uint32_t ICSCR_HSITRIM_SHIFT = 24;

// RCC_CFGR ("RCC registers"): SW [1:0], SWS [3:2], HPRE [7:4], PPRE1 [10:8],
// PPRE2 [13:11]. Source codes: 00 MSI (L4 only), 01 HSI16, 10 HSE, 11 PLL.
inline constexpr std::uint32_t CFGR = BASE + 0x08;
inline constexpr std::uint32_t CFGR_SW_MASK = 0x3u << 0;
inline constexpr std::uint32_t CFGR_SWS_SHIFT = 2;
inline constexpr std::uint32_t CFGR_SWS_MASK = 0x3u << 2;
inline constexpr std::uint32_t CFGR_HPRE_SHIFT = 4;
inline constexpr std::uint32_t CFGR_PPRE1_SHIFT = 8;
inline constexpr std::uint32_t CFGR_PPRE2_SHIFT = 11;
inline constexpr std::uint32_t SRC_MSI = 0x0u;
inline constexpr std::uint32_t SRC_HSI16 = 0x1u;
inline constexpr std::uint32_t SRC_HSE = 0x2u;
inline constexpr std::uint32_t SRC_PLL = 0x3u;
inline constexpr std::uint32_t CFGR_HPRE_DIV1 = 0x0u;
inline constexpr std::uint32_t CFGR_HPRE_DIV2 = 0x8u;
inline constexpr std::uint32_t CFGR_PPRE_DIV1 = 0x0u;
inline constexpr std::uint32_t CFGR_PPRE_DIV2 = 0x4u;

// RCC_PLLCFGR ("RCC registers"): PLLSRC [1:0] (01 MSI on L4, 10 HSI16, 11 HSE),
// PLLM from bit 4 (value + 1), PLLN [14:8], PLLREN bit 24, PLLR [26:25] (00 = /2 ... 11 = /8).
// Reset 0x0000 1000 on both (PLLN = 16, nothing enabled).
inline constexpr std::uint32_t PLLCFGR = BASE + 0x0C;
inline constexpr std::uint32_t PLLCFGR_RESET = 0x00001000u;
inline constexpr std::uint32_t PLLCFGR_PLLSRC_MASK = 0x3u;
inline constexpr std::uint32_t PLLCFGR_PLLSRC_MSI = 0x1u;
inline constexpr std::uint32_t PLLCFGR_PLLSRC_HSI16 = 0x2u;
inline constexpr std::uint32_t PLLCFGR_PLLSRC_HSE = 0x3u;
inline constexpr std::uint32_t PLLCFGR_PLLM_SHIFT = 4;
inline constexpr std::uint32_t PLLCFGR_PLLN_SHIFT = 8;
inline constexpr std::uint32_t PLLCFGR_PLLN_MASK = 0x7Fu << 8;
inline constexpr std::uint32_t PLLCFGR_PLLREN = 1u << 24;
inline constexpr std::uint32_t PLLCFGR_PLLR_SHIFT = 25;

// Clock interrupts: RCC_CIER (enables, reset 0) and RCC_CICR (write 1 to clear a flag).
inline constexpr std::uint32_t CIER = BASE + 0x18;
inline constexpr std::uint32_t CICR = BASE + 0x20;

// Peripheral reset and clock enable registers (RM0351/RM0440 "RCC registers"):
// the same bit in ...RSTR resets what it enables in ...ENR.
inline constexpr std::uint32_t AHB1RSTR = BASE + 0x28;
inline constexpr std::uint32_t AHB2RSTR = BASE + 0x2C;
inline constexpr std::uint32_t AHB3RSTR = BASE + 0x30;
inline constexpr std::uint32_t APB1RSTR1 = BASE + 0x38;
inline constexpr std::uint32_t APB1RSTR2 = BASE + 0x3C;
inline constexpr std::uint32_t APB2RSTR = BASE + 0x40;
inline constexpr std::uint32_t AHB1ENR = BASE + 0x48;
inline constexpr std::uint32_t AHB2ENR = BASE + 0x4C;
inline constexpr std::uint32_t AHB3ENR = BASE + 0x50;
inline constexpr std::uint32_t APB1ENR1 = BASE + 0x58;
inline constexpr std::uint32_t APB1ENR2 = BASE + 0x5C;
inline constexpr std::uint32_t APB2ENR = BASE + 0x60;
// Bits with the same position on both families.
inline constexpr std::uint32_t AHB1_DMA1 = 1u << 0;
inline constexpr std::uint32_t AHB1_DMA2 = 1u << 1;
inline constexpr std::uint32_t AHB1_FLASH = 1u << 8;  // AHB1ENR resets with FLASHEN set
inline constexpr std::uint32_t AHB2_GPIOA = 1u << 0;  // GPIOA..: bits 0..
inline constexpr std::uint32_t APB1R1_SPI2 = 1u << 14;
inline constexpr std::uint32_t APB1R1_SPI3 = 1u << 15;
inline constexpr std::uint32_t APB1R1_USART2 = 1u << 17;
inline constexpr std::uint32_t APB1R1_USART3 = 1u << 18;
inline constexpr std::uint32_t APB1R1_I2C1 = 1u << 21;
inline constexpr std::uint32_t APB1R1_I2C2 = 1u << 22;
inline constexpr std::uint32_t APB1R1_PWR = 1u << 28;
inline constexpr std::uint32_t APB1R2_LPUART1 = 1u << 0;
inline constexpr std::uint32_t APB2_SYSCFG = 1u << 0;
inline constexpr std::uint32_t APB2_SPI1 = 1u << 12;
inline constexpr std::uint32_t APB2_USART1 = 1u << 14;

// RCC_CCIPR ("RCC registers"): kernel clock choices, reset 0 (USARTs and
// LPUART1 on PCLK).
inline constexpr std::uint32_t CCIPR = BASE + 0x88;

// RCC_CSR ("RCC registers"): LSION, LSIRDY, RMVF (write 1: clear every reset
// flag), reset flags OBLRSTF..LPWRRSTF [31:25] (L4 also FWRSTF, bit 24).
inline constexpr std::uint32_t CSR = BASE + 0x94;
inline constexpr std::uint32_t CSR_LSION = 1u << 0;
inline constexpr std::uint32_t CSR_LSIRDY = 1u << 1;
inline constexpr std::uint32_t CSR_RMVF = 1u << 23;
inline constexpr std::uint32_t CSR_OBLRSTF = 1u << 25;
inline constexpr std::uint32_t CSR_PINRSTF = 1u << 26;
inline constexpr std::uint32_t CSR_BORRSTF = 1u << 27;
inline constexpr std::uint32_t CSR_SFTRSTF = 1u << 28;
inline constexpr std::uint32_t CSR_IWDGRSTF = 1u << 29;
inline constexpr std::uint32_t CSR_WWDGRSTF = 1u << 30;
inline constexpr std::uint32_t CSR_LPWRRSTF = 1u << 31;

}  // namespace sysboot::stm32::l4g4::rcc

namespace sysboot::stm32::l4g4::flash {

inline constexpr std::uint32_t BASE = 0x40022000;  // AHB1 + 0x2000 (CMSIS FLASH_R_BASE)
// FLASH_ACR (RM0351/RM0440 "FLASH registers"): LATENCY [2:0] on L4, [3:0] on G4; prefetch and
// the instruction/data caches with their resets (a cache is reset only while disabled).
inline constexpr std::uint32_t ACR = BASE + 0x00;
inline constexpr std::uint32_t ACR_PRFTEN = 1u << 8;
inline constexpr std::uint32_t ACR_ICEN = 1u << 9;
inline constexpr std::uint32_t ACR_DCEN = 1u << 10;
inline constexpr std::uint32_t ACR_ICRST = 1u << 11;
inline constexpr std::uint32_t ACR_DCRST = 1u << 12;
// FLASH_OPTR ("FLASH registers"): RDP [7:0] (0xAA level 0, 0xCC level 2, anything
// else level 1), IWDG_SW bit 16 (0 = hardware watchdog, running from reset).
inline constexpr std::uint32_t OPTR = BASE + 0x20;
inline constexpr std::uint32_t OPTR_RDP_MASK = 0xFFu;
inline constexpr std::uint32_t OPTR_IWDG_SW = 1u << 16;
inline constexpr std::uint32_t RDP_LEVEL0 = 0xAA;
inline constexpr std::uint32_t RDP_LEVEL2 = 0xCC;

}  // namespace sysboot::stm32::l4g4::flash

namespace sysboot::stm32::l4g4::pwr {

inline constexpr std::uint32_t BASE = 0x40007000;  // APB1 (CMSIS PWR_BASE)
// PWR_CR1 (RM0351/RM0440 "PWR registers"): VOS [10:9], 01 = range 1 (reset), 10 = range 2.
inline constexpr std::uint32_t CR1 = BASE + 0x00;
inline constexpr std::uint32_t CR1_VOS_MASK = 0x3u << 9;
inline constexpr std::uint32_t CR1_VOS_RANGE1 = 0x1u << 9;
// PWR_SR2 ("PWR registers"): VOSF = 1 while the regulator changes range.
inline constexpr std::uint32_t SR2 = BASE + 0x14;
inline constexpr std::uint32_t SR2_VOSF = 1u << 10;

}  // namespace sysboot::stm32::l4g4::pwr

namespace sysboot::stm32::l4g4::gpio {

// GPIO ports on AHB2 from 0x48000000, 0x400 apart (CMSIS GPIOA_BASE; RM0351/RM0440
// "GPIO registers"): the same MODER/OSPEEDR/PUPDR/AFR layout as on F4/F7, but every pin except the
// debug pins resets to analog mode (MODER 11).
inline constexpr std::uint32_t GPIOA_BASE = 0x48000000;
inline constexpr std::uint32_t kPortStride = 0x400;
constexpr std::uint32_t port_base(unsigned port) {
    return GPIOA_BASE + kPortStride * port;
}
inline constexpr unsigned PORT_A = 0;
inline constexpr std::uint32_t MODER = 0x00;
inline constexpr std::uint32_t OSPEEDR = 0x08;
inline constexpr std::uint32_t PUPDR = 0x0C;
inline constexpr std::uint32_t AFRL = 0x20;
inline constexpr std::uint32_t AFRH = 0x24;
inline constexpr std::uint32_t MODE_AF = 0x2u;
inline constexpr std::uint32_t PULL_UP = 0x1u;
inline constexpr std::uint32_t SPEED_HIGH = 0x2u;

}  // namespace sysboot::stm32::l4g4::gpio

namespace sysboot::stm32::l4g4::usart {

// USART and LPUART (RM0351/RM0440 "USART registers", "LPUART registers"): CR1 0x00 (UE bit 0, RE
// bit 2, TE bit 3), BRR 0x0C, ISR 0x1C (ORE bit 3, RXNE bit 5, TC bit 6, TXE bit 7), ICR 0x20
// (ORECF bit 3), RDR 0x24, TDR 0x28. LPUART BRR = 256 x f_ck / baud ("LPUART baud rate
// generation").
inline constexpr std::uint32_t USART1_BASE = 0x40013800;   // APB2
inline constexpr std::uint32_t USART2_BASE = 0x40004400;   // APB1
inline constexpr std::uint32_t USART3_BASE = 0x40004800;   // APB1
inline constexpr std::uint32_t LPUART1_BASE = 0x40008000;  // APB1
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
inline constexpr std::uint32_t ISR_RXNE = 1u << 5;
inline constexpr std::uint32_t ISR_TC = 1u << 6;
inline constexpr std::uint32_t ISR_TXE = 1u << 7;
inline constexpr std::uint32_t ICR_ORECF = 1u << 3;

}  // namespace sysboot::stm32::l4g4::usart
