#include "scenario_runner.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>

#include <unistd.h>

#include "qemu_runner.hpp"

namespace sysboot::scenario {

using namespace sysboot::emu;

const std::vector<Scenario>& all_scenarios() {
    // Cores: unprivileged Thread mode does not exist on the Cortex-M0 (DDI0419 §B1.4.4), the
    // MPU scenarios need an MPU (none on the nRF51), the FPU ones an FPU (M4, M7, M33), the
    // stack limits Armv8-M Mainline (M33).
    static const std::string kAll = "all";
    static const std::string kNpriv = "m3 m4 m7 m33";
    static const std::string kMpu = "m3 m4 m7 m33";
    static const std::string kFpu = "m4 m7 m33";
    static const std::vector<Scenario> s = {
        {"thread_msp", "", Expect::rom_clean, "", true, kAll},
        {"thread_psp", "", Expect::rom_clean, "", true, kAll},
        {"unprivileged", "", Expect::rom_clean, "", false, kNpriv},
        {"svc", "", Expect::rom_clean, "", false, kAll},
        {"isr_low", "", Expect::rom_clean, "", false, kAll},
        {"isr_high", "", Expect::rom_clean, "", false, kAll},
        {"nested_isr", "", Expect::rom_clean, "", false, kAll},
        {"mpu", "", Expect::rom_clean, "", true, kMpu},
        {"fpu_thread", "", Expect::rom_clean, "", true, kFpu},
        {"fpu_lazy", "", Expect::rom_clean, "", false, kFpu},
        {"stack_limits", "", Expect::rom_clean, "", true, "m33"},
        {"everything_pending", "", Expect::rom_clean, "", true, kAll},
        {"deinit_irq", "", Expect::rom_clean, "", true, kAll},
        {"thread_msp", "erased", Expect::refused_alive, "bad_stack_pointer", true, kAll},
        {"thread_msp", "even_reset", Expect::refused_alive, "bad_reset_vector", true, kAll},
        {"thread_msp", "stack_outside", Expect::refused_alive, "bad_stack_pointer", true, kAll},
    };
    return s;
}

std::vector<Scenario> scenarios_for(const std::string& board) {
    const std::string core = rig_of(board).core;
    std::vector<Scenario> out;
    for (const Scenario& s : all_scenarios()) {
        const std::string padded = " " + s.cores + " ";
        if (s.cores == "all" || padded.find(" " + core + " ") != std::string::npos) {
            out.push_back(s);
        }
    }
    return out;
}

std::string rig_board() {
    const char* b = std::getenv("SYSBOOT_RIG");
    return (b != nullptr && *b != '\0') ? b : "qemu-an500";
}

std::string rom_variant(const std::string& kind) {
    return rom_variant("qemu-an500", kind);
}

std::string rom_variant(const std::string& board, const std::string& kind) {
    static std::mutex m;
    std::lock_guard<std::mutex> lock(m);
    const std::string name = "rom-" + board + "-" + kind;
    const std::string out = image_path(name, ".bin");
    std::ifstream in(image_path("rom-" + board, ".bin"), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto put = [&bytes](std::size_t off, std::uint32_t v) {
        for (int i = 0; i < 4; ++i) {
            bytes[off + static_cast<std::size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xFF);
        }
    };
    auto get = [&bytes](std::size_t off) {
        std::uint32_t v = 0;
        for (int i = 3; i >= 0; --i) {
            v = (v << 8) | static_cast<unsigned char>(bytes[off + static_cast<std::size_t>(i)]);
        }
        return v;
    };
    if (kind == "erased") {
        put(0, 0xFFFFFFFFu);
        put(4, 0xFFFFFFFFu);
    } else if (kind == "even_reset") {
        put(4, get(4) & ~1u);
    } else if (kind == "stack_outside") {
        put(0, 0x30000000u);  // outside the Device's RAM range on every rig
    }
    // Write then rename: parallel test processes never see a half-written image.
    const std::string tmp = out + ".tmp" + std::to_string(::getpid());
    std::ofstream(tmp, std::ios::binary | std::ios::trunc) << bytes;
    std::rename(tmp.c_str(), out.c_str());
    return name;
}

namespace {
std::uint32_t parse_hex_after(const std::string& text, const std::string& key) {
    const auto p = text.find(key);
    if (p == std::string::npos) {
        return 0xFFFFFFFFu;
    }
    return static_cast<std::uint32_t>(std::strtoul(text.c_str() + p + key.size(), nullptr, 16));
}
}  // namespace

Outcome run(const std::string& board, const std::string& image, const Scenario& s,
            const std::string& impl) {
    Outcome o;
    const std::string rom = s.rom.empty() ? "rom-" + board : rom_variant(board, s.rom);
    QemuConfig cfg = rig(board, image, rom);
    cfg.hard_timeout = 30s;
    Qemu q(cfg);
    if (!q.connect() || !q.wait_for("SCENARIO READY", 10s) || !q.wait_for("\n", 2s)) {
        o.booted = q.output().find("SCENARIO READY") != std::string::npos;
        o.transcript = q.output() + q.log();
        return o;
    }
    o.booted = true;
    q.write(s.name + " " + impl + "\r");
    // Whatever happens first: the ROM's report, a refusal, or the end of the run.
    const auto end = std::chrono::steady_clock::now() + 6s;
    while (std::chrono::steady_clock::now() < end && q.running()) {
        q.drain(50ms, 100ms);
        const std::string& out = q.output();
        if (out.find("ROM-ENTRY") != std::string::npos ||
            out.find("SCENARIO REFUSED") != std::string::npos) {
            break;
        }
    }
    if (q.wait_for("ROM-ENTRY", 0ms)) {
        o.rom_entered = true;
        q.wait_for("\r\n", 2s);
        o.fail_mask = parse_hex_after(q.output(), "ROM-ENTRY fail=");
        q.write(std::string(1, '\x7F'));
        o.acked = q.wait_for(std::string(1, '\x79'), 2s);
    } else if (q.wait_for("SCENARIO REFUSED ", 0ms)) {
        o.refused = true;
        q.wait_for("\r\n", 2s);
        const std::string& out = q.output();
        const auto p = out.find("SCENARIO REFUSED ") + 17;
        o.refusal = out.substr(p, out.find('\r', p) - p);
        q.write("ping\r");
        o.alive = q.wait_for("pong", 3s);
    }
    o.handoff_reached = q.output().find("SCENARIO HANDOFF") != std::string::npos;
    o.isr_during_handoff = q.output().find("SCENARIO ISR-DURING-HANDOFF") != std::string::npos;
    if (!q.running()) {
        o.exit_code = q.wait_exit(0ms);
    }
    o.transcript = q.output();
    return o;
}

std::string describe_failures(std::uint32_t m) {
    static const char* names[] = {
        "PRIMASK",      "BASEPRI",     "FAULTMASK",    "CONTROL",
        "IPSR",         "MSP",         "VTOR",         "NVIC-enabled",
        "NVIC-pending", "NVIC-active", "SysTick",      "SysTick/PendSV-pending",
        "MPU",          "caches",      "FPCCR.LSPACT", "CPACR",
        "SHCSR-active", "priorities",  "MSPLIM/PSPLIM"};
    std::string s;
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; ++i) {
        if ((m & (1u << i)) != 0) {
            s += s.empty() ? "" : ",";
            s += names[i];
        }
    }
    return s.empty() ? "-" : s;
}

bool meets(const Scenario& s, const Outcome& o, std::string& why) {
    if (s.expect == Expect::rom_clean) {
        if (!o.rom_entered) {
            why = o.refused ? "refused (" + o.refusal + ")" : "ROM never ran";
            if (o.exit_code) {
                why += " run ended with status " + std::to_string(*o.exit_code);
            }
            return false;
        }
        if (o.fail_mask != 0) {
            why = "ROM found: " + describe_failures(o.fail_mask);
            return false;
        }
        if (!o.acked) {
            why = "ROM did not answer the sync from its interrupt";
            return false;
        }
        if (o.isr_during_handoff) {
            why = "an application ISR ran during the hand-off";
            return false;
        }
        return true;
    }
    if (!o.refused) {
        why = o.rom_entered ? "jumped into an invalid ROM" : "neither refused nor jumped";
        return false;
    }
    if (o.refusal != s.status) {
        why = "refused with " + o.refusal + ", expected " + s.status;
        return false;
    }
    if (!o.alive) {
        why = "application did not survive the refusal";
        return false;
    }
    return true;
}

}  // namespace sysboot::scenario
