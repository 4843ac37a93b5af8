#pragma once
// CPU state as the stand-in ROM found it, recorded by the first instructions of its reset
// handler before anything (the stack included) is touched. The capture is core-specific
// (capture_v6m.cpp, capture_v7m.cpp, capture_v8m.cpp: one of them is linked per core);
// registers a core does not have stay 0 and are not checked.
#include <cstdint>

namespace rom {

struct CoreCapture {
    std::uint32_t primask;
    std::uint32_t basepri;    // Armv7-M/Armv8-M Mainline only (DDI0403E §B1.4.3)
    std::uint32_t faultmask;  // idem
    std::uint32_t control;
    std::uint32_t ipsr;
    std::uint32_t msp;
    std::uint32_t psp;
    std::uint32_t xpsr;
    std::uint32_t msplim;  // Armv8-M Mainline only (DDI0553 §B3.5 "Stack limit checks")
    std::uint32_t psplim;
};

// System registers read right after the core capture (nothing has changed them yet).
struct SystemCapture {
    std::uint32_t vtor;         // VTOR as read (0 on a core without one)
    std::uint32_t vector_base;  // where the next exception's handler is fetched from
    std::uint32_t mem_mode;     // Armv6-M rig: the emulated remap word (else 0)
    std::uint32_t nvic_words;
    std::uint32_t iser[8];
    std::uint32_t ispr[8];
    std::uint32_t iabr[8];
    std::uint32_t systick_csr;
    std::uint32_t icsr;
    std::uint32_t shcsr;
    std::uint32_t mpu_ctrl;
    std::uint32_t ccr;
    std::uint32_t fpccr;
    std::uint32_t cpacr;
    std::uint32_t priorities;  // OR of every priority register the core has
};

// Bits of the failure mask the ROM reports (and a test may assert on one by one).
enum Fail : std::uint32_t {
    kPrimask = 1u << 0,    // F1: interrupts masked; the ROM never executes CPSIE
    kBasepri = 1u << 1,    // F1
    kFaultmask = 1u << 2,  // F1
    kControl = 1u << 3,    // F4/F5: unprivileged, PSP or FPCA left set
    kIpsr = 1u << 4,       // F3: still in Handler mode
    kMsp = 1u << 5,        // F2: MSP is not ROM word 0
    kVtor = 1u << 6,       // exceptions would go to the application's table (VTOR or remap)
    kNvicEnabled = 1u << 7,
    kNvicPending = 1u << 8,
    kNvicActive = 1u << 9,
    kSystick = 1u << 10,
    kIcsrPending = 1u << 11,  // SysTick/PendSV pending
    kMpu = 1u << 12,
    kCaches = 1u << 13,
    kFpLazy = 1u << 14,  // FPCCR.LSPACT
    kCpacr = 1u << 15,   // FPU access not at reset value
    kShcsrActive = 1u << 16,
    kPriorities = 1u << 17,  // NVIC/system priorities not at reset value
    kStackLimit = 1u << 18,  // MSPLIM/PSPLIM left set: the ROM's stack may fault (Armv8-M)
};

// The core-specific part (capture_v*m.cpp): reads the system registers into `sys`, and
// prints the core's extra report fields with `field`.
void capture_system(SystemCapture& sys);
using Field = void (*)(const char* name, std::uint32_t value);
void report_core_fields(const CoreCapture& core, const SystemCapture& sys, Field field);

std::uint32_t evaluate(const CoreCapture& core, const SystemCapture& sys, std::uint32_t own_base,
                       std::uint32_t own_msp);

}  // namespace rom
