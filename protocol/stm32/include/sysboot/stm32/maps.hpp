// Flash maps that several families share, as an3155::SectorMap groups. A uniform-page flash
// is one group of N pages; F2/F4 sectors are the 16/64/128 KiB pattern of RM0033/RM0090
// "Embedded flash memory" (main memory organization tables).
// Freestanding: only <cstdint>.
#pragma once

#include <cstdint>

#include "sysboot/an3155/sector_map.hpp"

namespace sysboot::stm32::maps {

using an3155::SectorGroup;
using an3155::SectorMap;

inline constexpr uint32_t kKiB = 1024;

// `count` pages of `kib` KiB (or bytes for the L0/L1 half pages, see Bytes).
template <uint16_t Count, uint32_t Size>
inline constexpr SectorGroup kUniform[] = {{Count, Size}};

template <uint16_t Count, uint32_t Size>
inline constexpr SectorMap uniform() {
    return SectorMap{kUniform<Count, Size>};
}

// Two banks of `Count` pages each, bank 2 numbered on from bank 1.
template <uint16_t Count, uint32_t Size>
inline constexpr SectorGroup kUniformTwice[] = {{Count, Size}, {Count, Size}};

template <uint16_t Count, uint32_t Size>
inline constexpr SectorMap two_banks() {
    return SectorMap{kUniformTwice<Count, Size>, 0xFFFFFFFFu, uint32_t{Count} * Size};
}

// RM0033 (F2) / RM0090, RM0368, RM0383, RM0390, RM0401, RM0402, RM0430 (F4): 4 x 16 KiB,
// 1 x 64 KiB, then `Big` sectors of 128 KiB.
template <uint16_t Big>
inline constexpr SectorGroup kF2F4Groups[] = {{4, 16 * kKiB}, {1, 64 * kKiB}, {Big, 128 * kKiB}};

template <uint16_t Big>
inline constexpr SectorMap f2f4_sectors() {
    return SectorMap{kF2F4Groups<Big>};
}

// RM0090 §3.3 "Flash memory organization" (STM32F42x/43x, 2 Mbytes): two banks of 1 MiB,
// each 4 x 16 KiB, 1 x 64 KiB, 7 x 128 KiB; sectors 0..11 and 12..23. RM0386 (F469/F479)
// has the same organization.
inline constexpr SectorGroup kF4DualGroups[] = {{4, 16 * kKiB}, {1, 64 * kKiB}, {7, 128 * kKiB},
                                                {4, 16 * kKiB}, {1, 64 * kKiB}, {7, 128 * kKiB}};
inline constexpr SectorMap kF4Dual2M{kF4DualGroups, 0xFFFFFFFFu, 1024 * kKiB};

}  // namespace sysboot::stm32::maps
