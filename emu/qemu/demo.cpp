// The emulated demo: the example application runs on qemu-an500, is told to enter the ROM
// bootloader from its console, and the stand-in ROM reports the CPU state it was handed and
// answers the bootloader sync. Every byte on the UART is shown as it would appear on a
// terminal.
#include <cstdio>
#include <string>

#include "qemu_runner.hpp"

using namespace sysboot::emu;

namespace {

void show(const std::string& s) {
    for (const unsigned char c : s) {
        if (c == '\r') {
            continue;
        }
        if (c == '\n' || (c >= 0x20 && c < 0x7F)) {
            std::putchar(c);
        } else {
            std::printf("<%02X>", c);
        }
    }
    std::fflush(stdout);
}

bool step(Qemu& q, const char* what, const char* input, const char* until) {
    std::printf("\n--- %s ---\n", what);
    const std::size_t before = q.output().size();
    if (input != nullptr) {
        q.write(input);
    }
    const bool ok = q.wait_for(until, 10s);
    q.drain(100ms, 1s);
    show(q.output().substr(before));
    if (!ok) {
        std::printf("\n[demo] expected \"%s\" and did not see it\n", until);
    }
    return ok;
}

}  // namespace

int main() {
    std::printf("sysboot demo: example app on emulated Cortex-M7 (QEMU mps2-an500)\n");
    Qemu q(an500("app-qemu-an500"));
    if (!q.connect()) {
        std::printf("[demo] QEMU did not start: %s\n%s\n", q.command_line().c_str(), q.log().c_str());
        return 1;
    }
    bool ok = step(q, "boot", nullptr, "> ");
    ok = ok && step(q, "info", "info\r", "last hand-off");
    ok = ok && step(q, "bootloader: hand off to the ROM", "bootloader\r", "ROM-ENTRY");
    ok = ok && q.wait_for("\r\n", 2s);
    std::printf("\n--- host sends the AN3155 sync byte 0x7F ---\n");
    const std::size_t before = q.output().size();
    q.write(std::string(1, '\x7F'));
    const bool acked = q.wait_for("\x79", 2s);
    show(q.output().substr(before));
    std::printf("\n[demo] ROM %s the sync (0x79 = ACK)\n", acked ? "acknowledged" : "did NOT acknowledge");
    const bool clean = q.output().find("ROM-ENTRY fail=0x00000000") != std::string::npos;
    std::printf("[demo] ROM found the CPU in reset state: %s\n", clean ? "yes" : "NO");
    return ok && acked && clean ? 0 : 1;
}
