// End to end against one STM32 part per core class (ctest e2e_families): on each emulated
// core the stand-in ROM poses as a part of that class (emu/rom/an3155_protocol.cpp "pose";
// the rows of protocol/stm32), the example app v1 is asked to enter it, and one
// `sysboot flash --enter` erases with the part's map and command, writes with the part's
// alignment, verifies and starts v2, which must come up on the emulated CPU.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "app_session.hpp"
#include "qemu_runner.hpp"
#include "tool_runner.hpp"

namespace sysboot::emu {
namespace {

using namespace std::chrono_literals;

struct FamilyCase {
    const char* board;  // the emulated core
    unsigned pose;      // protocol/an3155 pose.hpp pose_number
    const char* part;   // what the tool must name (protocol/stm32 row name)
    const char* extra;  // further tool options, with the reason in the table below
};

// One part per core class. The rigs place RAM where their FPGA image has it, so each pose
// is chosen with SRAM that holds v2's initial stack pointer (the tool's vector check),
// except on the M33 rig: its RAM is the Secure alias 0x38000000, which no STM32 has.
const FamilyCase kCases[] = {
    {"qemu-microbit", 10, "STM32G07xxx/08xxx", ""},                 // M0 rig, G071 (Cortex-M0+)
    {"qemu-an385", 14, "STM32F10xxx High-density", ""},             // M3: Erase (0x43), 2 KiB pages
    {"qemu-an386", 11, "STM32L47xxx/48xxx", ""},                    // M4: 8-byte writes, 2 banks
    {"qemu-an500", 9, "STM32H74xxx/75xxx", ""},                     // M7: 32-byte flash words
    {"qemu-an505", 13, "STM32U575xx/585xx", " --no-vector-check"},  // M33: 16-byte writes
};

class FamilyE2E : public ::testing::TestWithParam<FamilyCase> {};

std::string hex(std::uint32_t v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08X", v);
    return buf;
}

TEST_P(FamilyE2E, FlashFromTheRunningAppThroughThePosedRomStartsV2) {
    const FamilyCase& c = GetParam();
    const std::string board = c.board;
    QemuConfig cfg = rig(board, "app-" + board);
    cfg.extra_args = rom_config_args(board, static_cast<std::uint16_t>(c.pose << 8));
    auto q = start_app(cfg);
    const std::string port =
        "--port unix:" + q->relay_socket() + " --flash-base " + hex(rig_of(board).flash);
    const Tool t =
        run_tool(port + " flash --enter" + c.extra + " " + image_path("app-v2-" + board, ".elf"));
    EXPECT_EQ(t.exit_code, 0) << t.out;
    EXPECT_NE(t.out.find(c.part), std::string::npos) << t.out;
    EXPECT_NE(t.out.find("verified"), std::string::npos) << t.out;
    const bool v2 = output_shows(*q, "sysboot-app v2 board=" + board, 10s);
    q->relay_stop();
    EXPECT_TRUE(v2) << q->output();
    const std::string& out = q->output();
    EXPECT_NE(out.find("ROM-ENTRY fail=0x00000000"), std::string::npos) << out;
    EXPECT_EQ(out.find("ROM-ENTRY fail=0x00000000"), out.rfind("ROM-ENTRY"))
        << "exactly one clean ROM entry";
}

INSTANTIATE_TEST_SUITE_P(OnePartPerCore, FamilyE2E, ::testing::ValuesIn(kCases),
                         [](const auto& info) {
                             std::string name = info.param.board;
                             for (char& ch : name) {
                                 ch = ch == '-' ? '_' : ch;
                             }
                             return name;
                         });

}  // namespace
}  // namespace sysboot::emu
