#pragma once
// What the Cortex-M core the library is compiled for has, as far as the hand-off is
// concerned. The hand-off's steps each need one capability (steps.def, 4th column); a step
// whose capability the core lacks is compiled out, and the mutation tests know it is absent.
//
// The core is chosen at compile time. The compiler's predefined macros give the
// architecture (ACLE: __ARM_ARCH_6M__, __ARM_ARCH_7M__, __ARM_ARCH_7EM__,
// __ARM_ARCH_8M_MAIN__), but not the core within one: GCC predefines exactly the same
// macros for -mcpu=cortex-m4 and -mcpu=cortex-m7, and for cortex-m0 and cortex-m0plus. The
// build therefore also passes SYSBOOT_CPU_CORTEX_<core> derived from the same -mcpu
// (CMake: cmake/firmware.cmake and the installed package; Makefiles: sysboot.mk), so a
// consumer never sets it by hand.
//
// Sources: Armv6-M ARM (DDI0419E) §B1.4 (no BASEPRI/FAULTMASK), §B3.2 (VTOR optional,
// "the vector table is at address 0" without it), §B3.4 (one NVIC word, priorities in the
// top two bits, word access only); Armv7-M ARM (DDI0403E) §B3.2, §B3.5 (PMSAv7);
// Armv8-M ARM (DDI0553B) "Stack limit registers" (MSPLIM/PSPLIM, Mainline only), "Security
// Extension", PMSAv8; Cortex-M7 TRM (DDI0489) "L1 caches" (the only core here with caches).
#include <cstdint>

namespace sysboot::core {

enum class Arch : std::uint8_t { v6m, v7m, v8m_main };

// What a hand-off step needs from the core (steps.def, 4th column).
enum class Need : std::uint8_t {
    all,           // every core
    unprivileged,  // Thread mode can be unprivileged (CONTROL.nPRIV)
    vtor,          // VTOR exists: the ROM's table is selected by writing it
    remap,         // no VTOR: the chip maps system memory at address 0 instead
    basepri,       // BASEPRI and FAULTMASK exist (Armv7-M, Armv8-M Mainline)
    mpu,           // the core can have an MPU (its presence is read from MPU_TYPE)
    caches,        // L1 caches controlled through CCR.DC/IC and set/way maintenance
    fpu,           // the floating-point extension (FPCCR, CPACR CP10/CP11)
    stack_limits,  // MSPLIM/PSPLIM
    security,      // the Armv8-M Security Extension: the caller may be Non-secure
};

struct Caps {
    const char* name;
    Arch arch;
    bool unprivileged;
    bool vtor;
    bool basepri;
    bool mpu;
    bool caches;
    bool fpu;
    bool stack_limits;
    bool security;

