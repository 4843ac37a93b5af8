#pragma once
// The target port of the hand-off (see handoff.hpp): real MMIO and the few steps that must
// be instructions, not C, because the compiler may not touch memory or the stack there.
// One port for every core: what a core lacks (sysboot/core/caps.hpp) is compiled out, so
// no instruction the core does not have is ever assembled (Armv6-M has no MRS BASEPRI, no
// CPSID F, no MOVW/UBFX/CLZ; only Armv8-M has MSPLIM and TT).
#include <cstdint>

#include "sysboot/cm7/cache.hpp"
#include "sysboot/cm7/scb.hpp"
#include "sysboot/core/caps.hpp"
#include "sysboot/handoff.hpp"
#include "sysboot/mmio.hpp"

namespace sysboot {

struct CortexMPort {
    static constexpr core::Caps caps = core::kCaps;

    static std::uint32_t read(std::uint32_t addr) { return mmio::read32(addr); }
    static void write(std::uint32_t addr, std::uint32_t value) { mmio::write32(addr, value); }
    static std::uint32_t primask() {
        std::uint32_t v;
        asm volatile("mrs %0, primask" : "=r"(v));
        return v;
    }
    // Armv6-M has neither register (DDI0419E §B1.4.3): they read as their reset value 0.
    static std::uint32_t faultmask() {
        std::uint32_t v = 0;
        if constexpr (caps.basepri) {
            asm volatile("mrs %0, faultmask" : "=r"(v));
        }
        return v;
    }
    static std::uint32_t basepri() {
        std::uint32_t v = 0;
        if constexpr (caps.basepri) {
            asm volatile("mrs %0, basepri" : "=r"(v));
        }
        return v;
    }
    static std::uint32_t control() {
        std::uint32_t v;
        asm volatile("mrs %0, control" : "=r"(v));
        return v;
    }
    static std::uint32_t ipsr() {
        std::uint32_t v;
        asm volatile("mrs %0, ipsr" : "=r"(v));
        return v;
    }
    static void irq_disable() { asm volatile("cpsid i" ::: "memory"); }
    static void irq_enable() { asm volatile("cpsie i" ::: "memory"); }
    static void dsb() { asm volatile("dsb 0xF" ::: "memory"); }
    static void isb() { asm volatile("isb 0xF" ::: "memory"); }
    static void relax() { asm volatile("nop"); }

    // Step refuse_nonsecure: true when this code runs in Non-secure state on a core that
    // implements the Security Extension. ID_PFR1.Security (bits [7:4]) says whether the
    // extension exists (DDI0553B "ID_PFR1"); TT on our own address reports S = 1 only when
    // executed from Secure state, where our code is necessarily in Secure memory (DDI0553B
    // "TT, TTT, TTA, TTAT": S is RAZ from Non-secure state).
    // Unprivileged Thread mode cannot read ID_PFR1 (the SCS is privileged: an unprivileged
    // access is a BusFault, DDI0553B "System Control Space"), so there the answer is "not
    // known yet": the unprivileged path escalates, and the privileged handler that carries
    // the request out asks again (request_on_reset refuses a Non-secure caller too).
    static bool nonsecure() {
#if defined(__ARM_ARCH_8M_MAIN__)
        if ((control() & 1u) != 0 && (ipsr() & 0x1FFu) == 0) {
            return false;
        }
        constexpr std::uint32_t kIdPfr1 = 0xE000ED44;
        if (((read(kIdPfr1) >> 4) & 0xFu) == 0) {
            return false;
        }
        std::uint32_t tt;
        asm volatile(
            "mov %0, pc\n\t"
            "tt %0, %0\n\t"
            : "=r"(tt));
        return (tt & (1u << 22)) == 0;
#else
        return false;
#endif
    }

