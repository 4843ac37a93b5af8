#pragma once
#include <cstdint>

namespace scenario {
// The common "jump to the ST bootloader" recipe (design.md, first code block), written with
// sysboot's register constants, kept only to show in tests what it gets wrong.
[[noreturn]] void common_recipe(std::uint32_t system_memory_base);
}  // namespace scenario
