// Size probes for the benchmark: the smallest image that reaches one hand-off path, so that
// --gc-sections keeps exactly the code that path needs. PROBE selects what is referenced:
//   0 nothing, 1 the Device (and so its chip hooks), 2 direct enter(), 3 reset path
//   request_on_reset(), 4 early handler handle_request_early(), 5 the common recipe,
//   6 all three paths (what a user who calls them all links).
// The benchmark subtracts probe 1 from 2..4 and 6, and probe 0 from 1 and 5.
// The Device comes from the chip layer when the board has one (PROBE_CHIP_DETECT, e.g.
// sysboot::stm32f7::detect): what a user links, without the example board's own wrappers
// (its console recovery around the hooks), which are the example's code, not the library's.
#include <cstdint>

#include "app/board.hpp"
#include "recipe.hpp"
#include "sysboot/sysboot.hpp"
#ifdef PROBE_CHIP_HEADER
#include PROBE_CHIP_HEADER
#endif

#ifndef PROBE
#error "PROBE must be 0..6"
#endif

extern "C" {
extern std::uint32_t __stack_top[];
[[noreturn]] void Reset_Handler();
}

using Vector = void (*)();
[[gnu::section(".isr_vector"), gnu::used]] const Vector g_probe_vectors[2] = {
    reinterpret_cast<Vector>(__stack_top), Reset_Handler};

// Results go to a volatile so nothing is optimised away.
volatile std::uintptr_t g_sink;

extern "C" [[noreturn]] void Reset_Handler() {
#if (PROBE >= 1 && PROBE <= 4) || PROBE == 6
    sysboot::Status why{};
#ifdef PROBE_CHIP_DETECT
    const sysboot::Device* dev = PROBE_CHIP_DETECT(why);
#else
    const sysboot::Device* dev = board::device(why);
#endif
    g_sink = reinterpret_cast<std::uintptr_t>(dev);
#endif
#if PROBE == 2
    g_sink = static_cast<std::uintptr_t>(sysboot::enter(*dev));
#elif PROBE == 3
    g_sink = static_cast<std::uintptr_t>(sysboot::request_on_reset(*dev));
#elif PROBE == 4
    sysboot::handle_request_early(*dev);
#elif PROBE == 5
    scenario::common_recipe(static_cast<std::uint32_t>(g_sink));
#elif PROBE == 6
    sysboot::handle_request_early(*dev);
    g_sink = static_cast<std::uintptr_t>(sysboot::request_on_reset(*dev));
    g_sink = static_cast<std::uintptr_t>(sysboot::enter(*dev));
#endif
    for (;;) {
    }
}
