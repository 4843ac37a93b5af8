// The stand-in ROM's first instructions and system capture on Armv8-M Mainline with the
// Security Extension (Cortex-M33, running Secure like STM32's system memory): as Armv7-M
// plus MSPLIM and PSPLIM (DDI0553 §B3.5 "Stack limit checks"): a limit the application left
// set makes the ROM's own stack (anywhere in its RAM) fault as soon as it falls below it.
#include "capture_common.hpp"
#include "sysboot/cm7/fpu.hpp"

extern "C" {
extern rom::CoreCapture g_core;
[[noreturn]] void rom_main();
}

extern "C" [[gnu::naked, noreturn]] void rom_reset() {
    asm volatile(
        "ldr r0, =g_core\n\t"
        "mrs r1, primask\n\t"
        "str r1, [r0, #0]\n\t"
        "mrs r1, basepri\n\t"
        "str r1, [r0, #4]\n\t"
        "mrs r1, faultmask\n\t"
        "str r1, [r0, #8]\n\t"
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
        "mrs r1, msplim\n\t"
        "str r1, [r0, #32]\n\t"
        "mrs r1, psplim\n\t"
        "str r1, [r0, #36]\n\t"
        "b rom_main\n\t"
        ".ltorg\n\t");
}

namespace rom {

void capture_system(SystemCapture& sys) {
    using namespace sysboot::cm7;
    sys.vtor = read(scb::VTOR);  // the Secure VTOR (VTOR_S) in Secure state
    sys.vector_base = sys.vtor;
    sys.mem_mode = 0;
    const std::uint32_t words = (read(scb::ICTR) & scb::ICTR_INTLINESNUM_MASK) + 1u;
    capture_common(sys, words);
    sys.fpccr = read(fpu::FPCCR);
    sys.cpacr = read(scb::CPACR);
    sys.priorities =
        read(scb::SHPR1) | read(scb::SHPR2) | read(scb::SHPR3) | nvic_priorities(words);
}

void report_core_fields(const CoreCapture& core, const SystemCapture&, Field field) {
    field("msplim", core.msplim);
    field("psplim", core.psplim);
}

}  // namespace rom
