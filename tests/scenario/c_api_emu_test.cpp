// The C API run by a C99 program on the emulated Cortex-M7 (tests/c_api/c_on_emulator.c,
// image c-consumer-qemu-an500): what the program printed, the exit status it ended with,
// and what the stand-in ROM found when the program's sysboot_enter() reached it.
#include <gtest/gtest.h>

#include <string>

#include "qemu_runner.hpp"
#include "scenario_runner.hpp"
#include "sysboot/sysboot.h"

namespace sysboot::scenario {
namespace {

using namespace sysboot::emu;

constexpr int kExitBase = 100;  // c_on_emulator.c: exit status = 100 + refusal status
constexpr const char* kImage = "c-consumer-qemu-an500";

void expect_refusals_before_enter(Qemu& q) {
    ASSERT_TRUE(q.wait_for("C-API START")) << q.output() << q.log();
    EXPECT_TRUE(q.wait_for("C-API enter(NULL)=bad_argument\r\n", 2s)) << q.output();
    EXPECT_TRUE(q.wait_for("C-API enter(bad device)=bad_argument\r\n", 2s)) << q.output();
}

TEST(CApiOnEmulator, RefusesBadDevicesThenHandsOffToTheRom) {
    Qemu q(an500(kImage));
    ASSERT_TRUE(q.connect()) << q.log();
    expect_refusals_before_enter(q);
    EXPECT_TRUE(q.wait_for("C-API check=ok\r\n", 2s)) << q.output();
    EXPECT_TRUE(q.wait_for("C-API path=0x00000000\r\n", 2s)) << "direct path: " << q.output();
    // The ROM ran and found the CPU in its reset state (emu/rom: fail mask 0)...
    ASSERT_TRUE(q.wait_for("ROM-ENTRY fail=0x00000000 ", 5s)) << q.output() << q.log();
    ASSERT_TRUE(q.wait_for("\r\n", 2s));
    // ...and answers the AN3155 sync from its own UART interrupt.
    q.write(std::string(1, '\x7F'));
    EXPECT_TRUE(q.wait_for(std::string(1, '\x79'), 2s)) << q.output();
    EXPECT_EQ(q.output().find("C-API enter="), std::string::npos) << "enter() returned";
}

TEST(CApiOnEmulator, ErasedRomIsRefusedWithAStatusAndTheProgramGoesOn) {
    Qemu q(an500(kImage, rom_variant("erased")));
    ASSERT_TRUE(q.connect()) << q.log();
    expect_refusals_before_enter(q);
    EXPECT_TRUE(q.wait_for("C-API check=bad_stack_pointer\r\n", 2s)) << q.output();
    EXPECT_TRUE(q.wait_for("C-API rom-sp=0xFFFFFFFF\r\n", 2s)) << q.output();
    EXPECT_TRUE(q.wait_for("C-API enter=bad_stack_pointer\r\n", 2s)) << q.output();
    EXPECT_TRUE(q.wait_for("C-API last=bad_stack_pointer\r\n", 2s)) << q.output();
    EXPECT_EQ(q.wait_exit(10s), kExitBase + SYSBOOT_ERR_BAD_STACK_POINTER) << q.output();
    EXPECT_EQ(q.output().find("ROM-ENTRY"), std::string::npos) << "jumped into an erased ROM";
}

}  // namespace
}  // namespace sysboot::scenario
