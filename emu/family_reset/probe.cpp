// Reset-path probe for one STM32 family, built per family with the family's core flags and
// chip layer (firmware/chips/stm32-family) and run on Unicorn by tests/family_reset: the
// reset path of docs/handoff.md, request -> SYSRESETREQ -> early hand-off, nothing else.
//
// Reset_Handler: sysboot_stm32_family_detect() and sysboot_handle_request_early() first, before
// .data/.bss exist (as firmware/startup/startup.cpp does through board_early()), then probe_main():
// an unknown part stops in probe_done(SYSBOOT_ERR_UNKNOWN_DEVICE); a known one calls
// sysboot_request_on_reset(), which returns only on failure, into probe_done(status).
// The harness stops at probe_done, probe_main, probe_fault or the ROM's reset handler.
#include <cstdint>

#include "sysboot/stm32_family/stm32_family.h"
#include "sysboot/sysboot.h"

extern "C" {
// firmware/startup/cortex-m-app.ld
extern std::uint32_t __stack_top[];
extern std::uint32_t __data_load[], __data_start[], __data_end[];
extern std::uint32_t __bss_start[], __bss_end[];

[[noreturn]] void Reset_Handler();
[[noreturn, gnu::noinline, gnu::used]] void probe_main(const sysboot_device_t* dev,
                                                       sysboot_status_t why);
[[noreturn, gnu::noinline, gnu::used]] void probe_done(std::uint32_t status);
[[noreturn, gnu::noinline, gnu::used]] void probe_fault();
}

namespace {
using Vector = void (*)();
struct Vectors {
    std::uint32_t* initial_sp;
    Vector handlers[15];
};
// Word 0 the initial MSP, word 1 Reset_Handler, then the system exceptions (DDI0403E §B1.5.3;
// the probe takes none: each one is a fault for the harness).
[[gnu::section(".isr_vector"), gnu::used]] const Vectors g_probe_vectors = {
    __stack_top,
    {Reset_Handler, probe_fault, probe_fault, probe_fault, probe_fault, probe_fault, nullptr,
     nullptr, nullptr, nullptr, probe_fault, probe_fault, nullptr, probe_fault, probe_fault},
};
}  // namespace

extern "C" void Reset_Handler() {
    sysboot_status_t why = SYSBOOT_OK;
    const sysboot_device_t* dev = sysboot_stm32_family_detect(&why);
    if (dev != nullptr) {
        sysboot_handle_request_early(dev);  // jumps to the ROM when a request is pending
    }
    for (std::uint32_t *src = __data_load, *dst = __data_start; dst < __data_end;) {
        *dst++ = *src++;
    }
    for (std::uint32_t* p = __bss_start; p < __bss_end;) {
        *p++ = 0;
    }
    probe_main(dev, why);
}

extern "C" void probe_main(const sysboot_device_t* dev, sysboot_status_t why) {
    if (dev == nullptr) {
        probe_done(why);
    }
    probe_done(sysboot_request_on_reset(dev));
}

extern "C" void probe_done(std::uint32_t status) {
    for (;;) {
        asm volatile("" : : "r"(status));
    }
}

extern "C" void probe_fault() {
    for (;;) {
        asm volatile("");
    }
}
