// End to end on the emulator (ctest label e2e): the example app v1 runs on qemu-an500, the
// `sysboot` host tool asks it to enter the ROM, flashes v2 through the stand-in ROM's AN3155
// engine, verifies, starts it, and v2 boots cleanly. Then the cross-checks with stm32flash
// (Debian package) on the same ROM through a pty.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <random>
#include <span>

#include "app_session.hpp"
#include "qemu_runner.hpp"
#include "sysboot/an3155/protocol.hpp"
#include "tool_runner.hpp"

#ifndef SYSBOOT_TOOL
#error "SYSBOOT_TOOL must name the sysboot host tool"
#endif

namespace sysboot::emu {
namespace {

constexpr const char* kFlashBase = "0x60000000";

std::string fmt(const char* format, uint32_t value) {
    char buf[64];
    std::snprintf(buf, sizeof buf, format, value);
    return buf;
}

std::string port(const Qemu& q) {
    return "--port unix:" + q.relay_socket() + " --flash-base " + kFlashBase;
}

std::string read_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

std::string random_file(const std::string& name, std::size_t size, unsigned seed) {
    std::mt19937 rng(seed);
    std::string bytes(size, '\0');
    for (auto& c : bytes) {
        c = static_cast<char>(rng() & 0xFF);
    }
    const std::string path = ::testing::TempDir() + name;
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
    return path;
}

// v1 running, relay attached, ready for the tool.
std::unique_ptr<Qemu> start_v1(QemuConfig cfg = an500("app-qemu-an500")) {
    return start_app(std::move(cfg));
}

TEST(E2E, FlashFromRunningAppToNewAppInOneCommand) {
    auto q = start_v1();
    const Tool t = run_tool(port(*q) + " flash --enter " + image_path("app-v2-qemu-an500", ".elf"));
    EXPECT_EQ(t.exit_code, 0) << t.out;
    EXPECT_NE(t.out.find("verified"), std::string::npos) << t.out;
    // v2 is started by Go, notices it was not reset, resets once and comes up clean.
    output_shows(*q, "sysboot-app v2", 10s);
    q->relay_stop();
    EXPECT_TRUE(q->wait_for("sysboot-app v2 board=qemu-an500", 0ms)) << q->output();
    EXPECT_TRUE(q->wait_for("last hand-off: returned-from-rom status=ok", 2s)) << q->output();
    EXPECT_EQ(q->output().find("ROM-ENTRY fail=0x00000000"), q->output().rfind("ROM-ENTRY"))
        << "exactly one clean ROM entry";
}

TEST(E2E, VerifyOfADifferentImageFailsWithExitCode6) {
    auto q = start_v1();
    ASSERT_EQ(run_tool(port(*q) + " enter").exit_code, 0);
    const Tool v = run_tool(port(*q) + " verify " + image_path("app-v2-qemu-an500", ".elf"));
    EXPECT_EQ(v.exit_code, 6) << v.out;  // flash holds v1, not v2
    const Tool ok = run_tool(port(*q) + " verify " + image_path("app-qemu-an500", ".elf"));
    EXPECT_EQ(ok.exit_code, 0) << ok.out;
}

// An image that fits no part is refused before anything is sent: the application is not
// even asked to enter the ROM, and keeps running.
TEST(E2E, ImageOutsideFlashIsRefusedBeforeTheAppIsTouched) {
    auto q = start_v1();
    const std::string image = random_file("outside.bin", 4096, 3);
    const Tool t = run_tool(port(*q) + " flash --enter --address 0x08000000 " + image);
    EXPECT_EQ(t.exit_code, 2) << t.out;
    EXPECT_NE(t.out.find("nothing was sent"), std::string::npos) << t.out;
    q->relay_stop();
    EXPECT_EQ(q->output().find("bootloader"), std::string::npos) << q->output();
    q->write("help\r");
    EXPECT_TRUE(q->wait_for("commands:", 5s)) << "the application must still be running";
}

TEST(E2E, InfoNamesThePart) {
    auto q = start_v1();
    const Tool t = run_tool(port(*q) + " --enter-command 'bootloader\\r\\n' enter");
    ASSERT_EQ(t.exit_code, 0) << t.out;
    const Tool i = run_tool(port(*q) + " info");
    EXPECT_EQ(i.exit_code, 0) << i.out;
    EXPECT_NE(i.out.find("0x451"), std::string::npos) << i.out;
}

TEST(E2E, ReadoutProtectedRomIsRefusedWithExitCode7) {
    QemuConfig cfg = an500("app-qemu-an500");
    // Stand-in ROM options (emu/rom/an3155_protocol.cpp): magic | RDP1 flag, PID.
    cfg.extra_args = {"-device", "loader,addr=0x00310000,data=0x000004515B0C0002,data-len=8"};
    auto q = start_v1(cfg);
    const Tool t = run_tool(port(*q) + " flash --enter " + image_path("app-v2-qemu-an500", ".elf"));
    EXPECT_EQ(t.exit_code, 7) << t.out;
}

TEST(E2E, CrcVerifyWhenTheRomHasGetChecksum) {
    QemuConfig cfg = an500("app-qemu-an500");
    cfg.extra_args = {"-device", "loader,addr=0x00310000,data=0x000004515B0C0001,data-len=8"};
    auto q = start_v1(cfg);
    const Tool t =
        run_tool(port(*q) + " flash --enter --no-go " + image_path("app-v2-qemu-an500", ".elf"));
    EXPECT_EQ(t.exit_code, 0) << t.out;
    EXPECT_NE(t.out.find("by crc"), std::string::npos) << t.out;
}

// The stand-in ROM posing as a protocol V3.3 ROM (config flag bit 0) serves Get Checksum in
// the frame stm32flash 0.7 expects: its CRC command must print the CRC of what the flash
// holds, computed by the ROM (few bytes on the wire), not by reading the flash back.
TEST(E2E, Stm32flashCrcCommandAgainstTheRomPosingAsV33) {
    QemuConfig cfg = an500("app-qemu-an500");
    cfg.extra_args = {"-device", "loader,addr=0x00310000,data=0x000000005B0C0001,data-len=8"};
    auto q = start_v1(cfg);
    const std::string image = random_file("crc-in.bin", 8192, 5);
    const Tool t = run_tool(port(*q) + " flash --enter --no-go --verify readback --address " +
                            kFlashBase + " " + image);
    ASSERT_EQ(t.exit_code, 0) << t.out;
    const auto from_target = q->bytes_from_target();
    const Tool crc = run_shell("timeout 120 stm32flash -m 8n1 -b 115200 -C -S " +
                               std::string(kFlashBase) + ":8192 " + q->relay_pty());
    ASSERT_EQ(crc.exit_code, 0) << crc.out;
    const std::string bytes = read_file(image);
    const uint32_t want = an3155::Crc32::of(
        std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
    EXPECT_NE(crc.out.find(fmt("= 0x%08x", want)), std::string::npos) << crc.out;
    EXPECT_LT(q->bytes_from_target() - from_target, 1024u) << "the CRC must come from 0xA1";
}

// The default stand-in ROM is V3.1 like every STM32F7 USART ROM: `--verify crc` is refused
// with the reason, and the automatic choice verifies by readback.
TEST(E2E, VerifyCrcAgainstAV31RomSaysWhyAndAutoFallsBackToReadback) {
    auto q = start_v1();
    ASSERT_EQ(run_tool(port(*q) + " enter").exit_code, 0);
    const Tool info = run_tool(port(*q) + " info");
    EXPECT_NE(info.out.find("3.1"), std::string::npos) << info.out;
    const std::string image = image_path("app-qemu-an500", ".elf");
    const Tool crc = run_tool(port(*q) + " verify --method crc " + image);
    EXPECT_NE(crc.exit_code, 0) << crc.out;
    EXPECT_NE(crc.out.find("0xA1"), std::string::npos) << crc.out;
    const Tool aut =
        run_tool(port(*q) + " flash --no-go " + image_path("app-v2-qemu-an500", ".elf"));
    EXPECT_EQ(aut.exit_code, 0) << aut.out;
    EXPECT_NE(aut.out.find("by readback"), std::string::npos) << aut.out;
}

// The stand-in ROM posing as a 256 KiB STM32F72x (config bits 8-11 = 4): Get ID, the F72x
// flash-size register, and an erase of sector 6, which a 256 KiB part does not have.
TEST(E2E, RomPosingAsA256KiBF72xServesItsFlashSizeAndRefusesMissingSectors) {
    QemuConfig cfg = an500("app-qemu-an500");
    cfg.extra_args = {"-device", "loader,addr=0x00310000,data=0x000000005B0C0400,data-len=8"};
    auto q = start_v1(cfg);
    ASSERT_EQ(run_tool(port(*q) + " enter").exit_code, 0);
    const Tool info = run_tool(port(*q) + " info");
    EXPECT_NE(info.out.find("0x452"), std::string::npos) << info.out;
    const std::string out = ::testing::TempDir() + "flash-size.bin";
    const Tool r = run_tool(port(*q) + " read 0x1FF07A22 2 -o " + out);
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_EQ(read_file(out), std::string("\x00\x01", 2));  // 256 KiB
    EXPECT_EQ(run_tool(port(*q) + " erase --sectors 5").exit_code, 0);
    EXPECT_NE(run_tool(port(*q) + " erase --sectors 6").exit_code, 0);
}

// Readout protection through a third-party tool: stm32flash -k (Readout Unprotect) on a ROM
// at RDP level 1 gets ACK, mass erase, ACK; the ROM resets and then serves memory commands,
// the flash now erased.
TEST(E2E, Stm32flashReadoutUnprotectErasesAndUnlocksTheRom) {
    QemuConfig cfg = an500("app-qemu-an500");
    cfg.extra_args = {"-device", "loader,addr=0x00310000,data=0x000000005B0C0002,data-len=8"};
    auto q = start_v1(cfg);
    ASSERT_EQ(run_tool(port(*q) + " enter").exit_code, 0);
    const std::string out = ::testing::TempDir() + "rdp.bin";
    EXPECT_EQ(run_tool(port(*q) + " read " + kFlashBase + " 16 -o " + out).exit_code, 7);
    const Tool k = run_shell("timeout 120 stm32flash -m 8n1 -b 115200 -k " + q->relay_pty());
    EXPECT_EQ(k.exit_code, 0) << k.out;
    const Tool r = run_tool(port(*q) + " read " + kFlashBase + " 16 -o " + out);
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_EQ(read_file(out), std::string(16, '\xFF'));
}

// stm32flash writes (the emulated flash is outside its part table, so it does not erase:
// sysboot erases first); sysboot reads back the same bytes.
TEST(E2E, ImageWrittenByStm32flashReadsBackIdenticalWithSysboot) {
    auto q = start_v1();
    ASSERT_EQ(run_tool(port(*q) + " enter").exit_code, 0);
    ASSERT_EQ(run_tool(port(*q) + " erase --sectors 0,1").exit_code, 0);
    const std::string image = random_file("stm32flash-in.bin", 40 * 1024, 7);
    const std::string cmd = "timeout 120 stm32flash -m 8n1 -b 115200 -w " + image + " -v -S " +
                            kFlashBase + " " + q->relay_pty() + " > /dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << "stm32flash failed";
    const std::string back = ::testing::TempDir() + "sysboot-read.bin";
    const Tool r = run_tool(port(*q) + " read " + kFlashBase + " 40K -o " + back);
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_EQ(read_file(back), read_file(image));
}

// sysboot writes; stm32flash reads the flash back and gets the same bytes.
TEST(E2E, ImageWrittenBySysbootReadsBackIdenticalWithStm32flash) {
    auto q = start_v1();
    const std::string image = random_file("sysboot-in.bin", 40 * 1024, 11);
    const Tool t =
        run_tool(port(*q) + " flash --enter --no-go --address " + kFlashBase + " " + image);
    ASSERT_EQ(t.exit_code, 0) << t.out;
    const std::string back = ::testing::TempDir() + "stm32flash-read.bin";
    const std::string cmd = "timeout 120 stm32flash -m 8n1 -b 115200 -r " + back + " -S " +
                            std::string(kFlashBase) + ":40960 " + q->relay_pty() +
                            " > /dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << "stm32flash failed";
    EXPECT_EQ(read_file(back), read_file(image));
}

}  // namespace
}  // namespace sysboot::emu
