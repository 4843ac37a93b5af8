#include "capture.hpp"

namespace rom {

// The ROM is written for the CPU state right after reset (DDI0403E §B1.5.5, DDI0553
// §B3.23 and the reset values of each register): anything else is a hand-off bug. A
// register the core lacks was captured as 0 and passes.
std::uint32_t evaluate(const CoreCapture& core, const SystemCapture& sys, std::uint32_t own_base,
                       std::uint32_t own_msp) {
    std::uint32_t fail = 0;
    auto check = [&fail](bool bad, Fail bit) {
        if (bad) {
            fail |= bit;
        }
    };
    check((core.primask & 1u) != 0, kPrimask);
    check(core.basepri != 0, kBasepri);
    check((core.faultmask & 1u) != 0, kFaultmask);
    check(core.control != 0, kControl);
    check((core.ipsr & 0x1FFu) != 0, kIpsr);
    check(core.msp != own_msp, kMsp);
    check(core.msplim != 0 || core.psplim != 0, kStackLimit);
    check(sys.vector_base != own_base, kVtor);
    std::uint32_t enabled = 0;
    std::uint32_t pending = 0;
    std::uint32_t active = 0;
    for (std::uint32_t i = 0; i < sys.nvic_words && i < 8; ++i) {
        enabled |= sys.iser[i];
        pending |= sys.ispr[i];
        active |= sys.iabr[i];
    }
    check(enabled != 0, kNvicEnabled);
    check(pending != 0, kNvicPending);
    check(active != 0, kNvicActive);
    check((sys.systick_csr & 0x3u) != 0, kSystick);                    // ENABLE or TICKINT
    check((sys.icsr & ((1u << 26) | (1u << 28))) != 0, kIcsrPending);  // PENDSTSET, PENDSVSET
    check((sys.mpu_ctrl & 1u) != 0, kMpu);
    check((sys.ccr & ((1u << 16) | (1u << 17))) != 0, kCaches);
    check((sys.fpccr & 1u) != 0, kFpLazy);
    check(sys.cpacr != 0, kCpacr);
    check((sys.shcsr & 0xD8Bu) != 0, kShcsrActive);  // MEMFAULTACT..SYSTICKACT
    check(sys.priorities != 0, kPriorities);
    return fail;
}

}  // namespace rom
