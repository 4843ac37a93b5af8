// The Non-secure world of nonsecure-qemu-an505: an application that calls sysboot from
// Non-secure state, as a TrustZone application's Non-secure side might. It prints what each
// entry point returned and ends the run; the library must refuse all three with
// SYSBOOT_ERR_NONSECURE (step refuse_nonsecure, docs/handoff.md F10) and change nothing.
// Output (tests/scenario/nonsecure_test.cpp reads it):
//   NS-START secure <TT S bit of our own code: 0 here>
//   NS-CHECK <status>, NS-ENTER <status>, NS-REQUEST <status>
//   NS-STATE primask <PRIMASK_NS> vtor <VTOR_NS>: what the refusals left as it was
//   NS-DONE, then semihosting exit 0
#include <cstdint>

#include "cmsdk_uart.hpp"
#include "rig.hpp"
#include "semihosting.hpp"
#include "sysboot/sysboot.h"

namespace {

// UART0 through its Non-secure alias (the Secure side made PPC port 5 Non-secure).
using uart = cmsdk::Uart<0x40200000, 32>;

volatile std::uint32_t& reg(std::uint32_t address) {
    return *reinterpret_cast<volatile std::uint32_t*>(address);
}

void put(char c) {
    for (unsigned i = 0; i < 100000 && (reg(uart::STATE) & uart::STATE_TXFULL) != 0; ++i) {
    }
    reg(uart::DATA) = static_cast<std::uint8_t>(c);
}
void put_str(const char* s) {
    for (; *s != '\0'; ++s) {
        put(*s);
    }
}
void put_dec(std::uint32_t v) {
    char digits[10];
    int n = 0;
    do {
        digits[n++] = static_cast<char>('0' + v % 10u);
        v /= 10u;
    } while (v != 0 && n < 10);
    while (n > 0) {
        put(digits[--n]);
    }
}
void put_hex(std::uint32_t v) {
    put_str("0x");
    for (int shift = 28; shift >= 0; shift -= 4) {
        put("0123456789ABCDEF"[(v >> shift) & 0xFu]);
    }
}
void put_line(const char* what, std::uint32_t value) {
    put_str(what);
    put(' ');
    put_dec(value);
    put_str("\r\n");
}

// The rig's Device (firmware/boards/emu-common/rig_board.cpp) without its reset-cause hooks:
// that word is Secure RAM. The ROM and its RAM stay where the Secure rig has them.
// VTOR as this (Non-secure) state sees it: VTOR_NS, which the Secure side set (DDI0553B "VTOR").
constexpr std::uint32_t kVtor = 0xE000ED08;

const sysboot_device_t kDevice = {
    rig::kDeviceName,
    0,
    {rig::kStandInRomBase, rig::kStandInRomSize},
    {rig::kRamBase, rig::kRomRamSize},
    {rig::kRamBase, rig::kRamSize},
    8,
    SYSBOOT_IF_EMULATED_UART,
    {nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr},
};

std::uint32_t own_security_bit() {
    std::uint32_t tt;
    asm volatile(
        "mov %0, pc\n\t"
        "tt %0, %0"
        : "=r"(tt));
    return (tt >> 22) & 1u;  // DDI0553B "TT": S, RAZ from Non-secure state
}

}  // namespace

extern "C" {
extern std::uint32_t __ns_stack_top[];
extern std::uint32_t __data_load[], __data_start[], __data_end[];
extern std::uint32_t __bss_start[], __bss_end[];
[[noreturn]] void nonsecure_main();
[[noreturn]] void nonsecure_fault();
}

namespace {
using Vector = void (*)();
struct NonsecureVectors {
    std::uint32_t* initial_sp;
    Vector exceptions[15];
};
}  // namespace

// VTOR_NS points here (the Secure side sets it): Non-secure faults end the run visibly.
[[gnu::section(".ns_vectors"), gnu::used]] const NonsecureVectors g_nonsecure_vectors = {
    __ns_stack_top,
    {nonsecure_main, nonsecure_fault, nonsecure_fault, nonsecure_fault, nonsecure_fault,
     nonsecure_fault, nonsecure_fault, nonsecure_fault, nonsecure_fault, nonsecure_fault,
     nonsecure_fault, nonsecure_fault, nonsecure_fault, nonsecure_fault, nonsecure_fault},
};

extern "C" [[noreturn]] void nonsecure_fault() {
    std::uint32_t ipsr;
    asm volatile("mrs %0, ipsr" : "=r"(ipsr));
    put_line("\r\nNS-FAULT", ipsr & 0x1FFu);
    rig::semihosting_exit(0xE0u | (ipsr & 0xFu));
}

// Entered from the Secure side with BLXNS, on MSP_NS, privileged (CONTROL_NS resets to 0).
extern "C" [[noreturn]] void nonsecure_main() {
    for (std::uint32_t *s = __data_load, *d = __data_start; d < __data_end;) {
        *d++ = *s++;
    }
    for (std::uint32_t* d = __bss_start; d < __bss_end;) {
        *d++ = 0;
    }
    reg(uart::BAUDDIV) = 16;
    reg(uart::CTRL) = uart::CTRL_TXEN;
    put_line("NS-START secure", own_security_bit());
    sysboot_report_t report{};
    put_line("NS-CHECK", sysboot_check(&kDevice, nullptr, &report));
    put_line("NS-ENTER", sysboot_enter(&kDevice, nullptr));
    put_line("NS-REQUEST", sysboot_request_on_reset(&kDevice));
    std::uint32_t primask;
    asm volatile("mrs %0, primask" : "=r"(primask));
    put_str("NS-STATE primask ");
    put_dec(primask);
    put_str(" vtor ");
    put_hex(reg(kVtor));
    put_str("\r\n");
    put_str("NS-DONE\r\n");
    rig::semihosting_exit(0);
}
