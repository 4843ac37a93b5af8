#pragma once
// The steps of the direct hand-off as C++ values, generated from sysboot/steps.def (the one
// list; see there). Mutation builds define SYSBOOT_MUTATE_STEP=<step name> to remove that
// one step; only the mutation tests use such builds, to prove each step is load-bearing.
#include <array>
#include <cstddef>

#include "sysboot/core/caps.hpp"

namespace sysboot {

// Numbered from 1 in the order of steps.def; 0 is no step.
enum class Step : int {
    none = 0,
#define SYSBOOT_STEP(name, observable, failure, need) name,
#include "sysboot/steps.def"
#undef SYSBOOT_STEP
};

// Where removing the step can be seen (steps.def "observable").
enum class Observable { qemu, silicon };

struct StepInfo {
    Step step;
    const char* name;
    Observable observable;
    const char* failure;  // F1..F11, docs/handoff.md failure table
    core::Need need;      // what the core must have for the step to exist
};

inline constexpr std::array kSteps = {
#define SYSBOOT_STEP(name, observable, failure, need) \
    StepInfo{Step::name, #name, Observable::observable, #failure, core::Need::need},
#include "sysboot/steps.def"
#undef SYSBOOT_STEP
};

inline constexpr int kStepCount = static_cast<int>(kSteps.size());

constexpr const char* step_name(Step s) {
    for (const StepInfo& i : kSteps) {
        if (i.step == s) {
            return i.name;
        }
    }
    return "?";
}

namespace detail {
constexpr bool same_text(const char* a, const char* b) {
    while (*a != '\0' && *a == *b) {
        ++a;
        ++b;
    }
    return *a == *b;
}
constexpr bool steps_well_formed() {
    for (std::size_t i = 0; i < kSteps.size(); ++i) {
        if (static_cast<std::size_t>(kSteps[i].step) != i + 1) {
            return false;
        }
        for (std::size_t j = 0; j < i; ++j) {
            if (same_text(kSteps[i].name, kSteps[j].name)) {
                return false;
            }
        }
    }
    return true;
}
}  // namespace detail
static_assert(kStepCount > 0 && detail::steps_well_formed(),
              "steps.def: steps are numbered 1..N in list order, names unique");

// The CMake side counts the entries with its own parser (firmware/sysboot/steps.cmake) and
// passes the count to every build that includes this header: both readers of steps.def must
// agree, or a step would have no mutant image (or an image no test runs).
#ifdef SYSBOOT_STEP_COUNT_CMAKE
static_assert(kStepCount == SYSBOOT_STEP_COUNT_CMAKE,
              "steps.def: CMake's parser and the C++ preprocessor see different step lists");
#endif

#ifdef SYSBOOT_MUTATE_STEP
inline constexpr Step kMutatedStep = Step::SYSBOOT_MUTATE_STEP;
#else
inline constexpr Step kMutatedStep = Step::none;
#endif

constexpr bool step_enabled(Step s) {
    return s != kMutatedStep;
}

constexpr const StepInfo& step_info(Step s) {
    return kSteps[static_cast<std::size_t>(s) - 1];
}

// Whether a core has the step at all (steps.def "need").
constexpr bool step_present(Step s, const core::Caps& caps) {
    return caps.has(step_info(s).need);
}

// Whether the hand-off built for `caps` runs the step: present on that core and not the
// step a mutation build removed.
constexpr bool step_runs(Step s, const core::Caps& caps) {
    return step_present(s, caps) && step_enabled(s);
}

}  // namespace sysboot
