// sysboot-board: the emulated board, by hand. Starts an emulated board (qemu-an500,
// Cortex-M7, unless --board names another rig) with the boot stub, the stand-in ROM and an
// application image, relays its UART, and prints where the console / ROM port is, so that
// every command in the docs can be tried without hardware:
//
//   build/host/emu/qemu/sysboot-board [--board B] [--app NAME|FILE.bin] [--rom NAME]
//                                     [--minutes N] [--usb [--enter]] [-- COMMAND...]
//
// The port it prints serves the application's console until the application enters the
// ROM, then the ROM's AN3155 (the same UART, as on a board whose console is the ROM's
// USART). It runs until Ctrl-C, or until --minutes have passed.
//
// --usb also connects the board's USB cable (qemu-an500's UART1, docs/dfu.md): once the application
// has entered the ROM, the ROM's DFU device is listed for libusb programs started with the umockdev
// environment the board prints (board_usb.cpp). --enter enters the ROM first;
// `-- COMMAND...` runs COMMAND in that environment (SYSBOOT_BOARD_PORT names the console
// port), prints its output and ends the board with its exit status.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "qemu_runner.hpp"
#ifdef SYSBOOT_BOARD_USB
#include "board_usb_mode.hpp"
#endif

#ifndef SYSBOOT_TOOL
#error "SYSBOOT_TOOL must name the sysboot host tool"
#endif

using namespace sysboot::emu;

namespace {

volatile std::sig_atomic_t g_stop = 0;
extern "C" void on_signal(int) {
    g_stop = 1;
}

struct Args {
    std::string board = "qemu-an500";
    std::string app;  // default app-<board>
    std::string rom;  // default rom-<board>
    int minutes = 60;
    bool usb = false;
    bool enter = false;
    std::vector<std::string> command;  // after --
};

int usage(const char* why) {
    std::fprintf(stderr,
                 "sysboot-board: %s\n"
                 "usage: sysboot-board [--board B] [--app NAME|FILE.bin] [--rom NAME] "
                 "[--minutes N]\n"
                 "                     [--usb [--enter]] [-- COMMAND...]\n"
                 "  --board    emulated board: qemu-an500 (Cortex-M7, default), qemu-an385\n"
                 "             (M3), qemu-an386 (M4), qemu-an505 (M33), qemu-microbit (M0)\n"
                 "  --app      application image: a built image name (app-qemu-an500,\n"
                 "             app-v2-qemu-an500, app-auth-qemu-an500) or a .bin file linked\n"
                 "             for the board (default app-<board>)\n"
                 "  --rom      stand-in ROM image name (default rom-<board>)\n"
                 "  --minutes  stop the board after N minutes (default 60)\n"
                 "  --usb      connect the USB cable (qemu-an500 only): the ROM's DFU device,\n"
                 "             once the app has entered the ROM, for libusb programs in the\n"
                 "             printed environment\n"
                 "  --enter    with --usb: enter the ROM first (sysboot enter on the console)\n"
                 "  -- CMD...  with --usb: run CMD with the device's environment, then stop\n",
                 why);
    return 2;
}

bool parse(int argc, char** argv, Args& a) {
    for (int i = 1; i < argc; ++i) {
        const std::string k = argv[i];
        if (k == "--") {
            a.command.assign(argv + i + 1, argv + argc);
            return a.usb && !a.command.empty();
        }
        if (k == "--usb" || k == "--enter") {
            (k == "--usb" ? a.usb : a.enter) = true;
            continue;
        }
        if (i + 1 >= argc) {
            return false;
        }
        const std::string v = argv[++i];
        if (k == "--board") {
            a.board = v;
        } else if (k == "--app") {
            a.app = v;
        } else if (k == "--rom") {
            a.rom = v;
        } else if (k == "--minutes") {
            a.minutes = std::atoi(v.c_str());
            if (a.minutes <= 0) {
                return false;
            }
        } else {
            return false;
        }
    }
    return !a.enter || a.usb;
}

std::string bin_path(const std::string& app) {
    const bool file = app.find('/') != std::string::npos ||
                      (app.size() > 4 && app.compare(app.size() - 4, 4, ".bin") == 0);
    return file ? app : image_path(app, ".bin");
}

void wait_for_stop(Qemu& q) {
    while (g_stop == 0 && q.running()) {
        std::this_thread::sleep_for(200ms);
    }
}

}  // namespace

int main(int argc, char** argv) {
    Args a;
    if (!parse(argc, argv, a)) {
        return usage("bad arguments");
    }
    const Rig* r = nullptr;
    try {
        r = &rig_of(a.board);
    } catch (const std::invalid_argument& e) {
        return usage(e.what());
    }
    if (a.usb && a.board != "qemu-an500") {
        return usage("--usb: only qemu-an500 has the USB cable (docs/dfu.md)");
    }
    a.app = a.app.empty() ? "app-" + a.board : a.app;
    QemuConfig cfg = rig(a.board, a.app, a.rom);
    cfg.loads.front().path = bin_path(a.app);  // factory image slot (rig.hpp)
    if (FILE* f = std::fopen(cfg.loads.front().path.c_str(), "rb")) {
        std::fclose(f);
    } else {
        return usage(("no image " + cfg.loads.front().path).c_str());
    }
    cfg.hard_timeout = std::chrono::minutes(a.minutes);
    cfg.usb_cable = a.usb;
    Qemu q(cfg);
    if (!q.connect() || !q.wait_for("> ", 20s)) {
        std::fprintf(stderr, "sysboot-board: the board did not boot:\n%s\n%s\n", q.output().c_str(),
                     q.log().c_str());
        return 1;
    }
    q.relay_start();
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    std::string core = r->core;  // m7 -> M7
    core[0] = 'M';
    std::printf(
        "sysboot-board: %s (%s, Cortex-%s) runs %s; its flash is at 0x%08X\n"
        "port: unix:%s\n"
        "pty:  %s\n"
        "Try:\n"
        "  %s --port unix:%s --flash-base 0x%08X info --enter\n"
        "  stm32flash %s   (after the ROM is entered)\n"
        "Ctrl-C stops the board.\n",
        r->board, r->machine, core.c_str(), a.app.c_str(), static_cast<unsigned>(r->flash),
        q.relay_socket().c_str(), q.relay_pty().c_str(), SYSBOOT_TOOL, q.relay_socket().c_str(),
        static_cast<unsigned>(r->flash), q.relay_pty().c_str());
    std::fflush(stdout);
    int status = -1;
    if (a.usb) {
#ifdef SYSBOOT_BOARD_USB
        sysboot::emu::BoardUsbSession usb(q, {a.enter, a.command, a.minutes});
        status = usb.run();
        if (status < 0) {
            wait_for_stop(q);
        }
#else
        status = usage("this build has no USB rig (umockdev, libusb-1.0)");
#endif
    } else {
        wait_for_stop(q);
    }
    q.relay_stop();
    if (status >= 0) {
        return status;
    }
    std::printf("sysboot-board: stopped\n");
    return 0;
}
