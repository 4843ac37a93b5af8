#include "scenarios.hpp"

#include <unicorn/unicorn.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "sysboot/cm7/control.hpp"

#ifndef F7MODEL_IMAGE_DIR
#error "F7MODEL_IMAGE_DIR must name the directory with the firmware images"
#endif

namespace f7model::scenario {

namespace {

namespace ctl = sysboot::cm7::control;
constexpr std::uint64_t kBudget = 40'000'000;
constexpr const char* kEnterSymbol = "_ZN7sysboot5enterERK14sysboot_deviceRK15sysboot_options";

// Addresses the checks read (RM0410 §5.3, §4.4, §3.7, §6.4, §34.8; DDI0403E §B3).
constexpr std::uint32_t RCC = 0x40023800;
constexpr std::uint32_t RCC_CFGR = RCC + 0x08, RCC_CSR = RCC + 0x74;
constexpr std::uint32_t RCC_AHB1RSTR = RCC + 0x10, RCC_AHB2RSTR = RCC + 0x14,
                        RCC_APB1RSTR = RCC + 0x20, RCC_APB2RSTR = RCC + 0x24;
constexpr std::uint32_t FLASH_ACR = 0x40023C00, PWR_CR1 = 0x40007000;
constexpr std::uint32_t CCR = 0xE000ED14, VTOR = 0xE000ED08, SYST_CSR = 0xE000E010,
                        ICSR = 0xE000ED04, MPU_CTRL = 0xE000ED94, CPACR = 0xE000ED88,
                        FPCCR = 0xE000EF34, AIRCR = 0xE000ED0C, ICIALLU = 0xE000EF50,
                        DCCISW = 0xE000EF74, DCCMVAC = 0xE000EF68, CCSIDR = 0xE000ED80;
constexpr std::uint32_t kNoInit = 0x20004000;

std::string hex(std::uint32_t v) {
    char b[16];
    std::snprintf(b, sizeof b, "0x%08X", v);
    return b;
}

void expect_eq(std::vector<std::string>& f, const char* what, std::uint32_t got,
               std::uint32_t want) {
    if (got != want) {
        f.push_back(std::string(what) + " = " + hex(got) + ", want " + hex(want));
    }
}

bool after_refusal_help(const Model& m) {
    const std::string& c = m.console();
    const auto refused = c.find("refused");
    return refused != std::string::npos && c.find("commands:", refused) != std::string::npos;
}

}  // namespace

const std::vector<Board>& boards() {
    static const std::vector<Board> k = {
        {"nucleo-f767zi", Part::f76x, 8'000'000, 0x40004800},
        {"stm32f746g-disco", Part::f74x, 25'000'000, 0x40011000},
        {"nucleo-f722ze", Part::f72x, 8'000'000, 0x40004800},
    };
    return k;
}

std::string image_path(const std::string& image) {
    return std::string(F7MODEL_IMAGE_DIR) + "/" + image + ".elf";
}

Session bootloader(const Board& b, const std::string& image, const Faults& faults, Context ctx,
                   bool then_help) {
    Session r;
    Config cfg;
    cfg.part = b.part;
    cfg.hse_hz = b.hse_hz;
    cfg.faults = faults;
    r.model = std::make_unique<Model>(cfg);
    Model& m = *r.model;
    m.load_elf(image_path(image));
    const std::uint32_t enter = m.symbol(kEnterSymbol);
    Session* rp = &r;
    m.at(enter, [rp, ctx, b](Model& mm) {
        if (rp->enter_seen) {
            return;
        }
        rp->enter_seen = true;
        rp->enter_instr = mm.instructions();
        rp->enter_trace = mm.trace().size();
        switch (ctx) {
            case Context::thread:
                break;
            case Context::rtos_thread: {
                // A privileged RTOS thread: on PSP (SPSEL), with an FP context (FPCA) and a
                // lazy FP frame reserved (LSPACT).
                const std::uint32_t sp = mm.cpu(UC_ARM_REG_SP);
                mm.set_cpu(UC_ARM_REG_PSP, sp);
                mm.set_cpu(UC_ARM_REG_CONTROL, ctl::SPSEL | ctl::FPCA);
                mm.set_fpccr(0xC0000001u);
                break;
            }
            case Context::handler: {
                // Inside the console's interrupt handler (exception number = 16 + IRQ).
                const unsigned irq = b.console_usart == 0x40011000 ? 37 : 39;
                mm.set_cpu(UC_ARM_REG_IPSR, 16 + irq);
                break;
            }
            case Context::unprivileged: {
                mm.set_cpu(UC_ARM_REG_CONTROL, ctl::nPRIV);
                const std::uint32_t ret = mm.cpu(UC_ARM_REG_LR) & ~1u;
                mm.at(ret, [](Model& m2) { m2.set_cpu(UC_ARM_REG_CONTROL, 0); });
                break;
            }
        }
    });
    m.power_on();
    m.type(b.console_usart, then_help ? "bootloader\rhelp\r" : "bootloader\r");
    const Model* mp = &m;
    r.stop =
        m.run(kBudget, then_help ? std::function<bool()>([mp] { return after_refusal_help(*mp); })
                                 : std::function<bool()>());
    return r;
}

std::vector<std::string> check_rom_entry(const Session& r, bool reset_path) {
    std::vector<std::string> f;
    Model& m = *r.model;
    if (!r.enter_seen) {
        f.push_back("sysboot::enter was never called");
    }
    const RomEntry& e = m.rom_entry();
    if (!e.reached) {
        f.push_back("ROM reset handler not reached: " + describe(r));
        return f;
    }
    // CPU state (docs/handoff.md F1-F4): DDI0403E §B1.4.
    expect_eq(f, "PRIMASK", e.primask, 0);
    expect_eq(f, "FAULTMASK", e.faultmask, 0);
    expect_eq(f, "BASEPRI", e.basepri, 0);
    expect_eq(f, "CONTROL", e.control, 0);
    expect_eq(f, "IPSR", e.ipsr, 0);
    expect_eq(f, "MSP", e.msp, m.rom_initial_sp());
    expect_eq(f, "SP", e.sp, m.rom_initial_sp());
    expect_eq(f, "VTOR", m.peek(VTOR), Model::kRomBase);
    // SysTick off and nothing pending (DDI0403E §B3.3, §B3.2.4).
    expect_eq(f, "SYST_CSR.ENABLE|TICKINT", m.peek(SYST_CSR) & 3u, 0);
    expect_eq(f, "ICSR pending SysTick/PendSV", m.peek(ICSR) & ((1u << 26) | (1u << 28)), 0);
    // NVIC: no line enabled or pending; priorities as after reset (DDI0403E §B3.4).
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
    // MPU, caches, FPU (F5).
    expect_eq(f, "MPU_CTRL", m.peek(MPU_CTRL), 0);
    expect_eq(f, "CCR.DC|IC", m.peek(CCR) & ((1u << 16) | (1u << 17)), 0);
    expect_eq(f, "CPACR", m.peek(CPACR), 0);
    expect_eq(f, "FPCCR", m.peek(FPCCR), 0xC0000000u);
    // RCC, FLASH, PWR at their reset values (RM0410 §5.3, §3.7.1, §4.4.1).
    expect_eq(f, "RCC_CR (without HSICAL)", m.peek(RCC) & ~0xFF00u, 0x00000083u);
    expect_eq(f, "RCC_PLLCFGR", m.peek(RCC + 0x04), 0x24003010u);
    expect_eq(f, "RCC_CFGR", m.peek(RCC_CFGR), 0);
    expect_eq(f, "RCC_CIR", m.peek(RCC + 0x0C), 0);
    for (std::uint32_t off : {0x10u, 0x14u, 0x18u, 0x20u, 0x24u}) {
        expect_eq(f, ("RCC reset register +" + hex(off)).c_str(), m.peek(RCC + off), 0);
    }
    expect_eq(f, "RCC_AHB1ENR", m.peek(RCC + 0x30), 0x00100000u);
    for (std::uint32_t off : {0x34u, 0x38u, 0x40u, 0x44u}) {
        expect_eq(f, ("RCC enable register +" + hex(off)).c_str(), m.peek(RCC + off), 0);
    }
    expect_eq(f, "RCC_PLLI2SCFGR", m.peek(RCC + 0x84), 0x24003000u);
    expect_eq(f, "RCC_PLLSAICFGR", m.peek(RCC + 0x88), 0x24003000u);
    expect_eq(f, "RCC_DCKCFGR1", m.peek(RCC + 0x8C), 0);
    expect_eq(f, "RCC_DCKCFGR2", m.peek(RCC + 0x90), 0);
    expect_eq(f, "FLASH_ACR", m.peek(FLASH_ACR), 0);
    expect_eq(f, "PWR_CR1", m.peek(PWR_CR1), 0x0000C000u);
    // The ROM's peripherals at reset (F7): USART1/3 and GPIOA/B/C.
    for (std::uint32_t base : {0x40011000u, 0x40004800u}) {
        expect_eq(f, ("USART CR1 at " + hex(base)).c_str(), m.peek(base), 0);
        expect_eq(f, ("USART BRR at " + hex(base)).c_str(), m.peek(base + 0x0C), 0);
    }
    expect_eq(f, "GPIOA_MODER", m.peek(0x40020000), 0xA8000000u);
    expect_eq(f, "GPIOA_AFRH", m.peek(0x40020024), 0);
    expect_eq(f, "GPIOB_MODER", m.peek(0x40020400), 0x00000280u);
    expect_eq(f, "GPIOB_AFRL", m.peek(0x40020420), 0);
    expect_eq(f, "GPIOC_MODER", m.peek(0x40020800), 0);
    for (const auto& v : m.violations()) {
        f.push_back("hardware rule broken: " + v);
    }
    if (m.garbled() != 0) {
        f.push_back(std::to_string(m.garbled()) + " console bytes sent at a wrong baud rate");
    }

    const auto& t = m.trace();
    const std::size_t from = r.enter_trace;
    const std::size_t to = e.trace_index;
    auto is_write = [&](std::size_t i, std::uint32_t addr) {
        return t[i].kind == Event::reg_write && (t[i].addr & ~3u) == addr;
    };
    if (reset_path) {
        // request_on_reset: flags cleared, the no-init line cleaned, then SYSRESETREQ; after
        // the reset the CPU is in reset state and only the reset-cause clear and VTOR remain.
        std::size_t rmvf = 0, clean = 0, sysreset = 0, reset_ev = 0;
        for (std::size_t i = from; i < to; ++i) {
            if (is_write(i, RCC_CSR) && (t[i].value & (1u << 24)) && rmvf == 0) {
                rmvf = i;
            }
            if (is_write(i, DCCMVAC) && (t[i].value & ~31u) == kNoInit && clean == 0) {
                clean = i;
            }
            if (is_write(i, AIRCR) && (t[i].value & 4u) && sysreset == 0) {
                sysreset = i;
            }
            if (t[i].kind == Event::reset && reset_ev == 0) {
                reset_ev = i;
            }
        }
        if (rmvf == 0 || clean == 0 || sysreset == 0 || reset_ev == 0) {
            f.push_back("reset path incomplete: RMVF " + std::to_string(rmvf) + ", clean no-init " +
                        std::to_string(clean) + ", SYSRESETREQ " + std::to_string(sysreset) +
                        ", reset " + std::to_string(reset_ev));
        } else if (!(rmvf < sysreset && clean < sysreset && sysreset < reset_ev)) {
            f.push_back("reset path out of order");
        }
        if (m.resets() != 1) {
            f.push_back("expected exactly one system reset, saw " + std::to_string(m.resets()));
        }
        return f;
    }

    // Direct path.
    if (m.resets() != 0) {
        f.push_back("direct path expected, but the core was reset " + std::to_string(m.resets()) +
                    " time(s)");
    }
    // Interrupts masked for the whole teardown (docs/handoff.md step mask_interrupts).
    for (std::size_t i = from; i < to; ++i) {
        if (t[i].kind == Event::reg_write && !t[i].primask) {
            f.push_back("register write at " + hex(t[i].addr) +
                        " with interrupts enabled during the hand-off");
            break;
        }
    }
    // D-cache: CCR.DC cleared, then clean+invalidate of every set/way, no store to SRAM in
    // between (DDI0403E §B2.2; docs/handoff.md step dcache_off).
    std::size_t dc_off = 0;
    std::uint32_t ccr_before = 0;
    for (std::size_t i = 0; i < to; ++i) {
        if (is_write(i, CCR)) {
            if (i >= from && (ccr_before & (1u << 16)) && !(t[i].value & (1u << 16)) &&
                dc_off == 0) {
                dc_off = i;
            }
            ccr_before = t[i].value;
        }
    }
    if (dc_off == 0) {
        f.push_back("D-cache never disabled (no CCR write clearing DC)");
    } else {
        const std::uint32_t sets = m.part().dcache_kib * 1024u / (4u * 32u);
        std::set<std::uint32_t> ops;
        std::size_t last = 0, first = 0;
        for (std::size_t i = from; i < to; ++i) {
            if (is_write(i, DCCISW)) {
                ops.insert(t[i].value);
                last = i;
                first = first == 0 ? i : first;
            }
        }
        if (ops.size() != sets * 4u) {
            f.push_back("D-cache clean+invalidate covered " + std::to_string(ops.size()) +
                        " set/ways, want " + std::to_string(sets * 4u));
        } else {
            for (std::uint32_t set = 0; set < sets; ++set) {
                for (std::uint32_t way = 0; way < 4; ++way) {
                    if (ops.count((way << 30) | (set << 5)) == 0) {
                        f.push_back("D-cache set " + std::to_string(set) + " way " +
                                    std::to_string(way) + " missed");
                        set = sets;
                        break;
                    }
                }
            }
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
    (void)CCSIDR;
    // I-cache: IC cleared, then invalidate all.
    std::size_t ic_off = 0, iciallu = 0;
    ccr_before = 0;
    for (std::size_t i = 0; i < to; ++i) {
        if (is_write(i, CCR)) {
            if (i >= from && (ccr_before & (1u << 17)) && !(t[i].value & (1u << 17)) &&
                ic_off == 0) {
                ic_off = i;
            }
            ccr_before = t[i].value;
        }
        if (ic_off != 0 && i > ic_off && is_write(i, ICIALLU) && iciallu == 0) {
            iciallu = i;
        }
    }
    if (ic_off == 0 || iciallu == 0) {
        f.push_back("I-cache not disabled then invalidated");
    }
    // Flash latency goes back to 0 only once SWS shows HSI (RM0410 §3.3.2).
    bool latency_back = false;
    for (std::size_t i = from; i < to; ++i) {
        if (is_write(i, FLASH_ACR) && (t[i].value & 0xFu) == 0) {
            latency_back = true;
            if (t[i].aux != 0) {
                f.push_back("flash latency reduced while SWS = " + std::to_string(t[i].aux) +
                            " (not HSI)");
            }
        }
    }
    if (!latency_back) {
        f.push_back("flash latency never written back to 0 during the hand-off");
    }
    // Every peripheral the ROM uses went through a reset pulse (AN2606, F7).
    struct Pulse {
        std::uint32_t reg;
        std::uint32_t bits;
        const char* what;
    };
    const std::uint32_t can = m.part().part == Part::f72x ? (1u << 25) : (1u << 25) | (1u << 26);
    const Pulse pulses[] = {
        {RCC_AHB1RSTR, 0xFu | (1u << 21) | (1u << 22), "GPIOA/B/C/D, DMA1/2"},
        {RCC_AHB2RSTR, 1u << 7, "USB OTG FS"},
        {RCC_APB1RSTR, (1u << 18) | (7u << 21) | (1u << 14) | can, "USART3, I2C1/2/3, SPI2, CAN"},
        {RCC_APB2RSTR, (1u << 4) | (1u << 12) | (1u << 13) | (1u << 18),
         "USART1, SPI1, SPI4, TIM11"},
    };
    for (const Pulse& p : pulses) {
        std::uint32_t set = 0, released = 0;
        for (std::size_t i = from; i < to; ++i) {
            if (is_write(i, p.reg)) {
                set |= t[i].value & p.bits;
                released |= set & ~t[i].value & p.bits;
            }
        }
        if (set != p.bits || released != p.bits) {
            f.push_back(std::string("peripheral reset pulse missing for ") + p.what);
        }
    }
    return f;
}

std::vector<std::string> check_refused(const Session& r, const std::string& status) {
    std::vector<std::string> f;
    const Model& m = *r.model;
    if (m.rom_entry().reached) {
        f.push_back("the ROM was entered; expected a refusal with " + status);
        return f;
    }
    const std::string want = "bootloader: refused: " + status;
    const auto at = m.console().find(want);
    if (at == std::string::npos) {
        f.push_back("console lacks \"" + want + "\": " + describe(r));
    } else if (m.console().find("commands:", at) == std::string::npos) {
        f.push_back("application stopped answering after the refusal: " + describe(r));
    }
    if (m.garbled() != 0) {
        f.push_back(std::to_string(m.garbled()) + " console bytes sent at a wrong baud rate");
    }
    for (const auto& v : m.violations()) {
        f.push_back("hardware rule broken: " + v);
    }
    return f;
}

std::vector<Outcome> run_all(const Board& b, const std::string& image) {
    std::vector<Outcome> out;
    auto add = [&out](const char* name, const Session& r, std::vector<std::string> failures) {
        out.push_back({name, !r.model->console().empty(), r.enter_seen, std::move(failures)});
    };
    {
        Session r = bootloader(b, image, Faults{}, Context::thread);
        add("direct path from main()", r, check_rom_entry(r, false));
    }
    {
        Session r = bootloader(b, image, Faults{}, Context::rtos_thread);
        add("direct path from a privileged PSP thread with FP context", r,
            check_rom_entry(r, false));
    }
    {
        Session r = bootloader(b, image, Faults{}, Context::handler);
        add("reset path from an interrupt handler", r, check_rom_entry(r, true));
    }
    {
        Session r = bootloader(b, image, Faults{}, Context::unprivileged, true);
        add("unprivileged thread refused", r, check_refused(r, "unprivileged"));
    }
    {
        Faults f;
        f.rom_reset_vector_even = true;
        Session r = bootloader(b, image, f, Context::thread, true);
        add("ROM reset vector without Thumb bit refused", r, check_refused(r, "bad_reset_vector"));
    }
    return out;
}

std::string describe(const Session& r) {
    const Model& m = *r.model;
    std::string s = "stop=";
    s += r.stop == Stop::rom_reached ? "rom"
         : r.stop == Stop::until     ? "until"
         : r.stop == Stop::budget    ? "budget"
                                     : "fault";
    if (!m.fault_message().empty()) {
        s += " (" + m.fault_message() + ")";
    }
    s += ", pc=" + hex(m.cpu(UC_ARM_REG_PC)) + ", instructions=" + std::to_string(m.instructions());
    std::string tail =
        m.console().size() > 300 ? m.console().substr(m.console().size() - 300) : m.console();
    s += ", console tail: [" + tail + "]";
    return s;
}

}  // namespace f7model::scenario
