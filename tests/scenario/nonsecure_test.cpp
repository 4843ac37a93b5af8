// Step refuse_nonsecure on the emulated Cortex-M33 (QEMU mps2-an505): sysboot called from
// Non-secure state. The image nonsecure-qemu-an505 (emu/nonsecure) opens its Non-secure world
// and calls sysboot_check(), sysboot_enter() and sysboot_request_on_reset() from there, with
// the stand-in ROM in place; nonsecure-no-refuse_nonsecure-qemu-an505 is the same image with
// the step removed (SYSBOOT_MUTATE_STEP). The verdicts come from what the emulated CPU printed
// and the status it ended the run with.
#include <gtest/gtest.h>

#include <string>

#include "qemu_runner.hpp"
#include "sysboot/sysboot.h"

namespace {

using namespace sysboot::emu;

constexpr const char* kBoard = "qemu-an505";

// No boot stub: the image's Secure vector table is where VTOR_S points at reset (0x10000000),
// so the ELF is the kernel; the stand-in ROM sits where the rig puts it.
QemuConfig nonsecure_run(const std::string& image) {
    const Rig& r = rig_of(kBoard);
    QemuConfig c;
    c.machine = r.machine;
    c.kernel = image_path(image, ".elf");
    c.loads.push_back({image_path(std::string("rom-") + kBoard, ".bin"), r.standin_rom});
    c.hard_timeout = 30s;
    return c;
}

std::string line(const char* what, int status) {
    return std::string(what) + " " + std::to_string(status) + "\r\n";
}

TEST(NonsecureCaller, EveryEntryPointRefusesAndChangesNothing) {
    Qemu q(nonsecure_run("nonsecure-qemu-an505"));
    ASSERT_TRUE(q.connect()) << q.log();
    // TT from the caller's own code: S = 0, so it really runs Non-secure.
    ASSERT_TRUE(q.wait_for("NS-START secure 0\r\n")) << q.output() << q.log();
    EXPECT_TRUE(q.wait_for(line("NS-CHECK", SYSBOOT_ERR_NONSECURE), 5s)) << q.output();
    EXPECT_TRUE(q.wait_for(line("NS-ENTER", SYSBOOT_ERR_NONSECURE), 5s)) << q.output();
    EXPECT_TRUE(q.wait_for(line("NS-REQUEST", SYSBOOT_ERR_NONSECURE), 5s)) << q.output();
    // Interrupts still unmasked, the Non-secure vector table still the caller's.
    EXPECT_TRUE(q.wait_for("NS-STATE primask 0 vtor 0x00200000\r\n", 5s)) << q.output();
    EXPECT_TRUE(q.wait_for("NS-DONE\r\n", 5s)) << q.output();
    EXPECT_EQ(q.wait_exit(10s), 0) << q.output() << q.log();
    EXPECT_EQ(q.output().find("ROM-ENTRY"), std::string::npos) << "the ROM started";
    EXPECT_EQ(q.output().find("FAULT"), std::string::npos) << q.output();
}

// The same caller without the step: the library goes on and reads the Secure ROM's vectors
// from Non-secure state, which the Secure side reports as its HardFault with SFSR.AUVIOL
// (DDI0553B "SFSR") before the first status is printed.
TEST(NonsecureCaller, WithoutTheStepTheCallerTouchesSecureMemory) {
    Qemu q(nonsecure_run("nonsecure-no-refuse_nonsecure-qemu-an505"));
    ASSERT_TRUE(q.connect()) << q.log();
    ASSERT_TRUE(q.wait_for("NS-START secure 0\r\n")) << q.output() << q.log();
    const auto status = q.wait_exit(10s);
    ASSERT_TRUE(status.has_value()) << "the run did not end: " << q.output();
    EXPECT_NE(*status, 0) << q.output();
    EXPECT_EQ(q.output().find(line("NS-CHECK", SYSBOOT_ERR_NONSECURE)), std::string::npos)
        << q.output();
    EXPECT_EQ(q.output().find("NS-DONE"), std::string::npos) << q.output();
    EXPECT_NE(q.output().find("SECURE-FAULT exception=00000003 sfsr=00000008"), std::string::npos)
        << q.output();
    EXPECT_EQ(q.output().find("ROM-ENTRY"), std::string::npos) << q.output();
}

}  // namespace
