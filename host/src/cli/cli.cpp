#include "cli/cli.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/usb_args.hpp"

namespace sysboot::host {

#ifndef SYSBOOT_VERSION
#error "SYSBOOT_VERSION comes from the CMake project version (host/CMakeLists.txt)"
#endif

const char* exit_code_help() {
    return "Exit codes:\n"
           "  0  success\n"
           "  1  usage error: bad command, option or argument\n"
           "  2  image error: unreadable or invalid file, overlapping data, data outside\n"
           "     the part's flash, or a Go address that is not a vector table\n"
           "  3  transport error: the port cannot be opened, or the connection was lost\n"
           "  4  no answer: no sync with the ROM bootloader, or a timeout\n"
           "  5  protocol error: NACK or unexpected answer, or a command the ROM lacks\n"
           "  6  verify failed: the device content differs from the image\n"
           "  7  refused by the device: readout protection (RDP) is active\n"
           "  8  interrupted (Ctrl-C, SIGTERM): stopped after a complete block\n";
}

namespace {

const char* const kCommands = "enter, info, flash, read, erase, verify, go, list";

// Options users reach for on the wrong command.
std::string suggestion(const std::string& command, const std::string& option) {
    if (command == "flash" && option.rfind("--method", 0) == 0) {
        return "; flash chooses its check with --verify (crc, readback, none)";
    }
    if (command == "verify" && option.rfind("--verify", 0) == 0) {
        return "; verify chooses its check with --method (crc, readback, auto)";
    }
    return {};
}

// CLI11 names what it did not expect after a colon: "...: bogus" or "...: crc --method".
std::vector<std::string> unexpected_words(const std::string& message) {
    std::vector<std::string> words;
    const auto colon = message.rfind(": ");
    if (colon == std::string::npos) {
        return words;
    }
    std::size_t pos = colon + 2;
    while (pos < message.size()) {
        const auto end = message.find(' ', pos);
        words.push_back(message.substr(pos, end == std::string::npos ? end : end - pos));
        pos = end == std::string::npos ? message.size() : end + 1;
    }
    return words;
}

std::string usage_message(const CLI::App& app, const CLI::ParseError& e) {
    std::string message = e.what();
    if (dynamic_cast<const CLI::ExtrasError*>(&e) == nullptr) {
        return message;
    }
    const auto* chosen = app.get_subcommands().empty() ? nullptr : app.get_subcommands().front();
    const auto words = unexpected_words(message);
    if (chosen == nullptr && !words.empty() && words.front().rfind("-", 0) != 0) {
        return fmt::format("unknown command '{}' (commands: {})", words.front(), kCommands);
    }
    if (chosen != nullptr) {
        for (const auto& w : words) {
            message += suggestion(chosen->get_name(), w);
        }
    }
    return message;
}

int usage_error(const CLI::App& app, const CLI::ParseError& e, bool json, CliEnvironment& env) {
    const std::string message = usage_message(app, e);
    env.err << "sysboot: error: " << message << "\n(run 'sysboot --help' for the options)\n";
    if (json) {
        env.out << fmt::format(
            "{{\"ok\":false,\"command\":null,\"exit_code\":1,\"error\":{{\"phase\":\"usage\","
            "\"cause\":\"invalid\",\"message\":{}}}}}\n",
            json_quote(message));
    }
    return static_cast<int>(ExitCode::Usage);
}

bool wants_json(int argc, const char* const* argv) {
    for (int i = 1; i < argc; ++i) {
        if (std::string_view(argv[i]) == "--json") {
            return true;
        }
    }
    return false;
}

}  // namespace

int run_cli(int argc, const char* const* argv, CliEnvironment& env) {
    GlobalOptions options;
    CLI::App app{
        "sysboot: update STM32F7 firmware through the ROM bootloader (AN3155, USART 8E1, or\n"
        "with --usb AN3156 USB DFU), from a running application to the new firmware in one\n"
        "command.",
        "sysboot"};
    app.set_version_flag("--version", "sysboot " SYSBOOT_VERSION);
    // 0..1 here, so that an unknown word is reported as one (not "a subcommand is required").
    app.require_subcommand(0, 1);
    app.footer(std::string("\n") + exit_code_help() +
               "\nPorts: a serial device (/dev/ttyUSB0, 8E1), tcp:HOST:PORT or unix:/PATH (the\n"
               "emulator). Numbers: 0x08000000, 134217728, 64K, 2M.\n"
               "USB: --usb uses the ROM's DFU device (0483:df11, on the board's USB OTG FS\n"
               "connector, PA11/PA12) with the same commands; `sysboot list` shows SPECs.\n"
               "`--usb --enter` sends the enter command to the console (--port) and waits up\n"
               "to --usb-wait seconds for the DFU device to appear.\n"
               "Data goes to stdout, diagnostics and progress to stderr.\n"
               "Nothing on the device changes before the whole plan is checked: the image\n"
               "against the identified part, the flash addresses against the ROM, and the Go\n"
               "address against the image's vector table.\n");
    add_global_options(app, options);

    CommandRun chosen;
    add_enter_command(app, chosen);
    add_info_command(app, chosen);
    add_flash_command(app, chosen);
    add_read_command(app, chosen);
    add_erase_command(app, chosen);
    add_verify_command(app, chosen);
    add_go_command(app, chosen);
    add_list_command(app, chosen);
    for (auto* sub : app.get_subcommands({})) {
        sub->fallthrough();
    }

    std::vector<std::string> names;
    for (const auto* sub : app.get_subcommands({})) {
        names.push_back(sub->get_name());
    }
    const auto words = rewrite_usb_argument(argc, argv, names);
    std::vector<const char*> args;
    for (const auto& w : words) {
        args.push_back(w.c_str());
    }
    try {
        app.parse(static_cast<int>(args.size()), args.data());
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e, env.out, env.err);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e, env.out, env.err);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e, env.out, env.err);
    } catch (const CLI::ParseError& e) {
        return usage_error(app, e, wants_json(argc, argv), env);
    }
    if (app.get_subcommands().empty()) {
        env.err << "sysboot: error: give a command (" << kCommands
                << ")\n(run 'sysboot --help' for the options)\n";
        return static_cast<int>(ExitCode::Usage);
    }
    Context ctx(env, options, app.get_subcommands().front()->get_name());
    return chosen(ctx);
}

}  // namespace sysboot::host
