#pragma once
// The hand-off sequence, written once over a hardware "port" so the same code runs on the
// target (Cm7Port: MMIO and inline asm) and in host tests (a recording fake).
//
// A Port provides:
//   uint32_t read(uint32_t addr); void write(uint32_t addr, uint32_t value);
//   uint32_t primask(), faultmask(), basepri(), control(), ipsr();
//   void irq_disable(); void irq_enable(); void dsb(); void isb();
//   void dcache_off_clean_invalidate();  // D-cache off + clean/invalidate, no store between
//   void dcache_off_invalidate();        // D-cache never enabled: nothing can be dirty
//   void clean_dcache_range(uint32_t addr, uint32_t size);
//   [[noreturn]] void launch(uint32_t msp, uint32_t pc);  // final step, one asm sequence
//   void relax();                         // one iteration of a bounded wait
//
// Design: docs/handoff.md. Failure numbers F1..F9 refer to its table.
#include <cstdint>

#include "sysboot/cm7/cache.hpp"
#include "sysboot/cm7/fpu.hpp"
#include "sysboot/cm7/mpu.hpp"
#include "sysboot/cm7/nvic.hpp"
#include "sysboot/cm7/scb.hpp"
#include "sysboot/cm7/systick.hpp"
#include "sysboot/noinit.hpp"
#include "sysboot/policy.hpp"
#include "sysboot/sysboot.hpp"

