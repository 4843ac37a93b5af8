// STM32L4/G4 ROM-entry checks (rom_entry_checks_l4g4.hpp).
#include "rom_entry_checks_l4g4.hpp"

#include "scenarios.hpp"

namespace f7model::scenario::l4g4 {

namespace {

constexpr std::uint32_t FLASH_BASE = 0x40022000, PWR = 0x40007000;
constexpr std::uint32_t USART1 = 0x40013800, USART2 = 0x40004400, USART3 = 0x40004800,
                        LPUART1 = 0x40008000, GPIOA = 0x48000000;

bool g4(const Model& m) {
    return m.part().family == Family::g4;
}

}  // namespace

// Reset values (RM0440 / RM0351 "RCC registers", "FLASH registers", "PWR registers"): G4 RCC_CR
// 0x0000 0500 (HSI16 on and ready), CFGR 0x0000 0005 (HSI16 selected); L4 RCC_CR 0x0000 0063
// (MSI on at 4 MHz), CFGR 0 (MSI). PLLCFGR 0x0000 1000, reset registers 0, AHB1ENR 0x100
// (FLASHEN), G4 APB1ENR1 0x400 (RTCAPBEN). FLASH_ACR G4 0x0004 0600, L4 0x0000 0600. PWR_CR1
// 0x0000 0200 (range 1), G4 PWR_CR5 0x0000 0100 (boost off).
void check_clock_tree(std::vector<std::string>& f, const Model& m) {
    const bool is_g4 = g4(m);
    expect_eq(f, "RCC_CR", m.peek(RCC), is_g4 ? 0x00000500u : 0x00000063u);
    expect_eq(f, "RCC_ICSCR trims", m.peek(RCC + 0x04) & (is_g4 ? 0x7F000000u : 0x1F00FF00u),
              is_g4 ? 0x40000000u : 0x10000000u);
    expect_eq(f, "RCC_CFGR", m.peek(RCC + 0x08), is_g4 ? 0x00000005u : 0u);
    expect_eq(f, "RCC_PLLCFGR", m.peek(RCC + 0x0C), 0x00001000u);
    if (!is_g4) {
        expect_eq(f, "RCC_PLLSAI1CFGR", m.peek(RCC + 0x10), 0x00001000u);
        expect_eq(f, "RCC_PLLSAI2CFGR", m.peek(RCC + 0x14), 0x00001000u);
    }
    expect_eq(f, "RCC_CIER", m.peek(RCC + 0x18), 0);
    for (std::uint32_t off : {0x28u, 0x2Cu, 0x30u, 0x38u, 0x3Cu, 0x40u}) {
        expect_eq(f, ("RCC reset register +" + hex(off)).c_str(), m.peek(RCC + off), 0);
    }
    expect_eq(f, "RCC_AHB1ENR", m.peek(RCC + 0x48), 0x00000100u);
    expect_eq(f, "RCC_APB1ENR1", m.peek(RCC + 0x58), is_g4 ? 0x00000400u : 0u);
    for (std::uint32_t off : {0x4Cu, 0x50u, 0x5Cu, 0x60u, 0x88u}) {
        expect_eq(f, ("RCC enable/kernel clock register +" + hex(off)).c_str(), m.peek(RCC + off),
                  0);
    }
    expect_eq(f, "FLASH_ACR", m.peek(FLASH_BASE), is_g4 ? 0x00040600u : 0x00000600u);
    expect_eq(f, "PWR_CR1", m.peek(PWR), 0x00000200u);
    if (is_g4) {
        expect_eq(f, "PWR_CR5", m.peek(PWR + 0x80), 0x00000100u);
    }
}

// The ROM's USART1/2/3 (CR1 +0x00, BRR +0x0C) and LPUART1 at reset, and their pins' ports:
// GPIOA MODER 0xABFF FFFF, GPIOB 0xFFFF FEBF, GPIOC 0xFFFF FFFF, AFR 0 (RM "GPIO registers").
void check_rom_peripherals(std::vector<std::string>& f, const Model& m) {
    for (std::uint32_t base : {USART1, USART2, USART3, LPUART1}) {
        expect_eq(f, ("USART CR1 at " + hex(base)).c_str(), m.peek(base), 0);
        expect_eq(f, ("USART BRR at " + hex(base)).c_str(), m.peek(base + 0x0C), 0);
    }
    expect_eq(f, "GPIOA_MODER", m.peek(GPIOA), 0xABFFFFFFu);
    expect_eq(f, "GPIOA_AFRL", m.peek(GPIOA + 0x20), 0);
    expect_eq(f, "GPIOA_AFRH", m.peek(GPIOA + 0x24), 0);
    expect_eq(f, "GPIOB_MODER", m.peek(GPIOA + 0x400), 0xFFFFFEBFu);
    expect_eq(f, "GPIOC_MODER", m.peek(GPIOA + 0x800), 0xFFFFFFFFu);
}

// Reset pulses of what the ROM uses (bits: CMSIS RCC_*RSTR_*_Pos): GPIOA-C (the ROM's pins),
// DMA1/2, USART1 (APB2 bit 14), USART2/3 (APB1R1 bits 17/18); G4: USB (APB1R1 bit 23) and
// LPUART1 (APB1R2 bit 0: the Nucleo's VCP on the ROM's USART2 pins); L4: USB OTG FS (AHB2 bit
// 12), CAN1 (APB1R1 bit 25).
void check_pulses(std::vector<std::string>& f, const Model& m, std::size_t from, std::size_t to) {
    struct Pulse {
        std::uint32_t reg, bits;
        const char* what;
    };
    const bool is_g4 = g4(m);
    const std::vector<Pulse> want = {
        {RCC + 0x28, 0x3u, "DMA1/2"},
        {RCC + 0x2C, 0x7u | (is_g4 ? 0u : 1u << 12), is_g4 ? "GPIOA-C" : "GPIOA-C, OTG FS"},
        {RCC + 0x38, (3u << 17) | (is_g4 ? 1u << 23 : 1u << 25),
         is_g4 ? "USART2/3, USB" : "USART2/3, CAN1"},
        {RCC + 0x3C, is_g4 ? 1u : 0u, "LPUART1"},
        {RCC + 0x40, 1u << 14, "USART1"}};
    const auto& t = m.trace();
    for (const Pulse& p : want) {
        std::uint32_t set = 0, released = 0;
        for (std::size_t i = from; i < to; ++i) {
            if (t[i].kind == Event::reg_write && (t[i].addr & ~3u) == p.reg) {
                set |= t[i].value & p.bits;
                released |= set & ~t[i].value & p.bits;
            }
        }
        if (set != p.bits || released != p.bits) {
            f.push_back(std::string("peripheral reset pulse missing for ") + p.what);
        }
    }
}

}  // namespace f7model::scenario::l4g4
