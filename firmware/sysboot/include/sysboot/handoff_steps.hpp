#pragma once
// The hand-off's individual steps over a Port (see handoff.hpp for the Port interface and
// the order they run in): ROM vector validation and the teardown of the core's state. Step
// names are those of sysboot/steps.def; F1..F9 refer to the failure table of
// docs/handoff.md.
#include <cstdint>

#include "sysboot/cm7/cache.hpp"
#include "sysboot/cm7/fpu.hpp"
#include "sysboot/cm7/mpu.hpp"
#include "sysboot/cm7/nvic.hpp"
#include "sysboot/cm7/reset.hpp"
#include "sysboot/cm7/scb.hpp"
#include "sysboot/cm7/systick.hpp"
#include "sysboot/core/caps.hpp"
#include "sysboot/steps.hpp"
#include "sysboot/sysboot.hpp"

namespace sysboot {

// How long the reset request waits for the reset before it gives up (Port::relax() calls).
inline constexpr std::uint32_t kResetWaitIterations = cm7::kResetWaitIterations;

namespace detail {

// Whether the hand-off built for this port's core runs step `s` (steps.def "need", and the
// step a mutation build removed).
template <class Port>
constexpr bool runs(Step s) {
    return step_runs(s, Port::caps);
}

inline bool in_range(const sysboot_range_t& r, std::uint32_t addr) {
    return addr >= r.base && addr - r.base < r.size;
}
// An initial stack pointer may equal the end of RAM (the stack is full-descending).
inline bool in_range_or_top(const sysboot_range_t& r, std::uint32_t addr) {
    return addr >= r.base && addr - r.base <= r.size;
}

// VTOR ignores its low 7 bits (DDI0403E §B3.2.5), so a ROM table it selects must be aligned;
// a core without VTOR needs the chip's remap hook instead (step remap).
template <class Port>
bool device_consistent(const Device& dev) {
    const bool selectable = Port::caps.vtor
                                ? (dev.system_memory.base & cm7::scb::VTOR_RESERVED_MASK) == 0
                                : dev.hooks.map_system_memory != nullptr;
    return dev.system_memory.size >= 8 && dev.ram.size != 0 && dev.stack_alignment != 0 &&
           (dev.stack_alignment & (dev.stack_alignment - 1)) == 0 && selectable;
}

// An MPU exists when the core can have one and MPU_TYPE.DREGION is not 0 (DDI0403E §B3.5.5,
// DDI0419E §B3.5: without an MPU, MPU_TYPE reads 0 and the other MPU registers are reserved).
template <class Port>
bool mpu_present(Port& port) {
    if constexpr (!Port::caps.mpu) {
        return false;
    } else {
        return ((port.read(cm7::mpu::TYPE) >> 8) & 0xFFu) != 0;
    }
}

// Reads the ROM's first two words. An application MPU without a background region
// (PRIVDEFENA=0) may not map system memory, and the read would fault (DDI0403E §B3.5), so
// the MPU is switched off around the two reads and restored, with interrupts masked so no
// handler runs with the MPU off. Privileged callers only (the MPU is in the SCS).
template <class Port>
void read_rom_vectors(Port& port, const Device& dev, std::uint32_t& msp, std::uint32_t& pc) {
    const std::uint32_t primask = port.primask();
    port.irq_disable();
    const std::uint32_t mpu_ctrl = mpu_present(port) ? port.read(cm7::mpu::CTRL) : 0;
    if ((mpu_ctrl & cm7::mpu::CTRL_ENABLE) != 0) {
        port.dsb();
        port.write(cm7::mpu::CTRL, 0);
        port.dsb();
        port.isb();
    }
    msp = port.read(dev.system_memory.base);
    pc = port.read(dev.system_memory.base + 4);
    if ((mpu_ctrl & cm7::mpu::CTRL_ENABLE) != 0) {
        port.dsb();
        port.write(cm7::mpu::CTRL, mpu_ctrl);
        port.dsb();
        port.isb();
    }
    if (primask == 0) {
        port.irq_enable();
    }
}

// Step validate_vectors (F8): the ROM's vector table must describe code we can run. Word 0 is the
// initial MSP: in RAM, aligned (AAPCS wants 8; DDI0403E §B1.5 ignores bits [1:0] on load, which
// would silently move the stack). Word 1 is the Reset_Handler: Thumb (bit 0 set, DDI0403E
// §B1.5 "vector table": a clear bit 0 faults as an INVSTATE UsageFault) and inside system
// memory (an erased 0xFFFFFFFF or a ROM that reads 0 under RDP/absence is caught here).
inline Status check_rom_vectors(const Device& dev, std::uint32_t msp, std::uint32_t pc) {
    if (!in_range_or_top(dev.ram, msp) || msp == dev.ram.base ||
        (msp & (dev.stack_alignment - 1)) != 0) {
        return Status::bad_stack_pointer;
    }
    if ((pc & 1u) == 0 || !in_range(dev.system_memory, pc & ~1u)) {
        return Status::bad_reset_vector;
    }
    return Status::ok;
}

template <class Port>
Status validate_vectors(Port& port, const Device& dev, std::uint32_t& msp, std::uint32_t& pc) {
    if (!device_consistent<Port>(dev)) {
        return Status::bad_argument;
    }
    read_rom_vectors(port, dev, msp, pc);
    if (!runs<Port>(Step::validate_vectors)) {
        return Status::ok;
    }
    return check_rom_vectors(dev, msp, pc);
}

// Step systick_off: SysTick off and its pending request cleared (DDI0403E §B3.3: CSR.ENABLE=0 stops
// the counter, any write to CVR clears it; §B3.2 ICSR.PENDSTCLR/PENDSVCLR drop the pending
// SysTick and PendSV exceptions, which NVIC ICPR does not cover).
template <class Port>
void stop_systick(Port& port) {
    port.write(cm7::systick::CSR, 0);
    port.write(cm7::systick::RVR, 0);
    port.write(cm7::systick::CVR, 0);
    port.write(cm7::scb::ICSR, cm7::scb::ICSR_PENDSTCLR | cm7::scb::ICSR_PENDSVCLR);
}

// The number of 32-line NVIC words: ICTR on Armv7-M/Armv8-M (DDI0403E §B3.4); Armv6-M has
// no ICTR and at most 32 lines (DDI0419E §B3.4).
template <class Port>
std::uint32_t nvic_words(Port& port) {
    if constexpr (Port::caps.v6m()) {
        return 1;
    } else {
        return (port.read(cm7::scb::ICTR) & cm7::scb::ICTR_INTLINESNUM_MASK) + 1u;
    }
}

// Step nvic_clear: every implemented NVIC line disabled and un-pended (DDI0403E §B3.4; ICTR gives
// the number of 32-line words, at most 16). One word store per 32 lines; each word is disabled
// before its pending bits are cleared. The ROM enables what it needs itself.
template <class Port>
void clear_nvic(Port& port) {
    const std::uint32_t words = nvic_words(port);
    for (std::uint32_t n = 0; n < words; ++n) {
        port.write(cm7::nvic::word(cm7::nvic::ICER0, n), 0xFFFFFFFFu);
        port.write(cm7::nvic::word(cm7::nvic::ICPR0, n), 0xFFFFFFFFu);
    }
}

// Step priorities_reset: priorities back to their reset value 0 (DDI0403E §B3.4 IPR, §B3.2 SHPR1-3)
// and PRIGROUP to 0: the ROM starts as after reset and sets the priorities it relies on itself.
// Word stores, eight per 32 lines (four priority bytes per IPR word), unrolled so the loop
// costs one compare per eight stores. Armv6-M: IPR is word-accessible only, there is no SHPR1
// and no PRIGROUP (DDI0419E §B3.2.8-§B3.2.10).
template <class Port>
void reset_priorities(Port& port) {
    for (std::uint32_t a = cm7::nvic::IPR0 + 32u * nvic_words(port); a != cm7::nvic::IPR0;) {
        a -= 32u;  // last lines first: the stores then use small positive offsets from `a`
        port.write(a, 0);
        port.write(a + 4u, 0);
        port.write(a + 8u, 0);
        port.write(a + 12u, 0);
        port.write(a + 16u, 0);
        port.write(a + 20u, 0);
        port.write(a + 24u, 0);
        port.write(a + 28u, 0);
    }
    if constexpr (!Port::caps.v6m()) {
        port.write(cm7::scb::SHPR1, 0);
    }
    port.write(cm7::scb::SHPR2, 0);
    port.write(cm7::scb::SHPR3, 0);
    if constexpr (!Port::caps.v6m()) {
        port.write(cm7::scb::AIRCR, cm7::scb::AIRCR_VECTKEY);  // PRIGROUP = 0
    }
}

// Step mpu_off (F5): MPU off so the ROM runs on the default memory map (DDI0403E §B3.5: with
// ENABLE=0 the default map applies); DSB+ISB so the next access uses it.
template <class Port>
void mpu_off(Port& port) {
    if (!mpu_present(port)) {
        return;
    }
    port.dsb();
    port.write(cm7::mpu::CTRL, 0);
    port.dsb();
    port.isb();
}

// Steps dcache_off, icache_off (F5): caches off. The D-cache must be disabled then
// cleaned+invalidated with no store in between (a store would go to SRAM and the clean would
// overwrite it with the stale dirty line): the port does that in one asm block. A cache that was
// never enabled holds no dirty line, so it is only invalidated. I-cache: off, invalidate all, DSB,
// ISB (DDI0403E §B2.2 cache maintenance; Cortex-M7 TRM "L1 caches").
template <class Port>
void caches_off(Port& port) {
    if constexpr (!Port::caps.caches) {
        return;
    }
    const std::uint32_t ccr = port.read(cm7::scb::CCR);
    if (runs<Port>(Step::dcache_off)) {
        if ((ccr & cm7::scb::CCR_DC) != 0) {
            port.dcache_off_clean_invalidate();
        } else {
            port.dcache_off_invalidate();
        }
    }
    if (runs<Port>(Step::icache_off)) {
        port.dsb();
        port.isb();
        port.write(cm7::scb::CCR, port.read(cm7::scb::CCR) & ~cm7::scb::CCR_IC);
        port.write(cm7::cache::ICIALLU, 0);
        port.dsb();
        port.isb();
    }
}

// Step fpu_state (F5): no lazy FP frame may be pending when the ROM takes its first exception
// (DDI0403E §B1.5.7: with FPCCR.LSPACT=1 the next FP instruction writes the app's FP
// registers to FPCAR, an address in the app's stack). FPCCR and CPACR go back to reset
// values (ASPEN|LSPEN, no FPU access). CONTROL.FPCA is cleared by launch() with CONTROL.
template <class Port>
void fpu_to_reset(Port& port) {
    port.write(cm7::fpu::FPCCR, cm7::fpu::FPCCR_ASPEN | cm7::fpu::FPCCR_LSPEN);
    port.write(cm7::scb::CPACR, 0);
    port.dsb();
    port.isb();
}

// Steps vtor and remap (F3): the ROM's vector table becomes the one exceptions use. With
// VTOR, write it (DDI0403E §B3.2.5; DSB+ISB so it applies to the next exception); without
// (Cortex-M0: the table is at address 0, DDI0419E §B1.5.3), the chip maps system memory at
// address 0 (STM32F0: SYSCFG_CFGR1.MEM_MODE = 01, RM0091 "SYSCFG configuration register 1").
template <class Port>
void select_rom_vectors(Port& port, const Device& dev) {
    if constexpr (runs<Port>(Step::vtor)) {
        port.write(cm7::scb::VTOR, dev.system_memory.base);
    } else if constexpr (runs<Port>(Step::remap)) {
        dev.hooks.map_system_memory();  // device_consistent() checked it is set
    } else {
        return;
    }
    port.dsb();
    port.isb();
}

// SYSRESETREQ through the one reset sequence (sysboot/cm7/reset.hpp); returns only when the
// core did not reset.
template <class Port>
Status system_reset(Port& port) {
    cm7::system_reset(port, kResetWaitIterations);
    return Status::reset_failed;
}
}  // namespace detail

}  // namespace sysboot
