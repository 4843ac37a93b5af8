// The `sysboot` command line: subcommands, global options, exit codes. `run_cli` is the
// whole program behind an injectable environment (streams, clock, port opener) so tests
// drive it end to end against the in-process fake ROM.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "cli/serial_ports.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "transport/transport.hpp"

namespace sysboot::host {

struct CliEnvironment {
    std::ostream& out;  // data and results
    std::ostream& err;  // diagnostics, progress, wire log
    Clock& clock;
    bool err_is_tty = false;
    std::function<Result<std::unique_ptr<Transport>>(const std::string& spec,
                                                     const SerialSettings& settings)>
        open_port;
    // Set by SIGINT/SIGTERM (main.cpp): long operations stop after the current block.
    const std::atomic<bool>* stop = nullptr;
    // The serial ports there are, for `list` and for --enter without --port; empty: the
    // ones libserialport enumerates (serial_ports()). Tests give their own.
    std::function<std::vector<SerialPortInfo>()> list_ports;
};

// Returns the process exit code (see exit_code_help()).
[[nodiscard]] int run_cli(int argc, const char* const* argv, CliEnvironment& env);

// The exit-code table printed in --help and kept identical in host/README.md.
[[nodiscard]] const char* exit_code_help();

}  // namespace sysboot::host