namespace sysboot {

// Steps of the direct hand-off. SYSBOOT_MUTATE_STEP=<n> removes step n from the build; only
// the mutation test (tests/mutation) uses it, to prove each step is load-bearing.
enum class Step : int {
    validate_vectors = 1,
    refuse_handler_mode = 2,
    mask_interrupts = 3,
    reset_peripherals = 4,
    restore_clocks = 5,
    systick_off = 6,
    nvic_clear = 7,
    mpu_off = 8,
    dcache_off = 9,
    icache_off = 10,
    fpu_state = 11,
    control_reset = 12,
    vtor = 13,
    unmask_interrupts = 14,
    priorities_reset = 15,
    refuse_unprivileged = 16,
};

inline constexpr int kStepCount = 16;

// Names for reports and the mutation tests (which iterate 1..kStepCount).
constexpr const char* step_name(Step s) {
    switch (s) {
        case Step::validate_vectors:
            return "validate_vectors";
        case Step::refuse_handler_mode:
            return "refuse_handler_mode";
        case Step::mask_interrupts:
            return "mask_interrupts";
        case Step::reset_peripherals:
            return "reset_peripherals";
        case Step::restore_clocks:
            return "restore_clocks";
        case Step::systick_off:
            return "systick_off";
        case Step::nvic_clear:
            return "nvic_clear";
        case Step::mpu_off:
            return "mpu_off";
        case Step::dcache_off:
            return "dcache_off";
        case Step::icache_off:
            return "icache_off";
        case Step::fpu_state:
            return "fpu_state";
        case Step::control_reset:
            return "control_reset";
        case Step::vtor:
            return "vtor";
        case Step::unmask_interrupts:
            return "unmask_interrupts";
        case Step::priorities_reset:
            return "priorities_reset";
        case Step::refuse_unprivileged:
            return "refuse_unprivileged";
    }
    return "?";
}
static_assert(step_name(static_cast<Step>(kStepCount))[0] != '?', "kStepCount is the last step");
static_assert(step_name(static_cast<Step>(kStepCount + 1))[0] == '?',
              "kStepCount is the last step");

#ifdef SYSBOOT_MUTATE_STEP
inline constexpr int kMutatedStep = SYSBOOT_MUTATE_STEP;
#else
inline constexpr int kMutatedStep = 0;
#endif

constexpr bool step_enabled(Step s) {
    return static_cast<int>(s) != kMutatedStep;
}

// How long a bounded wait spins before it gives up (iterations of Port::relax()).
inline constexpr std::uint32_t kResetWaitIterations = 1'000'000;

namespace detail {

inline bool in_range(const sysboot_range_t& r, std::uint32_t addr) {
    return addr >= r.base && addr - r.base < r.size;
}
// An initial stack pointer may equal the end of RAM (the stack is full-descending).
inline bool in_range_or_top(const sysboot_range_t& r, std::uint32_t addr) {
    return addr >= r.base && addr - r.base <= r.size;
}

inline bool device_consistent(const Device& dev) {
    return dev.system_memory.size >= 8 && dev.ram.size != 0 && dev.stack_alignment != 0 &&
           (dev.stack_alignment & (dev.stack_alignment - 1)) == 0 &&
           (dev.system_memory.base & cm7::scb::VTOR_RESERVED_MASK) == 0;
}

// Reads the ROM's first two words. An application MPU without a background region
// (PRIVDEFENA=0) may not map system memory, and the read would fault (DDI0403E §B3.5), so
// the MPU is switched off around the two reads and restored, with interrupts masked so no
// handler runs with the MPU off. Privileged callers only (the MPU is in the SCS).
template <class Port>
void read_rom_vectors(Port& port, const Device& dev, std::uint32_t& msp, std::uint32_t& pc) {
    const std::uint32_t primask = port.primask();
    port.irq_disable();
    const std::uint32_t mpu_ctrl = port.read(cm7::mpu::CTRL);
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

// Step 1 (F8): the ROM's vector table must describe code we can run. Word 0 is the initial
// MSP: in RAM, aligned (AAPCS wants 8; DDI0403E §B1.5 ignores bits [1:0] on load, which
// would silently move the stack). Word 1 is the Reset_Handler: Thumb (bit 0 set, DDI0403E
// §B1.5 "vector table": a clear bit 0 faults as an INVSTATE UsageFault) and inside system
// memory (an erased 0xFFFFFFFF or a ROM that reads 0 under RDP/absence is caught here).
template <class Port>
Status validate_vectors(Port& port, const Device& dev, std::uint32_t& msp, std::uint32_t& pc) {
    if (!device_consistent(dev)) {
        return Status::bad_argument;
    }
    read_rom_vectors(port, dev, msp, pc);
    if (!step_enabled(Step::validate_vectors)) {
        return Status::ok;
    }
    if (!in_range_or_top(dev.ram, msp) || msp == dev.ram.base ||
        (msp & (dev.stack_alignment - 1)) != 0) {
        return Status::bad_stack_pointer;
    }
    if ((pc & 1u) == 0 || !in_range(dev.system_memory, pc & ~1u)) {
        return Status::bad_reset_vector;
    }
    return Status::ok;
}

// Refusals that depend on the chip, not on the calling context.
template <class Port>
Status chip_refusal(const Device& dev, const Options& opt) {
    if (dev.hooks.rdp_level != nullptr && dev.hooks.rdp_level() == 2) {
        // AN2606 "RDP level 2": the ROM serves no memory command; an update is impossible.
        return Status::rdp_level2;
    }
    if (const Status p = rdp_policy(dev, opt); p != Status::ok) {
        return p;
    }
    if (dev.hooks.rom_usable != nullptr) {
        const auto s = from_c(dev.hooks.rom_usable());
        if (s != Status::ok) {
            return s;
        }
    }
    if (opt.refuse_with_watchdog && dev.hooks.watchdog_running != nullptr &&
        dev.hooks.watchdog_running()) {
        return Status::watchdog;
    }
    return Status::ok;
}

inline bool privileged(std::uint32_t control, std::uint32_t ipsr) {
    // Handler mode is always privileged; in Thread mode CONTROL.nPRIV (bit 0) decides
    // (DDI0403E §B1.4.4).
    return ipsr != 0 || (control & 1u) == 0;
}

inline sysboot_path_t choose_path(const Options& opt, std::uint32_t control, std::uint32_t ipsr) {
    const bool handler = ipsr != 0;
    const bool priv = privileged(control, ipsr);
    if (!priv) {
        if (!step_enabled(Step::refuse_unprivileged)) {
            return SYSBOOT_PATH_DIRECT;
        }
        return (opt.allow_reset_path && opt.escalate != nullptr) ? SYSBOOT_PATH_ESCALATE
                                                                 : SYSBOOT_PATH_REFUSE;
    }
    if (handler) {
        // F3: a branch never leaves Handler mode (DDI0403E §B1.5.8: only an exception
        // return does), so the ROM would run at this handler's priority with its own
        // interrupts masked. The reset path starts the ROM from Thread mode instead.
        if (!step_enabled(Step::refuse_handler_mode)) {
            return SYSBOOT_PATH_DIRECT;
        }
        return opt.allow_reset_path ? SYSBOOT_PATH_RESET : SYSBOOT_PATH_REFUSE;
    }
    if (opt.prefer_reset_path && opt.allow_reset_path) {
        return SYSBOOT_PATH_RESET;
    }
    return SYSBOOT_PATH_DIRECT;
}

inline Status refusal_for(std::uint32_t control, std::uint32_t ipsr) {
    return privileged(control, ipsr) ? Status::handler_mode : Status::unprivileged;
}

// Step 6: SysTick off and its pending request cleared (DDI0403E §B3.3: CSR.ENABLE=0 stops
// the counter, any write to CVR clears it; §B3.2 ICSR.PENDSTCLR/PENDSVCLR drop the pending
// SysTick and PendSV exceptions, which NVIC ICPR does not cover).
template <class Port>
void stop_systick(Port& port) {
    port.write(cm7::systick::CSR, 0);
    port.write(cm7::systick::RVR, 0);
    port.write(cm7::systick::CVR, 0);
    port.write(cm7::scb::ICSR, cm7::scb::ICSR_PENDSTCLR | cm7::scb::ICSR_PENDSVCLR);
}

// Step 7: every implemented NVIC line disabled and un-pended (DDI0403E §B3.4; ICTR gives
// the number of 32-line words). The ROM enables what it needs itself.
template <class Port>
void clear_nvic(Port& port) {
    const std::uint32_t words = (port.read(cm7::scb::ICTR) & cm7::scb::ICTR_INTLINESNUM_MASK) + 1u;
    for (std::uint32_t n = 0; n < words && n < cm7::nvic::kMaxWords; ++n) {
        port.write(cm7::nvic::word(cm7::nvic::ICER0, n), 0xFFFFFFFFu);
    }
    for (std::uint32_t n = 0; n < words && n < cm7::nvic::kMaxWords; ++n) {
        port.write(cm7::nvic::word(cm7::nvic::ICPR0, n), 0xFFFFFFFFu);
    }
}

// Priorities back to their reset value 0 (DDI0403E §B3.4 IPR, §B3.2 SHPR1-3) and PRIGROUP
// to 0: the ROM starts as after reset and sets the priorities it relies on itself.
template <class Port>
void reset_priorities(Port& port) {
    const std::uint32_t words = (port.read(cm7::scb::ICTR) & cm7::scb::ICTR_INTLINESNUM_MASK) + 1u;
    for (std::uint32_t n = 0; n < words * 8u; ++n) {
        port.write(cm7::nvic::word(cm7::nvic::IPR0, n), 0);
    }
    port.write(cm7::scb::SHPR1, 0);
    port.write(cm7::scb::SHPR2, 0);
    port.write(cm7::scb::SHPR3, 0);
    port.write(cm7::scb::AIRCR, cm7::scb::AIRCR_VECTKEY);  // PRIGROUP = 0
}

// Step 8 (F5): MPU off so the ROM runs on the default memory map (DDI0403E §B3.5: with
// ENABLE=0 the default map applies); DSB+ISB so the next access uses it.
template <class Port>
void mpu_off(Port& port) {
    port.dsb();
    port.write(cm7::mpu::CTRL, 0);
    port.dsb();
    port.isb();
}

// Steps 9-10 (F5): caches off. The D-cache must be disabled then cleaned+invalidated with
// no store in between (a store would go to SRAM and the clean would overwrite it with the
// stale dirty line): the port does that in one asm block. A cache that was never enabled
// holds no dirty line, so it is only invalidated. I-cache: off, invalidate all, DSB, ISB
// (DDI0403E §B2.2 cache maintenance; Cortex-M7 TRM "L1 caches").
template <class Port>
void caches_off(Port& port) {
    const std::uint32_t ccr = port.read(cm7::scb::CCR);
    if (step_enabled(Step::dcache_off)) {
        if ((ccr & cm7::scb::CCR_DC) != 0) {
            port.dcache_off_clean_invalidate();
        } else {
            port.dcache_off_invalidate();
        }
    }
    if (step_enabled(Step::icache_off)) {
        port.dsb();
        port.isb();
        port.write(cm7::scb::CCR, port.read(cm7::scb::CCR) & ~cm7::scb::CCR_IC);
        port.write(cm7::cache::ICIALLU, 0);
        port.dsb();
        port.isb();
    }
}

// Step 11 (F5): no lazy FP frame may be pending when the ROM takes its first exception
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

template <class Port>
bool wait_for_reset(Port& port) {
    for (std::uint32_t i = 0; i < kResetWaitIterations; ++i) {
        port.relax();
    }
    return false;
}

// SYSRESETREQ (DDI0403E §B3.2 AIRCR): VECTKEY must accompany the write; PRIGROUP is kept.
template <class Port>
Status system_reset(Port& port) {
    port.dsb();
    const std::uint32_t prigroup = port.read(cm7::scb::AIRCR) & cm7::scb::AIRCR_PRIGROUP_MASK;
    port.write(cm7::scb::AIRCR, cm7::scb::AIRCR_VECTKEY | prigroup | cm7::scb::AIRCR_SYSRESETREQ);
    port.dsb();
    wait_for_reset(port);
    return Status::reset_failed;
}

}  // namespace detail

// Preflight report: reads state, changes nothing.
template <class Port>
Report check_with(Port& port, const Device& dev, const Options& opt) {
    Report r{};
    const std::uint32_t control = port.control();
    r.ipsr = port.ipsr();
    r.privileged = detail::privileged(control, r.ipsr);
    std::uint32_t msp = 0;
    std::uint32_t pc = 0;
    // Unprivileged code cannot lift the MPU to read the ROM safely: the privileged part of
    // the reset path validates the vectors instead.
    r.vectors = r.privileged ? to_c(detail::validate_vectors(port, dev, msp, pc))
                             : SYSBOOT_ERR_UNPRIVILEGED;
    r.rom_stack_pointer = msp;
    r.rom_reset_vector = pc;
    r.on_psp = r.ipsr == 0 && (control & 2u) != 0;
    r.primask = port.primask() != 0;
    r.basepri = port.basepri();
    r.faultmask = port.faultmask() != 0;
    r.fp_context_active = (control & 4u) != 0;
    if (r.privileged) {
        // The SCS is privileged-only (DDI0403E §B3.2): an unprivileged read would fault.
        r.mpu_enabled = (port.read(cm7::mpu::CTRL) & cm7::mpu::CTRL_ENABLE) != 0;
        const std::uint32_t ccr = port.read(cm7::scb::CCR);
        r.dcache_enabled = (ccr & cm7::scb::CCR_DC) != 0;
        r.icache_enabled = (ccr & cm7::scb::CCR_IC) != 0;
        r.fp_lazy_pending = (port.read(cm7::fpu::FPCCR) & cm7::fpu::FPCCR_LSPACT) != 0;
    }
    r.rdp_level = dev.hooks.rdp_level != nullptr ? dev.hooks.rdp_level() : -1;
    r.watchdog_running =
        dev.hooks.watchdog_running != nullptr ? dev.hooks.watchdog_running() : false;
    r.path = detail::choose_path(opt, control, r.ipsr);
    Status verdict = r.privileged ? from_c(r.vectors) : Status::ok;
    if (verdict == Status::ok) {
        verdict = detail::chip_refusal<Port>(dev, opt);
    }
    if (verdict == Status::ok && r.path == SYSBOOT_PATH_REFUSE) {
        verdict = detail::refusal_for(control, r.ipsr);
    }
    r.verdict = to_c(verdict);
    return r;
}

// Reset path, first half: leave the request in no-init RAM and reset.
template <class Port>
Status request_on_reset_with(Port& port, const Device& dev, NoInit& ni) {
    std::uint32_t msp = 0;
    std::uint32_t pc = 0;
    Status s = Status::ok;
    if (!detail::privileged(port.control(), port.ipsr())) {
        s = Status::unprivileged;  // AIRCR, MPU and cache maintenance would fault (§B3.2)
    } else {
        s = detail::validate_vectors(port, dev, msp, pc);
    }
    if (s == Status::ok) {
        s = detail::chip_refusal<Port>(dev, default_options());
    }
    const auto addr = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(&ni));
    if (s == Status::ok && detail::in_range(dev.rom_ram, addr)) {
        s = Status::bad_argument;  // the ROM would overwrite the flag: linker script error
    }
    if (s != Status::ok) {
        ni.set_breadcrumb(SYSBOOT_CRUMB_REFUSED, s, SYSBOOT_PATH_RESET);
        return s;
    }
    const std::uint32_t primask = port.primask();
    port.irq_disable();
    ni.set_request(dev.system_memory.base);
    ni.set_breadcrumb(SYSBOOT_CRUMB_RESET_REQUESTED, Status::ok, SYSBOOT_PATH_RESET);
    if (dev.hooks.clear_reset_flags != nullptr) {
        // After the reset, only the software-reset cause may be recorded: that is how
        // handle_request_early() tells this reset from a power cycle.
        dev.hooks.clear_reset_flags();
    }
    // A reset drops dirty D-cache lines: write the request to SRAM first (DDI0403E §B2.2).
    port.clean_dcache_range(addr, sizeof(NoInit));
    s = detail::system_reset(port);
    ni.clear_request();
    ni.set_breadcrumb(SYSBOOT_CRUMB_REFUSED, s, SYSBOOT_PATH_RESET);
    if (primask == 0) {
        port.irq_enable();
    }
    return s;
}

// The direct hand-off (design.md "The hand-off sequence"). Safety: the caller must be
// ready to never return; every peripheral the application still drives is reset. Returns
// only with the reason it did not jump.
template <class Port>
Status enter_with(Port& port, const Device& dev, const Options& opt, NoInit& ni) {
    // 2. Context (F3, F4): Handler mode and unprivileged threads cannot do the direct path.
    const std::uint32_t control = port.control();
    const std::uint32_t ipsr = port.ipsr();
    const sysboot_path_t path = detail::choose_path(opt, control, ipsr);
    Status s = detail::rdp_policy(dev, opt);  // before any path: escalation and the reset
    if (s != Status::ok) {                    // path's second half run without options
        ni.set_breadcrumb(SYSBOOT_CRUMB_REFUSED, s, path);
        return s;
    }
    if (path == SYSBOOT_PATH_ESCALATE) {
        // Only privileged code may reset or touch the SCS; the application's escalation
        // (e.g. its RTOS's SVC) calls sysboot_request_on_reset() with privilege.
        opt.escalate(&dev, opt.escalate_ctx);
        s = Status::unprivileged;
        ni.set_breadcrumb(SYSBOOT_CRUMB_REFUSED, s, SYSBOOT_PATH_ESCALATE);
        return s;
    }
    if (path == SYSBOOT_PATH_REFUSE) {
        s = detail::refusal_for(control, ipsr);
        ni.set_breadcrumb(SYSBOOT_CRUMB_REFUSED, s, SYSBOOT_PATH_REFUSE);
        return s;
    }
    if (path == SYSBOOT_PATH_RESET) {
        return request_on_reset_with(port, dev, ni);  // validates the vectors itself
    }
    // 1. Refuse early: nothing has changed yet, so a refusal leaves the app running.
    std::uint32_t msp = 0;
    std::uint32_t pc = 0;
    s = detail::validate_vectors(port, dev, msp, pc);
    if (s == Status::ok) {
        s = detail::chip_refusal<Port>(dev, opt);
    }
    if (s != Status::ok) {
        ni.set_breadcrumb(SYSBOOT_CRUMB_REFUSED, s, SYSBOOT_PATH_DIRECT);
        return s;
    }

    // 2'. Mask interrupts for the whole teardown: an ISR running now would find its
    // peripheral, clock or stack half torn down.
    const std::uint32_t primask = port.primask();
    if (step_enabled(Step::mask_interrupts)) {
        port.irq_disable();
    }
    auto refuse = [&](Status why) {
        ni.set_breadcrumb(SYSBOOT_CRUMB_REFUSED, why, SYSBOOT_PATH_DIRECT);
        if (primask == 0) {
            port.irq_enable();
        }
        return why;
    };

    // 3. The application stops its drivers, then the chip resets every peripheral the ROM
    // uses (F7: AN2606 expects them in their reset state).
    if (opt.deinit != nullptr) {
        opt.deinit(opt.deinit_ctx);
    }
    if (step_enabled(Step::reset_peripherals) && dev.hooks.reset_peripherals != nullptr) {
        s = from_c(dev.hooks.reset_peripherals());
        if (s != Status::ok) {
            return refuse(s);
        }
    }
    // 4. Clock tree back to reset state (F6: the hook's waits are bounded).
    if (step_enabled(Step::restore_clocks) && dev.hooks.restore_clocks != nullptr) {
        s = from_c(dev.hooks.restore_clocks());
        if (s != Status::ok) {
            return refuse(s);
        }
    }
    // 5. SysTick.
    if (step_enabled(Step::systick_off)) {
        detail::stop_systick(port);
    }
    // 6. NVIC lines and priorities.
    if (step_enabled(Step::nvic_clear)) {
        detail::clear_nvic(port);
    }
    if (step_enabled(Step::priorities_reset)) {
        detail::reset_priorities(port);
    }
    // The breadcrumb and reset-cause clear happen before the caches are cleaned, so they
    // reach SRAM with the clean.
    ni.set_breadcrumb(SYSBOOT_CRUMB_ENTERED_ROM, Status::ok, SYSBOOT_PATH_DIRECT);
    if (dev.hooks.clear_reset_flags != nullptr) {
        dev.hooks.clear_reset_flags();
    }
    // 7. MPU, caches.
    if (step_enabled(Step::mpu_off)) {
        detail::mpu_off(port);
    }
    detail::caches_off(port);
    // 8. FPU state back to reset values.
    if (step_enabled(Step::fpu_state)) {
        detail::fpu_to_reset(port);
    }
    // 9. VTOR to the ROM's table (DDI0403E §B3.2: takes effect for the next exception;
    // DSB+ISB order it before anything the ROM does).
    if (step_enabled(Step::vtor)) {
        port.write(cm7::scb::VTOR, dev.system_memory.base);
        port.dsb();
        port.isb();
    }
    // CONTROL = 0, MSP = word 0, interrupts on, branch: one asm sequence (F1, F2, F4).
    port.launch(msp, pc);
}

// Reset path, second half: runs first in Reset_Handler with the CPU in its reset state.
template <class Port>
void handle_request_early_with(Port& port, const Device& dev, NoInit& ni) {
    const std::uint32_t flags = dev.hooks.reset_flags != nullptr
                                    ? dev.hooks.reset_flags()
                                    : static_cast<std::uint32_t>(SYSBOOT_RESET_SOFTWARE);
    std::uint32_t target = 0;
    if (ni.take_request(target)) {
        // The request is consumed before anything else: if the ROM faults and the board
        // resets, the app boots normally instead of looping into the ROM.
        std::uint32_t msp = 0;
        std::uint32_t pc = 0;
        Status s = Status::ok;
        if ((flags & SYSBOOT_RESET_SOFTWARE) == 0 || (flags & SYSBOOT_RESET_OTHER) != 0) {
            s = Status::reset_failed;  // stale flag after a power cycle or pin reset
        } else if (target != dev.system_memory.base) {
            s = Status::bad_argument;
        } else {
            s = detail::validate_vectors(port, dev, msp, pc);
        }
        if (s != Status::ok) {
            ni.set_breadcrumb(SYSBOOT_CRUMB_REFUSED, s, SYSBOOT_PATH_RESET);
            return;
        }
        ni.set_breadcrumb(SYSBOOT_CRUMB_ENTERED_ROM, Status::ok, SYSBOOT_PATH_RESET);
        if (dev.hooks.clear_reset_flags != nullptr) {
            dev.hooks.clear_reset_flags();
        }
        port.write(cm7::scb::VTOR, dev.system_memory.base);
        port.dsb();
        port.isb();
        port.launch(msp, pc);
    }
    // Started by the ROM's Go (AN3155 "Go command"): no reset since we entered the ROM, so
    // clocks, VTOR and peripherals are as the ROM left them. Reset once, cleanly.
    sysboot_breadcrumb_t crumb{};
    if (dev.hooks.reset_flags != nullptr && flags == 0 && ni.breadcrumb(crumb) &&
        crumb.state == SYSBOOT_CRUMB_ENTERED_ROM) {
        ni.set_breadcrumb(SYSBOOT_CRUMB_RETURNED, Status::ok, crumb.path);
        (void)detail::system_reset(port);
    }
}

}  // namespace sysboot
