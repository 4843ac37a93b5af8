// Target half of the fallback nonce source: where its counter lives and how it is made to
// survive a reset. The counter sits in .sysboot_auth_noinit, which the application linker
// script places in NOINIT with the hand-off block (firmware/startup/cortex-m-app.ld): outside
// the RAM the ROM uses (AN2606) and outside what startup code zeroes.
#include "sysboot/auth.h"
#include "sysboot/cortex_m_port.hpp"

namespace {
[[gnu::section(".sysboot_auth_noinit"), gnu::used]] alignas(32) sysboot_nonce_counter_t g_counter;
}  // namespace

extern "C" sysboot_nonce_counter_t* sysboot_noinit_nonce_counter(void) {
    return &g_counter;
}

// A system reset drops dirty D-cache lines (DDI0403E §B2.2): clean the counter to SRAM.
extern "C" void sysboot_noinit_persist(const volatile void* addr, size_t size) {
    sysboot::CortexMPort::clean_dcache_range(
        static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(addr)),
        static_cast<std::uint32_t>(size));
}
