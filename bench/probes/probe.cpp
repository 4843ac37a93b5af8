// Size probes for the benchmark: the smallest image that reaches one hand-off path, so that
// --gc-sections keeps exactly the code that path needs. PROBE selects what is referenced:
//   0 nothing, 1 the board's Device (and so its chip hooks), 2 direct enter(), 3 reset path
//   request_on_reset(), 4 early handler handle_request_early(), 5 the common recipe.
// The benchmark subtracts probe 1 from 2..4 and probe 0 from 5.
#include <cstdint>

#include "app/board.hpp"
#include "recipe.hpp"
#include "sysboot/sysboot.hpp"

#ifndef PROBE
#error "PROBE must be 0..5"
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
#if PROBE >= 1 && PROBE <= 4
    sysboot::Status why{};
    const sysboot::Device* dev = board::device(why);
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
#endif
    for (;;) {
    }
}
