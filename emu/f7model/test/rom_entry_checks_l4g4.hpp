#pragma once
// The STM32L4/G4 parts of check_rom_entry (scenarios.hpp): the RCC, FLASH, PWR, the ROM's
// USARTs and pins at their reset values, and the reset pulses of the peripherals the ROM
// uses. Values written here again from RM0351 / RM0440 and the CMSIS headers, not taken from
// the firmware or the model.
#include <cstdint>
#include <string>
#include <vector>

#include "f7model/model.hpp"

namespace f7model::scenario::l4g4 {

inline constexpr std::uint32_t RCC = 0x40021000;
inline constexpr std::uint32_t RCC_CSR = RCC + 0x94, CSR_RMVF = 1u << 23;  // RM "RCC_CSR"
inline constexpr std::uint32_t FLASH_ACR = 0x40022000;

inline bool is_l4g4(const Model& m) {
    return m.part().family == Family::l4 || m.part().family == Family::g4;
}

void check_clock_tree(std::vector<std::string>& f, const Model& m);
void check_rom_peripherals(std::vector<std::string>& f, const Model& m);
void check_pulses(std::vector<std::string>& f, const Model& m, std::size_t from, std::size_t to);

}  // namespace f7model::scenario::l4g4
