// The stand-in ROM's first instructions and system capture on Armv6-M (Cortex-M0, the
// micro:bit rig). Armv6-M has PRIMASK but no BASEPRI/FAULTMASK, no ICTR, no SHPR1, no FPU
// (DDI0419 §B1.4, §B3.2), and the Cortex-M0 has no VTOR: exceptions are always fetched
// from address 0, which on STM32F0 shows whichever memory SYSCFG_CFGR1.MEM_MODE selects
// (RM0091 §9.1.1). The rig plays that remap with a dispatcher at 0 and a MEM_MODE word
// (emu/bootstub/remap_boot.cpp), so "VTOR = ROM" becomes "the remap selects system memory".
#include "capture_common.hpp"
#include "rig.hpp"

extern "C" {
extern rom::CoreCapture g_core;
[[noreturn]] void rom_main();
}

extern "C" [[gnu::naked, noreturn]] void rom_reset() {
    asm volatile(
        "ldr r0, =g_core\n\t"
        "mrs r1, primask\n\t"
        "str r1, [r0, #0]\n\t"
        "movs r1, #0\n\t"
        "str r1, [r0, #4]\n\t"  // no BASEPRI, FAULTMASK, MSPLIM, PSPLIM on Armv6-M
        "str r1, [r0, #8]\n\t"
        "str r1, [r0, #32]\n\t"
        "str r1, [r0, #36]\n\t"
        "mrs r1, control\n\t"
        "str r1, [r0, #12]\n\t"
        "mrs r1, ipsr\n\t"
        "str r1, [r0, #16]\n\t"
        "mrs r1, msp\n\t"
        "str r1, [r0, #20]\n\t"
        "mrs r1, psp\n\t"
        "str r1, [r0, #24]\n\t"
        "mrs r1, xpsr\n\t"
        "str r1, [r0, #28]\n\t"
        "b rom_main\n\t"
        ".ltorg\n\t");
}

namespace rom {

void capture_system(SystemCapture& sys) {
    using namespace sysboot::cm7;
    // QEMU's Cortex-M0 implements a VTOR the silicon does not have; a hand-off that wrote
    // it would work only in the emulator, so a nonzero VTOR counts as a wrong table too.
    sys.vtor = read(scb::VTOR);
    sys.mem_mode = read(rig::kMemModeWord) & rig::kMemModeMask;
    const std::uint32_t selected =
        sys.mem_mode == rig::kMemModeSystem ? rig::kStandInRomBase : rig::kFlashBase;
    sys.vector_base = sys.vtor == 0 ? selected : 0xFFFFFFFFu;
    const std::uint32_t words = rig::kIrqCount / 32;
    capture_common(sys, words);
    sys.fpccr = 0;
    sys.cpacr = 0;
    sys.priorities = read(scb::SHPR2) | read(scb::SHPR3) | nvic_priorities(words);
}

void report_core_fields(const CoreCapture&, const SystemCapture& sys, Field field) {
    field("mem_mode", sys.mem_mode);
}

}  // namespace rom
