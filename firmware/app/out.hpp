#pragma once
// Tiny formatted output to the board console (no printf: no heap, small code).
#include <cstdint>

namespace app {
void put(const char* s);
void put_hex(std::uint32_t v, int digits = 8);
void put_dec(std::uint32_t v);
void put_line(const char* s);
}  // namespace app
