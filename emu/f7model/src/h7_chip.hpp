#pragma once
// The STM32H7 part's registers as one bus (the H7 counterpart of chip.hpp): the Cortex-M7 SCS,
// RCC (h7_rcc.hpp), PWR (CR3 supply, CSR1, D3CR voltage scale), SYSCFG_PWRCR (H74x VOS0),
// FLASH (ACR, OPTSR_CUR), GPIOA..K, USART1-3 and DBGMCU_IDCODE, at their RM0433/RM0468
// addresses; words of unmodelled peripherals read back what was written. Checks the clock
// rules that span RCC, FLASH and PWR: CPU, AXI and APB clocks within the voltage scale's
// limits, flash wait states for the AXI clock.
#include <cstdint>
#include <deque>

#include "h7_rcc.hpp"
#include "host.hpp"
#include "scs.hpp"

namespace f7model::detail::h7 {

// PWR (RM0433 "PWR registers"): CR3 (supply, write-once), CSR1 (ACTVOSRDY 13), D3CR (VOS [15:14],
// VOSRDY 13).
inline constexpr std::uint32_t PWR = 0x58024800, PWR_CSR1 = PWR + 0x04, PWR_CR3 = PWR + 0x0C,
                               PWR_D3CR = PWR + 0x18;
inline constexpr std::uint32_t D3CR_VOS_SHIFT = 14, D3CR_VOSRDY = 1u << 13,
                               CSR1_ACTVOSRDY = 1u << 13;
// SYSCFG_PWRCR (RM0433 "SYSCFG registers"): ODEN bit 0.
inline constexpr std::uint32_t SYSCFG_PWRCR = 0x58000400 + 0x2C;
// FLASH (RM0433 "FLASH registers"): ACR (LATENCY [3:0], WRHIGHFREQ [5:4]), OPTSR_CUR (RDP [15:8]).
inline constexpr std::uint32_t FLASH = 0x52002000, FLASH_ACR = FLASH + 0x00,
                               FLASH_OPTSR_CUR = FLASH + 0x1C;
// DBGMCU_IDCODE (RM0433 "DBGMCU identity code register"): REV_ID [31:16] (0x2003 = revision V),
// DEV_ID [11:0].
inline constexpr std::uint32_t DBGMCU_IDCODE = 0x5C001000;
// GPIO (RM0433 "GPIO registers"): ports from 0x58020000, 0x400 apart.
inline constexpr std::uint32_t GPIOA = 0x58020000, kPortSize = 0x400;
// USARTs (RM0433 USART registers; the F7 layout: CR1 0x00, BRR 0x0C, ISR 0x1C, ICR 0x20,
// RDR 0x24, TDR 0x28).
inline constexpr std::uint32_t USART1 = 0x40011000, USART2 = 0x40004400, USART3 = 0x40004800;

class Chip {
  public:
    explicit Chip(Host& host);
    // `f7_csr_flags` uses the F7 RCC_CSR bits the model core passes (PINRSTF 26, PORRSTF 27,
    // BORRSTF 25, SFTRSTF 28); they become the RCC_RSR flags of the same causes.
    void system_reset(std::uint32_t f7_csr_flags);
    void power_on_reset(std::uint32_t f7_csr_flags);
    std::uint32_t peek(std::uint32_t addr) const;
    std::uint32_t load(std::uint32_t addr, unsigned size);
    std::uint32_t store(std::uint32_t addr, std::uint32_t v, unsigned size);
    void receive(std::uint32_t usart_base, std::uint8_t byte);
    void set_fpccr(std::uint32_t v) { scs_.set_fpccr(v); }

  private:
    struct Usart {
        std::uint32_t base;
        WordStore regs;
        std::deque<std::uint8_t> rx;
    };
    void reset_blocks();
    static std::uint32_t rsr_flags(std::uint32_t f7_csr_flags);
    std::uint32_t store_word(std::uint32_t w, std::uint32_t v);
    void write_pwr(std::uint32_t w, std::uint32_t v);
    void write_gpio(std::uint32_t w, std::uint32_t v);
    void reset_port(unsigned port);
    void apply(const h7rcc::Pulses& p);
    void check_clocks();
    unsigned vos_scale() const;  // 0..3
    Usart* usart_at(std::uint32_t addr);
    const Usart* usart_at(std::uint32_t addr) const;
    bool usart_clock_on(const Usart& u) const;
    std::uint32_t usart_peek(const Usart& u, std::uint32_t addr) const;
    std::uint32_t usart_write(Usart& u, std::uint32_t addr, std::uint32_t v);

    Host& host_;
    scs::Scs scs_;
    h7rcc::Rcc rcc_;
    WordStore pwr_, flash_, gpio_, other_;
    bool cr3_written_ = false;
    Usart usarts_[3];
};

}  // namespace f7model::detail::h7
