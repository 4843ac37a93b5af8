#pragma once
#include <cstdint>

namespace scenario {
// The widely copied "jump to the ST bootloader" recipe (disable IRQs, HAL de-init, SysTick off,
// caches off, NVIC clear, VTOR, __set_MSP, call word 1), written with sysboot's register
// constants, kept only to show in tests what it gets wrong (README "Scenarios").
[[noreturn]] void common_recipe(std::uint32_t system_memory_base);
}  // namespace scenario
