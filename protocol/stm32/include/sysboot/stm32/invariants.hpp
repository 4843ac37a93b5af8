// Rules every row of the part table obeys, as constexpr checks: src/table_check.cpp proves
// them at compile time (freestanding) and tests/families checks them at run time, where a
// failure names the row.
// Freestanding: only <cstdint>.
#pragma once

#include <cstdint>

#include "sysboot/stm32/parts.hpp"

namespace sysboot::stm32 {

// The first rule a row breaks, or nullptr.
[[nodiscard]] constexpr const char* row_problem(const PartInfo& p) {
    if (p.name == nullptr || p.idcode_address == kUnknown) {
        return "no name or IDCODE address";
    }
    if (p.rom_vectors != kUnknown && p.system_memory.known() &&
        !p.system_memory.contains(p.rom_vectors, 8)) {
        return "ROM vector table (words 0 and 1) outside system memory";
    }
    if (p.write_align != 0 && !is_power_of_two(p.write_align)) {
        return "write alignment not a power of two";
    }
    if (p.write_align > 32) {
        return "write alignment larger than any STM32 flash word";
    }
    if (p.rom_ram.known() && p.sram.known() && p.rom_ram.end() > p.sram.end()) {
        return "ROM RAM beyond the SRAM";
    }
    if (p.max_flash_kib == 0 || p.sectors.total_size() != uint32_t{p.max_flash_kib} * 1024) {
        return "flash map does not cover the largest part's flash";
    }
    if (p.banks == Banks::ByOption &&
        (p.dual_bank.groups.empty() || p.dual_bank.total_size() != p.sectors.total_size())) {
        return "option-chosen banks without a two-bank map of the same size";
    }
    if ((p.banks == Banks::TwoHalves || p.banks == Banks::TwoAtMax) &&
        p.sectors.bank2_offset * 2 != p.sectors.total_size()) {
        return "two banks that are not two halves";
    }
    if (p.flash_size_address == kUnknown || p.flash_base != 0x08000000) {
        return "flash size register or flash base missing";
    }
    if ((p.interfaces & kUsart) == 0) {
        return "no USART (AN3155) interface";
    }
    return nullptr;
}

[[nodiscard]] constexpr bool dev_ids_unique() {
    bool unique = true;
    for_each_part([&](const PartInfo& a) {
        int seen = 0;
        for_each_part([&](const PartInfo& b) { return seen += a.dev_id == b.dev_id, false; });
        return !(unique = seen == 1);
    });
    return unique;
}

[[nodiscard]] constexpr bool families_in_order() {
    for (std::size_t i = 0; i < kFamilyCount; ++i) {
        for (const auto& p : kFamilies[i]) {
            if (static_cast<std::size_t>(p.family) != i) {
                return false;
            }
        }
    }
    return true;
}

[[nodiscard]] constexpr bool every_row_keeps_the_rules() {
    return !for_each_part([](const PartInfo& p) { return row_problem(p) != nullptr; });
}

}  // namespace sysboot::stm32
