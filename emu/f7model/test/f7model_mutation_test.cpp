// Mutation test: the NUCLEO-F767ZI image built with one hand-off step removed
// (SYSBOOT_MUTATE_STEP, emu/f7images) must fail at least one model scenario, for every step
// the model checks. Passes only when every variant is caught and the intact image passes.
#include <gtest/gtest.h>

#include <cstdio>

#include "scenarios.hpp"

namespace f7model::scenario {
namespace {

// Steps of sysboot::Step (firmware/sysboot/include/sysboot/handoff.hpp).
struct Mutant {
    int step;
    const char* name;
};
const Mutant kMutants[] = {
    {1, "validate_vectors"},
    {2, "refuse_handler_mode"},
    {3, "mask_interrupts"},
    {4, "reset_peripherals"},
    {5, "restore_clocks"},
    {6, "systick_off"},
    {7, "nvic_clear"},
    {8, "mpu_off"},
    {9, "dcache_off"},
    {10, "icache_off"},
    {11, "fpu_state"},
    {12, "control_reset"},
    {13, "vtor"},
    {14, "unmask_interrupts"},
    {15, "priorities_reset"},
    {16, "refuse_unprivileged"},
};

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
    for (const Mutant& mu : kMutants) {
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
    std::printf("[ mutation ] %d of %zu mutants caught\n", caught, std::size(kMutants));
}

}  // namespace
}  // namespace f7model::scenario
