// The `sysboot` command line: subcommands, global options, exit codes. `run_cli` is the
// whole program behind an injectable environment (streams, clock, port opener) so tests
// drive it end to end against the in-process fake ROM.
#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <string>

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
};

// Returns the process exit code (see exit_code_help()).
[[nodiscard]] int run_cli(int argc, const char* const* argv, CliEnvironment& env);

// The exit-code table printed in --help and kept identical in host/README.md.
[[nodiscard]] const char* exit_code_help();

// "0x08000000", "134217728", "64K", "2M" -> value; nullopt when malformed or > 32 bits.
[[nodiscard]] std::optional<uint32_t> parse_number(const std::string& text);
// "0,1,4-6" -> {0,1,4,5,6}.
[[nodiscard]] std::optional<std::vector<uint16_t>> parse_sector_list(const std::string& text);
// Interprets \r \n \t \\ \xHH in --enter-command.
[[nodiscard]] std::string unescape(const std::string& text);

}  // namespace sysboot::host
