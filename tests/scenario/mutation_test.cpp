// Every hand-off step is load-bearing: each image scenario-m<N> is built with step N removed
// (SYSBOOT_MUTATE_STEP, handoff.hpp enum class Step). The test passes only if every variant
// fails at least one scenario, except the steps QEMU cannot observe, which must be caught by
// the STM32F7 model instead (tests labelled f7model).
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <set>

#include "scenario_runner.hpp"

namespace sysboot::scenario {
namespace {

struct StepInfo {
    int number;
    const char* name;
};

// Keep in step with enum class Step (firmware/sysboot/include/sysboot/handoff.hpp).
constexpr StepInfo kSteps[] = {
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

// Not observable on qemu-an500: it has no RCC (the chip hooks are absent) and QEMU does not
// model caches (facts/qemu-an500.md). The STM32F7 model proves these on the real board
// images (emu/f7model).
const std::set<int> kSiliconOnly = {4, 5, 9, 10};

TEST(Mutation, EveryStepIsCaughtByAScenario) {
    std::printf("\n| step | removed | caught by |\n|---|---|---|\n");
    for (const StepInfo& step : kSteps) {
        const std::string image = "scenario-m" + std::to_string(step.number) + "-qemu-an500";
        std::string caught;
        for (const Scenario& s : all_scenarios()) {
            const Outcome o = run(image, s, "sysboot");
            std::string why;
            if (!meets(s, o, why)) {
                caught = (s.rom.empty() ? s.name : s.name + "+" + s.rom) + " (" + why + ")";
                break;
            }
        }
        const bool silicon_only = kSiliconOnly.count(step.number) != 0;
        std::printf("| %d | %s | %s |\n", step.number, step.name,
                    caught.empty() ? (silicon_only ? "not observable on QEMU: f7model" : "NOTHING")
                                   : caught.c_str());
        std::fflush(stdout);
        if (!silicon_only) {
            EXPECT_FALSE(caught.empty()) << "removing step " << step.name << " broke no scenario";
        }
    }
}

}  // namespace
}  // namespace sysboot::scenario
