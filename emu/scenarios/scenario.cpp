// Scenario firmware for the emulated boards (one image per core class): puts the CPU in a
// given context and state, then asks for the ROM bootloader through sysboot (or through the
// common recipe). The test reads the stand-in ROM's report (emu/rom) or the refusal printed
// here. Scenarios that need a feature the core lacks (FPU, MPU, BASEPRI, stack limits,
// unprivileged Thread mode) are compiled only where it exists (core_state.hpp); the test
// lists which scenarios apply to which core (tests/scenario/scenario_runner.cpp).
//
// Console protocol: the image prints "SCENARIO READY"; the test sends "<name> <impl>\r" with
// impl = sysboot | recipe. "SCENARIO HANDOFF" marks the call into sysboot (or the recipe). Refusals
// print "SCENARIO REFUSED <status>" and the image keeps answering "ping" with "pong" (the
// application survived).
#include <cstring>

#include "app/board.hpp"
#include "app/out.hpp"
#include "core_state.hpp"
#include "recipe.hpp"
#include "rig.hpp"
#include "sysboot/cm7/control.hpp"
#include "sysboot/cm7/nvic.hpp"
#include "sysboot/cm7/scb.hpp"
#include "sysboot/cm7/systick.hpp"
#include "sysboot/mmio.hpp"
#include "sysboot/sysboot.hpp"

namespace {

using namespace sysboot::cm7;

using sysboot::mmio::reg32;

constexpr unsigned kLowIrq = 5;  // lines nothing drives on the rigs: pended by software only
constexpr unsigned kHighIrq = 6;

enum class Impl { sysboot, recipe };
enum class Action { none, enter, svc_enter, request_reset };

const sysboot::Device* g_dev = nullptr;
Impl g_impl = Impl::sysboot;
volatile Action g_irq_action = Action::none;
volatile Action g_svc_action = Action::none;
volatile bool g_nest = false;
volatile bool g_deinit_pends = false;  // the app's de-init raises an interrupt (e.g. DMA stop)
constexpr unsigned kDriverIrq = 7;
alignas(8) std::uint32_t g_psp_stack[512];

void refused(sysboot::Status s) {
    app::put("SCENARIO REFUSED ");
    app::put_line(sysboot::to_string(s));
}

// The hand-off as the scenario asks for it; returns only when refused.
void hand_off() {
    // Tells the test the image booted and reached the hand-off: a mutant that fails before
    // this line is broken, not caught (tests/scenario/mutation_test.cpp).
    app::put_line("SCENARIO HANDOFF");
    if (g_impl == Impl::recipe) {
        scenario::common_recipe(g_dev->system_memory.base);
    }
    sysboot::Options opt = sysboot::default_options();
    if (g_deinit_pends) {
        // Stopping a driver often raises its interrupt (transfer aborted, FIFO flushed).
        // With interrupts masked for the teardown that ISR must not run before the ROM.
        opt.deinit = [](void*) {
            scenario::set_priority(kDriverIrq, 0x80);
            reg32(nvic::ISER0) = 1u << kDriverIrq;
            reg32(nvic::ISPR0) = 1u << kDriverIrq;
            asm volatile("dsb\n\tisb" ::: "memory");
        };
    }
    opt.escalate = [](const sysboot_device_t*, void*) {
        g_svc_action = Action::request_reset;
        asm volatile("svc #0" ::: "memory");
    };
    refused(sysboot::enter(*g_dev, opt));
}

void run_action(Action a) {
    if (a == Action::enter) {
        hand_off();
    } else if (a == Action::request_reset) {
        refused(sysboot::request_on_reset(*g_dev));
    }
}

// Thread mode on the process stack, privileged or not (CONTROL.SPSEL, nPRIV: DDI0403E
// §B1.4.4; ISB after writing CONTROL).
void on_psp(bool unprivileged) {
    const auto top = reinterpret_cast<std::uint32_t>(&g_psp_stack[512]);
    asm volatile("msr psp, %0" ::"r"(top));
    const std::uint32_t control = unprivileged ? (control::SPSEL | control::nPRIV) : control::SPSEL;
    asm volatile("msr control, %0\n\tisb" ::"r"(control) : "memory");
    hand_off();
}

void pend_irq(unsigned irq, std::uint32_t priority) {
    scenario::set_priority(irq, priority);
    reg32(nvic::ISER0) = 1u << irq;
    reg32(nvic::ISPR0) = 1u << irq;
    asm volatile("dsb\n\tisb" ::: "memory");
}

void run(const char* name) {
    app::put("SCENARIO START ");
    app::put_line(name);
    if (std::strcmp(name, "thread_msp") == 0) {
        hand_off();
    } else if (std::strcmp(name, "thread_psp") == 0) {
        on_psp(false);
#if SCENARIO_HAS_NPRIV
    } else if (std::strcmp(name, "unprivileged") == 0) {
        on_psp(true);
#endif
    } else if (std::strcmp(name, "svc") == 0) {
        g_svc_action = Action::enter;
        asm volatile("svc #0" ::: "memory");
    } else if (std::strcmp(name, "isr_low") == 0) {
        g_irq_action = Action::enter;
        pend_irq(kLowIrq, 0xC0);
    } else if (std::strcmp(name, "isr_high") == 0) {
        g_irq_action = Action::enter;
        pend_irq(kHighIrq, 0x00);
    } else if (std::strcmp(name, "nested_isr") == 0) {
        // The low-priority ISR pends the high one, which hands off with two ISRs active.
        g_irq_action = Action::enter;
        g_nest = true;
        scenario::set_priority(kHighIrq, 0x40);
        reg32(nvic::ISER0) = 1u << kHighIrq;
        pend_irq(kLowIrq, 0xC0);
    } else if (std::strcmp(name, "deinit_irq") == 0) {
        g_deinit_pends = true;
        hand_off();
#if SCENARIO_HAS_MPU
    } else if (std::strcmp(name, "mpu") == 0) {
        scenario::enable_app_mpu();
        hand_off();
#endif
#if SCENARIO_HAS_STACK_LIMITS
    } else if (std::strcmp(name, "stack_limits") == 0) {
        scenario::set_stack_limits(reinterpret_cast<std::uint32_t>(&g_psp_stack[0]));
        hand_off();
#endif
#if defined(__ARM_FP)
    } else if (std::strcmp(name, "fpu_lazy") == 0) {
        // FP work in Thread mode sets CONTROL.FPCA (DDI0403E §B1.4.4); an ISR taken now
        // reserves a lazy FP frame (FPCCR.LSPACT=1, FPCAR in this stack) that is still
        // pending when the ISR hands off.
        volatile float x = 1.5f;
        x = x * 3.0f;
        g_irq_action = Action::enter;
        pend_irq(kLowIrq, 0xC0);
    } else if (std::strcmp(name, "fpu_thread") == 0) {
        volatile float x = 2.5f;
        x = x * 3.0f;
        hand_off();
#endif
    } else if (std::strcmp(name, "everything_pending") == 0) {
        // Interrupts masked every way the core has, SysTick running, every line enabled and
        // pending, PendSV pending, priorities set: the caller's state at its worst.
        scenario::mask_everything();
        for (unsigned i = 0; i < rig::kIrqCount; ++i) {
            scenario::set_priority(i, 0x60);
        }
        reg32(scb::SHPR3) = 0xE0E00000u;
        for (unsigned w = 0; w < rig::kIrqCount / 32; ++w) {
            reg32(nvic::word(nvic::ISER0, w)) = 0xFFFFFFFFu;
            reg32(nvic::word(nvic::ISPR0, w)) = 0xFFFFFFFFu;
        }
        reg32(systick::RVR) = 999;
        reg32(systick::CVR) = 0;
        reg32(systick::CSR) = systick::CSR_ENABLE | systick::CSR_TICKINT | systick::CSR_CLKSOURCE;
        reg32(scb::ICSR) = scb::ICSR_PENDSVSET | scb::ICSR_PENDSTSET;
        hand_off();
    } else {
        app::put_line("SCENARIO UNKNOWN");
    }
}

}  // namespace

