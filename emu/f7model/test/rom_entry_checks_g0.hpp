#pragma once
// The STM32G0 part of check_rom_entry (scenarios.hpp): its RCC, FLASH, PWR, GPIO and the
// ROM's USARTs sit at other addresses with other reset values than on F4/F7
// (rom_entry_checks_g0.cpp).
#include <cstdint>
#include <string>
#include <vector>

#include "f7model/model.hpp"

namespace f7model::scenario::g0 {

// RCC_CSR and its RMVF bit (RM0444 §5.4.20: bit 23), for the reset-path check.
inline constexpr std::uint32_t kRccCsr = 0x40021060, kRmvf = 1u << 23;

// The clock tree and the ROM's peripherals at their reset values at the ROM's first
// instruction.
void check_state(std::vector<std::string>& f, const Model& m);
// What the direct path did in trace [from, to): latency lowered only on HSISYS, reset pulses
// of the ROM's peripherals, SYSCFG's memory remap left alone.
void check_handoff(std::vector<std::string>& f, const Model& m, std::size_t from, std::size_t to);

}  // namespace f7model::scenario::g0
