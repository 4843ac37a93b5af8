// Stand-in for the STM32 ROM bootloader on the emulated boards (qemu-an385/-an386/-an500/
// -an505, qemu-microbit: one image per board, docs/emulated-board.md).
//
// 1. Its reset handler records the CPU state it was handed (capture.hpp; the core-specific
//    capture_v6m/v7m/v8m.cpp) before it touches the stack, evaluates it against the reset
//    state, and prints one machine-readable line:
//      ROM-ENTRY fail=0x... primask=... (every captured register)
// 2. Like the real ROM it never executes CPSIE and never writes VTOR or CONTROL: it enables
//    its UART RX interrupt in its own vector table and serves the bootloader protocol from
//    that interrupt. A hand-off that leaves interrupts masked, the core in Handler mode or
//    the vector table elsewhere (VTOR, or the remap on a core without VTOR) therefore gets
//    no answer (F1, F3).
// 3. The protocol (AN3155) runs in the RX interrupt; Go is carried out from Thread mode.
// 4. On a rig with a USB cable (qemu-an500: UART1, rig.hpp usb_cable) its USB DFU device
//    (AN3156) is reached through that cable (usb_cable.cpp), served from the cable's RX
//    interrupt in the same way.
#include <cstdint>

#include "capture.hpp"
#include "console.hpp"
#include "rig.hpp"
#include "rom_protocol.hpp"
#include "rom_uart.hpp"
#include "usb_cable.hpp"

// Written by rom_reset before the stack exists; NOLOAD so startup leaves it alone.
extern "C" {
[[gnu::section(".capture"), gnu::used]] rom::CoreCapture g_core;
}

extern "C" {
extern std::uint32_t __rom_stack_top[];
extern std::uint32_t __data_load[], __data_start[], __data_end[];
extern std::uint32_t __bss_start[], __bss_end[];
[[noreturn]] void rom_reset();
[[noreturn]] void rom_main();
void rom_default_handler();
void rom_uart_rx_handler();
void rom_usb_rx_handler();
}

namespace {
using Vector = void (*)();
constexpr unsigned kVectors = 16 + rig::kIrqCount;
constexpr bool kHasUsbCable = rom::kHasUsbCable;

// Also NOLOAD: captured before .bss is zeroed.
[[gnu::section(".capture")]] rom::SystemCapture g_sys;

constexpr Vector make_table_entry(unsigned i) {
    if (i == 1) {
        return rom_reset;
    }
    if (i == 16 + rig::kConsoleRxIrq) {
        return rom_uart_rx_handler;
    }
    if (kHasUsbCable && i == 16 + rom::kUsbCableRxIrq) {
        return rom_usb_rx_handler;
    }
    return rom_default_handler;
}

struct Table {
    std::uint32_t* sp;
    Vector v[kVectors - 1];
};
constexpr Table make_table() {
    Table t{__rom_stack_top, {}};
    for (unsigned i = 1; i < kVectors; ++i) {
        t.v[i - 1] = make_table_entry(i);
    }
    return t;
}
}  // namespace

[[gnu::section(".isr_vector"), gnu::used]] const Table g_rom_vectors = make_table();
// Bootloader ID, last byte of the ROM (AN2606: e.g. 0x90 = version 9.0). 0xE1 = emulated.
[[gnu::section(".rom_id"), gnu::used]] const std::uint8_t g_rom_id = 0xE1;

namespace {

// The board's bounded polled transmit; the ROM keeps its own UART set-up (rom_main).
void put(std::uint8_t b) {
    rig::console::put(b);
}
void put_str(const char* s) {
    while (*s != '\0') {
        put(static_cast<std::uint8_t>(*s++));
    }
}
void put_hex(std::uint32_t v) {
    put('0');
    put('x');
    for (int i = 7; i >= 0; --i) {
        put(static_cast<std::uint8_t>("0123456789abcdef"[(v >> (4 * i)) & 0xFu]));
    }
}
void field(const char* name, std::uint32_t v) {
    put(' ');
    put_str(name);
    put('=');
    put_hex(v);
}

void report(std::uint32_t fail) {
    put_str("ROM-ENTRY");
    field("fail", fail);
    field("primask", g_core.primask);
    field("basepri", g_core.basepri);
    field("faultmask", g_core.faultmask);
    field("control", g_core.control);
    field("ipsr", g_core.ipsr);
    field("msp", g_core.msp);
    field("psp", g_core.psp);
    field("vtor", g_sys.vtor);
    rom::report_core_fields(g_core, g_sys, field);
    field("iser0", g_sys.iser[0]);
    field("ispr0", g_sys.ispr[0]);
    field("iabr0", g_sys.iabr[0]);
    field("systick_csr", g_sys.systick_csr);
    field("icsr", g_sys.icsr);
    field("shcsr", g_sys.shcsr);
    field("mpu_ctrl", g_sys.mpu_ctrl);
    field("ccr", g_sys.ccr);
    field("fpccr", g_sys.fpccr);
    field("cpacr", g_sys.cpacr);
    field("priorities", g_sys.priorities);
    put_str("\r\n");
}

}  // namespace

extern "C" [[noreturn]] void rom_main() {
    rom::capture_system(g_sys);
    for (std::uint32_t *src = __data_load, *dst = __data_start; dst < __data_end;) {
        *dst++ = *src++;
    }
    for (std::uint32_t* dst = __bss_start; dst < __bss_end;) {
        *dst++ = 0;
    }
    // The UART as the ROM configures it, then the report.
    rom::uart::init();
    const std::uint32_t fail = rom::evaluate(g_core, g_sys, rig::kStandInRomBase,
                                             reinterpret_cast<std::uint32_t>(__rom_stack_top));
    report(fail);
    rom::protocol_init(put);
    // No CPSIE: like the real ROM, this relies on the hand-off having left PRIMASK clear.
    rom::uart::enable_rx_irq();
    if constexpr (kHasUsbCable) {
        rom::cable_init();
    }
    for (;;) {
        // Check and sleep with interrupts masked, then restore the mask as the hand-off left
        // it: an RX interrupt that asks for Go between the check and WFI would otherwise leave
        // the ROM asleep with the host waiting. WFI still wakes on an interrupt that PRIMASK
        // holds pending (DDI0403E §B1.5.19, DDI0419 §B1.5.19).
        std::uint32_t primask;
        asm volatile("mrs %0, primask" : "=r"(primask));
        asm volatile("cpsid i" ::: "memory");
        std::uint32_t go = 0;
        if (rom::protocol_take_go(go)) {
            rom::protocol_go(go);
        }
        asm volatile("wfi");
        if ((primask & 1u) == 0) {
            asm volatile("cpsie i" ::: "memory");
        }
    }
}

extern "C" void rom_uart_rx_handler() {
    rom::uart::on_rx_irq(rom::protocol_byte);
}

extern "C" void rom_usb_rx_handler() {
    if constexpr (kHasUsbCable) {
        rom::cable_rx_interrupt();
    }
}

extern "C" void rom_default_handler() {
    std::uint32_t ipsr;
    asm volatile("mrs %0, ipsr" : "=r"(ipsr));
    put_str("ROM-FAULT exception=");
    put_hex(ipsr & 0x1FFu);
    put_str("\r\n");
    for (;;) {
        asm volatile("wfi");
    }
}
