// USB DFU end to end on the emulator (ctest labels e2e;dfu): the example app v1 runs on
// qemu-an500; `sysboot enter` over the console UART hands off to the stand-in ROM, whose DFU
// device attaches on the board's USB cable (UART1); the rig's relay (tests/dfu/rig
// usb_relay.hpp) enumerates it and lists it for the REAL libusb of dfu-util (umockdev).
// dfu-util downloads v2 with `:leave`, the ROM jumps to it, v2's banner comes out of the
// console UART. Entering the ROM again from v2, an upload over DFU reads v2 back.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "qemu_runner.hpp"
#include "tool_runner.hpp"
#include "usb_relay.hpp"

#ifndef DFU_UTIL
#error "DFU_UTIL must name dfu-util"
#endif

namespace sysboot::emu {
namespace {

using dfuse::rig::BoardUsb;

std::string slurp(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

// Everything the console said, with the relay stopped so the runner's buffer is quiet.
std::string console(Qemu& q) {
    return q.output();
}

// v1 running with the USB cable connected; the rig watches the cable from the start.
struct Board {
    std::unique_ptr<Qemu> q;
    std::unique_ptr<BoardUsb> usb;

    explicit Board(QemuConfig cfg = an500("app-qemu-an500")) {
        cfg.usb_cable = true;
        cfg.hard_timeout = 240s;
        q = std::make_unique<Qemu>(cfg);
        EXPECT_TRUE(q->connect()) << q->log();
        EXPECT_TRUE(q->wait_for("sysboot-app v1")) << q->output();
        EXPECT_TRUE(q->wait_for("> "));
        usb = std::make_unique<BoardUsb>(q->usb_cable_fd());
    }
    // The host tool asks the running application to enter the ROM, over the console UART.
    Tool enter() {
        q->relay_start();
        const Tool t = run_tool("--port unix:" + q->relay_socket() + " enter");
        q->relay_stop();
        return t;
    }
    dfuse::rig::ClientResult dfu_util(const std::string& args) {
        std::vector<std::string> argv{DFU_UTIL};
        std::string word;
        for (char c : args + " ") {
            if (c == ' ') {
                if (!word.empty()) {
                    argv.push_back(word);
                }
                word.clear();
            } else {
                word += c;
            }
        }
        return usb->rig().run_client(argv, std::chrono::seconds(120));
    }
};

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++n;
    }
    return n;
}

TEST(UsbE2E, DfuUtilFlashesV2ThroughTheRomsUsbDeviceAndTheEmulatedCpuStartsIt) {
    Board b;
    const std::string v2 = image_path("app-v2-qemu-an500", ".bin");
    // While the application runs, the board has no USB device.
    const auto before = b.dfu_util("-l");
    EXPECT_EQ(before.output.find("0483:df11"), std::string::npos) << before.output;

    const Tool entered = b.enter();
    ASSERT_EQ(entered.exit_code, 0) << entered.out;
    ASSERT_TRUE(b.q->wait_for("ROM-ENTRY fail=0x00000000", 5s)) << console(*b.q);
    ASSERT_TRUE(b.usb->wait_listed(20s)) << b.usb->last_error();

    const auto list = b.dfu_util("-l");
    EXPECT_EQ(list.exit_code, 0) << list.output;
    EXPECT_NE(list.output.find("[0483:df11]"), std::string::npos) << list.output;
    EXPECT_NE(list.output.find("name=\"@Internal Flash  /0x08000000/04*032Kg,01*128Kg,07*256Kg\""),
              std::string::npos)
        << list.output;

    const auto down = b.dfu_util("-a 0 -s 0x08000000:leave -D " + v2);
    EXPECT_EQ(down.exit_code, 0) << down.output;
    // The ROM jumped to v2 (Leave), v2 saw it was not reset, reset itself and came up clean.
    EXPECT_TRUE(b.q->wait_for("sysboot-app v2 board=qemu-an500", 20s)) << console(*b.q);
    EXPECT_TRUE(b.q->wait_for("> ", 5s));
    EXPECT_TRUE(b.usb->wait_unlisted(5s)) << "the ROM's device must leave the bus";
    const auto gone = b.dfu_util("-l");
    EXPECT_EQ(gone.output.find("0483:df11"), std::string::npos) << gone.output;

    // Back into the ROM from v2: the device attaches again and the flash reads back as v2.
    const Tool again = b.enter();
    ASSERT_EQ(again.exit_code, 0) << again.out;
    ASSERT_TRUE(b.usb->wait_listed(20s, 2)) << b.usb->last_error();
    EXPECT_EQ(count(console(*b.q), "ROM-ENTRY fail=0x00000000"), 2u) << console(*b.q);
    const std::string image = slurp(v2);
    const auto back_path = std::filesystem::path(::testing::TempDir()) / "usb-e2e-back.bin";
    std::filesystem::remove(back_path);
    const auto up = b.dfu_util("-a 0 -s 0x08000000:" + std::to_string(image.size()) + " -U " +
                               back_path.string());
    EXPECT_EQ(up.exit_code, 0) << up.output;
    EXPECT_EQ(slurp(back_path.string()), image) << "the flash must hold v2";
    EXPECT_EQ(b.usb->relay().traffic().timeouts, 0u);
}

// Configuration flag bit 2: the DFU device shows the flash at the board's 0x60000000, and an
// upload from there is the application that runs (v1, as the boot stub installed it).
TEST(UsbE2E, RomFlagShowsTheFlashAtTheBoardAddress) {
    QemuConfig cfg = an500("app-qemu-an500");
    cfg.extra_args = {"-device", "loader,addr=0x00310000,data=0x000000005B0C0004,data-len=8"};
    Board b(cfg);
    ASSERT_EQ(b.enter().exit_code, 0);
    ASSERT_TRUE(b.usb->wait_listed(20s)) << b.usb->last_error();
    const auto list = b.dfu_util("-l");
    EXPECT_NE(list.output.find("name=\"@Internal Flash  /0x60000000/04*032Kg"), std::string::npos)
        << list.output;
    const std::string v1 = slurp(image_path("app-qemu-an500", ".bin"));
    const auto back_path = std::filesystem::path(::testing::TempDir()) / "usb-e2e-v1.bin";
    std::filesystem::remove(back_path);
    const auto up =
        b.dfu_util("-a 0 -s 0x60000000:" + std::to_string(v1.size()) + " -U " + back_path.string());
    EXPECT_EQ(up.exit_code, 0) << up.output;
    EXPECT_EQ(slurp(back_path.string()), v1);
}

// The same update with sysboot's own DfuSe path: `sysboot flash --enter --usb --port P
// app-v2.elf` enters the ROM over the console, waits for the DFU device, writes v2, verifies
// it and leaves. The ROM shows its flash at the board's address here (configuration flag
// bit 2, emu/rom/dfu_device.cpp), where the ELF is linked; --flash-base names that flash to
// the tool's planner, which checks the image before it enters the ROM (as over AN3155).
TEST(UsbE2E, SysbootFlashEnterUsbWritesV2AndTheEmulatedCpuStartsIt) {
    QemuConfig cfg = an500("app-qemu-an500");
    cfg.extra_args = {"-device", "loader,addr=0x00310000,data=0x000000005B0C0004,data-len=8"};
    Board b(cfg);
    b.q->relay_start();
    const auto flash = b.usb->rig().run_client(
        {SYSBOOT_TOOL, "flash", "--enter", "--usb", "--flash-base", "0x60000000", "--port",
         "unix:" + b.q->relay_socket(), image_path("app-v2-qemu-an500", ".elf")},
        std::chrono::seconds(120));
    b.q->relay_stop();
    EXPECT_EQ(flash.exit_code, 0) << flash.output;
    EXPECT_NE(flash.output.find("verified"), std::string::npos) << flash.output;
    EXPECT_TRUE(b.q->wait_for("sysboot-app v2 board=qemu-an500", 20s)) << console(*b.q);
    EXPECT_EQ(count(console(*b.q), "ROM-ENTRY fail=0x00000000"), 1u) << console(*b.q);
    EXPECT_EQ(count(console(*b.q), "ROM-ENTRY"), 1u) << console(*b.q);
    EXPECT_TRUE(b.usb->wait_unlisted(5s)) << "the ROM's device must leave the bus";
}

}  // namespace
}  // namespace sysboot::emu
