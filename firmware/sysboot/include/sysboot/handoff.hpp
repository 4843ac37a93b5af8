#pragma once
// The hand-off sequence, written once over a hardware "port" so the same code runs on the
// target (CortexMPort: MMIO and inline asm) and in host tests (a recording fake).
//
// A Port provides:
//   static constexpr core::Caps caps;     // the core (sysboot/core/caps.hpp): absent steps
//                                         // are compiled out
//   uint32_t read(uint32_t addr); void write(uint32_t addr, uint32_t value);
//   uint32_t primask(), faultmask(), basepri(), control(), ipsr();
//   void irq_disable(); void irq_enable(); void dsb(); void isb();
//   void dcache_off_clean_invalidate();  // D-cache off + clean/invalidate, no store between
//   void dcache_off_invalidate();        // D-cache never enabled: nothing can be dirty
//   void clean_dcache_range(uint32_t addr, uint32_t size);
//   [[noreturn]] void launch(uint32_t msp, uint32_t pc);  // final step, one asm sequence
//   void relax();                         // one iteration of a bounded wait
//   bool nonsecure();                     // Armv8-M: running in Non-secure state
//   void clear_stack_limits();            // Armv8-M Mainline: MSPLIM = PSPLIM = 0
//
// Design: docs/handoff.md. Step numbers are those of sysboot/steps.def (the list in
// docs/handoff.md); failure numbers F1..F11 refer to the failure table there.
#include <cstdint>

#include "sysboot/cm7/control.hpp"
#include "sysboot/cm7/fpu.hpp"
#include "sysboot/cm7/mpu.hpp"
#include "sysboot/cm7/scb.hpp"
#include "sysboot/handoff_steps.hpp"
#include "sysboot/noinit.hpp"
#include "sysboot/policy.hpp"
#include "sysboot/steps.hpp"
#include "sysboot/sysboot.hpp"