    constexpr bool has(Need n) const {
        switch (n) {
            case Need::all:
                return true;
            case Need::unprivileged:
                return unprivileged;
            case Need::vtor:
                return vtor;
            case Need::remap:
                return !vtor;
            case Need::basepri:
                return basepri;
            case Need::mpu:
                return mpu;
            case Need::caches:
                return caches;
            case Need::fpu:
                return fpu;
            case Need::stack_limits:
                return stack_limits;
            case Need::security:
                return security;
        }
        return false;
    }
    // Armv6-M has one NVIC word and no ICTR, no SHPR1 and no PRIGROUP (DDI0419E §B3.2, §B3.4).
    constexpr bool v6m() const { return arch == Arch::v6m; }
};

// The cores STM32 parts use. fpu is the floating-point extension as the ST parts of that
// core have it (every STM32 Cortex-M4/M7/M33 device header sets __FPU_PRESENT to 1, except
// the STM32WL); a build without an FPU ABI (no __ARM_FP) drops it, see kCaps below.
// Cortex-M0: no VTOR, no MPU and no unprivileged Thread mode (Cortex-M0 TRM DDI0432
// "Features"; DDI0419E §B1.4.4: CONTROL.nPRIV exists only with the Unprivileged/Privileged
// Extension). Cortex-M0+: VTOR, the MPU and that extension are options; the STM32 parts
// with an M0+ (C0, G0, L0) implement VTOR (their device headers set __VTOR_PRESENT 1) and
// are treated as having the extension; the MPU is read from MPU_TYPE at run time.
inline constexpr Caps kCortexM0{.name = "cortex-m0",
                                .arch = Arch::v6m,
                                .unprivileged = false,
                                .vtor = false,
                                .basepri = false,
                                .mpu = false,
                                .caches = false,
                                .fpu = false,
                                .stack_limits = false,
                                .security = false};
inline constexpr Caps kCortexM0Plus{.name = "cortex-m0plus",
                                    .arch = Arch::v6m,
                                    .unprivileged = true,
                                    .vtor = true,
                                    .basepri = false,
                                    .mpu = true,
                                    .caches = false,
                                    .fpu = false,
                                    .stack_limits = false,
                                    .security = false};
inline constexpr Caps kCortexM3{.name = "cortex-m3",
                                .arch = Arch::v7m,
                                .unprivileged = true,
                                .vtor = true,
                                .basepri = true,
                                .mpu = true,
                                .caches = false,
                                .fpu = false,
                                .stack_limits = false,
                                .security = false};
inline constexpr Caps kCortexM4{.name = "cortex-m4",
                                .arch = Arch::v7m,
                                .unprivileged = true,
                                .vtor = true,
                                .basepri = true,
                                .mpu = true,
                                .caches = false,
                                .fpu = true,
                                .stack_limits = false,
                                .security = false};
inline constexpr Caps kCortexM7{.name = "cortex-m7",
                                .arch = Arch::v7m,
                                .unprivileged = true,
                                .vtor = true,
                                .basepri = true,
                                .mpu = true,
                                .caches = true,
                                .fpu = true,
                                .stack_limits = false,
                                .security = false};
inline constexpr Caps kCortexM33{.name = "cortex-m33",
                                 .arch = Arch::v8m_main,
                                 .unprivileged = true,
                                 .vtor = true,
                                 .basepri = true,
                                 .mpu = true,
                                 .caches = false,
                                 .fpu = true,
                                 .stack_limits = true,
                                 .security = true};

constexpr Caps without_fpu(Caps c) {
    c.fpu = false;
    return c;
}

}  // namespace sysboot::core

// The core being compiled for (target builds only; host tests pick a Caps explicitly).
#if defined(__ARM_ARCH_6M__) || defined(__ARM_ARCH_7M__) || defined(__ARM_ARCH_7EM__) || \
    defined(__ARM_ARCH_8M_MAIN__)
#if defined(__ARM_ARCH_6M__)
#if defined(SYSBOOT_CPU_CORTEX_M0PLUS)
#define SYSBOOT_CORE_CAPS ::sysboot::core::kCortexM0Plus
#elif defined(SYSBOOT_CPU_CORTEX_M0)
#define SYSBOOT_CORE_CAPS ::sysboot::core::kCortexM0
#else
#error \
    "Armv6-M: define SYSBOOT_CPU_CORTEX_M0 or SYSBOOT_CPU_CORTEX_M0PLUS (the CMake package and sysboot.mk derive it from -mcpu)"
#endif
#elif defined(__ARM_ARCH_7M__)
#define SYSBOOT_CORE_CAPS ::sysboot::core::kCortexM3
#elif defined(__ARM_ARCH_7EM__)
#if defined(SYSBOOT_CPU_CORTEX_M7)
#define SYSBOOT_CORE_CAPS ::sysboot::core::kCortexM7
#elif defined(SYSBOOT_CPU_CORTEX_M4)
#define SYSBOOT_CORE_CAPS ::sysboot::core::kCortexM4
#else
#error \
    "Armv7E-M: define SYSBOOT_CPU_CORTEX_M4 or SYSBOOT_CPU_CORTEX_M7 (the CMake package and sysboot.mk derive it from -mcpu)"
#endif
#else
#define SYSBOOT_CORE_CAPS ::sysboot::core::kCortexM33
#endif
namespace sysboot::core {
// Without an FPU ABI (__ARM_FP, ACLE §6.5.1) the application cannot have used the FPU, and
// the FP registers may not even exist (STM32WL): the fpu_state step is left out.
#if defined(__ARM_FP)
inline constexpr Caps kCaps = SYSBOOT_CORE_CAPS;
#else
inline constexpr Caps kCaps = without_fpu(SYSBOOT_CORE_CAPS);
#endif
}  // namespace sysboot::core
#undef SYSBOOT_CORE_CAPS
#endif
