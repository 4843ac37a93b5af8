#pragma once
// System reset request, the one sequence every caller uses (DDI0403E §B3.2.6 AIRCR):
// DSB so earlier stores complete, AIRCR = VECTKEY | PRIGROUP (kept: a write changes it) |
// SYSRESETREQ, DSB, then a bounded wait: the reset is asynchronous and takes a few cycles.
// `Core` provides read/write (32-bit MMIO), dsb() and relax() (one wait iteration): the
// target's core (sysboot/cm7/core.hpp, sysboot::CortexMPort) or a host test's fake.
#include <cstdint>

#include "sysboot/cm7/scb.hpp"

namespace sysboot::cm7 {

// Iterations of Core::relax() the request waits for the reset before giving up.
inline constexpr std::uint32_t kResetWaitIterations = 1'000'000;

// Returns only if the core did not reset within the wait (e.g. a debugger holds it).
template <class Core>
void system_reset(Core& core, std::uint32_t wait_iterations = kResetWaitIterations) {
    core.dsb();
    const std::uint32_t prigroup = core.read(scb::AIRCR) & scb::AIRCR_PRIGROUP_MASK;
    core.write(scb::AIRCR, scb::AIRCR_VECTKEY | prigroup | scb::AIRCR_SYSRESETREQ);
    core.dsb();
    for (std::uint32_t i = 0; i < wait_iterations; ++i) {
        core.relax();
    }
}

}  // namespace sysboot::cm7
