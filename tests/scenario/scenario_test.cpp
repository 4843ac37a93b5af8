// The scenarios: sysboot hands off correctly from every context (or refuses and the
// application survives), asserted on what the stand-in ROM found and whether it could serve
// the bootloader protocol from its interrupt. The common recipe runs the same scenarios and
// the table of what it gets wrong is printed. One run per core class: the board comes from
// $SYSBOOT_RIG (ctest scenario.m0 ... scenario.m33, tests/scenario/CMakeLists.txt).
#include <gtest/gtest.h>

#include <cstdio>

#include "qemu_runner.hpp"
#include "scenario_runner.hpp"

namespace sysboot::scenario {
namespace {

std::string label(const Scenario& s) {
    return s.rom.empty() ? s.name : s.name + "+" + s.rom;
}

class Sysboot : public ::testing::TestWithParam<Scenario> {};

std::string image() {
    return "scenario-" + rig_board();
}

TEST_P(Sysboot, HandsOffCleanlyOrRefusesAndSurvives) {
    const Scenario& s = GetParam();
    const Outcome o = run(rig_board(), image(), s, "sysboot");
    std::string why;
    EXPECT_TRUE(meets(s, o, why)) << label(s) << ": " << why << "\n--- transcript ---\n"
                                  << o.transcript;
}

INSTANTIATE_TEST_SUITE_P(All, Sysboot, ::testing::ValuesIn(scenarios_for(rig_board())),
                         [](const ::testing::TestParamInfo<Scenario>& i) {
                             std::string n = label(i.param);
                             for (char& c : n) {
                                 c = (c == '+') ? '_' : c;
                             }
                             return n;
                         });

// The ROM's Go starts the application without a reset (AN3155 "Go command"): clocks, VTOR
// and peripherals as the ROM left them. sysboot's early handler must notice (breadcrumb says
// ENTERED_ROM, no reset since) and reset once, so the application boots clean and can read
// that it came back from the ROM (breadcrumb RETURNED = 4).
class GoReturn : public ::testing::TestWithParam<const char*> {};

TEST_P(GoReturn, AppStartedByRomGoResetsCleanlyAndReportsReturned) {
    using namespace sysboot::emu;
    Qemu q(rig(rig_board(), image()));
    ASSERT_TRUE(q.connect());
    ASSERT_TRUE(q.wait_for("SCENARIO READY crumb=0")) << q.output();
    q.write(std::string(GetParam()) + " sysboot\r");
    ASSERT_TRUE(q.wait_for("ROM-ENTRY fail=0x00000000")) << q.output();
    ASSERT_TRUE(q.wait_for("\r\n"));
    q.write(std::string(1, '\x7F'));
    ASSERT_TRUE(q.wait_for(std::string(1, '\x79'), 2s)) << "no sync ACK";
    // Go (0x21, complement 0xDE), ACK, the flash address big-endian + XOR, ACK (AN3155).
    q.write(std::string("\x21\xDE", 2));
    ASSERT_TRUE(q.wait_for(std::string(1, '\x79'), 2s));
    const std::uint32_t a = rig_of(rig_board()).flash;
    std::string addr;
    for (int shift = 24; shift >= 0; shift -= 8) {
        addr += static_cast<char>((a >> shift) & 0xFFu);
    }
    addr += static_cast<char>(addr[0] ^ addr[1] ^ addr[2] ^ addr[3]);
    q.write(addr);
    ASSERT_TRUE(q.wait_for(std::string(1, '\x79'), 2s));
    EXPECT_TRUE(q.wait_for("SCENARIO READY crumb=4 status=ok", 5s)) << q.output();
    EXPECT_EQ(q.output().find("SCENARIO READY crumb=2"), std::string::npos)
        << "the app ran without the clean reset" << q.output();
}

INSTANTIATE_TEST_SUITE_P(Paths, GoReturn, ::testing::Values("thread_msp", "isr_low"));

// The common recipe (emu/scenarios/recipe.cpp) in every scenario: it must fail where
// docs/handoff.md says it does.
// F1: it jumps with PRIMASK=1 in every context, so the ROM never answers from its interrupt.
TEST(CommonRecipe, FailsWhereTheDesignSaysAndTableIsPrinted) {
    std::printf("\n| scenario | sysboot | common recipe |\n|---|---|---|\n");
    for (const Scenario& s : scenarios_for(rig_board())) {
        const Outcome mine = run(rig_board(), image(), s, "sysboot");
        const Outcome theirs = run(rig_board(), image(), s, "recipe");
        std::string why_mine;
        std::string why_theirs;
        const bool ok_mine = meets(s, mine, why_mine);
        const bool ok_theirs = meets(s, theirs, why_theirs);
        std::printf("| %s | %s | %s |\n", label(s).c_str(), ok_mine ? "ok" : why_mine.c_str(),
                    ok_theirs ? "ok" : why_theirs.c_str());
        EXPECT_TRUE(ok_mine) << label(s) << ": " << why_mine;
        EXPECT_FALSE(ok_theirs) << label(s) << ": the recipe should fail here";
        if (s.expect == Expect::rom_clean && theirs.rom_entered) {
            EXPECT_NE(theirs.fail_mask & 1u, 0u) << label(s) << ": recipe leaves PRIMASK=1 (F1)";
            EXPECT_FALSE(theirs.acked) << label(s);
        }
    }
    std::fflush(stdout);
}

}  // namespace
}  // namespace sysboot::scenario
