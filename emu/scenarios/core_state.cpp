#include "core_state.hpp"

#include "rig.hpp"
#include "sysboot/cm7/mpu.hpp"
#include "sysboot/cm7/nvic.hpp"
#include "sysboot/mmio.hpp"

extern "C" std::uint32_t __stack_top[];

namespace scenario {
using sysboot::mmio::reg32;
using namespace sysboot::cm7;

void set_priority(unsigned irq, std::uint32_t priority) {
#if defined(__ARM_ARCH_6M__)
    // Armv6-M: NVIC_IPR is word-accessible only (DDI0419 §B3.4.7).
    const std::uint32_t addr = nvic::IPR0 + (irq & ~3u);
    const unsigned shift = 8 * (irq & 3u);
    reg32(addr) = (reg32(addr) & ~(0xFFu << shift)) | ((priority & 0xFFu) << shift);
#else
    sysboot::mmio::write8(nvic::IPR0 + irq, static_cast<std::uint8_t>(priority));
#endif
}

void mask_everything() {
#if defined(__ARM_ARCH_6M__)
    asm volatile("cpsid i" ::: "memory");
#else
    asm volatile("cpsid i\n\tcpsid f" ::: "memory");
    const std::uint32_t basepri = 0x80;
    asm volatile("msr basepri, %0" ::"r"(basepri));
#endif
}

#if SCENARIO_HAS_MPU && !defined(__ARM_ARCH_8M_MAIN__)
// PMSAv7 (DDI0403E §B3.5): RBAR, RASR with SIZE = log2(bytes) - 1.
void enable_app_mpu() {
    auto region = [](std::uint32_t n, std::uint32_t base, std::uint32_t size_log2,
                     std::uint32_t attr) {
        reg32(mpu::RNR) = n;
        reg32(mpu::RBAR) = base;
        reg32(mpu::RASR) = attr | ((size_log2 - 1) << 1) | mpu::RASR_ENABLE;
    };
    constexpr std::uint32_t kFullAccess = 3u << 24;
    constexpr std::uint32_t kXn = 1u << 28;
    region(0, rig::kFlashBase, 21, kFullAccess);                     // flash (2 MiB), executable
    region(1, rig::kRamBase, 22, kFullAccess | kXn);                 // SRAM (4 MiB)
    region(2, rig::uart0::BASE & ~0xFFFFFu, 20, kFullAccess | kXn);  // peripherals (UART)
    reg32(mpu::CTRL) = mpu::CTRL_ENABLE;
    asm volatile("dsb\n\tisb" ::: "memory");
}
#elif SCENARIO_HAS_MPU
// PMSAv8 (DDI0553 §B3.5): RBAR = base | SH | AP | XN, RLAR = limit | AttrIndx | EN,
// attributes in MAIR0 (0xFF normal write-back memory, 0x00 Device-nGnRnE).
void enable_app_mpu() {
    constexpr std::uint32_t kMair0 = 0xE000EDC0;
    constexpr std::uint32_t kRlar = 0xE000EDA0;
    constexpr std::uint32_t kApRwAny = 1u << 1;
    constexpr std::uint32_t kXn = 1u << 0;
    auto region = [](std::uint32_t n, std::uint32_t base, std::uint32_t size, std::uint32_t rbar,
                     std::uint32_t attr_index) {
        reg32(mpu::RNR) = n;
        reg32(mpu::RBAR) = (base & ~0x1Fu) | rbar;
        reg32(kRlar) = ((base + size - 1) & ~0x1Fu) | (attr_index << 1) | 1u;
    };
    reg32(kMair0) = 0x000000FFu;                               // Attr0 normal memory, Attr1 device
    region(0, rig::kFlashBase, rig::kFlashSize, kApRwAny, 0);  // flash, executable
    region(1, rig::kRamBase, rig::kRamSize, kApRwAny | kXn, 0);        // SRAM
    region(2, rig::uart0::BASE & ~0xFFFu, 0x1000, kApRwAny | kXn, 1);  // the UART
    reg32(mpu::CTRL) = mpu::CTRL_ENABLE;
    asm volatile("dsb\n\tisb" ::: "memory");
}
#else
void enable_app_mpu() {}
#endif

void set_stack_limits(std::uint32_t psp_base) {
#if SCENARIO_HAS_STACK_LIMITS
    // 6 KiB below the top of the application's 8 KiB stack: under everything this image
    // pushes, above the ROM's RAM (app.ld puts the application's RAM after it).
    const std::uint32_t msplim = reinterpret_cast<std::uint32_t>(__stack_top) - 0x1800u;
    asm volatile("msr msplim, %0\n\tmsr psplim, %1" ::"r"(msplim), "r"(psp_base) : "memory");
#else
    (void)psp_base;
#endif
}

}  // namespace scenario
