// Every hand-off step is load-bearing: each image scenario-m<N> is built with step N removed
// (SYSBOOT_MUTATE_STEP, handoff.hpp enum class Step). The test passes only if every variant
// fails at least one scenario, except the steps QEMU cannot observe, which must be caught by
// the STM32F7 model instead (tests labelled f7model).
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <set>

#include "scenario_runner.hpp"
#include "sysboot/handoff.hpp"

namespace sysboot::scenario {
namespace {

// Not observable on qemu-an500: it has no RCC (the chip hooks are absent) and QEMU does not
// model caches (facts/qemu-an500.md). The STM32F7 model proves these on the real board
// images (emu/f7model).
const std::set<int> kSiliconOnly = {4, 5, 9, 10};

TEST(Mutation, EveryStepIsCaughtByAScenario) {
    std::printf("\n| step | removed | caught by |\n|---|---|---|\n");
    for (int number = 1; number <= kStepCount; ++number) {
        const char* name = step_name(static_cast<Step>(number));
        const std::string image = "scenario-m" + std::to_string(number) + "-qemu-an500";
        std::string caught;
        for (const Scenario& s : all_scenarios()) {
            const Outcome o = run(image, s, "sysboot");
            std::string why;
            if (!meets(s, o, why)) {
                caught = (s.rom.empty() ? s.name : s.name + "+" + s.rom) + " (" + why + ")";
                break;
            }
        }
        const bool silicon_only = kSiliconOnly.count(number) != 0;
        std::printf("| %d | %s | %s |\n", number, name,
                    caught.empty() ? (silicon_only ? "not observable on QEMU: f7model" : "NOTHING")
                                   : caught.c_str());
        std::fflush(stdout);
        if (!silicon_only) {
            EXPECT_FALSE(caught.empty()) << "removing step " << name << " broke no scenario";
        }
    }
}

}  // namespace
}  // namespace sysboot::scenario
