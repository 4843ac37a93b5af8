// `sysboot enter`: send the application's enter command, wait for the ROM, sync.
#include <fmt/format.h>

#include "cli/commands.hpp"

namespace sysboot::host {

namespace {

struct EnterCommandOptions {};

int run_enter(Context& ctx, const EnterCommandOptions&) {
    if (ctx.over_usb()) {
        return run_enter_usb(ctx);
    }
    if (auto s = ctx.connect(true, false); !s) {
        return ctx.fail(s.error());
    }
    if (ctx.options().json) {
        JsonObject result;
        result.add("port", ctx.port_name()).add("bootloader_version", ctx.rom().version_string());
        return ctx.succeed(result);
    }
    if (!ctx.options().quiet) {
        ctx.out() << fmt::format("ROM bootloader v{} ready on {}\n", ctx.rom().version_string(),
                                 ctx.port_name());
    }
    return 0;
}

}  // namespace

void add_enter_command(CLI::App& app, CommandRun& chosen) {
    auto options = std::make_shared<EnterCommandOptions>();
    auto* sub = app.add_subcommand(
        "enter", "Send the application's enter command, wait for the ROM and sync");
    on_chosen(*sub, options, chosen, run_enter);
}

}  // namespace sysboot::host
