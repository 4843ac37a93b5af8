// sysboot: the host tool's entry point. Everything else lives behind run_cli() so that tests
// can run the same code against the in-process fake ROM.
#include <unistd.h>

#include <iostream>

#include "cli/cli.hpp"

int main(int argc, char** argv) {
    sysboot::host::SystemClock clock;
    sysboot::host::CliEnvironment env{
        std::cout, std::cerr, clock, ::isatty(STDERR_FILENO) == 1,
        [&clock](const std::string& spec, const sysboot::host::SerialSettings& settings) {
            return sysboot::host::open_transport(spec, settings, clock);
        }};
    return sysboot::host::run_cli(argc, argv, env);
}
