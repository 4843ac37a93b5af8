// sysboot: the host tool's entry point. Everything else lives behind run_cli() so that tests
// can run the same code against the in-process fake ROM.
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <iostream>

#include "cli/cli.hpp"

namespace {

std::atomic<bool> g_stop{false};

// First Ctrl-C/SIGTERM: finish the block in flight and stop cleanly (exit 8, with the
// resume hint). A second one ends the process at once, the way a shell user expects.
extern "C" void on_stop_signal(int signo) {
    if (g_stop.exchange(true)) {
        std::signal(signo, SIG_DFL);
        std::raise(signo);
    }
}

}  // namespace

int main(int argc, char** argv) {
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);

    sysboot::host::SystemClock clock;
    sysboot::host::CliEnvironment env{
        std::cout,
        std::cerr,
        clock,
        ::isatty(STDERR_FILENO) == 1,
        [&clock](const std::string& spec, const sysboot::host::SerialSettings& settings) {
            return sysboot::host::open_transport(spec, settings, clock);
        },
        &g_stop,
        sysboot::host::serial_ports};
    return sysboot::host::run_cli(argc, argv, env);
}