namespace sysboot {

namespace detail {

// The templates below take the options as `Opt`: sysboot_options_t (Options), or DefaultOptions
// (sysboot.hpp), whose constants fold the branches the default options never take.

// Refusals that depend on the chip, not on the calling context.
template <class Port, class Opt>
Status chip_refusal(const Device& dev, const Opt& opt) {
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
    return ipsr != 0 || (control & cm7::control::nPRIV) == 0;
}

template <class Port, class Opt>
sysboot_path_t choose_path(const Opt& opt, std::uint32_t control, std::uint32_t ipsr) {
    const bool handler = ipsr != 0;
    const bool priv = privileged(control, ipsr);
    if (!priv) {
        if (!runs<Port>(Step::refuse_unprivileged)) {
            return SYSBOOT_PATH_DIRECT;
        }
        return (opt.allow_reset_path && opt.escalate != nullptr) ? SYSBOOT_PATH_ESCALATE
                                                                 : SYSBOOT_PATH_REFUSE;
    }
    if (handler) {
        // F3: a branch never leaves Handler mode (DDI0403E §B1.5.8: only an exception
        // return does), so the ROM would run at this handler's priority with its own
        // interrupts masked. The reset path starts the ROM from Thread mode instead.
        if (!runs<Port>(Step::refuse_handler_mode)) {
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

// Step refuse_nonsecure (F10): with the Armv8-M Security Extension, a Non-secure caller
// cannot do this: the ROM is Secure memory, and a branch from Non-secure state to a Secure
// address that is not a Secure gateway is a SecureFault (DDI0553B "Security state
// transitions"); the SCS registers the hand-off resets are banked, so it would reset only
// the Non-secure copies. The Secure side must enter the ROM.
template <class Port>
bool refuse_as_nonsecure(Port& port) {
    if constexpr (runs<Port>(Step::refuse_nonsecure)) {
        return port.nonsecure();
    } else {
        return false;
    }
}

}  // namespace detail

// Preflight report: reads state, changes nothing.
template <class Port>
Report check_with(Port& port, const Device& dev, const Options& opt) {
    Report r{};
    const std::uint32_t control = port.control();
    r.ipsr = port.ipsr();
    r.privileged = detail::privileged(control, r.ipsr);
    const bool nonsecure = detail::refuse_as_nonsecure(port);
    std::uint32_t msp = 0;
    std::uint32_t pc = 0;
    // Unprivileged code cannot lift the MPU to read the ROM safely: the privileged part of
    // the reset path validates the vectors instead. Non-secure code may not read a Secure ROM.
    r.vectors = nonsecure      ? SYSBOOT_ERR_NONSECURE
                : r.privileged ? to_c(detail::validate_vectors(port, dev, msp, pc))
                               : SYSBOOT_ERR_UNPRIVILEGED;
    r.rom_stack_pointer = msp;
    r.rom_reset_vector = pc;
    r.on_psp = r.ipsr == 0 && (control & cm7::control::SPSEL) != 0;
    r.primask = port.primask() != 0;
    r.basepri = port.basepri();
    r.faultmask = port.faultmask() != 0;
    r.fp_context_active = (control & cm7::control::FPCA) != 0;
    if (r.privileged) {
        // The SCS is privileged-only (DDI0403E §B3.2): an unprivileged read would fault.
        r.mpu_enabled =
            detail::mpu_present(port) && (port.read(cm7::mpu::CTRL) & cm7::mpu::CTRL_ENABLE) != 0;
        if constexpr (Port::caps.caches) {
            const std::uint32_t ccr = port.read(cm7::scb::CCR);
            r.dcache_enabled = (ccr & cm7::scb::CCR_DC) != 0;
            r.icache_enabled = (ccr & cm7::scb::CCR_IC) != 0;
        }
        if constexpr (Port::caps.fpu) {
            r.fp_lazy_pending = (port.read(cm7::fpu::FPCCR) & cm7::fpu::FPCCR_LSPACT) != 0;
        }
    }
    r.rdp_level = dev.hooks.rdp_level != nullptr ? dev.hooks.rdp_level() : -1;
    r.watchdog_running =
        dev.hooks.watchdog_running != nullptr ? dev.hooks.watchdog_running() : false;
    r.path = detail::choose_path<Port>(opt, control, r.ipsr);
    Status verdict = (r.privileged || nonsecure) ? from_c(r.vectors) : Status::ok;
    if (verdict == Status::ok) {
        verdict = detail::chip_refusal<Port>(dev, opt);
    }
    if (verdict == Status::ok && r.path == SYSBOOT_PATH_REFUSE) {
        verdict = detail::refusal_for(control, r.ipsr);
    }
    r.verdict = to_c(verdict);
    return r;
}

// Reset path, first half: leave the request in no-init RAM and reset. It refuses for the
// same reasons as the direct path (`opt`: e.g. refuse_with_watchdog) before it resets, so
// check() and enter() agree whichever path enter() takes.
template <class Port, class Opt>
Status request_on_reset_with(Port& port, const Device& dev, const Opt& opt, NoInit& ni) {
    std::uint32_t msp = 0;
    std::uint32_t pc = 0;
    Status s = Status::ok;
    if (detail::refuse_as_nonsecure(port)) {
        s = Status::nonsecure;  // the Secure side owns the reset and the ROM (F10)
    } else if (!detail::privileged(port.control(), port.ipsr())) {
        s = Status::unprivileged;  // AIRCR, MPU and cache maintenance would fault (§B3.2)
    } else {
        s = detail::validate_vectors(port, dev, msp, pc);
    }
    if (s == Status::ok) {
        s = detail::chip_refusal<Port>(dev, opt);
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

template <class Port>
Status request_on_reset_with(Port& port, const Device& dev, NoInit& ni) {
    return request_on_reset_with(port, dev, DefaultOptions{}, ni);
}

// The direct hand-off (docs/handoff.md "The direct path, step by step"). Safety: the caller must be
// ready to never return; every peripheral the application still drives is reset. Returns
// only with the reason it did not jump.
template <class Port, class Opt>
Status enter_with(Port& port, const Device& dev, const Opt& opt, NoInit& ni) {
    // Steps refuse_unprivileged (F4), refuse_handler_mode (F3): Handler mode and unprivileged
    // threads cannot do the direct path.
    const std::uint32_t control = port.control();
    const std::uint32_t ipsr = port.ipsr();
    // Step refuse_nonsecure (F10): before any path, since none of them works from there.
    if (detail::refuse_as_nonsecure(port)) {
        ni.set_breadcrumb(SYSBOOT_CRUMB_REFUSED, Status::nonsecure, SYSBOOT_PATH_REFUSE);
        return Status::nonsecure;
    }
    const sysboot_path_t path = detail::choose_path<Port>(opt, control, ipsr);
    Status s = detail::rdp_policy(dev, opt);  // before any path: escalation and the reset
    if (s != Status::ok) {                    // path's second half run without options
        ni.set_breadcrumb(SYSBOOT_CRUMB_REFUSED, s, path);
        return s;
    }
    if (path == SYSBOOT_PATH_ESCALATE) {
        // The chip refusals check() reports hold here too: the privileged side only sees
        // the default options.
        s = detail::chip_refusal<Port>(dev, opt);
        if (s != Status::ok) {
            ni.set_breadcrumb(SYSBOOT_CRUMB_REFUSED, s, SYSBOOT_PATH_ESCALATE);
            return s;
        }
        // Only privileged code may reset or touch the SCS; the application's escalation
        // (e.g. its RTOS's SVC) calls sysboot_request_on_reset() with privilege.
        if (opt.escalate != nullptr) {  // always, when choose_path() escalates
            opt.escalate(&dev, opt.escalate_ctx);
        }
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
        return request_on_reset_with(port, dev, opt, ni);  // same refusals as below
    }
    // Step validate_vectors (F8) and the chip refusals (F8, F9). Refuse early: nothing has changed
    // yet, so a refusal leaves the app running.
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

    // Step mask_interrupts: mask interrupts for the whole teardown: an ISR running now would find
    // its peripheral, clock or stack half torn down.
    const std::uint32_t primask = port.primask();
    if (detail::runs<Port>(Step::mask_interrupts)) {
        port.irq_disable();
    }

    // Step reset_peripherals (F7): the application stops its drivers, then the chip resets every
    // peripheral the ROM uses (F7: AN2606 expects them in their reset state).
    if (opt.deinit != nullptr) {
        opt.deinit(opt.deinit_ctx);
    }
    if (detail::runs<Port>(Step::reset_peripherals) && dev.hooks.reset_peripherals != nullptr) {
        s = from_c(dev.hooks.reset_peripherals());
    }
    // Step restore_clocks (F6): clock tree back to reset state (F6: the hook's waits are bounded).
    if (s == Status::ok && detail::runs<Port>(Step::restore_clocks) &&
        dev.hooks.restore_clocks != nullptr) {
        s = from_c(dev.hooks.restore_clocks());
    }
    if (s != Status::ok) {  // a hook timed out: the app keeps running, interrupts as they were
        ni.set_breadcrumb(SYSBOOT_CRUMB_REFUSED, s, SYSBOOT_PATH_DIRECT);
        if (primask == 0) {
            port.irq_enable();
        }
        return s;
    }
    // Steps systick_off, nvic_clear, priorities_reset.
    if (detail::runs<Port>(Step::systick_off)) {
        detail::stop_systick(port);
    }
    if (detail::runs<Port>(Step::nvic_clear)) {
        detail::clear_nvic(port);
    }
    if (detail::runs<Port>(Step::priorities_reset)) {
        detail::reset_priorities(port);
    }
    // The breadcrumb and reset-cause clear happen before the caches are cleaned, so they
    // reach SRAM with the clean.
    ni.set_breadcrumb(SYSBOOT_CRUMB_ENTERED_ROM, Status::ok, SYSBOOT_PATH_DIRECT);
    if (dev.hooks.clear_reset_flags != nullptr) {
        dev.hooks.clear_reset_flags();
    }
    // Steps mpu_off, dcache_off, icache_off.
    if (detail::runs<Port>(Step::mpu_off)) {
        detail::mpu_off(port);
    }
    detail::caches_off(port);
    // Step fpu_state: FPU state back to reset values.
    if constexpr (detail::runs<Port>(Step::fpu_state)) {
        detail::fpu_to_reset(port);
    }
    // Steps vtor / remap: the ROM's vector table is the one exceptions use.
    detail::select_rom_vectors(port, dev);
    // Step stack_limits (F11): no stack limit of the application's survives into the ROM.
    if constexpr (detail::runs<Port>(Step::stack_limits)) {
        port.clear_stack_limits();
    }
    // Steps control_reset and unmask_interrupts: CONTROL = 0, MSP = word 0, interrupts on,
    // branch, in one asm sequence (F1, F2, F4).
    port.launch(msp, pc);
}

// Reset path, second half: runs first in Reset_Handler with the CPU in its reset state, before
// .data/.bss exist, so it does only what must come before the application's start-up code: take
// the request, check why the part reset, and jump; or reset once after the ROM's Go.
template <class Port>
void handle_request_early_with(Port& port, const Device& dev, NoInit& ni) {
    const std::uint32_t flags = dev.hooks.reset_flags != nullptr
                                    ? dev.hooks.reset_flags()
                                    : static_cast<std::uint32_t>(SYSBOOT_RESET_SOFTWARE);
    std::uint32_t target = 0;
    if (ni.take_request(target)) {
        // The request is consumed before anything else: if the ROM faults and the board
        // resets, the app boots normally instead of looping into the ROM.
        // The ROM's words were checked by request_on_reset() (step validate_vectors) just
        // before it reset the part, for the same system memory (`target`); system memory is
        // read-only, so they are read, not checked again. Out of reset the MPU is off (MPU_CTRL
        // resets to 0, DDI0403E §B3.5.6), so the read needs no MPU lift.
        Status s = Status::ok;
        if ((flags & SYSBOOT_RESET_SOFTWARE) == 0 || (flags & SYSBOOT_RESET_OTHER) != 0) {
            s = Status::reset_failed;  // stale flag after a power cycle or pin reset
        } else if (target != dev.system_memory.base) {
            s = Status::bad_argument;
        }
        if (s != Status::ok) {
            ni.set_breadcrumb(SYSBOOT_CRUMB_REFUSED, s, SYSBOOT_PATH_RESET);
            return;
        }
        ni.set_breadcrumb(SYSBOOT_CRUMB_ENTERED_ROM, Status::ok, SYSBOOT_PATH_RESET);
        if (dev.hooks.clear_reset_flags != nullptr) {
            dev.hooks.clear_reset_flags();
        }
        // Out of reset: no stack limit is set and nothing else needs undoing; only the
        // vector table must be the ROM's (with VTOR, or through the chip's remap).
        if constexpr (Port::caps.vtor) {
            port.write(cm7::scb::VTOR, dev.system_memory.base);
        } else {
            dev.hooks.map_system_memory();
        }
        port.dsb();
        port.isb();
        port.launch(port.read(target), port.read(target + 4));
    }
    // Started by the ROM's Go (AN3155 "Go command"): no reset since we entered the ROM, so
    // clocks, VTOR and peripherals are as the ROM left them. Reset once, cleanly.
    if (dev.hooks.reset_flags != nullptr && flags == 0 && ni.entered_rom()) {
        ni.mark_returned();
        (void)detail::system_reset(port);
    }
}

}  // namespace sysboot
