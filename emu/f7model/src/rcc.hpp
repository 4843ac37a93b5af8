#pragma once
// Reset and clock control (RM0410 §5.3; RM0385 and RM0431 §5.3, and on F4 RM0390 §6.3 and
// RM0383 §6.3, use the same offsets and bits for everything modelled here; the reset values
// that differ come from the part). Ready bits follow their enables at once (start-up times are
// not modelled), SWS follows SW once the chosen source is ready, and the clock tree is
// computed from the registers so the blocks that depend on it (flash latency, USART baud)
// see the frequency the firmware set up.
#include <cstdint>

#include "host.hpp"

namespace f7model::detail::rcc {

inline constexpr std::uint32_t kBase = 0x40023800, kSize = 0x400;
inline constexpr std::uint32_t CR = kBase + 0x00, PLLCFGR = kBase + 0x04, CFGR = kBase + 0x08,
                               CIR = kBase + 0x0C, AHB1RSTR = kBase + 0x10, AHB2RSTR = kBase + 0x14,
                               AHB3RSTR = kBase + 0x18, APB1RSTR = kBase + 0x20,
                               APB2RSTR = kBase + 0x24, AHB1ENR = kBase + 0x30,
                               APB1ENR = kBase + 0x40, APB2ENR = kBase + 0x44, CSR = kBase + 0x74,
                               PLLI2SCFGR = kBase + 0x84, PLLSAICFGR = kBase + 0x88;

// RCC_CR (§5.3.1).
inline constexpr std::uint32_t CR_HSION = 1u << 0, CR_HSIRDY = 1u << 1, CR_HSITRIM = 0x1Fu << 3,
                               CR_HSICAL_SHIFT = 8, CR_HSEON = 1u << 16, CR_HSERDY = 1u << 17,
                               CR_HSEBYP = 1u << 18, CR_CSSON = 1u << 19, CR_PLLON = 1u << 24,
                               CR_PLLRDY = 1u << 25, CR_PLLI2SON = 1u << 26,
                               CR_PLLI2SRDY = 1u << 27, CR_PLLSAION = 1u << 28,
                               CR_PLLSAIRDY = 1u << 29;
inline constexpr std::uint32_t CR_WRITABLE =
    CR_HSION | CR_HSITRIM | CR_HSEON | CR_HSEBYP | CR_CSSON | CR_PLLON | CR_PLLI2SON | CR_PLLSAION;
inline constexpr std::uint32_t CR_HSITRIM_RESET = 16u << 3;  // HSITRIM resets to 16
inline constexpr std::uint32_t kHsiCal = 0x5C;  // a factory trim value (read-only HSICAL)
// RCC_PLLCFGR (§5.3.2): PLLM [5:0], PLLN [14:6], PLLP [17:16], PLLSRC bit 22.
inline constexpr std::uint32_t PLLCFGR_PLLM = 0x3Fu, PLLCFGR_PLLN_SHIFT = 6, PLLCFGR_PLLN = 0x1FFu,
                               PLLCFGR_PLLP_SHIFT = 16, PLLCFGR_PLLSRC_HSE = 1u << 22;
// RCC_CFGR (§5.3.3): SW [1:0], SWS [3:2], HPRE [7:4], PPRE1 [12:10], PPRE2 [15:13].
inline constexpr std::uint32_t CFGR_SW = 3u, CFGR_SWS_SHIFT = 2, CFGR_SWS = 3u << 2,
                               CFGR_HPRE_SHIFT = 4, CFGR_PPRE1_SHIFT = 10, CFGR_PPRE2_SHIFT = 13;
inline constexpr std::uint32_t kSwHsi = 0, kSwHse = 1, kSwPll = 2;
// RCC_CIR (§5.3.4): the ready-interrupt enables [14:8]; the flag clear bits are write-only.
inline constexpr std::uint32_t CIR_ENABLES = 0x7Fu << 8;
// RCC_CSR (§5.3.21): LSION, LSIRDY, RMVF, reset flags [31:25].
inline constexpr std::uint32_t CSR_LSION = 1u << 0, CSR_LSIRDY = 1u << 1, CSR_RMVF = 1u << 24,
                               CSR_BORRSTF = 1u << 25, CSR_PINRSTF = 1u << 26,
                               CSR_PORRSTF = 1u << 27, CSR_SFTRSTF = 1u << 28,
                               CSR_RESET_FLAGS = 0x7Fu << 25;
// Reset and enable bits of the modelled peripherals (§5.3.5-§5.3.14).
inline constexpr unsigned kGpioPorts = 11;  // GPIOA..GPIOK: AHB1 bits 0..10
inline constexpr std::uint32_t APB1_USART2 = 1u << 17, APB1_USART3 = 1u << 18, APB1_PWR = 1u << 28,
                               APB2_USART1 = 1u << 4;
inline constexpr std::uint32_t kHsiHz = 16'000'000;

// Peripherals whose reset bit rose in one write: the caller resets them.
struct Pulses {
    std::uint32_t gpio_ports = 0;  // bit n: GPIO port n
    bool usart1 = false, usart2 = false, usart3 = false, pwr = false;
};

class Rcc {
  public:
    explicit Rcc(Host& host) : host_(host) {}

    // System reset: every register to its reset value, RCC_CSR's reset flags kept and
    // `csr_flags` added (§5.3.21: the flags survive every reset but power-on).
    void reset(std::uint32_t csr_flags);
    // Power-on reset: as reset(), but no earlier reset flag survives.
    void power_on_reset(std::uint32_t csr_flags) {
        regs_.clear();
        reset(csr_flags);
    }
    std::uint32_t peek(std::uint32_t addr) const;
    Pulses write(std::uint32_t addr, std::uint32_t v);

    bool enabled(std::uint32_t enr, std::uint32_t bit) const { return (regs_.get(enr) & bit) != 0; }
    std::uint32_t sws() const { return (regs_.get(CFGR) & CFGR_SWS) >> CFGR_SWS_SHIFT; }
    std::uint32_t hclk() const;
    std::uint32_t pclk1() const { return pclk(CFGR_PPRE1_SHIFT); }
    std::uint32_t pclk2() const { return pclk(CFGR_PPRE2_SHIFT); }

  private:
    std::uint32_t pll_hz() const;
    std::uint32_t sysclk() const;
    std::uint32_t pclk(unsigned shift) const;
    void write_cr(std::uint32_t v);
    void write_csr(std::uint32_t v);
    void update_sws();

    Host& host_;
    WordStore regs_;
    bool pll_was_ready_ = false;
};

}  // namespace f7model::detail::rcc
