#pragma once
// The caller states a scenario sets up that depend on the core class: which ones exist on
// the core being compiled (SCENARIO_HAS_*) and how to set them (core_state.cpp).
//   Armv6-M (Cortex-M0): PRIMASK only, no unprivileged Thread mode on the Cortex-M0
//     (DDI0419 §B1.4.4: CONTROL.nPRIV is optional), word-only NVIC_IPR (§B3.4), no MPU on
//     the nRF51.
//   Armv7-M (Cortex-M3, -M4, -M7): BASEPRI/FAULTMASK, PMSAv7 MPU (DDI0403E §B3.5).
//   Armv8-M Mainline (Cortex-M33): as Armv7-M, PMSAv8 MPU (DDI0553 §B3.5 MPU_RBAR/RLAR,
//     MAIR), MSPLIM/PSPLIM stack limits.
#include <cstdint>

#if defined(__ARM_ARCH_6M__)
#define SCENARIO_HAS_NPRIV 0
#define SCENARIO_HAS_MPU 0
#else
#define SCENARIO_HAS_NPRIV 1
#define SCENARIO_HAS_MPU 1
#endif
#if defined(__ARM_ARCH_8M_MAIN__)
#define SCENARIO_HAS_STACK_LIMITS 1
#else
#define SCENARIO_HAS_STACK_LIMITS 0
#endif

namespace scenario {
void set_priority(unsigned irq, std::uint32_t priority);
// PRIMASK, and FAULTMASK and BASEPRI where the core has them.
void mask_everything();
// MPU regions an application might use, with no background region (PRIVDEFENA=0): the
// ROM's code is in none of them, so it cannot execute.
void enable_app_mpu();
// MSPLIM just below the current stack, PSPLIM = psp_base: both above the ROM's stack.
void set_stack_limits(std::uint32_t psp_base);
}  // namespace scenario
