#pragma once
// Reset and clock control of STM32G4 (RM0440 "RCC registers") and STM32L4 (RM0351 "RCC
// registers"): the same block at 0x40021000 on both (CMSIS stm32g474xx.h / stm32l476xx.h
// RCC_TypeDef), with MSI, PLLSAI1 and PLLSAI2 on L4 only. Addresses are written here again
// from the manuals and CMSIS headers, not taken from the firmware. Ready bits follow their
// enables at once, SWS follows SW once the source is ready, and the clock tree is computed from
// the registers.
#include <cstdint>

#include "host.hpp"

namespace f7model::detail::l4g4 {

inline constexpr std::uint32_t kRccBase = 0x40021000, kRccSize = 0x400;
inline constexpr std::uint32_t CR = kRccBase + 0x00, ICSCR = kRccBase + 0x04,
                               CFGR = kRccBase + 0x08, PLLCFGR = kRccBase + 0x0C,
                               PLLSAI1CFGR = kRccBase + 0x10, PLLSAI2CFGR = kRccBase + 0x14,
                               CIER = kRccBase + 0x18, CIFR = kRccBase + 0x1C,
                               CICR = kRccBase + 0x20, AHB1RSTR = kRccBase + 0x28,
                               AHB2RSTR = kRccBase + 0x2C, AHB3RSTR = kRccBase + 0x30,
                               APB1RSTR1 = kRccBase + 0x38, APB1RSTR2 = kRccBase + 0x3C,
                               APB2RSTR = kRccBase + 0x40, AHB1ENR = kRccBase + 0x48,
                               AHB2ENR = kRccBase + 0x4C, AHB3ENR = kRccBase + 0x50,
                               APB1ENR1 = kRccBase + 0x58, APB1ENR2 = kRccBase + 0x5C,
                               APB2ENR = kRccBase + 0x60, CCIPR = kRccBase + 0x88,
                               CSR = kRccBase + 0x94;
// RCC_CR: MSION 0, MSIRDY 1, MSIRGSEL 3, MSIRANGE [7:4] (L4); HSION 8, HSIKERON 9, HSIRDY 10;
// HSEON 16, HSERDY 17, HSEBYP 18, CSSON 19; PLLON 24, PLLRDY 25; PLLSAI1ON/RDY 26/27,
// PLLSAI2ON/RDY 28/29 (L4).
inline constexpr std::uint32_t CR_MSION = 1u << 0, CR_MSIRDY = 1u << 1, CR_MSIRGSEL = 1u << 3,
                               CR_MSIRANGE = 0xFu << 4, CR_HSION = 1u << 8, CR_HSIKERON = 1u << 9,
                               CR_HSIRDY = 1u << 10, CR_HSEON = 1u << 16, CR_HSERDY = 1u << 17,
                               CR_HSEBYP = 1u << 18, CR_CSSON = 1u << 19, CR_PLLON = 1u << 24,
                               CR_PLLRDY = 1u << 25, CR_PLLSAI1ON = 1u << 26,
                               CR_PLLSAI1RDY = 1u << 27, CR_PLLSAI2ON = 1u << 28,
                               CR_PLLSAI2RDY = 1u << 29;
// RCC_CFGR: SW [1:0], SWS [3:2] (00 MSI, 01 HSI16, 10 HSE, 11 PLL), HPRE [7:4], PPRE1 [10:8],
// PPRE2 [13:11].
inline constexpr std::uint32_t CFGR_SW = 3u, CFGR_SWS_SHIFT = 2, CFGR_SWS = 3u << 2,
                               CFGR_HPRE_SHIFT = 4, CFGR_PPRE1_SHIFT = 8, CFGR_PPRE2_SHIFT = 11;
inline constexpr std::uint32_t kSwMsi = 0, kSwHsi16 = 1, kSwHse = 2, kSwPll = 3;
// RCC_PLLCFGR: PLLSRC [1:0], PLLM from bit 4 (4 bits G4, 3 bits L4), PLLN [14:8], PLLREN 24,
// PLLR [26:25].
inline constexpr std::uint32_t PLLCFGR_RESET = 0x00001000u, PLLCFGR_PLLREN = 1u << 24;
// RCC_CSR: LSION 0, LSIRDY 1, MSISRANGE [11:8] (L4), RMVF 23, reset flags [31:24].
inline constexpr std::uint32_t CSR_LSION = 1u << 0, CSR_LSIRDY = 1u << 1, CSR_MSISRANGE = 0xFu << 8,
                               CSR_RMVF = 1u << 23, CSR_PINRSTF = 1u << 26, CSR_BORRSTF = 1u << 27,
                               CSR_SFTRSTF = 1u << 28, CSR_RESET_FLAGS = 0xFFu << 24;
// Enable/reset bits of the modelled peripherals.
inline constexpr unsigned kGpioPorts = 8;  // GPIOA..GPIOH: AHB2 bits 0..7
inline constexpr std::uint32_t APB1R1_USART2 = 1u << 17, APB1R1_USART3 = 1u << 18,
                               APB1R1_PWR = 1u << 28, APB1R2_LPUART1 = 1u << 0,
                               APB2_USART1 = 1u << 14;
inline constexpr std::uint32_t kHsi16Hz = 16'000'000;

// Peripherals whose reset bit rose in one write: the caller resets them.
struct Pulses {
    std::uint32_t gpio_ports = 0;  // bit n: GPIO port n
    bool usart1 = false, usart2 = false, usart3 = false, lpuart1 = false, pwr = false;
};

class Rcc {
  public:
    explicit Rcc(Host& host) : host_(host) {}

    // System reset: every register to its reset value, RCC_CSR's reset flags kept and
    // `csr_flags` added (the flags survive every reset but power-on).
    void reset(std::uint32_t csr_flags);
    void power_on_reset(std::uint32_t csr_flags) {
        regs_.clear();
        reset(csr_flags);
    }
    std::uint32_t peek(std::uint32_t addr) const;
    Pulses write(std::uint32_t addr, std::uint32_t v);

    bool l4() const { return host_.part().family == Family::l4; }
    bool enabled(std::uint32_t enr, std::uint32_t bit) const { return (regs_.get(enr) & bit) != 0; }
    std::uint32_t sws() const { return (regs_.get(CFGR) & CFGR_SWS) >> CFGR_SWS_SHIFT; }
    // The source the part resets to: MSI on L4, HSI16 on G4.
    std::uint32_t reset_source() const { return l4() ? kSwMsi : kSwHsi16; }
    std::uint32_t sysclk() const;
    std::uint32_t hclk() const;
    std::uint32_t pclk1() const { return pclk(CFGR_PPRE1_SHIFT); }
    std::uint32_t pclk2() const { return pclk(CFGR_PPRE2_SHIFT); }
    std::uint32_t hpre() const { return (regs_.get(CFGR) >> CFGR_HPRE_SHIFT) & 0xFu; }

  private:
    std::uint32_t msi_hz() const;
    std::uint32_t source_hz(std::uint32_t sw) const;
    std::uint32_t pll_hz() const;
    std::uint32_t pclk(unsigned shift) const;
    bool ready(std::uint32_t sw) const;
    void write_cr(std::uint32_t v);
    void write_cfgr(std::uint32_t v);
    void write_csr(std::uint32_t v);
    void update_sws();

    Host& host_;
    WordStore regs_;
    bool pll_was_ready_ = false;
};

}  // namespace f7model::detail::l4g4
