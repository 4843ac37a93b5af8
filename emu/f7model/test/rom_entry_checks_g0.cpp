// check_rom_entry for the STM32G0 part: the registers the ROM expects at reset, written here
// again from RM0444 (not taken from the firmware), and the order rules of the hand-off.
#include "rom_entry_checks_g0.hpp"

#include "scenarios.hpp"

namespace f7model::scenario::g0 {

namespace {

constexpr std::uint32_t RCC = 0x40021000, FLASH_ACR = 0x40022000, PWR_CR1 = 0x40007000;
constexpr std::uint32_t RCC_IOPRSTR = RCC + 0x24, RCC_AHBRSTR = RCC + 0x28,
                        RCC_APBRSTR1 = RCC + 0x2C, RCC_APBRSTR2 = RCC + 0x30;
constexpr std::uint32_t USART1 = 0x40013800, USART2 = 0x40004400;
constexpr std::uint32_t GPIOA = 0x50000000, GPIOB = 0x50000400;
constexpr std::uint32_t SYSCFG_CFGR1 = 0x40010000;

bool is_write(const std::vector<Event>& t, std::size_t i, std::uint32_t addr) {
    return t[i].kind == Event::reg_write && (t[i].addr & ~3u) == addr;
}

}  // namespace

// RM0444 reset values: RCC_CR 0x0000 0500 (§5.4.1), CFGR 0 (§5.4.3), PLLCFGR 0x0000 1000
// (§5.4.4), CIER 0 (§5.4.6), the reset registers 0 (§5.4.9-§5.4.12), IOPENR 0, AHBENR
// 0x0000 0100 (FLASHEN), APBENR1/2 0 (§5.4.13-§5.4.16), CCIPR 0 (§5.4.17: the ROM's USARTs
// on PCLK); FLASH_ACR 0x0000 0600 (§3.7.1); PWR_CR1 0x0000 0208 (§4.4.1). The ROM's USART1
// and USART2 (AN2606 STM32G07xxx/08xxx) disabled, GPIOA/B at their reset modes (§7.4.1).
void check_state(std::vector<std::string>& f, const Model& m) {
    expect_eq(f, "RCC_CR", m.peek(RCC), 0x00000500u);
    expect_eq(f, "RCC_CFGR", m.peek(RCC + 0x08), 0);
    expect_eq(f, "RCC_PLLCFGR", m.peek(RCC + 0x0C), 0x00001000u);
    expect_eq(f, "RCC_CIER", m.peek(RCC + 0x18), 0);
    for (std::uint32_t off : {0x24u, 0x28u, 0x2Cu, 0x30u}) {
        expect_eq(f, ("RCC reset register +" + hex(off)).c_str(), m.peek(RCC + off), 0);
    }
    expect_eq(f, "RCC_IOPENR", m.peek(RCC + 0x34), 0);
    expect_eq(f, "RCC_AHBENR", m.peek(RCC + 0x38), m.part().ahb1enr_reset);
    expect_eq(f, "RCC_APBENR1", m.peek(RCC + 0x3C), 0);
    expect_eq(f, "RCC_APBENR2", m.peek(RCC + 0x40), 0);
    expect_eq(f, "RCC_CCIPR", m.peek(RCC + 0x54), 0);
    expect_eq(f, "FLASH_ACR", m.peek(FLASH_ACR), 0x00000600u);
    expect_eq(f, "PWR_CR1", m.peek(PWR_CR1), m.part().pwr_cr_reset);
    for (std::uint32_t base : {USART1, USART2}) {
        expect_eq(f, ("USART CR1 at " + hex(base)).c_str(), m.peek(base), 0);
        expect_eq(f, ("USART BRR at " + hex(base)).c_str(), m.peek(base + 0x0C), 0);
    }
    expect_eq(f, "GPIOA_MODER", m.peek(GPIOA), 0xEBFFFFFFu);
    expect_eq(f, "GPIOA_PUPDR", m.peek(GPIOA + 0x0C), 0x24000000u);
    expect_eq(f, "GPIOA_AFRL", m.peek(GPIOA + 0x20), 0);
    expect_eq(f, "GPIOA_AFRH", m.peek(GPIOA + 0x24), 0);
    expect_eq(f, "GPIOB_MODER", m.peek(GPIOB), 0xFFFFFFFFu);
    expect_eq(f, "GPIOB_AFRL", m.peek(GPIOB + 0x20), 0);
}

namespace {

struct Pulse {
    std::uint32_t reg;
    std::uint32_t bits;
    const char* what;
};

// AN2606 STM32G07xxx/08xxx: USART1 PA9/PA10, USART2 PA2/PA3, I2C1 PB6/PB7, I2C2 PB10/PB11,
// SPI1 PA4-PA7, SPI2 PB12-PB15; plus DMA1. Bits: RM0444 §5.4.9-§5.4.12.
constexpr Pulse kPulses[] = {
    {RCC_IOPRSTR, (1u << 0) | (1u << 1), "GPIOA/B"},
    {RCC_AHBRSTR, 1u << 0, "DMA1"},
    {RCC_APBRSTR1, (1u << 17) | (1u << 21) | (1u << 22) | (1u << 14), "USART2, I2C1/2, SPI2"},
    {RCC_APBRSTR2, (1u << 14) | (1u << 12), "USART1, SPI1"},
};

}  // namespace

void check_handoff(std::vector<std::string>& f, const Model& m, std::size_t from, std::size_t to) {
    const auto& t = m.trace();
    bool latency_back = false;
    for (std::size_t i = from; i < to; ++i) {
        // RM0444 §3.3.4: lower LATENCY only once SWS shows the slower clock (HSISYS = 0).
        if (is_write(t, i, FLASH_ACR) && (t[i].value & 7u) == 0) {
            latency_back = true;
            if (t[i].aux != 0) {
                f.push_back("flash latency reduced while SWS = " + std::to_string(t[i].aux) +
                            " (not HSISYS)");
            }
        }
        if (is_write(t, i, SYSCFG_CFGR1)) {
            f.push_back("SYSCFG_CFGR1 written: the G0 has VTOR, no remap is expected");
        }
    }
    if (!latency_back) {
        f.push_back("flash latency never written back to 0 during the hand-off");
    }
    for (const Pulse& p : kPulses) {
        std::uint32_t set = 0, released = 0;
        for (std::size_t i = from; i < to; ++i) {
            if (is_write(t, i, p.reg)) {
                set |= t[i].value & p.bits;
                released |= set & ~t[i].value & p.bits;
            }
        }
        if (set != p.bits || released != p.bits) {
            f.push_back(std::string("peripheral reset pulse missing for ") + p.what);
        }
    }
}

}  // namespace f7model::scenario::g0
