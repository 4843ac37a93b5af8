// Example application: a console on the board's UART with `help`, `info`, `bootloader`,
// `reset`. `bootloader` hands control to the ROM bootloader through sysboot; if sysboot
// refuses, the reason is printed and the application keeps running.
// Built with a key (SYSBOOT_APP_AUTH, CMake SYSBOOT_APP_KEY_FILE), `bootloader` first asks
// for the answer to a challenge (auth_gate.hpp, docs/security.md). Built with
// SYSBOOT_APP_REQUIRE_RDP1, sysboot refuses entry while read-out protection is at level 0.
#include "board.hpp"
#include "console.hpp"
#include "out.hpp"
#include "sysboot/sysboot.hpp"

#ifdef SYSBOOT_APP_AUTH
#include "app_key.hpp"  // generated from the key file: const std::uint8_t kAppKey[]
#include "auth_gate.hpp"
#endif

#ifndef SYSBOOT_APP_VERSION
#define SYSBOOT_APP_VERSION 1
#endif

namespace {

const char* crumb_name(sysboot_breadcrumb_state_t s) {
    switch (s) {
        case SYSBOOT_CRUMB_NONE:
            return "none";
        case SYSBOOT_CRUMB_RESET_REQUESTED:
            return "reset-requested";
        case SYSBOOT_CRUMB_ENTERED_ROM:
            return "entered-rom";
        case SYSBOOT_CRUMB_REFUSED:
            return "refused";
        case SYSBOOT_CRUMB_RETURNED:
            return "returned-from-rom";
    }
    return "?";
}

const char* path_name(sysboot_path_t p) {
    switch (p) {
        case SYSBOOT_PATH_DIRECT:
            return "direct";
        case SYSBOOT_PATH_RESET:
            return "reset";
        case SYSBOOT_PATH_ESCALATE:
            return "escalate";
        case SYSBOOT_PATH_REFUSE:
            return "refuse";
    }
    return "?";
}

void print_last_result() {
    const sysboot::Breadcrumb b = sysboot::last_result();
    app::put("last hand-off: ");
    app::put(crumb_name(b.state));
    app::put(" status=");
    app::put(sysboot_status_name(b.status));
    app::put(" path=");
    app::put_line(path_name(b.path));
}

void banner() {
    app::put("sysboot-app v");
    app::put_dec(SYSBOOT_APP_VERSION);
    app::put(" board=");
    app::put(board::name());
    app::put(" build=");
    app::put_line(SYSBOOT_BUILD_ID);
    print_last_result();
}

sysboot::Options app_options() {
    sysboot::Options opt = sysboot::default_options();
#ifdef SYSBOOT_APP_REQUIRE_RDP1
    opt.allow_rdp_level0 = false;  // a product: nobody updates it before RDP is set
#endif
    return opt;
}

void flag(const char* name, bool v) {
    app::put(name);
    app::put(v ? "=1 " : "=0 ");
}

void cmd_info() {
    sysboot::Status why{};
    const sysboot::Device* dev = board::device(why);
    if (dev == nullptr) {
        app::put("device: not supported (");
        app::put(sysboot::to_string(why));
        app::put_line(")");
        return;
    }
    app::put("device: ");
    app::put(dev->name);
    app::put(" dev_id=");
    app::put_hex(dev->dev_id, 3);
    app::put(" system_memory=");
    app::put_hex(dev->system_memory.base);
    app::put(" flash=");
    app::put_dec(board::flash_kib());
    app::put(" KiB rom_version=");
    app::put_hex(board::rom_version(), 2);
    app::put("\n");
    const sysboot::Report r = sysboot::check(*dev, app_options());
    app::put("preflight: verdict=");
    app::put(sysboot_status_name(r.verdict));
    app::put(" path=");
    app::put(path_name(r.path));
    app::put(" rom_sp=");
    app::put_hex(r.rom_stack_pointer);
    app::put(" rom_reset=");
    app::put_hex(r.rom_reset_vector);
    app::put(" vectors=");
    app::put_line(sysboot_status_name(r.vectors));
    app::put("context: ipsr=");
    app::put_dec(r.ipsr);
    app::put(" ");
    flag("privileged", r.privileged);
    flag("psp", r.on_psp);
    flag("primask", r.primask);
    flag("mpu", r.mpu_enabled);
    flag("dcache", r.dcache_enabled);
    flag("icache", r.icache_enabled);
    flag("fpca", r.fp_context_active);
    flag("lspact", r.fp_lazy_pending);
    flag("iwdg", r.watchdog_running);
    app::put("rdp=");
    if (r.rdp_level < 0) {
        app::put_line("unknown");
    } else {
        app::put_dec(static_cast<std::uint32_t>(r.rdp_level));
        app::put("\n");
    }
    print_last_result();
}

// `bootloader` hands off directly when it can; `bootloader reset` asks for the reset path
// (request in no-init RAM, system reset, jump from the reset state: docs/handoff.md).
void cmd_bootloader(bool via_reset) {
    sysboot::Status why{};
    const sysboot::Device* dev = board::device(why);
    if (dev == nullptr) {
        app::put("bootloader: refused: ");
        app::put_line(sysboot::to_string(why));
        return;
    }
    app::put_line(via_reset ? "bootloader: entering ROM bootloader through a reset"
                            : "bootloader: entering ROM bootloader");
    board::console_flush();
    sysboot::Options opt = app_options();
    opt.prefer_reset_path = via_reset;
    const sysboot::Status s = sysboot::enter(*dev, opt);
    app::put("bootloader: refused: ");
    app::put_line(sysboot::to_string(s));
}

void cmd_help() {
    app::put_line("commands:");
    app::put_line("  help        this list");
    app::put_line("  info        device, flash size, RDP level, ROM version, preflight report");
    app::put_line("  bootloader  enter the ROM bootloader (prints the reason if refused)");
    app::put_line("  bootloader reset   the same through a system reset (the reset path)");
#ifdef SYSBOOT_APP_AUTH
    app::put_line("  auth-response HEX  answer to the challenge `bootloader` prints");
#endif
    app::put_line("  reset       system reset");
    app::put_line("  exit N      end an emulated run with status N");
}

#ifdef SYSBOOT_APP_AUTH
app::AuthGate& gate() {
    static app::AuthGate g(kAppKey, sizeof kAppKey);
    return g;
}
#endif

void line_too_long() {
#ifdef SYSBOOT_APP_AUTH
    gate().cancel();
#endif
    app::put("error: line longer than ");
    app::put_dec(app::console::kMaxLine);
    app::put_line(" characters, ignored");
}

void run_command(const app::console::Command& cmd, const char* line) {
    using app::console::Kind;
    Kind kind = cmd.kind;
#ifdef SYSBOOT_APP_AUTH
    if (kind == Kind::auth_response) {
        kind = gate().respond(cmd);  // the command the answer authorizes, or empty
    } else if (kind == Kind::bootloader || kind == Kind::bootloader_reset) {
        gate().challenge(kind, line);
        return;
    } else {
        gate().cancel();  // any other input drops the challenge
    }
#else
    if (kind == Kind::auth_response) {
        kind = Kind::unknown;
    }
#endif
    switch (kind) {
        case Kind::empty:
            break;
        case Kind::help:
            cmd_help();
            break;
        case Kind::info:
            cmd_info();
            break;
        case Kind::bootloader:
            cmd_bootloader(false);
            break;
        case Kind::bootloader_reset:
            cmd_bootloader(true);
            break;
        case Kind::reset:
            app::put_line("resetting");
            board::console_flush();
            board::reset();
        case Kind::exit:
            board::exit(static_cast<int>(cmd.exit_code & 0xFFu));
        case Kind::auth_response:
        case Kind::unknown:
            app::put("unknown command: ");
            app::put(line);
            app::put_line(" (try help)");
            break;
    }
}

}  // namespace

constexpr int kRomSyncByte = 0x7F;

int main() {
    board::init();
    banner();
    app::console::LineReader reader;
    app::put("> ");
    for (;;) {
        const int c = board::console_get();
        if (c == kRomSyncByte) {
            // A host tool that expected the ROM bootloader (AN3155 "Connection to the
            // bootloader": 0x7F) reached this console instead: say so in text, which the
            // sysboot host tool recognises and stops on.
            app::put(
                "\r\nsysboot-app: this is the application console, not the ROM "
                "bootloader; send 'bootloader' first\r\n> ");
            continue;
        }
        switch (reader.feed(c)) {
            case app::console::LineReader::Event::none:
                break;
            case app::console::LineReader::Event::echo:
                board::console_put(static_cast<std::uint8_t>(c));
                break;
            case app::console::LineReader::Event::line:
                app::put("\n");
                run_command(app::console::parse(reader.line()), reader.line());
                app::put("> ");
                break;
            case app::console::LineReader::Event::overflow:
                // Never run a cut-off prefix of a longer line: refuse the whole line.
                app::put("\n");
                line_too_long();
                app::put("> ");
                break;
        }
    }
}
