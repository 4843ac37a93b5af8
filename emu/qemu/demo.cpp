// The emulated demo: firmware update of a running application in one host command.
//  1. The example application v1 boots on qemu-an500 (an emulated Cortex-M7); its console
//     is shown as a terminal would show it.
//  2. `sysboot flash --enter app-v2.elf` runs against the board's UART: the application
//     enters the ROM bootloader through sysboot, the stand-in ROM reports the CPU state it
//     was handed, the tool erases, writes, verifies and starts v2 over AN3155.
//  3. v2 boots (through sysboot's clean reset after the ROM's Go) and says so.
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "qemu_runner.hpp"

#ifndef SYSBOOT_TOOL
#error "SYSBOOT_TOOL must name the sysboot host tool"
#endif

using namespace sysboot::emu;

namespace {

// The console's own lines in the UART stream; AN3155 traffic (binary, and printable bytes
// like ACK 0x79 'y' that happen to fall in it) is left out.
void show_lines(const std::string& s, const char* prefix) {
    static const char* const kConsole[] = {
        "sysboot-app", "last hand-off", "> ",         "bootloader",
        "ROM-ENTRY",   "device:",       "preflight:", "context:"};
    std::size_t start = 0;
    while (start < s.size()) {
        std::size_t end = s.find('\n', start);
        if (end == std::string::npos) {
            end = s.size();
        }
        const std::string line = s.substr(start, end - start);
        start = end + 1;
        std::size_t from = std::string::npos;
        for (const char* k : kConsole) {
            from = std::min(from, line.find(k));
        }
        if (from == std::string::npos) {
            continue;
        }
        std::string text;
        for (std::size_t i = from; i < line.size(); ++i) {
            const unsigned char c = static_cast<unsigned char>(line[i]);
            if (c >= 0x20 && c < 0x7F) {
                text += static_cast<char>(c);
            }
        }
        std::printf("%s%s\n", prefix, text.c_str());
    }
    std::fflush(stdout);
}

}  // namespace

int main() {
    std::printf(
        "== sysboot demo: update a running STM32F7-style application through the ROM "
        "bootloader (emulated, QEMU mps2-an500) ==\n\n");
    Qemu q(an500("app-qemu-an500"));
    if (!q.connect()) {
        std::printf("QEMU did not start: %s\n%s\n", q.command_line().c_str(), q.log().c_str());
        return 1;
    }
    bool ok = q.wait_for("> ", 10s);
    q.write("info\r");
    ok = ok && q.wait_for("last hand-off", 10s) && q.wait_for("> ", 5s);
    std::printf("-- the board's console (application v1) --\n");
    show_lines(q.output(), "   | ");
    if (!ok) {
        std::printf("application v1 did not come up\n");
        return 1;
    }

    q.relay_start();
    const std::size_t mark = q.output().size();
    const std::string cmd = std::string(SYSBOOT_TOOL) + " --port unix:" + q.relay_socket() +
                            " --flash-base 0x60000000 flash --enter " +
                            image_path("app-v2-qemu-an500", ".elf");
    std::printf(
        "\n-- on the host --\n$ sysboot --port unix:<board uart> --flash-base 0x60000000 "
        "flash --enter app-v2-qemu-an500.elf\n");
    std::fflush(stdout);
    const int st = std::system(cmd.c_str());
    const int rc = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    const auto end = std::chrono::steady_clock::now() + 10s;
    while (q.output().find("sysboot-app v2", mark) == std::string::npos &&
           std::chrono::steady_clock::now() < end) {
        std::this_thread::sleep_for(20ms);
    }
    std::this_thread::sleep_for(200ms);
    q.relay_stop();

    std::printf("\n-- the board's UART meanwhile --\n");
    const std::string& out = q.output();
    const std::size_t rom = out.find("ROM-ENTRY", mark);
    const std::size_t rom_end = rom == std::string::npos ? out.size() : out.find('\n', rom);
    const std::size_t v2_at = out.find("sysboot-app v2", mark);
    show_lines(out.substr(mark, rom_end == std::string::npos ? std::string::npos : rom_end - mark),
               "   | ");
    if (rom_end != std::string::npos && v2_at != std::string::npos && v2_at > rom_end) {
        std::printf("   | ... %zu bytes of AN3155 traffic from the ROM (ACKs, read-back) ...\n",
                    v2_at - rom_end);
        show_lines(out.substr(v2_at), "   | ");
    }
    const bool clean = q.output().find("ROM-ENTRY fail=0x00000000") != std::string::npos;
    const bool v2 = q.output().find("sysboot-app v2", mark) != std::string::npos;
    std::printf("\nsysboot exit code: %d\n", rc);
    std::printf("ROM found the CPU in its reset state (fail=0x00000000): %s\n",
                clean ? "yes" : "NO");
    std::printf("application v2 running: %s\n", v2 ? "yes" : "NO");
    return rc == 0 && clean && v2 ? 0 : 1;
}