extern "C" void IRQ_Handler() {
    std::uint32_t ipsr;
    asm volatile("mrs %0, ipsr" : "=r"(ipsr));
    const unsigned irq = (ipsr & 0x1FFu) - 16u;
    if (irq == kDriverIrq) {
        // The application's driver ISR, running in the middle of the hand-off.
        app::put_line("SCENARIO ISR-DURING-HANDOFF");
        return;
    }
    if (irq == kLowIrq && g_nest) {
        g_nest = false;
        reg32(nvic::ISPR0) = 1u << kHighIrq;  // preempts this handler at once
        asm volatile("dsb\n\tisb" ::: "memory");
        return;
    }
    const Action a = g_irq_action;
    g_irq_action = Action::none;
    run_action(a);
}

extern "C" void SVC_Handler() {
    const Action a = g_svc_action;
    g_svc_action = Action::none;
    run_action(a);
}

extern "C" void PendSV_Handler() {}
extern "C" void SysTick_Handler() {}

int main() {
    board::init();
    sysboot::Status why{};
    g_dev = board::device(why);
    const sysboot::Breadcrumb b = sysboot::last_result();
    app::put("SCENARIO READY crumb=");
    app::put_dec(b.state);
    app::put(" status=");
    app::put_line(sysboot_status_name(b.status));
    char line[64];
    std::size_t len = 0;
    for (;;) {
        const int c = board::console_get();
        if (c < 0) {
            continue;
        }
        if (c != '\r' && c != '\n') {
            if (len + 1 < sizeof line) {
                line[len++] = static_cast<char>(c);
            }
            continue;
        }
        line[len] = '\0';
        len = 0;
        if (std::strcmp(line, "ping") == 0) {
            app::put_line("pong");
            continue;
        }
        char* impl = std::strchr(line, ' ');
        if (impl != nullptr) {
            *impl++ = '\0';
            g_impl = std::strcmp(impl, "recipe") == 0 ? Impl::recipe : Impl::sysboot;
        }
        if (line[0] != '\0') {
            run(line);
        }
    }
}
