#pragma once
// STM32H7 checks of check_rom_entry (h7_rom_entry_checks.cpp); the F4/F7 ones are in
// rom_entry_checks.cpp.
#include <string>
#include <vector>

#include "scenarios.hpp"

namespace f7model::scenario::h7 {

// RCC, FLASH, PWR, SYSCFG, the ROM's USARTs and the GPIO ports at reset.
void check_chip(std::vector<std::string>& f, const Model& m);
// The ROM was entered through its vector table at 0x1FF09800.
void check_vectors(std::vector<std::string>& f, const Model& m, const RomEntry& e);
// No store of the run touched the ROM's DTCM or AXI SRAM block.
void check_rom_ram_untouched(std::vector<std::string>& f, const Model& m);
// Reset pulses and the flash latency order between sysboot::enter and the ROM.
void check_teardown(std::vector<std::string>& f, const Model& m, std::size_t from, std::size_t to);

// RCC_RSR and its RMVF bit (the reset path clears the flags there, not in RCC_CSR).
inline constexpr std::uint32_t kRccRsr = 0x580244D0, kRsrRmvf = 1u << 16;

}  // namespace f7model::scenario::h7
