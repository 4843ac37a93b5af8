// The hand-off steps have one definition (firmware/sysboot/include/sysboot/steps.def). The
// C++ side reads it through the preprocessor, CMake with its own parser (steps.cmake), which
// names the mutant images; tests/CMakeLists.txt passes CMake's reading here. If the two
// readings differ, a step has no mutant image, or an image is never run.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "sysboot/handoff.hpp"

#ifndef SYSBOOT_STEPS_CMAKE
#error "tests/CMakeLists.txt passes the steps as CMake reads them"
#endif

namespace sysboot {
namespace {

std::vector<std::string> words(const char* text) {
    std::istringstream in(text);
    std::vector<std::string> out;
    for (std::string w; in >> w;) {
        out.push_back(w);
    }
    return out;
}

TEST(Steps, CMakeAndCxxReadTheSameList) {
    std::vector<std::string> cxx;
    std::vector<std::string> cxx_silicon;
    for (const StepInfo& s : kSteps) {
        cxx.emplace_back(s.name);
        if (s.observable == Observable::silicon) {
            cxx_silicon.emplace_back(s.name);
        }
    }
    EXPECT_EQ(words(SYSBOOT_STEPS_CMAKE), cxx);
    EXPECT_EQ(words(SYSBOOT_SILICON_ONLY_STEPS_CMAKE), cxx_silicon);
}

TEST(Steps, CMakeAndCxxAgreeOnTheStepsOfEachCore) {
    const struct {
        const core::Caps& caps;
        const char* cmake;
    } cores[] = {
        {core::kCortexM0, SYSBOOT_STEPS_cortex_m0_CMAKE},
        {core::kCortexM0Plus, SYSBOOT_STEPS_cortex_m0plus_CMAKE},
        {core::kCortexM3, SYSBOOT_STEPS_cortex_m3_CMAKE},
        {core::kCortexM4, SYSBOOT_STEPS_cortex_m4_CMAKE},
        {core::kCortexM7, SYSBOOT_STEPS_cortex_m7_CMAKE},
        {core::kCortexM33, SYSBOOT_STEPS_cortex_m33_CMAKE},
    };
    for (const auto& c : cores) {
        std::vector<std::string> cxx;
        for (const StepInfo& s : kSteps) {
            if (step_present(s.step, c.caps)) {
                cxx.emplace_back(s.name);
            }
        }
        EXPECT_EQ(words(c.cmake), cxx) << c.caps.name;
    }
}

TEST(Steps, NumbersFollowTheListAndNamesRoundTrip) {
    int number = 0;
    for (const StepInfo& s : kSteps) {
        ++number;
        EXPECT_EQ(static_cast<int>(s.step), number) << s.name;
        EXPECT_STREQ(step_name(s.step), s.name);
        EXPECT_EQ(s.failure[0], 'F') << s.name;
    }
    EXPECT_EQ(number, kStepCount);
    EXPECT_STREQ(step_name(Step::none), "?");
}

TEST(Steps, AnUnmutatedBuildRunsEveryStep) {
    for (const StepInfo& s : kSteps) {
        EXPECT_TRUE(step_enabled(s.step)) << s.name;
    }
}

}  // namespace
}  // namespace sysboot
