// `sysboot info`: what the ROM says about itself and the part. Each line is printed as soon
// as it is known, so a failure later in the exchange still leaves what was learned.
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/text.hpp"

namespace sysboot::host {

namespace {

struct InfoOptions {
    bool enter = false;
};

struct Rdp {
    std::string text = "unknown (Read Memory not offered)";
    bool readable = false;
    std::string warning;
};

// A ROM with readout protection active NACKs Read Memory (AN3155 "Read Memory command";
// AN2606 "Readout protection"). Level 0 cannot be told from a level-1 part by any other
// command the ROM offers, so the probe is one read of the flash base.
Result<Rdp> probe_rdp(Context& ctx, uint32_t base) {
    Rdp rdp;
    if (!ctx.rom().has(an3155::Command::ReadMemory)) {
        return rdp;
    }
    std::array<uint8_t, 4> word{};
    auto s = ctx.client().read_memory(base, word);
    if (s) {
        rdp.text = "0 (flash readable)";
        rdp.readable = true;
        rdp.warning =
            "RDP level 0: anyone who reaches this ROM can read out and rewrite the whole flash "
            "(docs/security.md)";
    } else if (s.error().cause == Cause::Refused) {
        rdp.text = "1 or 2 (memory commands refused)";
    } else {
        return s.error();
    }
    return rdp;
}

void print_commands(Context& ctx) {
    std::vector<std::string> names;
    for (uint8_t c : ctx.rom().commands) {
        names.push_back(
            fmt::format("0x{:02X} {}", c, command_name(static_cast<an3155::Command>(c))));
    }
    ctx.out() << fmt::format("port         {}\n", ctx.port_name());
    ctx.out() << fmt::format("bootloader   v{} (0x{:02X})\n", ctx.rom().version_string(),
                             ctx.rom().version);
    ctx.out() << fmt::format("commands     {}\n", fmt::join(names, ", "));
}

int run_info(Context& ctx, const InfoOptions& o) {
    if (ctx.over_usb()) {
        return run_info_usb(ctx, o.enter);
    }
    const bool text = !ctx.options().json;
    if (auto s = ctx.connect(o.enter, false); !s) {
        return ctx.fail(s.error());
    }
    if (text) {
        print_commands(ctx);
    }
    auto version = ctx.client().get_version();
    if (!version) {
        return ctx.fail(version.error());
    }
    if (text) {
        ctx.out() << fmt::format("option bytes 0x{:02X} 0x{:02X}\n", version->option1,
                                 version->option2);
    }
    uint16_t pid = 0;
    if (ctx.options().pid) {
        pid = *ctx.options().pid;
    } else if (auto id = ctx.client().get_id(); id) {
        pid = *id;
    } else {
        return ctx.fail(id.error());
    }
    auto part = find_part(pid);
    std::string layout_note;
    if (part) {
        auto detected =
            detect_layout(ctx.client(), ctx.rom(), *part, ctx.options().flash_size, &layout_note);
        if (detected) {
            part = *detected;
        } else {
            layout_note = "layout unknown: " + detected.error().detail;
        }
    }
    if (part && ctx.options().flash_base) {
        part->flash_base = *ctx.options().flash_base;
    }
    if (text) {
        ctx.out() << fmt::format("part         {} (PID 0x{:03X}{})\n",
                                 part ? part->name : "unknown", pid,
                                 ctx.options().pid ? ", from --pid" : "");
        if (part) {
            ctx.out() << fmt::format("flash        0x{:08X}, {} KiB, {} sectors ({})\n",
                                     part->flash_base, part->flash_size() / 1024,
                                     part->sectors.count(), sector_map_text(part->sectors));
            ctx.out() << fmt::format("layout       {}\n", layout_note);
        }
    }
    auto rdp = probe_rdp(ctx, part ? part->flash_base : 0x08000000);
    if (!rdp) {
        return ctx.fail(rdp.error());
    }
    if (ctx.options().json) {
        std::vector<std::string> codes;
        for (uint8_t c : ctx.rom().commands) {
            codes.push_back(fmt::format("0x{:02X}", c));
        }
        JsonObject result;
        result.add("port", ctx.port_name()).add("pid", fmt::format("0x{:03X}", pid));
        result.add("part", part ? part->name : "unknown");
        if (part) {
            result.add("flash_base", hex32(part->flash_base));
            result.add("flash_size", uint64_t{part->flash_size()});
            result.add("sectors", uint64_t{part->sectors.count()});
            result.add("layout", layout_note);
        }
        result.add("bootloader_version", ctx.rom().version_string());
        result.add_raw("commands", json_string_array(codes));
        result.add("get_checksum", ctx.rom().has(an3155::Command::GetChecksum));
        result.add("option_bytes",
                   fmt::format("0x{:02X} 0x{:02X}", version->option1, version->option2));
        result.add("readable", rdp->readable).add("rdp", rdp->text);
        return ctx.succeed(result);
    }
    ctx.out() << fmt::format("RDP level    {}\n", rdp->text);
    if (!rdp->warning.empty()) {
        ctx.note("sysboot: warning: " + rdp->warning);
    }
    return 0;
}

}  // namespace

void add_info_command(CLI::App& app, CommandRun& chosen) {
    auto o = std::make_shared<InfoOptions>();
    auto* sub = app.add_subcommand(
        "info", "Show part, PID, bootloader version, supported commands and RDP level");
    add_enter_flag(*sub, o->enter);
    on_chosen(*sub, o, chosen, run_info);
}

}  // namespace sysboot::host