    // Step stack_limits (F11): MSPLIM and PSPLIM of the current Security state back to 0, their
    // reset value, before MSP takes the ROM's word 0: a limit above the ROM's stack faults
    // its first push (DDI0553B "Stack limit checks"). Lowering a limit never faults.
    static void clear_stack_limits() {
#if defined(__ARM_ARCH_8M_MAIN__)
        asm volatile(
            "movs r2, #0\n\t"
            "msr psplim, r2\n\t"
            "msr msplim, r2\n\t"
            "isb 0xF\n\t" ::
                : "r2", "memory");
#endif
    }

    // D-cache off, then clean+invalidate (op = DCCISW) or invalidate (op = DCISW) every
    // set/way of the L1 data cache. One asm block: between clearing CCR.DC and the end of
    // the loop nothing may store to memory (steps dcache_off in docs/handoff.md; DDI0403E §B2.2).
    // The number of sets comes from CCSIDR after CSSELR selects the L1 data cache (§B4.8); the
    // ways and the line length do not vary: every Cortex-M7 D-cache is 4-way with 32-byte
    // lines (Cortex-M7 TRM DDI0489 §5.9 "L1 caches"; ST AN4839 "Level 1 cache on STM32F7 and
    // STM32H7"), so the operand is set << 5 | way << 30 (§B2.2.7 set/way format). The cache
    // size is a power of two from 4 KiB (DDI0489 §5.9), so the number of sets is even (32 to
    // 512): the loop is unrolled over the four ways and two sets, 17 instructions per two sets
    // (8 stores, 6 ORRs for the way fields, one SUBS per set and one branch) instead of 6 per
    // set and way. docs/footprint.md explains why fewer is not possible with one store per
    // line.
    static void dcache_off_by_set_way(std::uint32_t op) {
#if defined(__ARM_ARCH_7EM__)
        asm volatile(
            "movw r0, #0xED84\n\t"  // CSSELR = 0: level 1, data
            "movt r0, #0xE000\n\t"
            "movs r1, #0\n\t"
            "str r1, [r0]\n\t"
            "dsb 0xF\n\t"
            "ldr r1, [r0, #-4]\n\t"  // CCSIDR
            "movw r2, #0xED14\n\t"   // CCR.DC = 0
            "movt r2, #0xE000\n\t"
            "ldr r3, [r2]\n\t"
            "bic r3, r3, #0x10000\n\t"
            "dsb 0xF\n\t"
            "str r3, [r2]\n\t"
            "dsb 0xF\n\t"
            "ubfx r1, r1, #13, #15\n\t"  // NumSets - 1 (odd)
            "lsls r1, r1, #5\n\t"        // the last set's field, [N+4:5] for 32-byte lines
            "1:\n\t"
            "str r1, [%[op]]\n\t"  // set s, way 0
            "orr r3, r1, #0x40000000\n\t"
            "str r3, [%[op]]\n\t"  // way 1
            "orr r3, r1, #0x80000000\n\t"
            "str r3, [%[op]]\n\t"  // way 2
            "orr r3, r1, #0xC0000000\n\t"
            "str r3, [%[op]]\n\t"   // way 3
            "subs r1, r1, #32\n\t"  // set s - 1 (s is odd, so s - 1 >= 0)
            "str r1, [%[op]]\n\t"
            "orr r3, r1, #0x40000000\n\t"
            "str r3, [%[op]]\n\t"
            "orr r3, r1, #0x80000000\n\t"
            "str r3, [%[op]]\n\t"
            "orr r3, r1, #0xC0000000\n\t"
            "str r3, [%[op]]\n\t"
            "subs r1, r1, #32\n\t"
            "bpl 1b\n\t"
            "dsb 0xF\n\t"
            "isb 0xF\n\t"
            :
            : [op] "r"(op)
            : "r0", "r1", "r2", "r3", "cc", "memory");
#else
        (void)op;
#endif
    }
    static void dcache_off_clean_invalidate() {
        dcache_off_by_set_way(cm7::cache::DCCISW);
    }
    static void dcache_off_invalidate() {
        dcache_off_by_set_way(cm7::cache::DCISW);
    }

