// Mutation test: the NUCLEO-F767ZI image built with one hand-off step removed
// (SYSBOOT_MUTATE_STEP, emu/f7images) must fail at least one model scenario, for every step
// the model checks. Passes only when every variant is caught and the intact image passes.
#include <gtest/gtest.h>

#include <cstdio>

#include "scenarios.hpp"
#include "sysboot/handoff.hpp"

namespace f7model::scenario {
namespace {

TEST(F7ModelMutation, IntactImagePassesEveryScenario) {
    for (const auto& o : run_all(boards()[0], "app-nucleo-f767zi")) {
        std::string s;
        for (const auto& x : o.failures) {
            s += "\n  - " + x;
        }
        EXPECT_TRUE(o.failures.empty()) << o.scenario << s;
    }
}

TEST(F7ModelMutation, EveryRemovedStepIsCaught) {
    int caught = 0;
    for (int number = 1; number <= sysboot::kStepCount; ++number) {
        const struct {
            int step;
            const char* name;
        } mu{number, sysboot::step_name(static_cast<sysboot::Step>(number))};
        const std::string image = "app-nucleo-f767zi-m" + std::to_string(mu.step);
        std::string by;
        for (const auto& o : run_all(boards()[0], image)) {
            if (!o.failures.empty() && by.empty()) {
                by = o.scenario + ": " + o.failures.front();
            }
        }
        std::printf("[ mutation ] step %2d %-20s %s%s\n", mu.step, mu.name,
                    by.empty() ? "NOT CAUGHT" : "caught by ", by.c_str());
        EXPECT_FALSE(by.empty()) << "step " << mu.step << " (" << mu.name
                                 << ") removed and no scenario failed";
        caught += by.empty() ? 0 : 1;
    }
    std::printf("[ mutation ] %d of %zu mutants caught\n", caught,
                static_cast<std::size_t>(sysboot::kStepCount));
}

}  // namespace
}  // namespace f7model::scenario
