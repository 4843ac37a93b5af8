// The qemu-an500 board boots its image (through the boot stub that plays the F7 boot
// hardware), prints its banner over the UART and ends the run with the status it chose.
#include <gtest/gtest.h>

#include "qemu_runner.hpp"

namespace sysboot::emu {
namespace {

TEST(EmuBoot, HelloPrintsBannerAndExitsZero) {
    Qemu q(an500("hello-qemu-an500"));
    ASSERT_TRUE(q.connect()) << q.command_line() << q.log();
    ASSERT_TRUE(q.wait_for("sysboot hello on qemu-an500 build ")) << q.output() << q.log();
    ASSERT_TRUE(q.wait_for("runtime: ok")) << q.output();
    EXPECT_EQ(q.wait_exit(10s), 0) << q.output() << q.log();
}

TEST(EmuBoot, AppConsoleAnswersAndExitsWithRequestedStatus) {
    Qemu q(an500("app-qemu-an500"));
    ASSERT_TRUE(q.connect());
    ASSERT_TRUE(q.wait_for("sysboot-app v1 board=qemu-an500")) << q.output() << q.log();
    ASSERT_TRUE(q.wait_for("> "));
    q.write("help\r");
    ASSERT_TRUE(q.wait_for("bootloader  enter the ROM bootloader")) << q.output();
    q.write("frobnicate\r");
    ASSERT_TRUE(q.wait_for("unknown command: frobnicate")) << q.output();
    q.write("exit 42\r");
    EXPECT_EQ(q.wait_exit(10s), 42) << q.output();
}

TEST(EmuBoot, BlankFlashStopsTheBootStubWithItsStatus) {
    // No factory image: the stub finds no bootable vector table and says so (0xBB).
    QemuConfig c = an500("hello-qemu-an500");
    c.loads.erase(c.loads.begin());
    Qemu q(c);
    ASSERT_TRUE(q.connect());
    EXPECT_EQ(q.wait_exit(10s), 0xBB) << q.log();
}

}  // namespace
}  // namespace sysboot::emu

namespace sysboot::emu {
namespace {

// The example app's `bootloader` and `bootloader reset` both reach the stand-in ROM in its
// reset state, and the ROM answers the AN3155 sync from its interrupt.
class AppBootloader : public ::testing::TestWithParam<const char*> {};

TEST_P(AppBootloader, ReachesRomInResetState) {
    Qemu q(an500("app-qemu-an500"));
    ASSERT_TRUE(q.connect());
    ASSERT_TRUE(q.wait_for("> "));
    q.write(std::string(GetParam()) + "\r");
    ASSERT_TRUE(q.wait_for("ROM-ENTRY fail=0x00000000 ")) << q.output();
    ASSERT_TRUE(q.wait_for("\r\n"));
    q.write(std::string(1, '\x7F'));
    EXPECT_TRUE(q.wait_for(std::string(1, '\x79'), 2s)) << q.output();
}

INSTANTIATE_TEST_SUITE_P(Commands, AppBootloader,
                         ::testing::Values("bootloader", "bootloader reset"));

}  // namespace
}  // namespace sysboot::emu
