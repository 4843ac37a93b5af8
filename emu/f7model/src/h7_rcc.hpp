#pragma once
// STM32H7 reset and clock control (RM0433 "RCC registers" for H74x/75x, RM0468 "RCC registers" for
// H72x/73x; offsets and bits as in ST's CMSIS stm32h743xx.h/stm32h723xx.h), written again here from
// those documents, not from the firmware. Ready bits follow their enables at once, SWS follows SW
// once the source is ready, and the clock tree (sys_ck, the CPU clock after D1CPRE, AXI/AHB after
// HPRE, the four APB domains) is computed from the registers.
#include <cstdint>

#include "host.hpp"

namespace f7model::detail::h7rcc {

inline constexpr std::uint32_t kBase = 0x58024400, kSize = 0x400;
inline constexpr std::uint32_t CR = kBase + 0x00, CFGR = kBase + 0x10, D1CFGR = kBase + 0x18,
                               D2CFGR = kBase + 0x1C, D3CFGR = kBase + 0x20,
                               PLLCKSELR = kBase + 0x28, PLLCFGR = kBase + 0x2C,
                               PLL1DIVR = kBase + 0x30, PLL1FRACR = kBase + 0x34,
                               PLL2DIVR = kBase + 0x38, PLL3DIVR = kBase + 0x40,
                               D1CCIPR = kBase + 0x4C, D2CCIP1R = kBase + 0x50,
                               D2CCIP2R = kBase + 0x54, D3CCIPR = kBase + 0x58, CIER = kBase + 0x60,
                               CIFR = kBase + 0x64, CICR = kBase + 0x68, CSR = kBase + 0x74,
                               AHB3RSTR = kBase + 0x7C, AHB1RSTR = kBase + 0x80,
                               AHB2RSTR = kBase + 0x84, AHB4RSTR = kBase + 0x88,
                               APB3RSTR = kBase + 0x8C, APB1LRSTR = kBase + 0x90,
                               APB1HRSTR = kBase + 0x94, APB2RSTR = kBase + 0x98,
                               APB4RSTR = kBase + 0x9C, RSR = kBase + 0xD0, AHB3ENR = kBase + 0xD4,
                               AHB1ENR = kBase + 0xD8, AHB2ENR = kBase + 0xDC,
                               AHB4ENR = kBase + 0xE0, APB3ENR = kBase + 0xE4,
                               APB1LENR = kBase + 0xE8, APB1HENR = kBase + 0xEC,
                               APB2ENR = kBase + 0xF0, APB4ENR = kBase + 0xF4;
// RCC_CR: HSION 0, HSIKERON 1, HSIRDY 2, HSIDIV [4:3], HSIDIVF 5, CSION 7, CSIRDY 8, CSIKERON 9,
// HSI48ON 12, HSI48RDY 13, D1CKRDY 14, D2CKRDY 15, HSEON 16, HSERDY 17, HSEBYP 18, CSSHSEON 19,
// PLL1ON 24 .. PLL3RDY 29.
inline constexpr std::uint32_t CR_HSION = 1u << 0, CR_HSIRDY = 1u << 2, CR_HSIDIV = 3u << 3,
                               CR_HSIDIVF = 1u << 5, CR_CSION = 1u << 7, CR_CSIRDY = 1u << 8,
                               CR_HSI48ON = 1u << 12, CR_HSI48RDY = 1u << 13, CR_D1CKRDY = 1u << 14,
                               CR_D2CKRDY = 1u << 15, CR_HSEON = 1u << 16, CR_HSERDY = 1u << 17,
                               CR_HSEBYP = 1u << 18, CR_CSSHSEON = 1u << 19, CR_PLL1ON = 1u << 24,
                               CR_PLL1RDY = 1u << 25, CR_PLL2ON = 1u << 26, CR_PLL2RDY = 1u << 27,
                               CR_PLL3ON = 1u << 28, CR_PLL3RDY = 1u << 29;
inline constexpr std::uint32_t CR_WRITABLE = 0x150D129Bu;  // enables, HSIDIV, HSEBYP, CSS
inline constexpr std::uint32_t CR_RESET =
    CR_HSION | CR_HSIRDY | CR_HSIDIVF | CR_D1CKRDY | CR_D2CKRDY;
// RCC_CFGR: SW [2:0], SWS [5:3] (0 HSI, 1 CSI, 2 HSE, 3 PLL1).
inline constexpr std::uint32_t CFGR_SW = 7u, CFGR_SWS_SHIFT = 3, CFGR_SWS = 7u << 3;
inline constexpr std::uint32_t kSwHsi = 0, kSwCsi = 1, kSwHse = 2, kSwPll1 = 3;
// Reset values of the PLL registers.
inline constexpr std::uint32_t PLLCKSELR_RESET = 0x02020200u, PLLCFGR_RESET = 0x01FF0000u,
                               PLLDIVR_RESET = 0x01010280u;
// RCC_RSR: RMVF 16, reset flags [30:17]: CPURSTF 17, D1RSTF 19, D2RSTF 20, BORRSTF 21,
// PINRSTF 22, PORRSTF 23, SFTRSTF 24, IWDG1RSTF 26, WWDG1RSTF 28, LPWRRSTF 30.
inline constexpr std::uint32_t RSR_RMVF = 1u << 16, RSR_CPURSTF = 1u << 17, RSR_D1RSTF = 1u << 19,
                               RSR_D2RSTF = 1u << 20, RSR_BORRSTF = 1u << 21,
                               RSR_PINRSTF = 1u << 22, RSR_PORRSTF = 1u << 23,
                               RSR_SFTRSTF = 1u << 24, RSR_FLAGS = 0x7FFEu << 16;
inline constexpr std::uint32_t CSR_LSION = 1u << 0, CSR_LSIRDY = 1u << 1;
// Modelled peripherals' reset/enable bits: GPIOA..K AHB4 bits 0..10; USART1 APB2 bit 4,
// USART2/3 APB1L bits 17/18; SYSCFG APB4 bit 1.
inline constexpr unsigned kGpioPorts = 11;
inline constexpr std::uint32_t APB1L_USART2 = 1u << 17, APB1L_USART3 = 1u << 18,
                               APB2_USART1 = 1u << 4, APB4_SYSCFG = 1u << 1;
inline constexpr std::uint32_t kHsiHz = 64'000'000, kCsiHz = 4'000'000;

struct Pulses {
    std::uint32_t gpio_ports = 0;
    bool usart1 = false, usart2 = false, usart3 = false;
};

class Rcc {
  public:
    explicit Rcc(Host& host) : host_(host) {}
    // System reset: RSR keeps its flags and gains `rsr_flags`.
    void reset(std::uint32_t rsr_flags);
    void power_on_reset(std::uint32_t rsr_flags) {
        regs_.clear();
        reset(rsr_flags);
    }
    std::uint32_t peek(std::uint32_t addr) const { return regs_.get(addr); }
    Pulses write(std::uint32_t addr, std::uint32_t v);

    bool enabled(std::uint32_t enr, std::uint32_t bit) const { return (regs_.get(enr) & bit) != 0; }
    std::uint32_t sws() const { return (regs_.get(CFGR) & CFGR_SWS) >> CFGR_SWS_SHIFT; }
    std::uint32_t cpu_hz() const;               // sys_d1cpre_ck
    std::uint32_t hclk() const;                 // AXI/AHB
    std::uint32_t pclk(unsigned domain) const;  // 1 = D2 APB1, 2 = D2 APB2, 3 = D1, 4 = D3

  private:
    std::uint32_t hsi_hz() const;
    std::uint32_t pll1_p_hz() const;
    std::uint32_t sys_hz() const;
    void write_cr(std::uint32_t v);
    void update_sws();
    bool pll_config_locked(std::uint32_t addr) const;

    Host& host_;
    WordStore regs_;
    bool pll_was_ready_ = false;
};

}  // namespace f7model::detail::h7rcc
