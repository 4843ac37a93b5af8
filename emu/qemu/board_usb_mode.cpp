#include "board_usb_mode.hpp"

#include <cstdio>
#include <cstdlib>

#include "usb_relay.hpp"

#ifndef SYSBOOT_TOOL
#error "SYSBOOT_TOOL must name the sysboot host tool"
#endif

namespace sysboot::emu {

struct BoardUsbSession::Impl {
    Qemu& q;
    UsbMode mode;
    dfuse::rig::BoardUsb usb;
    Impl(Qemu& qemu, const UsbMode& m) : q(qemu), mode(m), usb(qemu.usb_cable_fd()) {}
};

BoardUsbSession::BoardUsbSession(Qemu& q, const UsbMode& mode)
    : impl_(std::make_unique<Impl>(q, mode)) {
    std::string env;
    for (const auto& e : impl_->usb.rig().client_environment()) {
        env += (env.empty() ? "" : " ") + e;
    }
    std::printf(
        "usb:  the ROM's DFU device (0483:df11, flash at 0x08000000) appears once the app has\n"
        "      entered the ROM, for libusb programs run with\n"
        "      %s\n"
        "      e.g. env %s dfu-util -l\n",
        env.c_str(), env.c_str());
    std::fflush(stdout);
}

BoardUsbSession::~BoardUsbSession() = default;

int BoardUsbSession::run() {
    Impl& s = *impl_;
    const std::string port = "unix:" + s.q.relay_socket();
    if (s.mode.enter) {
        const std::string cmd = "timeout 60 " + std::string(SYSBOOT_TOOL) + " --port " + port +
                                " enter >/dev/null 2>&1";
        if (std::system(cmd.c_str()) != 0 || !s.usb.wait_listed(std::chrono::seconds(20))) {
            std::fprintf(stderr, "sysboot-board: the ROM's DFU device did not appear %s\n",
                         s.usb.last_error().c_str());
            return 1;
        }
        std::printf("usb:  the ROM's DFU device is on the bus\n");
        std::fflush(stdout);
    }
    if (s.mode.command.empty()) {
        return -1;
    }
    setenv("SYSBOOT_BOARD_PORT", port.c_str(), 1);
    const auto result =
        s.usb.rig().run_client(s.mode.command, std::chrono::minutes(s.mode.minutes));
    std::fputs(result.output.c_str(), stdout);
    std::fflush(stdout);
    return result.exit_code < 0 ? 125 : result.exit_code;
}

}  // namespace sysboot::emu
