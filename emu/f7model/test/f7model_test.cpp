// The board images on the STM32 model (F7 and F4 parts): hand-off paths and refusals
// (docs/boards.md, "What is tested").
#include <gtest/gtest.h>

#include <cstdio>

#include "scenarios.hpp"

namespace f7model::scenario {
namespace {

std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) {
        s += "\n  - " + x;
    }
    return s;
}

class Board7 : public ::testing::TestWithParam<Board> {
  protected:
    std::string app() const { return std::string("app-") + GetParam().name; }
};

TEST_P(Board7, DirectPathReachesRomInResetState) {
    Session r = bootloader(GetParam(), app(), Faults{}, Context::thread);
    const auto f = check_rom_entry(r, false);
    EXPECT_TRUE(f.empty()) << join(f);
    EXPECT_NE(r.model->console().find("bootloader: entering ROM bootloader"), std::string::npos);
    std::printf("[ f7model  ] %s direct path: %llu instructions from sysboot::enter to the ROM\n",
                GetParam().name,
                static_cast<unsigned long long>(r.model->rom_entry().instr - r.enter_instr));
}

TEST_P(Board7, DirectPathFromPspThreadWithFpContext) {
    Session r = bootloader(GetParam(), app(), Faults{}, Context::rtos_thread);
    const auto f = check_rom_entry(r, false);
    EXPECT_TRUE(f.empty()) << join(f);
}

TEST_P(Board7, ResetPathFromInterruptHandler) {
    Session r = bootloader(GetParam(), app(), Faults{}, Context::handler);
    const auto f = check_rom_entry(r, true);
    EXPECT_TRUE(f.empty()) << join(f);
    std::printf(
        "[ f7model  ] %s reset path: %llu instructions from sysboot::enter to the ROM "
        "(through SYSRESETREQ and Reset_Handler)\n",
        GetParam().name,
        static_cast<unsigned long long>(r.model->rom_entry().instr - r.enter_instr));
}

TEST_P(Board7, UnknownDevIdIsRefusedAndAppKeepsRunning) {
    Faults f;
    f.dev_id_override = 0x410;  // an STM32F1: no chip support of the modelled boards knows it
    Session r = bootloader(GetParam(), app(), f, Context::thread, true);
    const auto fl = check_refused(r, "unknown_device");
    EXPECT_TRUE(fl.empty()) << join(fl);
}

TEST_P(Board7, RdpLevel2IsRefused) {
    Faults f;
    f.rdp = 0xCC;
    Session r = bootloader(GetParam(), app(), f, Context::thread, true);
    const auto fl = check_refused(r, "rdp_level2");
    EXPECT_TRUE(fl.empty()) << join(fl);
}

TEST_P(Board7, ClockSwitchThatNeverCompletesGivesStatus) {
    Faults f;
    f.sws_stuck_on_pll = true;
    Session r = bootloader(GetParam(), app(), f, Context::thread, true);
    const auto fl = check_refused(r, "clock_timeout");
    EXPECT_TRUE(fl.empty()) << join(fl);
}

TEST_P(Board7, PllThatNeverStopsGivesStatus) {
    Faults f;
    f.pll_never_stops = true;
    Session r = bootloader(GetParam(), app(), f, Context::thread, true);
    const auto fl = check_refused(r, "clock_timeout");
    EXPECT_TRUE(fl.empty()) << join(fl);
}

TEST_P(Board7, PllThatNeverLocksAtBootFallsBackToHsi) {
    Faults f;
    f.pll_never_locks = true;
    Session r = bootloader(GetParam(), app(), f, Context::thread);
    EXPECT_NE(r.model->console().find("sysboot-app"), std::string::npos) << describe(r);
    // The hand-off still works from the slow clock (the PLL was never the system clock).
    const auto fl = check_rom_entry(r, false);
    EXPECT_TRUE(fl.empty()) << join(fl);
}

TEST_P(Board7, UnprivilegedThreadIsRefused) {
    Session r = bootloader(GetParam(), app(), Faults{}, Context::unprivileged, true);
    const auto fl = check_refused(r, "unprivileged");
    EXPECT_TRUE(fl.empty()) << join(fl);
}

TEST_P(Board7, RomVectorWithoutThumbBitIsRefused) {
    Faults f;
    f.rom_reset_vector_even = true;
    Session r = bootloader(GetParam(), app(), f, Context::thread, true);
    const auto fl = check_refused(r, "bad_reset_vector");
    EXPECT_TRUE(fl.empty()) << join(fl);
}

// A stale request after an external reset (power cycle keeps no SRAM, but a pin or brown-out
// reset does) must not send the board into the ROM: magic, complement and SFTRSTF must agree.
TEST_P(Board7, StaleRequestAfterPinResetBootsTheApp) {
    Faults f;
    f.sysresetreq_as_pin_reset = true;
    Session r = bootloader(GetParam(), app(), f, Context::handler);
    EXPECT_FALSE(r.model->rom_entry().reached) << describe(r);
    EXPECT_NE(r.model->console().find("last hand-off: refused status=reset_failed"),
              std::string::npos)
        << describe(r);
}

INSTANTIATE_TEST_SUITE_P(Boards, Board7, ::testing::ValuesIn(boards()),
                         [](const ::testing::TestParamInfo<Board>& i) {
                             std::string n = i.param.name;
                             for (char& c : n) {
                                 c = c == '-' ? '_' : c;
                             }
                             return n;
                         });

TEST(F7Model, DualBankBootIsRefusedOnF76x) {
    Faults f;
    f.dual_bank_boot = true;
    Session r = bootloader(boards()[0], "app-nucleo-f767zi", f, Context::thread, true);
    const auto fl = check_refused(r, "dual_bank_boot");
    EXPECT_TRUE(fl.empty()) << join(fl);
}

}  // namespace
}  // namespace f7model::scenario
