// Figure 1 (stack of the direct path) and figure 2 (instructions to the ROM) on the STM32F7
// model (emu/f7model), running the real board images.
//
// Instructions: from the first instruction of sysboot::enter (the call the `bootloader`
// console command makes once it has printed its line and flushed the console) to the first
// instruction of the ROM's reset handler, as Model::instructions() counts them.
//
// Floor, counted from the model's trace between those two points (every entry is a store the
// CPU made, so each costs at least one instruction):
//   - D-cache set/way operations: the distinct values written to DCCISW/DCISW (the geometry
//     needs sets x ways of them: 128 on F746, 512 on F767);
//   - required register writes: per register address, the first write and every write that
//     changes the value last written (a repeated identical write is not required); a system
//     reset forgets the values (the registers are back at reset);
//   - the stores to the no-init block (the reset path's request, the breadcrumb both paths
//     leave), deduplicated the same way;
//   - core instructions no trace shows but the design requires (they touch no memory-mapped
//     register): direct path cpsid i, msr CONTROL, msr MSP, msr BASEPRI, cpsie f, cpsie i, bx
//     = 7; reset path cpsid i before the request, and after the reset msr MSP and bx = 3.
// Loads (ROM vectors, ICTR, status polls), barriers, constants and loop control are not
// counted: the floor is a lower bound, not a plan.
//
// Stack: measured, not estimated — the model traces every store to SRAM; the direct path's
// stack is the SP at sysboot::enter minus the lowest address it stored to inside the stack
// region (__stack_top - __stack_size .. SP) before the ROM started.
#include <unicorn/unicorn.h>

#include <map>
#include <set>
#include <utility>

#include "figures.hpp"
#include "scenarios.hpp"

