// Mutation test on the STM32 model: for each step of firmware/sysboot/include/sysboot/
// steps.def that the board's core has, the image app-<board>-no-<step> (emu/f7images) is
// built without that step and must fail at least one model scenario. Boards: NUCLEO-F767ZI
// (Cortex-M7, STM32F7 part), NUCLEO-F446RE (Cortex-M4, STM32F4 part), NUCLEO-G071RB
// (Cortex-M0+, STM32G0 part on Unicorn's Cortex-M0) and NUCLEO-H743ZI2 (Cortex-M7, STM32H7
// part). A mutant is caught only
// when its image exists, boots, reaches sysboot::enter and then fails a check; a missing image or
// one that never reaches the hand-off is an error of the test, never a catch.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "scenarios.hpp"
#include "sysboot/steps.hpp"

namespace f7model::scenario {
namespace {

enum class Verdict { caught, missed, error };

struct Judgement {
    Verdict verdict;
    std::string detail;
};

Judgement judge(const Board& b, const std::string& image) {
    if (!std::filesystem::exists(image_path(image))) {
        return {Verdict::error, "image " + image_path(image) + " does not exist"};
    }
    Judgement j{Verdict::missed, ""};
    for (const auto& o : run_all(b, image)) {
        if (!o.booted) {
            return {Verdict::error, o.scenario + ": the image did not boot (console silent)"};
        }
        if (!o.reached_handoff) {
            return {Verdict::error, o.scenario + ": the image never reached sysboot::enter"};
        }
        if (!o.failures.empty() && j.verdict == Verdict::missed) {
            j = {Verdict::caught, o.scenario + ": " + o.failures.front()};
        }
    }
    return j;
}

struct Target {
    const char* board;
    sysboot::core::Caps core;
};

class Mutation : public ::testing::TestWithParam<Target> {
  protected:
    const Board& board_() const { return board(GetParam().board); }
    std::string image(const std::string& suffix) const {
        return std::string("app-") + GetParam().board + suffix;
    }
};

TEST_P(Mutation, IntactImagePassesEveryScenario) {
    for (const auto& o : run_all(board_(), image(""))) {
        std::string s;
        for (const auto& x : o.failures) {
            s += "\n  - " + x;
        }
        EXPECT_TRUE(o.booted && o.reached_handoff) << o.scenario;
        EXPECT_TRUE(o.failures.empty()) << o.scenario << s;
    }
}

TEST_P(Mutation, EveryRemovedStepIsCaught) {
    int caught = 0;
    int present = 0;
    int number = 0;
    const Target& target = GetParam();
    for (const sysboot::StepInfo& step : sysboot::kSteps) {
        ++number;
        if (!sysboot::step_present(step.step, target.core)) {
            std::printf("[ mutation ] %s step %2d %-20s absent on the %s\n", target.board, number,
                        step.name, target.core.name);
            continue;
        }
        ++present;
        const Judgement j = judge(board_(), image(std::string("-no-") + step.name));
        std::printf("[ mutation ] %s step %2d %-20s %s%s\n", target.board, number, step.name,
                    j.verdict == Verdict::error    ? "ERROR: "
                    : j.verdict == Verdict::caught ? "caught by "
                                                   : "NOT CAUGHT",
                    j.detail.c_str());
        EXPECT_NE(j.verdict, Verdict::error) << step.name << ": " << j.detail;
        EXPECT_EQ(j.verdict, Verdict::caught)
            << "step " << number << " (" << step.name << ") removed and no scenario failed";
        caught += j.verdict == Verdict::caught ? 1 : 0;
    }
    std::printf("[ mutation ] %s: %d of %d mutants caught\n", target.board, caught, present);
}

INSTANTIATE_TEST_SUITE_P(Boards, Mutation,
                         ::testing::Values(Target{"nucleo-f767zi", sysboot::core::kCortexM7},
                                           Target{"nucleo-f446re", sysboot::core::kCortexM4},
                                           Target{"nucleo-g071rb", sysboot::core::kCortexM0Plus},
                                           Target{"nucleo-h743zi2", sysboot::core::kCortexM7},
                                           Target{"nucleo-g474re", sysboot::core::kCortexM4},
                                           Target{"nucleo-l476rg", sysboot::core::kCortexM4}),
                         [](const ::testing::TestParamInfo<Target>& i) {
                             std::string n = i.param.board;
                             for (char& c : n) {
                                 c = c == '-' ? '_' : c;
                             }
                             return n;
                         });

// The criterion itself: a missing image is an error, never a catch.
TEST(F7ModelMutationCriterion, MissingImageIsAnError) {
    const Judgement j = judge(board("nucleo-f767zi"), "app-nucleo-f767zi-no-such_step");
    EXPECT_EQ(j.verdict, Verdict::error) << j.detail;
}

}  // namespace
}  // namespace f7model::scenario
