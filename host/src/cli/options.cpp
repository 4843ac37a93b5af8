#include "cli/options.hpp"

#include "cli/parse.hpp"

namespace sysboot::host {

namespace {

void add_millis(CLI::App& app, const std::string& name, Millis& value, const std::string& help,
                int max_ms) {
    app.add_option_function<int>(
           name, [&value](int ms) { value = Millis{ms}; }, help)
        ->check(CLI::Range(1, max_ms))
        ->default_str(std::to_string(value.count()));
}

template <class T>
void add_optional_number(CLI::App& app, const std::string& name, std::optional<T>& value,
                         const std::string& help, const CLI::Validator& validator) {
    app.add_option_function<uint32_t>(
           name, [&value](uint32_t v) { value = static_cast<T>(v); }, help)
        ->transform(validator);
}

void add_enter_options(CLI::App& app, EnterOptions& enter) {
    app.add_option_function<std::string>(
           "--enter-command",
           [&enter](const std::string& text) {
               enter.command_text = text;
               enter.command = unescape(text);
           },
           "Console command that makes the application enter the ROM (\\r \\n \\xHH)")
        ->default_str(enter.command_text);
    app.add_option_function<int>(
           "--enter-delay-ms", [&enter](int ms) { enter.delay = Millis{ms}; },
           "Wait after the enter command before syncing")
        ->check(CLI::Range(0, 60000))
        ->default_str(std::to_string(enter.delay.count()));
    app.add_option("--enter-port", enter.port,
                   "Send the enter command here (e.g. the ST-LINK VCP) when the application "
                   "console is not the port the ROM listens on");
    app.add_option("--enter-baud", enter.baud, "Baud rate of the application console")
        ->check(CLI::Range(300u, 4000000u))
        ->capture_default_str();
    app.add_option_function<std::string>(
           "--enter-parity",
           [&enter](const std::string& p) {
               enter.parity = p == "even" ? Parity::Even : Parity::None;
           },
           "Parity of the application console")
        ->check(CLI::IsMember({"none", "even"}))
        ->default_str("none");
    app.add_option("--key", enter.key_file,
                   "Key file (hex, mode 0600) to answer the application's challenge when "
                   "entering the ROM (docs/security.md)");
}

// `--usb` takes an optional SPEC; usb_args.cpp rewrites the command line so that a bare
// `--usb` (or one followed by a command, an option or an image file) arrives as `--usb=`.
void add_usb_options(CLI::App& app, GlobalOptions& o) {
    app.add_option_function<std::string>(
           "--usb", [&o](const std::string& spec) { o.usb = spec; },
           "Talk to the ROM's USB DFU device (AN3156 DfuSe, USB OTG FS: PA11/PA12) instead "
           "of --port. SPEC: none = the one ROM DFU device attached (0483:df11; refused when "
           "several are), VVVV:PPPP (USB ids), a bus path as `sysboot list` shows it (1-2.3), "
           "or a serial number. Write --usb=SPEC when SPEC could be read as a file")
        ->expected(0, 1)
        ->type_name("[SPEC]");
    app.add_option_function<double>(
           "--usb-wait", [&o](double s) { o.usb_wait = Millis{static_cast<int64_t>(s * 1000.0)}; },
           "With --usb and --enter: seconds to wait, after the enter command went to the "
           "application's console (--port), for the ROM's DFU device to appear on USB")
        ->check(CLI::Range(0.0, 600.0))
        ->default_str("10");
}

}  // namespace

void add_global_options(CLI::App& app, GlobalOptions& o) {
    app.add_option("-p,--port", o.port,
                   "Serial device, tcp:HOST:PORT or unix:/PATH (with --usb: the application's "
                   "console for --enter); with --enter it may be left out when exactly one "
                   "serial port exists")
        ->envname("SYSBOOT_PORT");
    app.add_option("-b,--baud", o.baud,
                   "ROM baud rate, 8E1 (57600: safe with any adapter; the F7 ROM detects up to "
                   "115200)")
        ->transform(baud_arg())
        ->capture_default_str();
    add_millis(app, "--timeout-ms", o.timeout, "Read timeout for any answer", 600000);
    add_millis(app, "--write-timeout-ms", o.write_timeout, "Timeout for a Write Memory ACK",
               600000);
    add_millis(app, "--erase-timeout-ms", o.erase_timeout, "Erase budget per sector", 600000);
    add_millis(app, "--mass-erase-timeout-ms", o.mass_erase_timeout,
               "Erase budget for a mass erase", 3600000);
    app.add_option("--sync-attempts", o.sync_attempts, "0x7F attempts before giving up")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    app.add_option("--retries", o.retries, "Retries of a failed block write")
        ->check(CLI::Range(0, 100))
        ->capture_default_str();
    add_optional_number(app, "--flash-base", o.flash_base,
                        "Flash base instead of the part's (the emulated board: 0x60000000)",
                        number_arg());
    add_optional_number(app, "--flash-size", o.flash_size,
                        "Flash size when the device cannot tell (e.g. 512K); must match the part",
                        positive_number_arg());
    add_optional_number(app, "--pid", o.pid, "Use this part instead of Get ID (see `info`)",
                        pid_arg());
    add_enter_options(app, o.enter);
    add_usb_options(app, o);
    app.add_flag("--json", o.json, "Print the result as one JSON object on stdout");
    app.add_flag("-q,--quiet", o.quiet, "No progress and no summary (errors still printed)");
    app.add_flag("-v,--verbose", o.verbose, "Log every wire byte and step to stderr");
}

void add_enter_flag(CLI::App& sub, bool& enter) {
    sub.add_flag("--enter", enter, "First send the enter command to the application");
}

}  // namespace sysboot::host
