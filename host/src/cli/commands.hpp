// One file per subcommand (cmd_<name>.cpp). Each registers its own typed options with CLI11
// and, when the user chose it, stores what to run; run_cli() only parses and dispatches.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "cli/context.hpp"
#include "cli/parse.hpp"

namespace sysboot::host {

using CommandRun = std::function<int(Context&)>;

void add_enter_command(CLI::App& app, CommandRun& chosen);
void add_info_command(CLI::App& app, CommandRun& chosen);
void add_flash_command(CLI::App& app, CommandRun& chosen);
void add_read_command(CLI::App& app, CommandRun& chosen);
void add_erase_command(CLI::App& app, CommandRun& chosen);
void add_verify_command(CLI::App& app, CommandRun& chosen);
void add_go_command(CLI::App& app, CommandRun& chosen);
void add_list_command(CLI::App& app, CommandRun& chosen);

// `info` and `enter` with --usb (info_usb.cpp): what the DFU descriptors say.
[[nodiscard]] int run_info_usb(Context& ctx, bool enter);
[[nodiscard]] int run_enter_usb(Context& ctx);

// Registers `sub` so that choosing it stores `run` (bound to options owned by the lambda).
template <class Options, class Run>
void on_chosen(CLI::App& sub, std::shared_ptr<Options> options, CommandRun& chosen, Run run) {
    sub.callback([options, &chosen, run] {
        chosen = [options, run](Context& ctx) { return run(ctx, *options); };
    });
}

}  // namespace sysboot::host
