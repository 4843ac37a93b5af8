// Every hand-off step is load-bearing, on every core class: for each step of
// firmware/sysboot/include/sysboot/steps.def that the rig's core has (its "need", checked
// against sysboot/core/caps.hpp), the image scenario-no-<step>-<board> is built without that
// step (SYSBOOT_MUTATE_STEP); the board comes from $SYSBOOT_RIG (ctest mutation.m0 ...
// mutation.m33). A mutant is caught only when its image exists, boots, reaches the hand-off
// and then fails a scenario check; a missing image or an image that never reaches the
// hand-off is an error of the test, never a catch. Steps steps.def marks "silicon" are not
// observable on QEMU (the STM32F7 model catches them for the Cortex-M7, ctest label f7model);
// a step no scenario of a rig can show yet is named in kUnshown with the reason.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

#include <unistd.h>

#include "qemu_runner.hpp"
#include "scenario_runner.hpp"
#include "sysboot/steps.hpp"

namespace sysboot::scenario {
namespace {

enum class Verdict { caught, missed, error };

struct Judgement {
    Verdict verdict;
    std::string detail;  // the failing scenario, or what went wrong
};

std::string label(const Scenario& s) {
    return s.rom.empty() ? s.name : s.name + "+" + s.rom;
}

// Runs the scenarios on `image` until one fails its check.
Judgement judge(const std::string& image) {
    const std::string path = emu::image_path(image, ".bin");
    if (!std::filesystem::exists(path)) {
        return {Verdict::error, "image " + path + " does not exist"};
    }
    for (const Scenario& s : scenarios_for(rig_board())) {
        const Outcome o = run(rig_board(), image, s, "sysboot");
        if (!o.booted) {
            return {Verdict::error, label(s) + ": the image did not boot (no SCENARIO READY)"};
        }
        if (!o.handoff_reached) {
            return {Verdict::error, label(s) + ": the image never reached the hand-off"};
        }
        std::string why;
        if (!meets(s, o, why)) {
            return {Verdict::caught, label(s) + " (" + why + ")"};
        }
    }
    return {Verdict::missed, ""};
}

// The capabilities of the rig's core (sysboot/core/caps.hpp), which decide the steps it has.
const core::Caps& rig_caps() {
    static const core::Caps* const all[] = {&core::kCortexM0, &core::kCortexM3, &core::kCortexM4,
                                            &core::kCortexM7, &core::kCortexM33};
    const std::string cpu = std::string("cortex-") + emu::rig_of(rig_board()).core;
    for (const core::Caps* c : all) {
        if (cpu == c->name) {
            return *c;
        }
    }
    throw std::invalid_argument("no capability table for " + cpu);
}

// Steps a core has that no scenario on its rig can show yet, named with the reason (the table
// prints them; they are not counted as caught). Everything else must be caught.
struct Unshown {
    const char* cpu;
    const char* step;
    const char* why;
};
constexpr Unshown kUnshown[] = {
    {"cortex-m33", "refuse_nonsecure",
     "not by these Secure scenarios: shown by ctest nonsecure.m33 (a Non-secure caller, "
     "tests/scenario/nonsecure_test.cpp)"},
};

const char* unshown_reason(const StepInfo& step) {
    for (const Unshown& u : kUnshown) {
        if (std::string(u.cpu) == rig_caps().name && std::string(u.step) == step.name) {
            return u.why;
        }
    }
    return nullptr;
}

std::string mutant_image(const StepInfo& step) {
    return std::string("scenario-no-") + step.name + "-" + rig_board();
}

TEST(Mutation, EveryStepIsCaughtByAScenario) {
    std::printf("\n| # | step removed | caught by |\n|---|---|---|\n");
    int number = 0;
    for (const StepInfo& step : kSteps) {
        ++number;
        if (!step_present(step.step, rig_caps())) {
            std::printf("| %d | %s | absent on the %s |\n", number, step.name, rig_caps().name);
            continue;
        }
        const Judgement j = judge(mutant_image(step));
        const bool silicon_only = step.observable == Observable::silicon;
        // Silicon steps act through chip hooks (RCC) or caches that no rig models; the STM32F7
        // model covers them for the Cortex-M7, nothing emulated does for the other cores.
        const char* silicon_note = std::string(rig_caps().name) == "cortex-m7"
                                       ? "not observable on QEMU: f7model"
                                       : "not observable on QEMU (chip hook, no RCC on the rig)";
        const char* unshown = unshown_reason(step);
        const char* shown = j.verdict == Verdict::error    ? "ERROR: "
                            : j.verdict == Verdict::caught ? ""
                            : silicon_only                 ? silicon_note
                            : unshown != nullptr           ? unshown
                                                           : "NOTHING";
        std::printf("| %d | %s | %s%s |\n", number, step.name, shown, j.detail.c_str());
        std::fflush(stdout);
        EXPECT_NE(j.verdict, Verdict::error) << step.name << ": " << j.detail;
        if (!silicon_only && unshown == nullptr) {
            EXPECT_EQ(j.verdict, Verdict::caught) << "removing " << step.name << " broke nothing";
        }
    }
}

// The criterion itself, on images whose verdict is known: none of them may count as caught.
TEST(MutationCriterion, MissingImageIsAnError) {
    const Judgement j = judge("scenario-no-such_step-" + rig_board());
    EXPECT_EQ(j.verdict, Verdict::error) << j.detail;
}

TEST(MutationCriterion, ImageThatDoesNotBootIsAnError) {
    // The intact scenario image with its reset vector made even: the boot stub refuses to
    // branch to it (emu/bootstub), so the application never runs.
    std::ifstream in(emu::image_path("scenario-" + rig_board(), ".bin"), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_GT(bytes.size(), 8u);
    bytes[4] = static_cast<char>(bytes[4] & ~1);
    const std::string name =
        "scenario-unbootable-" + std::to_string(::getpid()) + "-" + rig_board();
    const std::string path = emu::image_path(name, ".bin");
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
    const Judgement j = judge(name);
    std::filesystem::remove(path);
    EXPECT_EQ(j.verdict, Verdict::error) << j.detail;
}

TEST(MutationCriterion, IntactImageIsNeverCaught) {
    const Judgement j = judge("scenario-" + rig_board());
    EXPECT_EQ(j.verdict, Verdict::missed) << j.detail;
}

}  // namespace
}  // namespace sysboot::scenario
