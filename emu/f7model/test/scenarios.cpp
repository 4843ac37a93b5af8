#include "scenarios.hpp"

#include <unicorn/unicorn.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "sysboot/cm7/control.hpp"

#ifndef F7MODEL_IMAGE_DIR
#error "F7MODEL_IMAGE_DIR must name the directory with the firmware images"
#endif

namespace f7model::scenario {

namespace {

namespace ctl = sysboot::cm7::control;
constexpr std::uint64_t kBudget = 40'000'000;
constexpr const char* kEnterSymbol = "_ZN7sysboot5enterERK14sysboot_deviceRK15sysboot_options";

constexpr std::uint32_t USART1 = 0x40011000, USART2 = 0x40004400, USART3 = 0x40004800;

bool after_refusal_help(const Model& m) {
    const std::string& c = m.console();
    const auto refused = c.find("refused");
    return refused != std::string::npos && c.find("commands:", refused) != std::string::npos;
}

}  // namespace

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

const std::vector<Board>& boards() {
    // Consoles: USART3 (IRQ 39) on the Nucleo-144s, USART1 (IRQ 37) on the F746G-DISCO and
    // the Black Pill, USART2 (IRQ 38) on the Nucleo-64 (RM0410 §10.1.2, RM0390 §10.2 tables).
    // No-init block: right after the ROM's RAM (16 KiB on F7, 12 KiB on F4).
    static const std::vector<Board> k = {
        {"nucleo-f767zi", Part::f76x, 8'000'000, USART3, 39, 0x20004000},
        {"stm32f746g-disco", Part::f74x, 25'000'000, USART1, 37, 0x20004000},
        {"nucleo-f722ze", Part::f72x, 8'000'000, USART3, 39, 0x20004000},
        {"nucleo-f446re", Part::f446, 8'000'000, USART2, 38, 0x20003000},
        {"blackpill-f411ce", Part::f411, 25'000'000, USART1, 37, 0x20003000},
        // USART2 (IRQ 28, CMSIS stm32g071xx.h) at the same address as on F4/F7; no-init block
        // after the G07x ROM's RAM (0x20000000-0x200026FF). No HSE on the board.
        {"nucleo-g071rb", Part::g071, 8'000'000, USART2, 28, 0x20002700},
        // STM32H7: console USART3 (IRQ 39, RM0433 vector table); no-init block after the
        // ROM's DTCM block (below 0x20004100).
        {"nucleo-h743zi2", Part::h743, 8'000'000, USART3, 39, 0x20004100},
        // L4/G4 Nucleo-64s: the ST-LINK VCP is LPUART1 (0x40008000, IRQ 91) on the G474RE and
        // USART2 (IRQ 38) on the L476RG (CMSIS IRQn tables); no-init block after the ROM's RAM
        // (16 KiB on G47x, 0x3100 bytes on L47x). No HSE is used (both run from HSI16).
        {"nucleo-g474re", Part::g474, 0, 0x40008000, 91, 0x20004000},
        {"nucleo-l476rg", Part::l476, 0, USART2, 38, 0x20003100},
    };
    return k;
}

const Board& board(const std::string& name) {
    for (const Board& b : boards()) {
        if (name == b.name) {
            return b;
        }
    }
    throw std::invalid_argument("no such board in the model tests: " + name);
}

std::string image_path(const std::string& image) {
    return std::string(F7MODEL_IMAGE_DIR) + "/" + image + ".elf";
}

Session bootloader(const Board& b, const std::string& image, const Faults& faults, Context ctx,
                   bool then_help) {
    Session r;
    r.board = &b;
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
                // A Cortex-M0+ (G0) has no FP context: PSP alone.
                const bool fpu = mm.part().family != Family::g0;
                const std::uint32_t sp = mm.cpu(UC_ARM_REG_SP);
                mm.set_cpu(UC_ARM_REG_PSP, sp);
                mm.set_cpu(UC_ARM_REG_CONTROL, fpu ? ctl::SPSEL | ctl::FPCA : ctl::SPSEL);
                if (fpu) {
                    mm.set_fpccr(0xC0000001u);
                }
                break;
            }
            case Context::handler: {
                // Inside the console's interrupt handler (exception number = 16 + IRQ).
                mm.set_cpu(UC_ARM_REG_IPSR, 16 + b.console_irq);
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
