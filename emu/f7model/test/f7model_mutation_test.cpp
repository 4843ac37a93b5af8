// Mutation test on the STM32F7 model: for each step of firmware/sysboot/include/sysboot/
// steps.def, the NUCLEO-F767ZI image app-nucleo-f767zi-no-<step> (emu/f7images) is built
// without that step and must fail at least one model scenario. A mutant is caught only when
// its image exists, boots, reaches sysboot::enter and then fails a check; a missing image or
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

Judgement judge(const std::string& image) {
    if (!std::filesystem::exists(image_path(image))) {
        return {Verdict::error, "image " + image_path(image) + " does not exist"};
    }
    Judgement j{Verdict::missed, ""};
    for (const auto& o : run_all(boards()[0], image)) {
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

TEST(F7ModelMutation, IntactImagePassesEveryScenario) {
    for (const auto& o : run_all(boards()[0], "app-nucleo-f767zi")) {
        std::string s;
        for (const auto& x : o.failures) {
            s += "\n  - " + x;
        }
        EXPECT_TRUE(o.booted && o.reached_handoff) << o.scenario;
        EXPECT_TRUE(o.failures.empty()) << o.scenario << s;
    }
}

TEST(F7ModelMutation, EveryRemovedStepIsCaught) {
    int caught = 0;
    int present = 0;
    int number = 0;
    for (const sysboot::StepInfo& step : sysboot::kSteps) {
        ++number;
        if (!sysboot::step_present(step.step, sysboot::core::kCortexM7)) {
            std::printf("[ mutation ] step %2d %-20s absent on the Cortex-M7\n", number, step.name);
            continue;
        }
        ++present;
        const Judgement j = judge(std::string("app-nucleo-f767zi-no-") + step.name);
        std::printf("[ mutation ] step %2d %-20s %s%s\n", number, step.name,
                    j.verdict == Verdict::error    ? "ERROR: "
                    : j.verdict == Verdict::caught ? "caught by "
                                                   : "NOT CAUGHT",
                    j.detail.c_str());
        EXPECT_NE(j.verdict, Verdict::error) << step.name << ": " << j.detail;
        EXPECT_EQ(j.verdict, Verdict::caught)
            << "step " << number << " (" << step.name << ") removed and no scenario failed";
        caught += j.verdict == Verdict::caught ? 1 : 0;
    }
    std::printf("[ mutation ] %d of %d mutants caught\n", caught, present);
}

// The criterion itself: a missing image is an error, never a catch.
TEST(F7ModelMutationCriterion, MissingImageIsAnError) {
    const Judgement j = judge("app-nucleo-f767zi-no-such_step");
    EXPECT_EQ(j.verdict, Verdict::error) << j.detail;
}

}  // namespace
}  // namespace f7model::scenario
