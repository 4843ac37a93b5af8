// The stand-in ROM's first instructions and system capture on Armv7-M (Cortex-M3, -M4,
// -M7): PRIMASK, BASEPRI, FAULTMASK, CONTROL, IPSR, MSP, PSP, xPSR (DDI0403E §B1.4), then
// VTOR, ICTR-sized NVIC, SHPR1-3, MPU, CCR and, where there is an FPU, FPCCR/CPACR
// (on the Cortex-M3 these read 0 in QEMU and are reserved on silicon).
#include "capture_common.hpp"
#include "sysboot/cm7/fpu.hpp"

extern "C" {
extern rom::CoreCapture g_core;
[[noreturn]] void rom_main();
}

// Registers only, no stack, no call (the C++ after rom_main uses the stack).
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
        "movs r1, #0\n\t"
        "str r1, [r0, #32]\n\t"  // no MSPLIM/PSPLIM before Armv8-M
        "str r1, [r0, #36]\n\t"
        "b rom_main\n\t"
        ".ltorg\n\t");
}

namespace rom {

void capture_system(SystemCapture& sys) {
    using namespace sysboot::cm7;
    sys.vtor = read(scb::VTOR);
    sys.vector_base = sys.vtor;  // DDI0403E §B1.5.3: exceptions are fetched through VTOR
    sys.mem_mode = 0;
    const std::uint32_t words = (read(scb::ICTR) & scb::ICTR_INTLINESNUM_MASK) + 1u;
    capture_common(sys, words);
    sys.fpccr = read(fpu::FPCCR);
    sys.cpacr = read(scb::CPACR);
    sys.priorities =
        read(scb::SHPR1) | read(scb::SHPR2) | read(scb::SHPR3) | nvic_priorities(words);
}

void report_core_fields(const CoreCapture&, const SystemCapture&, Field) {}

}  // namespace rom
