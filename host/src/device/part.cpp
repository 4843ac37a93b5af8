#include "device/part.hpp"

#include <fmt/format.h>

namespace sysboot::host {

const std::vector<Part>& known_parts() {
    // RAM sizes: RM0385 §2.2.2 (F74x/75x: DTCM 64 KiB + SRAM1 240 KiB + SRAM2 16 KiB),
    // RM0410 §2.2.2 (F76x/77x: 128 + 368 + 16 KiB), RM0431 §2.2.2 (F72x/73x: 64 + 176 + 16 KiB).
    static const std::vector<Part> parts = {
        {0x449, "STM32F74xxx/75xxx", 0x08000000, an3155::kF74x, 0x20000000, 320 * 1024, 8},
        {0x451, "STM32F76xxx/77xxx", 0x08000000, an3155::kF76xSingleBank, 0x20000000, 512 * 1024,
         8},
        {0x452, "STM32F72xxx/73xxx", 0x08000000, an3155::kF72x, 0x20000000, 256 * 1024, 8},
    };
    return parts;
}

std::string known_pid_list() {
    std::string out;
    for (const auto& p : known_parts()) {
        out += fmt::format("{}0x{:03X} {}", out.empty() ? "" : ", ", p.pid, p.name);
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
