#include "device/part.hpp"

#include <fmt/format.h>

#include "sysboot/stm32/parts.hpp"

namespace sysboot::host {

namespace {

// A Part from its table row: the line's largest part until the device tells its size.
// STM32F7 RAM sizes, e.g.: RM0385 §2.2.2 (F74x/75x: DTCM 64 KiB + SRAM1 240 KiB + SRAM2
// 16 KiB = 320 KiB), RM0410 (F76x/77x: 512 KiB), RM0431 (F72x/73x: 256 KiB).
Part from_row(const stm32::PartInfo& row) {
    Part p;
    p.pid = row.dev_id;
    p.name = row.name;
    p.flash_base = row.flash_base;
    p.sectors = row.sectors;
    p.ram_base = row.sram.base;
    p.ram_size = row.sram.size;
    p.write_align = row.write_align;
    p.info = &row;
    return p;
}

}  // namespace

const std::vector<Part>& known_parts() {
    static const std::vector<Part> parts = [] {
        std::vector<Part> out;
        stm32::for_each_part([&out](const stm32::PartInfo& row) {
            out.push_back(from_row(row));
            return false;
        });
        return out;
    }();
    return parts;
}

std::string known_pid_list() {
    // By family, e.g. "F7: 0x452 0x449 0x451; G0: ..." (docs/families.md names each line).
    std::string out;
    for (std::size_t f = 0; f < stm32::kFamilyCount; ++f) {
        out += fmt::format("{}{}:", out.empty() ? "" : "; ",
                           stm32::family_name(static_cast<stm32::Family>(f)));
        for (const auto& row : stm32::kFamilies[f]) {
            out += fmt::format(" 0x{:03X}", row.dev_id);
        }
    }
    return out;
}

std::optional<Part> find_part(uint16_t pid) {
    for (const auto& p : known_parts()) {
        if (p.pid == pid) {
            return p;
        }
    }
    return std::nullopt;
}

std::vector<uint16_t> Part::sectors_touched(uint32_t address, uint64_t length) const {
    std::vector<uint16_t> out;
    if (length == 0 || !contains(address, length)) {
        return out;
    }
    const uint32_t first = address - flash_base;
    const auto last = static_cast<uint32_t>(first + length - 1);
    const int a = sectors.index_of(first);
    const int b = sectors.index_of(last);
    // Dual-bank maps may skip numbers between the banks (RM0410 §3.3.1).
    for (int k = a; k >= 0 && k <= b; ++k) {
        if (sectors.contains(static_cast<uint16_t>(k))) {
            out.push_back(static_cast<uint16_t>(k));
        }
    }
    return out;
}

}  // namespace sysboot::host
