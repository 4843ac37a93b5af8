#pragma once
// STM32H7 registers the chip hooks and the board kit touch: RCC, PWR, FLASH interface, SYSCFG.
// Sources: RM0433 (H742/743/750/753) and RM0468 (H72x/73x) register chapters; every base,
// offset and bit checked against ST's CMSIS headers stm32h743xx.h and stm32h723xx.h (which
// agree on all of them except where a comment says otherwise). Reset values: the register
// descriptions of RM0433 "RCC registers", "PWR registers" and "FLASH registers".
#include <cstdint>

namespace sysboot::stm32h7 {

namespace rcc {
// RCC on the D3 AHB4 bus: RCC_BASE = 0x58024400 (RM0433 "Memory map", CMSIS RCC_BASE).
inline constexpr std::uint32_t BASE = 0x58024400;
// RCC_CR (RM0433 "RCC registers"). Reset: HSI on and ready, /1, HSIDIVF set, D1/D2 clocks ready.
inline constexpr std::uint32_t CR = BASE + 0x00;
inline constexpr std::uint32_t CR_HSION = 1u << 0;
inline constexpr std::uint32_t CR_HSIRDY = 1u << 2;
inline constexpr std::uint32_t CR_HSIDIV_MASK = 3u << 3;  // 00 = HSI 64 MHz undivided
inline constexpr std::uint32_t CR_HSIDIVF = 1u << 5;      // the divider change took effect
inline constexpr std::uint32_t CR_CSION = 1u << 7;
inline constexpr std::uint32_t CR_HSI48ON = 1u << 12;
inline constexpr std::uint32_t CR_HSEON = 1u << 16;
inline constexpr std::uint32_t CR_HSERDY = 1u << 17;
inline constexpr std::uint32_t CR_HSEBYP = 1u << 18;  // writable only with HSE off
inline constexpr std::uint32_t CR_CSSHSEON = 1u << 19;
inline constexpr std::uint32_t CR_PLL1ON = 1u << 24;
inline constexpr std::uint32_t CR_PLL1RDY = 1u << 25;
inline constexpr std::uint32_t CR_PLL2ON = 1u << 26;
inline constexpr std::uint32_t CR_PLL2RDY = 1u << 27;
inline constexpr std::uint32_t CR_PLL3ON = 1u << 28;
inline constexpr std::uint32_t CR_PLL3RDY = 1u << 29;
// RCC_CFGR ("RCC registers"): SW [2:0], SWS [5:3]; 000 HSI, 010 HSE, 011 PLL1. Reset 0.
inline constexpr std::uint32_t CFGR = BASE + 0x10;
inline constexpr std::uint32_t CFGR_SW_MASK = 7u << 0;
inline constexpr std::uint32_t CFGR_SWS_MASK = 7u << 3;
inline constexpr std::uint32_t CFGR_SW_HSI = 0u;
inline constexpr std::uint32_t CFGR_SW_PLL1 = 3u;
inline constexpr std::uint32_t CFGR_SWS_HSI = 0u << 3;
inline constexpr std::uint32_t CFGR_SWS_PLL1 = 3u << 3;
// Bus prescalers ("RCC registers"), all 0 (= /1) at reset: D1CFGR HPRE [3:0], D1PPRE [6:4],
// D1CPRE [11:8]; D2CFGR D2PPRE1 [6:4], D2PPRE2 [10:8]; D3CFGR D3PPRE [6:4].
inline constexpr std::uint32_t D1CFGR = BASE + 0x18;
inline constexpr std::uint32_t D2CFGR = BASE + 0x1C;
inline constexpr std::uint32_t D3CFGR = BASE + 0x20;
inline constexpr std::uint32_t HPRE_DIV2 = 0x8u;  // HPRE: 1000 = /2
inline constexpr std::uint32_t PPRE_DIV2 = 0x4u;  // DxPPREy: 100 = /2
// PLLs ("RCC registers"). PLLCKSELR: PLLSRC [1:0] (10 = HSE), DIVM1 [9:4], DIVM2 [17:12],
// DIVM3 [25:20]; reset 0x0202 0200 (HSI, every DIVM = 32). PLLCFGR: PLL1FRACEN 0,
// PLL1VCOSEL 1, PLL1RGE [3:2], DIVP1EN 16, DIVQ1EN 17, DIVR1EN 18; reset 0x01FF 0000.
// PLLxDIVR: N-1 [8:0], P-1 [15:9], Q-1 [22:16], R-1 [30:24]; reset 0x0101 0280.
inline constexpr std::uint32_t PLLCKSELR = BASE + 0x28;
inline constexpr std::uint32_t PLLCKSELR_RESET = 0x02020200u;
inline constexpr std::uint32_t PLLCKSELR_SRC_HSE = 2u;
inline constexpr std::uint32_t PLLCKSELR_DIVM1_SHIFT = 4;
inline constexpr std::uint32_t PLLCFGR = BASE + 0x2C;
inline constexpr std::uint32_t PLLCFGR_RESET = 0x01FF0000u;
inline constexpr std::uint32_t PLLCFGR_PLL1RGE_SHIFT = 2;
inline constexpr std::uint32_t PLLCFGR_DIVP1EN = 1u << 16;
inline constexpr std::uint32_t PLL1DIVR = BASE + 0x30;
inline constexpr std::uint32_t PLL1FRACR = BASE + 0x34;
inline constexpr std::uint32_t PLL2DIVR = BASE + 0x38;
inline constexpr std::uint32_t PLL2FRACR = BASE + 0x3C;
inline constexpr std::uint32_t PLL3DIVR = BASE + 0x40;
inline constexpr std::uint32_t PLL3FRACR = BASE + 0x44;
inline constexpr std::uint32_t PLLDIVR_RESET = 0x01010280u;
inline constexpr std::uint32_t PLLDIVR_P_SHIFT = 9;
inline constexpr std::uint32_t PLLDIVR_Q_SHIFT = 16;
inline constexpr std::uint32_t PLLDIVR_R_SHIFT = 24;
// Kernel clock selections ("RCC registers"), reset 0: D2CCIP2R USART16SEL [5:3] and
// USART234578SEL [2:0] (0 = the bus clock), USBSEL [21:20] (0 = disabled).
inline constexpr std::uint32_t D1CCIPR = BASE + 0x4C;
inline constexpr std::uint32_t D2CCIP1R = BASE + 0x50;
inline constexpr std::uint32_t D2CCIP2R = BASE + 0x54;
inline constexpr std::uint32_t D3CCIPR = BASE + 0x58;
// Clock interrupts ("RCC registers"): CIER reset 0; CICR bits [10:0] clear every flag.
inline constexpr std::uint32_t CIER = BASE + 0x60;
inline constexpr std::uint32_t CICR = BASE + 0x68;
inline constexpr std::uint32_t CICR_ALL = 0x7FFu;
// RCC_CSR ("RCC registers"): LSION 0, LSIRDY 1.
inline constexpr std::uint32_t CSR = BASE + 0x74;
inline constexpr std::uint32_t CSR_LSION = 1u << 0;
inline constexpr std::uint32_t CSR_LSIRDY = 1u << 1;
// Peripheral reset registers ("RCC registers").
inline constexpr std::uint32_t AHB3RSTR = BASE + 0x7C;
inline constexpr std::uint32_t AHB1RSTR = BASE + 0x80;
inline constexpr std::uint32_t AHB2RSTR = BASE + 0x84;
inline constexpr std::uint32_t AHB4RSTR = BASE + 0x88;
inline constexpr std::uint32_t APB3RSTR = BASE + 0x8C;
inline constexpr std::uint32_t APB1LRSTR = BASE + 0x90;
inline constexpr std::uint32_t APB1HRSTR = BASE + 0x94;
inline constexpr std::uint32_t APB2RSTR = BASE + 0x98;
inline constexpr std::uint32_t APB4RSTR = BASE + 0x9C;
// RCC_RSR ("RCC registers"): reset flags, RMVF clears them.
inline constexpr std::uint32_t RSR = BASE + 0xD0;
inline constexpr std::uint32_t RSR_RMVF = 1u << 16;
inline constexpr std::uint32_t RSR_BORRSTF = 1u << 21;
inline constexpr std::uint32_t RSR_PINRSTF = 1u << 22;
inline constexpr std::uint32_t RSR_PORRSTF = 1u << 23;
inline constexpr std::uint32_t RSR_SFTRSTF = 1u << 24;
inline constexpr std::uint32_t RSR_IWDG1RSTF = 1u << 26;
inline constexpr std::uint32_t RSR_WWDG1RSTF = 1u << 28;
inline constexpr std::uint32_t RSR_LPWRRSTF = 1u << 30;
// Peripheral clock enables ("RCC registers"), all 0 at reset.
inline constexpr std::uint32_t AHB3ENR = BASE + 0xD4;
inline constexpr std::uint32_t AHB1ENR = BASE + 0xD8;
inline constexpr std::uint32_t AHB2ENR = BASE + 0xDC;
inline constexpr std::uint32_t AHB4ENR = BASE + 0xE0;
inline constexpr std::uint32_t APB3ENR = BASE + 0xE4;
inline constexpr std::uint32_t APB1LENR = BASE + 0xE8;
inline constexpr std::uint32_t APB1HENR = BASE + 0xEC;
inline constexpr std::uint32_t APB2ENR = BASE + 0xF0;
inline constexpr std::uint32_t APB4ENR = BASE + 0xF4;
// AHB2ENR SRAM1EN/SRAM2EN/SRAM3EN (bits 29-31, H74x/75x): the D2 SRAMs an application may
// keep its stack in; the hand-off leaves them as they are.
inline constexpr std::uint32_t AHB2ENR_D2SRAM = 7u << 29;
inline constexpr std::uint32_t APB4ENR_SYSCFGEN = 1u << 1;
// Bits shared by the ...RSTR and ...ENR registers of one bus (same positions, CMSIS).
inline constexpr std::uint32_t AHB3_MDMA = 1u << 0;
inline constexpr std::uint32_t AHB1_DMA1 = 1u << 0;
inline constexpr std::uint32_t AHB1_DMA2 = 1u << 1;
inline constexpr std::uint32_t AHB1_USB1OTGHS = 1u << 25;  // H72x/73x: the OTG on PA11/PA12
inline constexpr std::uint32_t AHB1_USB2OTGFS = 1u << 27;  // H74x/75x: the OTG on PA11/PA12
inline constexpr std::uint32_t AHB4_GPIOA = 1u << 0;       // GPIOA..K: bits 0..10
inline constexpr std::uint32_t AHB4_BDMA = 1u << 21;
inline constexpr std::uint32_t APB1L_SPI2 = 1u << 14;
inline constexpr std::uint32_t APB1L_SPI3 = 1u << 15;
inline constexpr std::uint32_t APB1L_USART2 = 1u << 17;
inline constexpr std::uint32_t APB1L_USART3 = 1u << 18;
inline constexpr std::uint32_t APB1L_I2C1 = 1u << 21;
inline constexpr std::uint32_t APB1L_I2C2 = 1u << 22;
inline constexpr std::uint32_t APB1L_I2C3 = 1u << 23;
inline constexpr std::uint32_t APB1H_FDCAN = 1u << 8;
inline constexpr std::uint32_t APB2_USART1 = 1u << 4;
inline constexpr std::uint32_t APB2_SPI1 = 1u << 12;
inline constexpr std::uint32_t APB2_SPI4 = 1u << 13;
constexpr std::uint32_t gpio_bit(unsigned port) {
    return AHB4_GPIOA << port;
}
}  // namespace rcc

namespace pwr {
// PWR on D3 AHB4: 0x58024800 (CMSIS PWR_BASE). RM0433 "PWR registers".
inline constexpr std::uint32_t BASE = 0x58024800;
// PWR_CSR1 ("PWR registers"): ACTVOSRDY 13 (the supply configuration is valid).
inline constexpr std::uint32_t CSR1 = BASE + 0x04;
inline constexpr std::uint32_t CSR1_ACTVOSRDY = 1u << 13;
// PWR_CR3 ("PWR registers"): BYPASS 0, LDOEN 1, SCUEN 2. Written once after a power-on reset: the
// first write locks the supply configuration until the next one ("Power supply configuration"
// "Power supply configuration"), so the hand-off never touches it.
inline constexpr std::uint32_t CR3 = BASE + 0x0C;
inline constexpr std::uint32_t CR3_LDOEN = 1u << 1;
// PWR_D3CR ("PWR registers"): VOS [15:14] (01 scale 3 = reset, 10 scale 2, 11 scale 1; RM0468: 00
// is scale 0), VOSRDY 13.
inline constexpr std::uint32_t D3CR = BASE + 0x18;
inline constexpr std::uint32_t D3CR_VOS_MASK = 3u << 14;
inline constexpr std::uint32_t D3CR_VOS_SCALE1 = 3u << 14;
inline constexpr std::uint32_t D3CR_VOS_SCALE3 = 1u << 14;
inline constexpr std::uint32_t D3CR_VOSRDY = 1u << 13;
}  // namespace pwr

namespace syscfg {
// SYSCFG on D3 APB4: 0x58000400 (CMSIS SYSCFG_BASE). SYSCFG_PWRCR at 0x2C, ODEN bit 0: the
// H74x/75x over-drive that makes VOS1 into VOS0 (RM0433 "Voltage scaling"; the
// H72x/73x select VOS0 in D3CR instead and have no ODEN).
inline constexpr std::uint32_t BASE = 0x58000400;
inline constexpr std::uint32_t PWRCR = BASE + 0x2C;
inline constexpr std::uint32_t PWRCR_ODEN = 1u << 0;
}  // namespace syscfg

namespace flash {
// Flash interface on D1 AHB3: 0x52002000 (CMSIS FLASH_R_BASE). RM0433 "FLASH registers".
inline constexpr std::uint32_t BASE = 0x52002000;
// FLASH_ACR ("FLASH registers"): LATENCY [3:0], WRHIGHFREQ [5:4]. Reset 0x0000 0037 on H74x/75x
// (7 WS, the slowest programming delay: safe at any clock); 0x0000 0013 on H72x/73x (RM0468
// "FLASH registers").
inline constexpr std::uint32_t ACR = BASE + 0x00;
inline constexpr std::uint32_t ACR_LATENCY_MASK = 0xFu;
inline constexpr std::uint32_t ACR_WRHIGHFREQ_SHIFT = 4;
inline constexpr std::uint32_t ACR_MASK = 0x3Fu;
// FLASH_OPTSR_CUR ("FLASH registers"): IWDG1_SW bit 4 (0 = hardware watchdog), RDP [15:8].
inline constexpr std::uint32_t OPTSR_CUR = BASE + 0x1C;
inline constexpr std::uint32_t OPTSR_IWDG1_SW = 1u << 4;
inline constexpr std::uint32_t OPTSR_RDP_SHIFT = 8;
inline constexpr std::uint32_t OPTSR_RDP_MASK = 0xFFu << 8;
inline constexpr std::uint32_t RDP_LEVEL0 = 0xAA;  // "Readout protection"
inline constexpr std::uint32_t RDP_LEVEL2 = 0xCC;
}  // namespace flash

}  // namespace sysboot::stm32h7