namespace bench {
namespace {

using f7model::Event;
using f7model::Model;
namespace sc = f7model::scenario;

constexpr std::uint64_t kBudget = 40'000'000;
constexpr const char* kEnterSymbol = "_ZN7sysboot5enterERK14sysboot_deviceRK15sysboot_options";
// firmware/app/main.cpp: (anonymous namespace)::cmd_bootloader(bool).
constexpr const char* kCommandSymbol = "_ZN12_GLOBAL__N_114cmd_bootloaderEb";
// DDI0403E §B2.2.7: cache maintenance by set/way.
constexpr std::uint32_t kDCISW = 0xE000EF60, kDCCISW = 0xE000EF74;
// The sysboot no-init block (one 32-byte line, firmware/startup/cortex-m-app.ld).
constexpr std::uint32_t kNoInitSize = 32;
constexpr std::uint32_t kCoreDirect = 7;  // see the file comment
constexpr std::uint32_t kCoreReset = 3;

// What a run records besides the Session.
struct Probe {
    std::uint32_t sp_at_enter = 0;
    bool command_seen = false;
    std::uint64_t command_instr = 0;  // instructions before the `bootloader` command handler
};

// `bootloader` typed on the console of the board image, like scenario::bootloader(), with
// two more hooks: the SP at sysboot::enter and the start of the command handler. `handler`:
// the call comes from the console's interrupt handler (IPSR = 16 + its IRQ), so sysboot takes
// the reset path; otherwise from main(), the direct path.
void run(const sc::Board& b, bool handler, sc::Session& r, Probe& p) {
    r.board = &b;  // the ROM-entry checks need its facts (the no-init block address)
    f7model::Config cfg;
    cfg.part = b.part;
    cfg.hse_hz = b.hse_hz;
    r.model = std::make_unique<Model>(cfg);
    Model& m = *r.model;
    m.load_elf(sc::image_path(std::string("app-") + b.name));
    if (const std::uint32_t cmd = m.symbol(kCommandSymbol); cmd != 0) {
        m.at(cmd, [&p](Model& mm) {
            if (!p.command_seen) {
                p.command_seen = true;
                p.command_instr = mm.instructions();
            }
        });
    }
    m.at(m.symbol(kEnterSymbol), [&r, &p, handler, &b](Model& mm) {
        if (r.enter_seen) {
            return;
        }
        r.enter_seen = true;
        r.enter_instr = mm.instructions();
        r.enter_trace = mm.trace().size();
        p.sp_at_enter = mm.cpu(UC_ARM_REG_SP);
        if (handler) {
            // The console's own line (the board table's, from each RM's vector table).
            mm.set_cpu(UC_ARM_REG_IPSR, 16 + b.console_irq);
        }
    });
    m.power_on();
    m.type(b.console_usart, "bootloader\r");
    r.stop = m.run(kBudget);
}

// Counts the floor's parts (and the stack) from the trace between enter and the ROM.
void analyse(const sc::Session& r, bool reset_path, const Probe& p, PathRun& out) {
    const std::uint32_t sp_at_enter = p.sp_at_enter;
    const Model& m = *r.model;
    const auto& t = m.trace();
    const std::size_t to = std::min(m.rom_entry().trace_index, t.size());
    std::set<std::uint32_t> setway;
    std::map<std::uint32_t, std::uint32_t> last;  // register (or no-init word) -> value
    const std::uint32_t stack_top = m.symbol("__stack_top");
    const std::uint32_t stack_size = m.symbol("__stack_size");
    std::uint32_t lowest = sp_at_enter;
    std::uint64_t first_setway = UINT64_MAX, last_setway = 0;
    for (std::size_t i = r.enter_trace; i < to; ++i) {
        const Event& e = t[i];
        if (e.kind == Event::reset) {
            last.clear();
            continue;
        }
        const std::uint32_t a = e.addr & ~3u;
        if (e.kind == Event::reg_write) {
            if (a == kDCCISW || a == kDCISW) {
                setway.insert(e.value);
                first_setway = std::min(first_setway, e.instr);
                last_setway = std::max(last_setway, e.instr);
                continue;
            }
            ++out.reg_writes;
            const auto it = last.find(a);
            if (it == last.end() || it->second != e.value) {
                ++out.required_writes;
            }
            last[a] = e.value;
        } else if (e.kind == Event::ram_write) {
            if (e.addr >= r.board->noinit && e.addr < r.board->noinit + kNoInitSize) {
                const auto it = last.find(e.addr);
                if (it == last.end() || it->second != e.value) {
                    ++out.noinit_stores;
                }
                last[e.addr] = e.value;
            }
            if (!reset_path && e.addr < sp_at_enter && e.addr >= stack_top - stack_size &&
                e.addr < lowest) {
                lowest = e.addr;
            }
        }
    }
    out.setway_ops = static_cast<std::uint32_t>(setway.size());
    out.core_instructions = reset_path ? kCoreReset : kCoreDirect;
    out.stack_bytes = reset_path ? 0 : sp_at_enter - lowest;
    out.instructions = m.rom_entry().reached ? m.rom_entry().instr - r.enter_instr : 0;
    out.from_command =
        m.rom_entry().reached && p.command_seen ? m.rom_entry().instr - p.command_instr : 0;
    out.setway_loop = last_setway >= first_setway ? last_setway - first_setway + 1 : 0;
}

const char* kind_name(Event::Kind k) {
    switch (k) {
        case Event::reg_write:
            return "reg";
        case Event::ram_write:
            return "ram";
        case Event::reset:
            return "RESET";
        case Event::rom_entry:
            return "ROM";
    }
    return "?";
}

}  // namespace

std::string dump_trace(const std::string& board, bool reset_path) {
    for (const sc::Board& b : sc::boards()) {
        if (board != b.name) {
            continue;
        }
        sc::Session r;
        Probe p;
        run(b, reset_path, r, p);
        const Model& m = *r.model;
        const auto& t = m.trace();
        const std::size_t to = std::min(m.rom_entry().trace_index, t.size());
        std::string out;
        char line[128];
        for (std::size_t i = r.enter_trace; i < to; ++i) {
            const Event& e = t[i];
            std::snprintf(line, sizeof line, "%8llu %-5s 0x%08X = 0x%08X /%u\n",
                          static_cast<unsigned long long>(e.instr - r.enter_instr),
                          kind_name(e.kind), e.addr, e.value, static_cast<unsigned>(e.size));
            out += line;
        }
        std::snprintf(line, sizeof line, "%8llu ROM reached=%d\n",
                      static_cast<unsigned long long>(m.rom_entry().instr - r.enter_instr),
                      m.rom_entry().reached ? 1 : 0);
        return out + line;
    }
    return "unknown board " + board + "\n";
}

std::vector<ModelRow> measure_model() {
    std::vector<ModelRow> rows;
    for (const sc::Board& b : sc::boards()) {
        ModelRow row;
        row.board = b.name;
        row.part = f7model::part_info(b.part).name;
        row.dcache_kib = f7model::part_info(b.part).dcache_kib;
        for (const bool reset_path : {false, true}) {
            PathRun& out = reset_path ? row.reset : row.direct;
            sc::Session r;
            Probe p;
            run(b, reset_path, r, p);
            out.failures = sc::check_rom_entry(r, reset_path);
            analyse(r, reset_path, p, out);
            out.ok = out.failures.empty();
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace bench
