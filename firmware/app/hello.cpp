// The smallest image: banner, then exit 0. Proves the board port boots (startup, .data,
// .bss, C++ static init, console, exit) before anything else runs on it.
#include "board.hpp"
#include "out.hpp"

namespace {
struct StaticInit {
    std::uint32_t value = 0x5B;
    StaticInit() { value = 0xB007; }  // runs only if the init_array loop works
};
StaticInit g_static;
std::uint32_t g_data = 0x12345678;  // .data copy
std::uint32_t g_bss;                // .bss zero
}  // namespace

int main() {
    board::init();
    app::put("sysboot hello on ");
    app::put(board::name());
    app::put(" build ");
    app::put(SYSBOOT_BUILD_ID);
    app::put("\n");
    const bool runtime_ok = g_static.value == 0xB007 && g_data == 0x12345678 && g_bss == 0;
    app::put_line(runtime_ok ? "runtime: ok" : "runtime: BROKEN");
    board::exit(runtime_ok ? 0 : 3);
}
