// Example application: a console on the board's UART with `help`, `info`, `bootloader`,
// `reset`. `bootloader` hands control to the ROM bootloader through sysboot; if sysboot
// refuses, the reason is printed and the application keeps running.
#include <cstring>

#include "board.hpp"
#include "out.hpp"
#include "sysboot/sysboot.hpp"

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
    const sysboot::Report r = sysboot::check(*dev);
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
    sysboot::Options opt = sysboot::default_options();
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
    app::put_line("  reset       system reset");
    app::put_line("  exit N      end an emulated run with status N");
}

void run_command(const char* line) {
    if (std::strcmp(line, "help") == 0) {
        cmd_help();
    } else if (std::strcmp(line, "info") == 0) {
        cmd_info();
    } else if (std::strcmp(line, "bootloader") == 0) {
        cmd_bootloader(false);
    } else if (std::strcmp(line, "bootloader reset") == 0) {
        cmd_bootloader(true);
    } else if (std::strcmp(line, "reset") == 0) {
        app::put_line("resetting");
        board::console_flush();
        board::reset();
    } else if (std::strncmp(line, "exit", 4) == 0 && (line[4] == '\0' || line[4] == ' ')) {
        std::uint32_t code = 0;
        for (const char* p = line + 4; *p != '\0'; ++p) {
            if (*p >= '0' && *p <= '9') {
                code = code * 10 + static_cast<std::uint32_t>(*p - '0');
            }
        }
        board::exit(static_cast<int>(code & 0xFFu));
    } else if (line[0] != '\0') {
        app::put("unknown command: ");
        app::put(line);
        app::put_line(" (try help)");
    }
}

}  // namespace

int main() {
    board::init();
    banner();
    char line[64];
    std::size_t len = 0;
    app::put("> ");
    for (;;) {
        const int c = board::console_get();
        if (c < 0) {
            continue;
        }
        if (c == '\r' || c == '\n') {
            if (len == 0 && c == '\n') {
                continue;  // the \n of a \r\n pair
            }
            app::put("\n");
            line[len] = '\0';
            run_command(line);
            len = 0;
            app::put("> ");
        } else if (len + 1 < sizeof line && c >= 0x20 && c < 0x7F) {
            line[len++] = static_cast<char>(c);
            board::console_put(static_cast<std::uint8_t>(c));
        }
    }
}
