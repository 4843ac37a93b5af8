// The emulated demo: firmware update of a running application in one host command.
//  1. The example application v1 boots on qemu-an500 (an emulated Cortex-M7); its console
//     is shown as a terminal would show it.
//  2. `sysboot flash --enter app-v2.elf` runs against the board's UART: the application
//     enters the ROM bootloader through sysboot, the stand-in ROM reports the CPU state it
//     was handed, the tool erases, writes, verifies and starts v2 over AN3155.
//  3. v2 boots (through sysboot's clean reset after the ROM's Go) and says so.
// `sysboot-demo --auth KEYFILE` runs the authenticated variant: the application asks for the
// answer to a challenge before it enters the ROM, and the tool answers with `--key`
// (docs/security.md). The key is copied to a private file first: the tool refuses key files
// that others can read, and a checked-out test key is world-readable.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

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
        "sysboot-app", "last hand-off", "> ",       "bootloader", "ROM-ENTRY",
        "device:",     "preflight:",    "context:", "auth"};
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

// A private copy (mode 0600) of the key file, or "" when it cannot be made.
std::string private_key_copy(const std::string& from) {
    FILE* in = std::fopen(from.c_str(), "rb");
    char path[] = "/tmp/sysboot-demo-key-XXXXXX";
    const int fd = in != nullptr ? ::mkstemp(path) : -1;  // created with mode 0600
    if (fd < 0) {
        if (in != nullptr) {
            std::fclose(in);
        }
        return "";
    }
    char buf[256];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, in)) > 0) {
        if (::write(fd, buf, n) != static_cast<ssize_t>(n)) {
            break;
        }
    }
    std::fclose(in);
    ::close(fd);
    return path;
}

}  // namespace

int main(int argc, char** argv) {
    std::string key;
    if (argc == 3 && std::string(argv[1]) == "--auth") {
        key = private_key_copy(argv[2]);
        if (key.empty()) {
            std::printf("cannot read the key file %s\n", argv[2]);
            return 1;
        }
    } else if (argc != 1) {
        std::printf("usage: sysboot-demo [--auth KEYFILE]\n");
        return 1;
    }
    const bool auth = !key.empty();
    const std::string v1 = auth ? "app-auth-qemu-an500" : "app-qemu-an500";
    const std::string v2 = auth ? "app-auth-v2-qemu-an500" : "app-v2-qemu-an500";
    std::printf(
        "== sysboot demo: update a running STM32F7-style application through the ROM "
        "bootloader (emulated, QEMU mps2-an500)%s ==\n\n",
        auth ? ", authenticated entry" : "");
    Qemu q(an500(v1));
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
    const std::string key_option = auth ? " --key " + key : "";
    const std::string cmd = std::string(SYSBOOT_TOOL) + " --port unix:" + q.relay_socket() +
                            " --flash-base 0x60000000" + key_option + " flash --enter " +
                            image_path(v2, ".elf");
    std::printf(
        "\n-- on the host --\n$ sysboot --port unix:<board uart> --flash-base 0x60000000%s "
        "flash --enter %s.elf\n",
        auth ? " --key <private key file>" : "", v2.c_str());
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
    const bool v2_up = q.output().find("sysboot-app v2", mark) != std::string::npos;
    const bool accepted = !auth || q.output().find("auth: ok", mark) != std::string::npos;
    if (auth) {
        std::remove(key.c_str());
    }
    std::printf("\nsysboot exit code: %d\n", rc);
    if (auth) {
        std::printf("application accepted the response to its challenge: %s\n",
                    accepted ? "yes" : "NO");
    }
    std::printf("ROM found the CPU in its reset state (fail=0x00000000): %s\n",
                clean ? "yes" : "NO");
    std::printf("application v2 running: %s\n", v2_up ? "yes" : "NO");
    return rc == 0 && clean && v2_up && accepted ? 0 : 1;
}
