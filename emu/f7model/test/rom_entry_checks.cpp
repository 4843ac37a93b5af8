// check_rom_entry (scenarios.hpp): the CPU and the chip as the design requires them at the
// first instruction of the ROM, for F7 and F4 parts. What the ROM expects comes from the
// Arm and ST documents named at each check, written here again (not taken from the firmware).
#include <set>

#include "h7_rom_entry_checks.hpp"
#include "rom_entry_checks_g0.hpp"
#include "rom_entry_checks_l4g4.hpp"
#include "scenarios.hpp"

namespace f7model::scenario {

namespace {

// RCC, FLASH, PWR and GPIO are at the same addresses on F4 and F7 (RM0410 §5.3, §4.4, §3.7,
// §6.4; RM0390 §6.3, §5.4, §3.8, §7.4); the SCS per DDI0403E §B3.
constexpr std::uint32_t RCC = 0x40023800;
constexpr std::uint32_t RCC_CSR = RCC + 0x74, RCC_AHB1RSTR = RCC + 0x10, RCC_AHB2RSTR = RCC + 0x14,
                        RCC_APB1RSTR = RCC + 0x20, RCC_APB2RSTR = RCC + 0x24;
constexpr std::uint32_t FLASH_ACR = 0x40023C00, PWR_CR = 0x40007000;
constexpr std::uint32_t CCR = 0xE000ED14, VTOR = 0xE000ED08, SYST_CSR = 0xE000E010,
                        ICSR = 0xE000ED04, MPU_CTRL = 0xE000ED94, CPACR = 0xE000ED88,
                        FPCCR = 0xE000EF34, AIRCR = 0xE000ED0C, ICIALLU = 0xE000EF50,
                        DCCISW = 0xE000EF74, DCCMVAC = 0xE000EF68;
constexpr std::uint32_t USART1 = 0x40011000, USART2 = 0x40004400, USART3 = 0x40004800;

bool is_write(const std::vector<Event>& t, std::size_t i, std::uint32_t addr) {
    return t[i].kind == Event::reg_write && (t[i].addr & ~3u) == addr;
}

// CPU state (docs/handoff.md F1-F4: DDI0403E §B1.4), SysTick, NVIC, MPU and FPU (§B3).
void check_core(std::vector<std::string>& f, const Model& m, const RomEntry& e) {
    expect_eq(f, "PRIMASK", e.primask, 0);
    expect_eq(f, "FAULTMASK", e.faultmask, 0);
    expect_eq(f, "BASEPRI", e.basepri, 0);
    expect_eq(f, "CONTROL", e.control, 0);
    expect_eq(f, "IPSR", e.ipsr, 0);
    expect_eq(f, "MSP", e.msp, m.rom_initial_sp());
    expect_eq(f, "SP", e.sp, m.rom_initial_sp());
    expect_eq(f, "VTOR", m.peek(VTOR), m.rom_base());
    expect_eq(f, "SYST_CSR.ENABLE|TICKINT", m.peek(SYST_CSR) & 3u, 0);
    expect_eq(f, "ICSR pending SysTick/PendSV", m.peek(ICSR) & ((1u << 26) | (1u << 28)), 0);
    for (std::uint32_t n = 0; n < 8; ++n) {
        expect_eq(f, ("NVIC_ISER" + std::to_string(n)).c_str(), m.peek(0xE000E100 + 4 * n), 0);
        expect_eq(f, ("NVIC_ISPR" + std::to_string(n)).c_str(), m.peek(0xE000E200 + 4 * n), 0);
    }
    for (std::uint32_t a = 0xE000E400; a < 0xE000E400 + 128; a += 4) {
        if (m.peek(a) != 0) {
            f.push_back("NVIC_IPR at " + hex(a) + " = " + hex(m.peek(a)) + ", want 0");
            break;
        }
    }
    for (std::uint32_t a = 0xE000ED18; a <= 0xE000ED20; a += 4) {
        expect_eq(f, ("SHPR at " + hex(a)).c_str(), m.peek(a), 0);
    }
    expect_eq(f, "MPU_CTRL", m.peek(MPU_CTRL), 0);
    expect_eq(f, "CCR.DC|IC", m.peek(CCR) & ((1u << 16) | (1u << 17)), 0);
    expect_eq(f, "CPACR", m.peek(CPACR), 0);
    // FPCCR resets to ASPEN|LSPEN (DDI0403E §B3.2.23); reserved (0) without an FPU (G0).
    const bool fpu = m.part().family != Family::g0;
    expect_eq(f, "FPCCR", m.peek(FPCCR), fpu ? 0xC0000000u : 0u);
}

// RCC, FLASH and PWR at their reset values (RM0410 §5.3, §3.7.1, §4.4.1; RM0390 §6.3,
// §3.8.1, §5.4.1; reset values that differ per part come from the model's part table).
void check_clock_tree(std::vector<std::string>& f, const Model& m) {
    const bool f7 = m.part().family == Family::f7;
    expect_eq(f, "RCC_CR (without HSICAL)", m.peek(RCC) & ~0xFF00u, 0x00000083u);
    expect_eq(f, "RCC_PLLCFGR", m.peek(RCC + 0x04), 0x24003010u);
    expect_eq(f, "RCC_CFGR", m.peek(RCC + 0x08), 0);
    expect_eq(f, "RCC_CIR", m.peek(RCC + 0x0C), 0);
    for (std::uint32_t off : {0x10u, 0x14u, 0x18u, 0x20u, 0x24u}) {
        expect_eq(f, ("RCC reset register +" + hex(off)).c_str(), m.peek(RCC + off), 0);
    }
    expect_eq(f, "RCC_AHB1ENR", m.peek(RCC + 0x30), m.part().ahb1enr_reset);
    for (std::uint32_t off : {0x34u, 0x38u, 0x40u, 0x44u}) {
        expect_eq(f, ("RCC enable register +" + hex(off)).c_str(), m.peek(RCC + off), 0);
    }
    if (f7) {
        expect_eq(f, "RCC_PLLI2SCFGR", m.peek(RCC + 0x84), 0x24003000u);
        expect_eq(f, "RCC_PLLSAICFGR", m.peek(RCC + 0x88), 0x24003000u);
        expect_eq(f, "RCC_DCKCFGR1", m.peek(RCC + 0x8C), 0);
        expect_eq(f, "RCC_DCKCFGR2", m.peek(RCC + 0x90), 0);
    } else {
        // RCC_DCKCFGR (F411/F446: TIMPRE, the timers' clock) and F446's DCKCFGR2 (CK48MSEL,
        // the USB clock) reset to 0 (RM0383 §6.3.24, RM0390 §6.3.24/§6.3.26).
        expect_eq(f, "RCC_DCKCFGR", m.peek(RCC + 0x8C), 0);
        if (m.part().part == Part::f446) {
            expect_eq(f, "RCC_DCKCFGR2", m.peek(RCC + 0x94), 0);
        }
    }
    expect_eq(f, "FLASH_ACR", m.peek(FLASH_ACR), 0);
    expect_eq(f, "PWR_CR", m.peek(PWR_CR), m.part().pwr_cr_reset);
}

// The ROM's USARTs and pins at reset: F7 USART1/USART3 (CR1 +0x00, BRR +0x0C, RM0410 §34.8);
// F446 USART1/USART3, F411 USART1/USART2 (CR1 +0x0C, BRR +0x08, RM0390 §25.6) per AN2606
// Tables 83 and 93. GPIO reset values: RM0410 §6.4, RM0390 §7.4.
void check_rom_peripherals(std::vector<std::string>& f, const Model& m) {
    const bool f7 = m.part().family == Family::f7;
    const std::uint32_t cr1 = f7 ? 0x00 : 0x0C, brr = f7 ? 0x0C : 0x08;
    const std::uint32_t second = m.part().part == Part::f411 ? USART2 : USART3;
    for (std::uint32_t base : {USART1, second}) {
        expect_eq(f, ("USART CR1 at " + hex(base)).c_str(), m.peek(base + cr1), 0);
        expect_eq(f, ("USART BRR at " + hex(base)).c_str(), m.peek(base + brr), 0);
    }
    expect_eq(f, "GPIOA_MODER", m.peek(0x40020000), 0xA8000000u);
    expect_eq(f, "GPIOA_AFRL", m.peek(0x40020020), 0);
    expect_eq(f, "GPIOA_AFRH", m.peek(0x40020024), 0);
    expect_eq(f, "GPIOB_MODER", m.peek(0x40020400), 0x00000280u);
    expect_eq(f, "GPIOB_AFRL", m.peek(0x40020420), 0);
    expect_eq(f, "GPIOC_MODER", m.peek(0x40020800), 0);
}

// request_on_reset: flags cleared, the no-init line cleaned (parts with a D-cache), then
// SYSRESETREQ; after the reset the CPU is in reset state and only the reset-cause clear and
// VTOR remain.
void check_reset_path(std::vector<std::string>& f, const Session& r, std::size_t to) {
    const Model& m = *r.model;
    const auto& t = m.trace();
    const bool cached = m.part().dcache_kib != 0;
    const bool h7 = m.part().family == Family::h7;
    const bool g0 = m.part().family == Family::g0;
    const bool l4g4 = l4g4::is_l4g4(m);
    const std::uint32_t flags_reg = h7     ? h7::kRccRsr
                                    : g0   ? g0::kRccCsr
                                    : l4g4 ? l4g4::RCC_CSR
                                           : RCC_CSR;
    const std::uint32_t rmvf_bit = h7     ? h7::kRsrRmvf
                                   : g0   ? g0::kRmvf
                                   : l4g4 ? l4g4::CSR_RMVF
                                          : 1u << 24;
    if (r.board == nullptr) {
        f.push_back("reset path check needs the board (its no-init block address)");
        return;
    }
    std::size_t rmvf = 0, clean = 0, sysreset = 0, reset_ev = 0;
    for (std::size_t i = r.enter_trace; i < to; ++i) {
        if (is_write(t, i, flags_reg) && (t[i].value & rmvf_bit) && rmvf == 0) {
            rmvf = i;
        }
        if (is_write(t, i, DCCMVAC) && (t[i].value & ~31u) == r.board->noinit && clean == 0) {
            clean = i;
        }
        if (is_write(t, i, AIRCR) && (t[i].value & 4u) && sysreset == 0) {
            sysreset = i;
        }
        if (t[i].kind == Event::reset && reset_ev == 0) {
            reset_ev = i;
        }
    }
    if (rmvf == 0 || (cached && clean == 0) || sysreset == 0 || reset_ev == 0) {
        f.push_back("reset path incomplete: RMVF " + std::to_string(rmvf) + ", clean no-init " +
                    std::to_string(clean) + ", SYSRESETREQ " + std::to_string(sysreset) +
                    ", reset " + std::to_string(reset_ev));
    } else if (!(rmvf < sysreset && clean < sysreset && sysreset < reset_ev)) {
        f.push_back("reset path out of order");
    }
    if (m.resets() != 1) {
        f.push_back("expected exactly one system reset, saw " + std::to_string(m.resets()));
    }
}

// Index of the first CCR write in [from, to) that clears `bit` after it was set, or 0.
std::size_t ccr_cleared(const std::vector<Event>& t, std::size_t from, std::size_t to,
                        std::uint32_t bit) {
    std::uint32_t before = 0;
    for (std::size_t i = 0; i < to; ++i) {
        if (is_write(t, i, CCR)) {
            if (i >= from && (before & bit) != 0 && (t[i].value & bit) == 0) {
                return i;
            }
            before = t[i].value;
        }
    }
    return 0;
}

// D-cache: CCR.DC cleared, then clean+invalidate of every set/way, no store to SRAM in
// between (DDI0403E §B2.2; docs/handoff.md step dcache_off). I-cache: IC cleared, then
// invalidate all. Cortex-M7 parts only.
void check_caches(std::vector<std::string>& f, const Model& m, std::size_t from, std::size_t to) {
    const auto& t = m.trace();
    const std::size_t dc_off = ccr_cleared(t, from, to, 1u << 16);
    if (dc_off == 0) {
        f.push_back("D-cache never disabled (no CCR write clearing DC)");
    } else {
        const std::uint32_t sets = m.part().dcache_kib * 1024u / (4u * 32u);
        std::set<std::uint32_t> ops;
        std::size_t last = 0, first = 0;
        for (std::size_t i = from; i < to; ++i) {
            if (is_write(t, i, DCCISW)) {
                ops.insert(t[i].value);
                last = i;
                first = first == 0 ? i : first;
            }
        }
        std::size_t missing = 0;
        for (std::uint32_t set = 0; set < sets; ++set) {
            for (std::uint32_t way = 0; way < 4; ++way) {
                missing += ops.count((way << 30) | (set << 5)) == 0 ? 1 : 0;
            }
        }
        if (ops.size() != sets * 4u || missing != 0) {
            f.push_back("D-cache clean+invalidate covered " + std::to_string(ops.size()) +
                        " set/ways (" + std::to_string(missing) + " missed), want " +
                        std::to_string(sets * 4u));
        }
        if (first != 0 && first < dc_off) {
            f.push_back("D-cache cleaned before it was disabled");
        }
        for (std::size_t i = dc_off; i <= last && last != 0; ++i) {
            if (t[i].kind == Event::ram_write) {
                f.push_back("store to SRAM at " + hex(t[i].addr) +
                            " between D-cache off and its clean");
                break;
            }
        }
    }
    const std::size_t ic_off = ccr_cleared(t, from, to, 1u << 17);
    std::size_t iciallu = 0;
    for (std::size_t i = ic_off + 1; ic_off != 0 && i < to && iciallu == 0; ++i) {
        iciallu = is_write(t, i, ICIALLU) ? i : 0;
    }
    if (ic_off == 0 || iciallu == 0) {
        f.push_back("I-cache not disabled then invalidated");
    }
}

// Flash latency goes back to 0 only once SWS shows the reset clock (RM0410 §3.3.2, RM0390
// §3.4.1; L4/G4: the model reports 0 for MSI / HSI16, RM0351/RM0440 "Read access latency").
void check_latency(std::vector<std::string>& f, const Model& m, std::size_t from, std::size_t to) {
    const auto& t = m.trace();
    const std::uint32_t acr = l4g4::is_l4g4(m) ? l4g4::FLASH_ACR : FLASH_ACR;
    bool latency_back = false;
    for (std::size_t i = from; i < to; ++i) {
        if (is_write(t, i, acr) && (t[i].value & 0xFu) == 0) {
            latency_back = true;
            if (t[i].aux != 0) {
                f.push_back("flash latency reduced while SWS = " + std::to_string(t[i].aux) +
                            " (not the reset clock)");
            }
        }
    }
    if (!latency_back) {
        f.push_back("flash latency never written back to 0 during the hand-off");
    }
}

struct Pulse {
    std::uint32_t reg;
    std::uint32_t bits;
    const char* what;
};

// Every peripheral the ROM uses went through a reset pulse. F7: AN2606 STM32F7 tables (CAN2
// and CAN1 except F72x, which has CAN1 only). F446: AN2606 Table 93 (GPIOA/B/C/E/F, USART1/3,
// CAN1/2, I2C1-3, SPI1/2/4, USB, TIM11 for the HSE). F411: Table 83 (GPIOA-D, USART1/2,
// I2C1-3, SPI1-3, USB, TIM11). Bits: RM0410 §5.3.5-§5.3.9, RM0390 §6.3.5-§6.3.9.
std::vector<Pulse> rom_pulses(Part p) {
    constexpr std::uint32_t dma = (1u << 21) | (1u << 22), i2c = 7u << 21, usb = 1u << 7;
    constexpr std::uint32_t usart1 = 1u << 4, spi1 = 1u << 12, spi4 = 1u << 13, tim11 = 1u << 18;
    constexpr std::uint32_t spi2 = 1u << 14, spi3 = 1u << 15, usart2 = 1u << 17, usart3 = 1u << 18;
    constexpr std::uint32_t can1 = 1u << 25, can2 = 1u << 26;
    switch (p) {
        case Part::f446:
            return {{RCC_AHB1RSTR, 0x7u | (1u << 4) | (1u << 5) | dma, "GPIOA/B/C/E/F, DMA1/2"},
                    {RCC_AHB2RSTR, usb, "USB OTG FS"},
                    {RCC_APB1RSTR, usart3 | i2c | spi2 | can1 | can2, "USART3, I2C1-3, SPI2, CAN"},
                    {RCC_APB2RSTR, usart1 | spi1 | spi4 | tim11, "USART1, SPI1, SPI4, TIM11"}};
        case Part::f411:
            return {{RCC_AHB1RSTR, 0xFu | dma, "GPIOA-D, DMA1/2"},
                    {RCC_AHB2RSTR, usb, "USB OTG FS"},
                    {RCC_APB1RSTR, usart2 | i2c | spi2 | spi3, "USART2, I2C1-3, SPI2/3"},
                    {RCC_APB2RSTR, usart1 | spi1 | tim11, "USART1, SPI1, TIM11"}};
        default: {
            const std::uint32_t can = p == Part::f72x ? can1 : can1 | can2;
            return {{RCC_AHB1RSTR, 0xFu | dma, "GPIOA/B/C/D, DMA1/2"},
                    {RCC_AHB2RSTR, usb, "USB OTG FS"},
                    {RCC_APB1RSTR, usart3 | i2c | spi2 | can, "USART3, I2C1/2/3, SPI2, CAN"},
                    {RCC_APB2RSTR, usart1 | spi1 | spi4 | tim11, "USART1, SPI1, SPI4, TIM11"}};
        }
    }
}

void check_pulses(std::vector<std::string>& f, const Model& m, std::size_t from, std::size_t to) {
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
}

}  // namespace

std::vector<std::string> check_rom_entry(const Session& r, bool reset_path) {
    std::vector<std::string> f;
    const Model& m = *r.model;
    if (!r.enter_seen) {
        f.push_back("sysboot::enter was never called");
    }
    const RomEntry& e = m.rom_entry();
    if (!e.reached) {
        f.push_back("ROM reset handler not reached: " + describe(r));
        return f;
    }
    check_core(f, m, e);
    const bool g0 = m.part().family == Family::g0;
    const bool h7 = m.part().family == Family::h7;
    if (g0) {
        g0::check_state(f, m);
    } else if (h7) {
        h7::check_vectors(f, m, e);
        h7::check_chip(f, m);
        h7::check_rom_ram_untouched(f, m);
    } else if (l4g4::is_l4g4(m)) {
        l4g4::check_clock_tree(f, m);
        l4g4::check_rom_peripherals(f, m);
    } else {
        check_clock_tree(f, m);
        check_rom_peripherals(f, m);
    }
    for (const auto& v : m.violations()) {
        f.push_back("hardware rule broken: " + v);
    }
    if (m.garbled() != 0) {
        f.push_back(std::to_string(m.garbled()) + " console bytes sent at a wrong baud rate");
    }
    if (reset_path) {
        check_reset_path(f, r, e.trace_index);
        return f;
    }
    if (m.resets() != 0) {
        f.push_back("direct path expected, but the core was reset " + std::to_string(m.resets()) +
                    " time(s)");
    }
    // Interrupts masked for the whole teardown (docs/handoff.md step mask_interrupts).
    const auto& t = m.trace();
    for (std::size_t i = r.enter_trace; i < e.trace_index; ++i) {
        if (t[i].kind == Event::reg_write && !t[i].primask) {
            f.push_back("register write at " + hex(t[i].addr) +
                        " with interrupts enabled during the hand-off");
            break;
        }
    }
    if (m.part().dcache_kib != 0) {
        check_caches(f, m, r.enter_trace, e.trace_index);
    }
    if (g0) {
        g0::check_handoff(f, m, r.enter_trace, e.trace_index);
        return f;
    }
    if (h7) {
        h7::check_teardown(f, m, r.enter_trace, e.trace_index);
        return f;
    }
    check_latency(f, m, r.enter_trace, e.trace_index);
    if (l4g4::is_l4g4(m)) {
        l4g4::check_pulses(f, m, r.enter_trace, e.trace_index);
    } else {
        check_pulses(f, m, r.enter_trace, e.trace_index);
    }
    return f;
}

}  // namespace f7model::scenario
