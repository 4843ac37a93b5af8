// Every STM32 part line the ROM bootloader knows (AN2606), one row per DEV_ID, and lookups.
// The rows live per family in families/<family>.hpp with their sources; docs/families.md is
// the readable table.
// Freestanding: only <cstdint>, <cstddef>, <span>.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "sysboot/stm32/families/c0.hpp"
#include "sysboot/stm32/families/f0.hpp"
#include "sysboot/stm32/families/f1.hpp"
#include "sysboot/stm32/families/f2.hpp"
#include "sysboot/stm32/families/f3.hpp"
#include "sysboot/stm32/families/f4.hpp"
#include "sysboot/stm32/families/f7.hpp"
#include "sysboot/stm32/families/g0.hpp"
#include "sysboot/stm32/families/g4.hpp"
#include "sysboot/stm32/families/h5.hpp"
#include "sysboot/stm32/families/h7.hpp"
#include "sysboot/stm32/families/l0.hpp"
#include "sysboot/stm32/families/l1.hpp"
#include "sysboot/stm32/families/l4.hpp"
#include "sysboot/stm32/families/l5.hpp"
#include "sysboot/stm32/families/u5.hpp"
#include "sysboot/stm32/families/wb.hpp"
#include "sysboot/stm32/families/wl.hpp"
#include "sysboot/stm32/part.hpp"

namespace sysboot::stm32 {

// The families in Family order.
inline constexpr std::span<const PartInfo> kFamilies[] = {
    kC0Parts, kF0Parts, kF1Parts, kF2Parts, kF3Parts, kF4Parts, kF7Parts, kG0Parts, kG4Parts,
    kH5Parts, kH7Parts, kL0Parts, kL1Parts, kL4Parts, kL5Parts, kU5Parts, kWBParts, kWLParts,
};
inline constexpr std::size_t kFamilyCount = sizeof(kFamilies) / sizeof(kFamilies[0]);

[[nodiscard]] constexpr std::span<const PartInfo> parts_of(Family f) {
    return kFamilies[static_cast<uint8_t>(f)];
}

// Calls f(part) for every row; f returns true to stop. True when f stopped.
template <class F>
constexpr bool for_each_part(F&& f) {
    for (const auto& family : kFamilies) {
        for (const auto& p : family) {
            if (f(p)) {
                return true;
            }
        }
    }
    return false;
}

[[nodiscard]] constexpr std::size_t part_count() {
    std::size_t n = 0;
    for_each_part([&n](const PartInfo&) { return ++n, false; });
    return n;
}

// The row of a DEV_ID (the AN3155 Get ID answer); nullptr when no family has it.
[[nodiscard]] constexpr const PartInfo* find_part(uint16_t dev_id) {
    const PartInfo* out = nullptr;
    for_each_part([&](const PartInfo& p) { return p.dev_id == dev_id && (out = &p, true); });
    return out;
}

}  // namespace sysboot::stm32
