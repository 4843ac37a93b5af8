// The ROM's jump to an application, shared by AN3155 Go (§3.5) and DFU Leave (AN3156
// "Leave DFU mode"): requested from a protocol interrupt, carried out in Thread mode.
#include <cstdint>

#include "rom_protocol.hpp"
#include "rom_uart.hpp"
#include "sysboot/mmio.hpp"
#include "usb_cable.hpp"

namespace rom {
namespace {
volatile bool g_go_pending = false;
volatile std::uint32_t g_go_address = 0;
}  // namespace

void request_go(std::uint32_t address) {
    g_go_address = address;
    g_go_pending = true;
}

bool protocol_take_go(std::uint32_t& address) {
    if (!g_go_pending) {
        return false;
    }
    address = g_go_address;
    return true;
}

// The ROM puts the peripherals it used back to their reset state, loads the MSP from the
// application's vector table and jumps to its reset handler. It does not reset the core:
// that is what sysboot's early handler has to detect.
[[noreturn]] void protocol_go(std::uint32_t address) {
    using sysboot::mmio::reg32;
    asm volatile("cpsid i" ::: "memory");
    uart::shutdown();
    if constexpr (kHasUsbCable) {
        cable_stop();
    }
    const std::uint32_t sp = reg32(address);
    const std::uint32_t pc = reg32(address + 4);
    asm volatile(
        "msr msp, %0\n\t"
        "cpsie i\n\t"
        "bx %1\n\t" ::"r"(sp),
        "r"(pc)
        : "memory");
    __builtin_unreachable();
}

}  // namespace rom
