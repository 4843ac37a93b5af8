// Vector table and Reset_Handler shared by every board image (application side).
// Armv7-M reset behaviour: DDI0403E §B1.5.5 (reset loads SP_main from word 0 of the vector
// table and branches to word 1; the CPU starts in Thread mode, privileged, on MSP, with
// PRIMASK=0). The board tells how many IRQ lines its NVIC has (SYSBOOT_IRQ_COUNT).
#include <cstdint>

#include "sysboot/cm7/scb.hpp"
#include "sysboot/mmio.hpp"

#ifndef SYSBOOT_IRQ_COUNT
#error "the board must define SYSBOOT_IRQ_COUNT (number of NVIC lines in its vector table)"
#endif

extern "C" {
// Linker-script symbols (firmware/boards/*/*.ld).
extern std::uint32_t __stack_top[];
extern std::uint32_t __data_load[], __data_start[], __data_end[];
extern std::uint32_t __bss_start[], __bss_end[];
extern void (*__init_array_start[])();
extern void (*__init_array_end[])();
extern const std::uint8_t __image_size[];

int main();
// The board's first words after reset: the reset-path check (sysboot_handle_request_early)
// runs here, before .data/.bss exist and before any clock is touched.
void board_early();
[[noreturn]] void board_fault(std::uint32_t exception);

[[noreturn]] void Reset_Handler();
void Default_Handler();
void NMI_Handler() __attribute__((weak, alias("Default_Handler")));
void HardFault_Handler() __attribute__((weak, alias("Default_Handler")));
void MemManage_Handler() __attribute__((weak, alias("Default_Handler")));
void BusFault_Handler() __attribute__((weak, alias("Default_Handler")));
void UsageFault_Handler() __attribute__((weak, alias("Default_Handler")));
void SVC_Handler() __attribute__((weak, alias("Default_Handler")));
void DebugMon_Handler() __attribute__((weak, alias("Default_Handler")));
void PendSV_Handler() __attribute__((weak, alias("Default_Handler")));
void SysTick_Handler() __attribute__((weak, alias("Default_Handler")));
void IRQ_Handler() __attribute__((weak, alias("Default_Handler")));
}

namespace {
using Vector = void (*)();
struct VectorTable {
    std::uint32_t* initial_sp;
    Vector exceptions[15];
    Vector irqs[SYSBOOT_IRQ_COUNT];
};
}  // namespace

// Word 7 is reserved by the architecture (DDI0403E §B1.5.3); sysboot stores the image size
// there so the emulator's boot stub knows how much to install. Silicon ignores it.
[[gnu::section(".isr_vector"), gnu::used]] const VectorTable g_vectors = {
    __stack_top,
    {
        Reset_Handler,
        NMI_Handler,
        HardFault_Handler,
        MemManage_Handler,
        BusFault_Handler,
        UsageFault_Handler,
        reinterpret_cast<Vector>(reinterpret_cast<std::uintptr_t>(__image_size)),
        nullptr,
        nullptr,
        nullptr,
        SVC_Handler,
        DebugMon_Handler,
        nullptr,
        PendSV_Handler,
        SysTick_Handler,
    },
    {
#define SYSBOOT_IRQ_1 IRQ_Handler,
#define SYSBOOT_IRQ_8                                                                   \
    SYSBOOT_IRQ_1 SYSBOOT_IRQ_1 SYSBOOT_IRQ_1 SYSBOOT_IRQ_1 SYSBOOT_IRQ_1 SYSBOOT_IRQ_1 \
        SYSBOOT_IRQ_1 SYSBOOT_IRQ_1
#if SYSBOOT_IRQ_COUNT % 8 != 0
#error "SYSBOOT_IRQ_COUNT must be a multiple of 8"
#endif
#include "irq_table.inc"
    },
};

extern "C" void Default_Handler() {
    std::uint32_t ipsr;
    asm volatile("mrs %0, ipsr" : "=r"(ipsr));
    board_fault(ipsr & 0x1FFu);
}

extern "C" [[noreturn]] void Reset_Handler() {
    board_early();
    for (std::uint32_t *src = __data_load, *dst = __data_start; dst < __data_end;) {
        *dst++ = *src++;
    }
    for (std::uint32_t* dst = __bss_start; dst < __bss_end;) {
        *dst++ = 0;
    }
#if defined(__ARM_FP)
    // FPU on before any C++ code may use it (DDI0403E §B3.2 CPACR: CP10/CP11 full access;
    // DSB+ISB so the next instruction sees it). Only images built for an FPU: CPACR does not
    // exist on Armv6-M and is reserved on a Cortex-M3.
    sysboot::mmio::set_bits32(sysboot::cm7::scb::CPACR, sysboot::cm7::scb::CPACR_CP10_CP11_FULL);
    asm volatile("dsb 0xF\n\tisb 0xF" ::: "memory");
#endif
    for (auto* f = __init_array_start; f < __init_array_end; ++f) {
        (*f)();
    }
    main();
    board_fault(0);
}
