// STM32F7 flash sector maps, shared by the emulated ROM (FlashModel) and the host part table.
// Freestanding: only <cstdint>, <cstddef>, <span>.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace sysboot::an3155 {

// `count` consecutive sectors of `size` bytes each.
struct SectorGroup {
    uint16_t count;
    uint32_t size;
};

// A flash bank as consecutive groups of equal sectors, numbered from 0 at the flash base.
// The Extended Erase command takes these numbers (AN3155 §3.8, "page" = sector on F7).
struct SectorMap {
    std::span<const SectorGroup> groups;

    [[nodiscard]] constexpr uint16_t count() const {
        uint32_t n = 0;
        for (const auto& g : groups) {
            n += g.count;
        }
        return static_cast<uint16_t>(n);
    }
    [[nodiscard]] constexpr uint32_t total_size() const {
        uint32_t total = 0;
        for (const auto& g : groups) {
            total += g.count * g.size;
        }
        return total;
    }
    // Size of sector k; 0 when k is past the end.
    [[nodiscard]] constexpr uint32_t size_of(uint16_t k) const {
        for (const auto& g : groups) {
            if (k < g.count) {
                return g.size;
            }
            k = static_cast<uint16_t>(k - g.count);
        }
        return 0;
    }
    // Offset of sector k from the flash base; total_size() when k is past the end.
    [[nodiscard]] constexpr uint32_t offset_of(uint16_t k) const {
        uint32_t off = 0;
        for (const auto& g : groups) {
            if (k < g.count) {
                return off + k * g.size;
            }
            off += g.count * g.size;
            k = static_cast<uint16_t>(k - g.count);
        }
        return off;
    }
    // Sector holding `offset` from the flash base; -1 when outside.
    [[nodiscard]] constexpr int index_of(uint32_t offset) const {
        uint32_t base = 0;
        int index = 0;
        for (const auto& g : groups) {
            const uint32_t span = g.count * g.size;
            if (offset - base < span) {
                return index + static_cast<int>((offset - base) / g.size);
            }
            base += span;
            index += g.count;
        }
        return -1;
    }
};

// RM0410 §3.3.1 Table 4 (STM32F76x/77x, 2 MiB, single-bank mode: nDBANK=1).
inline constexpr SectorGroup kF76xGroups[] = {{4, 32 * 1024}, {1, 128 * 1024}, {7, 256 * 1024}};
// RM0385 §3.3.1 Table 3 (STM32F74x/75x, 1 MiB).
inline constexpr SectorGroup kF74xGroups[] = {{4, 32 * 1024}, {1, 128 * 1024}, {3, 256 * 1024}};
// RM0431 §3.3.1 Table 3 (STM32F72x/73x, 512 KiB).
inline constexpr SectorGroup kF72xGroups[] = {{4, 16 * 1024}, {1, 64 * 1024}, {3, 128 * 1024}};

inline constexpr SectorMap kF76xSingleBank{kF76xGroups};
inline constexpr SectorMap kF74x{kF74xGroups};
inline constexpr SectorMap kF72x{kF72xGroups};

static_assert(kF76xSingleBank.total_size() == 2 * 1024 * 1024, "F76x map must cover 2 MiB");
static_assert(kF74x.total_size() == 1024 * 1024, "F74x map must cover 1 MiB");
static_assert(kF72x.total_size() == 512 * 1024, "F72x map must cover 512 KiB");
static_assert(kF76xSingleBank.count() == 12 && kF74x.count() == 8 && kF72x.count() == 8);
static_assert(kF76xSingleBank.offset_of(4) == 0x20000 && kF76xSingleBank.offset_of(5) == 0x40000);
static_assert(kF76xSingleBank.index_of(0x3FFFF) == 4 && kF76xSingleBank.index_of(0x200000) == -1);

}  // namespace sysboot::an3155
