// STM32H7 parts of check_rom_entry (scenarios.hpp): the chip at the ROM's first instruction,
// the hand-off's reset pulses and flash latency order, and the ROM's two RAM blocks left alone.
// Addresses and reset values written again from RM0433 (H74x/75x) and RM0468 (H72x/73x) and the
// family table's sources (docs/families.md), not taken from the firmware.
#include "h7_rom_entry_checks.hpp"

namespace f7model::scenario::h7 {

namespace {

constexpr std::uint32_t RCC = 0x58024400;  // RM0433 "RCC registers"
constexpr std::uint32_t RCC_CR = RCC + 0x00, AHB3RSTR = RCC + 0x7C, AHB1RSTR = RCC + 0x80,
                        AHB4RSTR = RCC + 0x88, APB1LRSTR = RCC + 0x90, APB1HRSTR = RCC + 0x94,
                        APB2RSTR = RCC + 0x98;
constexpr std::uint32_t FLASH_ACR = 0x52002000, PWR_D3CR = 0x58024818, SYSCFG_PWRCR = 0x5800042C;
constexpr std::uint32_t GPIOA = 0x58020000;

bool is_write(const std::vector<Event>& t, std::size_t i, std::uint32_t addr) {
    return t[i].kind == Event::reg_write && (t[i].addr & ~3u) == addr;
}

// RCC, FLASH, PWR and SYSCFG at their reset values (RM0433 "RCC registers", "FLASH registers", "PWR
// registers").
void check_clock_tree(std::vector<std::string>& f, const Model& m) {
    // RCC_CR: HSI on, undivided; CSI, HSI48, HSE (and HSEBYP, CSS), PLL1-3 off.
    const std::uint32_t cr_must_be_0 =
        (3u << 3) | (1u << 7) | (1u << 12) | (0xFu << 16) | (0x3Fu << 24);
    expect_eq(f, "RCC_CR HSION", m.peek(RCC_CR) & 1u, 1u);
    expect_eq(f, "RCC_CR HSIDIV/CSI/HSI48/HSE/PLLs", m.peek(RCC_CR) & cr_must_be_0, 0);
    for (std::uint32_t off : {0x10u, 0x18u, 0x1Cu, 0x20u}) {  // CFGR, D1CFGR, D2CFGR, D3CFGR
        expect_eq(f, ("RCC register +" + hex(off)).c_str(), m.peek(RCC + off), 0);
    }
    expect_eq(f, "RCC_PLLCKSELR", m.peek(RCC + 0x28), 0x02020200u);
    expect_eq(f, "RCC_PLLCFGR", m.peek(RCC + 0x2C), 0x01FF0000u);
    for (std::uint32_t off : {0x30u, 0x38u, 0x40u}) {
        expect_eq(f, ("RCC_PLLxDIVR +" + hex(off)).c_str(), m.peek(RCC + off), 0x01010280u);
    }
    // Kernel clock selections (the ROM's USART/USB clocks) and clock interrupts.
    for (std::uint32_t off : {0x34u, 0x4Cu, 0x50u, 0x54u, 0x58u, 0x60u}) {
        expect_eq(f, ("RCC register +" + hex(off)).c_str(), m.peek(RCC + off), 0);
    }
    for (std::uint32_t off = 0x7C; off <= 0x9C; off += 4) {  // reset registers released
        expect_eq(f, ("RCC reset register +" + hex(off)).c_str(), m.peek(RCC + off), 0);
    }
    for (std::uint32_t off = 0xD4; off <= 0xF4; off += 4) {  // enables at reset (D2 SRAMs kept)
        const std::uint32_t mask = off == 0xDC ? ~(7u << 29) : ~0u;
        expect_eq(f, ("RCC enable register +" + hex(off)).c_str(), m.peek(RCC + off) & mask, 0);
    }
    expect_eq(f, "FLASH_ACR", m.peek(FLASH_ACR) & 0x3Fu,
              m.part().part == Part::h743 ? 0x37u : 0x13u);
    expect_eq(f, "PWR_D3CR.VOS (scale 3)", m.peek(PWR_D3CR) & (3u << 14), 1u << 14);
    expect_eq(f, "SYSCFG_PWRCR.ODEN", m.peek(SYSCFG_PWRCR) & 1u, 0);
}

// The ROM's USARTs (USART1 PA9/PA10, USART2 PA2/PA3, USART3 PB10/PB11: AN2606 H7 sections) at
// reset (CR1 +0x00, BRR +0x0C), and the GPIO ports at their reset values (RM0433 "GPIO registers":
// all analog but the debug pins), including port D where the NUCLEO-144 console was.
void check_rom_peripherals(std::vector<std::string>& f, const Model& m) {
    for (std::uint32_t base : {0x40011000u, 0x40004400u, 0x40004800u}) {
        expect_eq(f, ("USART CR1 at " + hex(base)).c_str(), m.peek(base), 0);
        expect_eq(f, ("USART BRR at " + hex(base)).c_str(), m.peek(base + 0x0C), 0);
    }
    expect_eq(f, "GPIOA_MODER", m.peek(GPIOA), 0xABFFFFFFu);
    expect_eq(f, "GPIOA_AFRH", m.peek(GPIOA + 0x24), 0);
    expect_eq(f, "GPIOB_MODER", m.peek(GPIOA + 0x400), 0xFFFFFEBFu);
    expect_eq(f, "GPIOD_MODER", m.peek(GPIOA + 0xC00), 0xFFFFFFFFu);
    expect_eq(f, "GPIOD_AFRH", m.peek(GPIOA + 0xC24), 0);
}

struct Pulse {
    std::uint32_t reg;
    std::uint32_t bits;
    const char* what;
};

// What the ROM uses or listens on, and DMA that could write into its RAM (RM0433 "RCC registers"
// bit positions; CMSIS stm32h743xx.h / stm32h723xx.h).
std::vector<Pulse> rom_pulses(Part p) {
    const bool h743 = p == Part::h743;
    const std::uint32_t gpio = h743 ? 0x7FFu : 0x6FFu;  // A-K; H72x has no port I
    const std::uint32_t usb = h743 ? (1u << 25) | (1u << 27) : 1u << 25;
    return {{AHB4RSTR, gpio | (1u << 21), "GPIO ports, BDMA"},
            {AHB1RSTR, 3u | usb, "DMA1/2, USB OTG"},
            {AHB3RSTR, 1u, "MDMA"},
            {APB1LRSTR, (3u << 17) | (7u << 21) | (3u << 14), "USART2/3, I2C1-3, SPI2/3"},
            {APB1HRSTR, 1u << 8, "FDCAN"},
            {APB2RSTR, (1u << 4) | (3u << 12), "USART1, SPI1, SPI4"}};
}

}  // namespace

void check_chip(std::vector<std::string>& f, const Model& m) {
    check_clock_tree(f, m);
    check_rom_peripherals(f, m);
}

// ROM entry at the vector table 0x1FF09800, not at the start of system memory (0x1FF00000):
// VTOR and the MSP come from there (the family table's [KB] source, docs/families.md).
void check_vectors(std::vector<std::string>& f, const Model& m, const RomEntry& e) {
    expect_eq(f, "VTOR (H7 ROM vector table)", m.peek(0xE000ED08), 0x1FF09800u);
    expect_eq(f, "ROM vector table address in the model", m.rom_base(), 0x1FF09800u);
    expect_eq(f, "MSP (word 0 at 0x1FF09800)", e.msp, m.rom_initial_sp());
}

// No store of the whole run landed in either block of RAM the ROM uses (DTCM below 0x20004100,
// AXI SRAM 0x24000000-0x24004FFF on H74x/75x, -0x24003FFF on H72x/73x): the no-init block,
// the request flag and the application's data all live elsewhere.
void check_rom_ram_untouched(std::vector<std::string>& f, const Model& m) {
    const std::uint32_t axi_end = m.part().part == Part::h743 ? 0x24005000u : 0x24004000u;
    for (const Event& e : m.trace()) {
        if (e.kind != Event::ram_write) {
            continue;
        }
        const bool dtcm = e.addr >= 0x20000000u && e.addr < 0x20004100u;
        const bool axi = e.addr >= 0x24000000u && e.addr < axi_end;
        if (dtcm || axi) {
            f.push_back(std::string("store into the ROM's RAM (") + (dtcm ? "DTCM" : "AXI SRAM") +
                        ") at " + hex(e.addr));
            return;
        }
    }
}

// The hand-off pulsed every reset above, and lowered the flash latency only on HSI (the aux
// of a FLASH_ACR write is RCC_CFGR.SWS at the time; RM0433 "Read latency").
void check_teardown(std::vector<std::string>& f, const Model& m, std::size_t from, std::size_t to) {
    const auto& t = m.trace();
    for (const Pulse& p : rom_pulses(m.part().part)) {
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
    std::uint32_t latency = 0xFF;
    bool written = false;
    for (std::size_t i = from; i < to; ++i) {
        if (!is_write(t, i, FLASH_ACR)) {
            continue;
        }
        const std::uint32_t now = t[i].value & 0xFu;
        if (now < latency && latency != 0xFF && t[i].aux != 0) {
            f.push_back("flash latency lowered while SWS = " + std::to_string(t[i].aux));
        }
        latency = now;
        written = true;
    }
    if (!written) {
        f.push_back("flash latency never written during the hand-off");
    }
}

}  // namespace f7model::scenario::h7