    // Clean by address to the point of coherency (DCCMVAC, DDI0403E §B2.2), 32-byte lines.
    // Only a core with a data cache has anything to clean.
    static void clean_dcache_range(std::uint32_t addr, std::uint32_t size) {
        if constexpr (caps.caches) {
            constexpr std::uint32_t kDCCMVAC = 0xE000EF68;
            dsb();
            for (std::uint32_t a = addr & ~31u; a < addr + size; a += 32) {
                write(kDCCMVAC, a);
            }
            dsb();
            isb();
        } else {
            (void)addr;
            (void)size;
        }
    }

    // The last step (F1, F2, F4): see launch_sequence.
    [[noreturn]] static void launch(std::uint32_t msp, std::uint32_t pc);
};

// BASEPRI = 0 and FAULTMASK cleared (cores that have them), while PRIMASK still masks
// everything: neither write lets an interrupt in before the final CPSIE I.
#define SYSBOOT_UNMASK_BASEPRI "msr basepri, r2\n\tcpsie f\n\t"
// CONTROL = 0 (privileged, MSP, FPCA clear: DDI0403E §B1.4.4; ISB after writing CONTROL,
// §B5.2): from here on SP is MSP, so nothing may touch the stack before the branch.
#define SYSBOOT_CONTROL_RESET "msr control, r2\n\tisb 0xF\n\t"

// The last steps: CONTROL = 0, MSP = ROM word 0, BASEPRI = 0, FAULTMASK and PRIMASK
// cleared (the ROM never executes CPSIE and relies on interrupts: AN2606), branch to ROM
// word 1. One asm sequence with no stack access, so the old stack is never read after MSP
// changes; variants only for the steps a core or a mutation build leaves out.
[[noreturn]] inline void CortexMPort::launch(std::uint32_t msp, std::uint32_t pc) {
    constexpr bool control = step_runs(Step::control_reset, caps);
    constexpr bool unmask = step_runs(Step::unmask_interrupts, caps);
    if constexpr (control && unmask && caps.basepri) {
        asm volatile("movs r2, #0\n\t" SYSBOOT_CONTROL_RESET
                     "msr msp, %0\n\t" SYSBOOT_UNMASK_BASEPRI
                     "cpsie i\n\t"
                     "bx %1\n\t" ::"r"(msp),
                     "r"(pc)
                     : "r2", "memory");
    } else if constexpr (control && unmask) {
        asm volatile("movs r2, #0\n\t" SYSBOOT_CONTROL_RESET
                     "msr msp, %0\n\t"
                     "cpsie i\n\t"
                     "bx %1\n\t" ::"r"(msp),
                     "r"(pc)
                     : "r2", "memory");
    } else if constexpr (unmask && caps.basepri) {
        asm volatile("movs r2, #0\n\tmsr msp, %0\n\t" SYSBOOT_UNMASK_BASEPRI
                     "cpsie i\n\t"
                     "bx %1\n\t" ::"r"(msp),
                     "r"(pc)
                     : "r2", "memory");
    } else if constexpr (unmask) {
        asm volatile("movs r2, #0\n\tmsr msp, %0\n\tcpsie i\n\tbx %1\n\t" ::"r"(msp), "r"(pc)
                     : "r2", "memory");
    } else if constexpr (caps.basepri) {  // mutation build without unmask_interrupts
        asm volatile("movs r2, #0\n\t" SYSBOOT_CONTROL_RESET
                     "msr msp, %0\n\tmsr basepri, r2\n\t"
                     "bx %1\n\t" ::"r"(msp),
                     "r"(pc)
                     : "r2", "memory");
    } else {
        asm volatile("movs r2, #0\n\t" SYSBOOT_CONTROL_RESET "msr msp, %0\n\tbx %1\n\t" ::"r"(msp),
                     "r"(pc)
                     : "r2", "memory");
    }
    __builtin_unreachable();
}

#undef SYSBOOT_UNMASK_BASEPRI
#undef SYSBOOT_CONTROL_RESET

}  // namespace sysboot
