#pragma once
// STM32G0 reset and clock control (RM0444 §5.4; offsets and bits as in ST's CMSIS
// stm32g071xx.h, written here again rather than taken from the firmware). Ready bits follow
// their enables at once, SWS follows SW once the source is ready, and the clock tree is
// computed from the registers so the flash latency rule and the USART baud check see the
// frequency the firmware set up.
#include <cstdint>

#include "host.hpp"

namespace f7model::detail::g0 {

inline constexpr std::uint32_t kRccBase = 0x40021000, kRccSize = 0x400;
inline constexpr std::uint32_t RCC_CR = kRccBase + 0x00, RCC_ICSCR = kRccBase + 0x04,
                               RCC_CFGR = kRccBase + 0x08, RCC_PLLCFGR = kRccBase + 0x0C,
                               RCC_CIER = kRccBase + 0x18, RCC_CIFR = kRccBase + 0x1C,
                               RCC_CICR = kRccBase + 0x20, RCC_IOPRSTR = kRccBase + 0x24,
                               RCC_AHBRSTR = kRccBase + 0x28, RCC_APBRSTR1 = kRccBase + 0x2C,
                               RCC_APBRSTR2 = kRccBase + 0x30, RCC_IOPENR = kRccBase + 0x34,
                               RCC_AHBENR = kRccBase + 0x38, RCC_APBENR1 = kRccBase + 0x3C,
                               RCC_APBENR2 = kRccBase + 0x40, RCC_CCIPR = kRccBase + 0x54,
                               RCC_CSR = kRccBase + 0x60;
// RCC_CR (§5.4.1): HSION 8, HSIKERON 9, HSIRDY 10, HSIDIV [13:11], HSEON 16, HSERDY 17,
// HSEBYP 18, CSSON 19, PLLON 24, PLLRDY 25. Reset 0x0000 0500.
inline constexpr std::uint32_t CR_HSION = 1u << 8, CR_HSIKERON = 1u << 9, CR_HSIRDY = 1u << 10,
                               CR_HSIDIV = 7u << 11, CR_HSEON = 1u << 16, CR_HSERDY = 1u << 17,
                               CR_HSEBYP = 1u << 18, CR_CSSON = 1u << 19, CR_PLLON = 1u << 24,
                               CR_PLLRDY = 1u << 25;
inline constexpr std::uint32_t CR_WRITABLE =
    CR_HSION | CR_HSIKERON | CR_HSIDIV | CR_HSEON | CR_HSEBYP | CR_CSSON | CR_PLLON;
// RCC_CFGR (§5.4.3): SW [2:0], SWS [5:3] (0 HSISYS, 1 HSE, 2 PLLRCLK, 3 LSI, 4 LSE), HPRE
// [11:8], PPRE [14:12].
inline constexpr std::uint32_t CFGR_SW = 7u, CFGR_SWS_SHIFT = 3, CFGR_SWS = 7u << 3;
inline constexpr std::uint32_t kSwHsisys = 0, kSwHse = 1, kSwPll = 2;
// RCC_PLLCFGR (§5.4.4): PLLSRC [1:0] (2 HSI16, 3 HSE), PLLM-1 [6:4], PLLN [14:8], PLLR-1
// [31:29]. Reset 0x0000 1000.
inline constexpr std::uint32_t PLLCFGR_RESET = 0x00001000u;
// RCC_CSR (§5.4.20): LSION 0, LSIRDY 1, RMVF 23, reset flags [31:25] (OBL 25, PIN 26, PWR 27,
// SFT 28, IWDG 29, WWDG 30, LPWR 31).
inline constexpr std::uint32_t CSR_LSION = 1u << 0, CSR_LSIRDY = 1u << 1, CSR_RMVF = 1u << 23,
                               CSR_RESET_FLAGS = 0x7Fu << 25;
// Bits of the modelled peripherals in the reset and enable registers (§5.4.9-§5.4.16).
inline constexpr unsigned kGpioPorts = 6;  // GPIOA..GPIOF: IOP bits 0..5
inline constexpr std::uint32_t APB1_USART2 = 1u << 17, APB1_PWR = 1u << 28, APB2_USART1 = 1u << 14;
inline constexpr std::uint32_t kHsi16Hz = 16'000'000;

// Peripherals whose reset bit rose in one write: the bus resets them.
struct Pulses {
    std::uint32_t gpio_ports = 0;  // bit n: GPIO port n
    bool usart1 = false, usart2 = false, pwr = false;
};

class Rcc {
  public:
    explicit Rcc(Host& host) : host_(host) {}
    // System reset: registers to reset values, RCC_CSR's reset flags kept plus `csr_flags`.
    void reset(std::uint32_t csr_flags);
    void power_on_reset(std::uint32_t csr_flags) {
        regs_.clear();
        reset(csr_flags);
    }
    std::uint32_t peek(std::uint32_t addr) const { return regs_.get(addr); }
    Pulses write(std::uint32_t addr, std::uint32_t v);

    bool enabled(std::uint32_t enr, std::uint32_t bit) const { return (regs_.get(enr) & bit) != 0; }
    std::uint32_t sws() const { return (regs_.get(RCC_CFGR) & CFGR_SWS) >> CFGR_SWS_SHIFT; }
    std::uint32_t sysclk() const;
    std::uint32_t hclk() const;
    std::uint32_t pclk() const;
    // USART1/USART2 kernel clock (CCIPR USARTxSEL: 0 PCLK, 1 SYSCLK, 2 HSI16, 3 LSE).
    std::uint32_t usart_clock(unsigned ccipr_shift) const;

  private:
    std::uint32_t pll_r_hz() const;
    void write_cr(std::uint32_t v);
    void write_csr(std::uint32_t v);
    void update_sws();

    Host& host_;
    WordStore regs_;
    bool pll_was_ready_ = false;
};

}  // namespace f7model::detail::g0
