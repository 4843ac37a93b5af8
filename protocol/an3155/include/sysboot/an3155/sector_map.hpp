// STM32F7 flash sector maps, shared by the emulated ROM (FlashModel) and the host part table.
// Freestanding: only <cstdint>, <cstddef>, <span>.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace sysboot::an3155 {

// `count` consecutive sectors of `size` bytes each. Sector numbers go on from the previous
// group unless `first` names the number of the group's first sector: in dual-bank mode the
// second bank of a 1 MiB STM32F76x starts at sector 12 although bank 1 ends at sector 7
// (RM0410 §3.3.1 "Flash memory organization", 1 Mbyte dual-bank table).
struct SectorGroup {
    static constexpr uint16_t kNext = 0xFFFF;
    uint16_t count;
    uint32_t size;
    uint16_t first = kNext;
};

// A flash array as consecutive groups of equal sectors from the flash base, optionally cut
// at `limit` bytes: parts with less flash share the DEV_ID and keep the start of the
// full-size map (RM0385/RM0410/RM0431 §3.3.1: the smaller sizes drop the last sectors).
// `bank2_offset` is where bank 2 starts in dual-bank mode (0: one bank). The Extended Erase
// command takes the sector numbers (AN3155 §3.8, "page" = sector on F7).
struct SectorMap {
    std::span<const SectorGroup> groups;
    uint32_t limit = 0xFFFFFFFFu;
    uint32_t bank2_offset = 0;

    // Walks the sectors that start below `limit`; f(number, offset, size) returns true to stop.
    template <class F>
    constexpr bool for_each(F&& f) const {
        uint32_t offset = 0;
        uint16_t number = 0;
        for (const auto& g : groups) {
            if (g.first != SectorGroup::kNext) {
                number = g.first;
            }
            for (uint16_t i = 0; i < g.count; ++i, ++number) {
                if (offset >= limit) {
                    return false;
                }
                const uint32_t size = limit - offset < g.size ? limit - offset : g.size;
                if (f(number, offset, size)) {
                    return true;
                }
                offset += g.size;
            }
        }
        return false;
    }

    [[nodiscard]] constexpr uint16_t count() const {
        uint16_t n = 0;
        for_each([&n](uint16_t, uint32_t, uint32_t) { return ++n, false; });
        return n;
    }
    [[nodiscard]] constexpr uint32_t total_size() const {
        uint32_t total = 0;
        for_each([&total](uint16_t, uint32_t, uint32_t size) { return total += size, false; });
        return total;
    }
    [[nodiscard]] constexpr bool contains(uint16_t number) const {
        return for_each([number](uint16_t k, uint32_t, uint32_t) { return k == number; });
    }
    // Size of sector `number`; 0 when there is no such sector.
    [[nodiscard]] constexpr uint32_t size_of(uint16_t number) const {
        uint32_t out = 0;
        for_each(
            [&](uint16_t k, uint32_t, uint32_t size) { return k == number && (out = size, true); });
        return out;
    }
    // Offset of sector `number` from the flash base; total_size() when there is none.
    [[nodiscard]] constexpr uint32_t offset_of(uint16_t number) const {
        uint32_t out = total_size();
        for_each(
            [&](uint16_t k, uint32_t off, uint32_t) { return k == number && (out = off, true); });
        return out;
    }
    // Number of the sector holding `offset` from the flash base; -1 when outside.
    [[nodiscard]] constexpr int index_of(uint32_t offset) const {
        int out = -1;
        for_each([&](uint16_t k, uint32_t off, uint32_t size) {
            return offset - off < size && (out = k, true);
        });
        return out;
    }
    // Bank (1 or 2) of sector `number`; 0 when there is no such sector.
    [[nodiscard]] constexpr int bank_of(uint16_t number) const {
        if (!contains(number)) {
            return 0;
        }
        return bank2_offset != 0 && offset_of(number) >= bank2_offset ? 2 : 1;
    }
    // The same map cut to the first `size` bytes (a smaller part of the same line).
    [[nodiscard]] constexpr SectorMap truncated(uint32_t size) const {
        SectorMap m = *this;
        m.limit = size < limit ? size : limit;
        if (m.bank2_offset >= m.limit) {
            m.bank2_offset = 0;
        }
        return m;
    }
};

// RM0410 §3.3.1 "Flash memory organization" (STM32F76x/77x, 2 Mbytes, single-bank mode:
// nDBANK=1): 4 x 32 KiB, 1 x 128 KiB, 7 x 256 KiB, sectors 0..11.
inline constexpr SectorGroup kF76xGroups[] = {{4, 32 * 1024}, {1, 128 * 1024}, {7, 256 * 1024}};
// RM0410 §3.3.1 (2 Mbytes, dual-bank mode: nDBANK=0): two banks of 1 MiB, each 4 x 16 KiB,
// 1 x 64 KiB, 7 x 128 KiB; bank 1 = sectors 0..11, bank 2 = sectors 12..23 at 0x08100000.
inline constexpr SectorGroup kF76xDualGroups[] = {{4, 16 * 1024}, {1, 64 * 1024}, {7, 128 * 1024},
                                                  {4, 16 * 1024}, {1, 64 * 1024}, {7, 128 * 1024}};
// RM0410 §3.3.1 (1 Mbyte, dual-bank mode): two banks of 512 KiB, each 4 x 16 KiB, 1 x 64 KiB,
// 3 x 128 KiB; bank 1 = sectors 0..7, bank 2 = sectors 12..19 at 0x08080000.
inline constexpr SectorGroup kF76x1MDualGroups[] = {{4, 16 * 1024},  {1, 64 * 1024},
                                                    {3, 128 * 1024}, {4, 16 * 1024, 12},
                                                    {1, 64 * 1024},  {3, 128 * 1024}};
// RM0385 §3.3.1 (STM32F74x/75x, 1 Mbyte): 4 x 32 KiB, 1 x 128 KiB, 3 x 256 KiB.
inline constexpr SectorGroup kF74xGroups[] = {{4, 32 * 1024}, {1, 128 * 1024}, {3, 256 * 1024}};
// RM0431 §3.3.1 (STM32F72x/73x, 512 Kbytes): 4 x 16 KiB, 1 x 64 KiB, 3 x 128 KiB.
inline constexpr SectorGroup kF72xGroups[] = {{4, 16 * 1024}, {1, 64 * 1024}, {3, 128 * 1024}};

inline constexpr SectorMap kF76xSingleBank{kF76xGroups};
inline constexpr SectorMap kF76xDualBank{kF76xDualGroups, 0xFFFFFFFFu, 1024 * 1024};
inline constexpr SectorMap kF76x1MDualBank{kF76x1MDualGroups, 0xFFFFFFFFu, 512 * 1024};
inline constexpr SectorMap kF74x{kF74xGroups};
inline constexpr SectorMap kF72x{kF72xGroups};

static_assert(kF76xSingleBank.total_size() == 2 * 1024 * 1024, "F76x map must cover 2 MiB");
static_assert(kF76xDualBank.total_size() == 2 * 1024 * 1024 && kF76xDualBank.count() == 24);
static_assert(kF76x1MDualBank.total_size() == 1024 * 1024 && kF76x1MDualBank.count() == 16);
static_assert(kF74x.total_size() == 1024 * 1024, "F74x map must cover 1 MiB");
static_assert(kF72x.total_size() == 512 * 1024, "F72x map must cover 512 KiB");
static_assert(kF76xSingleBank.count() == 12 && kF74x.count() == 8 && kF72x.count() == 8);
static_assert(kF76xSingleBank.offset_of(4) == 0x20000 && kF76xSingleBank.offset_of(5) == 0x40000);
static_assert(kF76xSingleBank.index_of(0x3FFFF) == 4 && kF76xSingleBank.index_of(0x200000) == -1);
static_assert(kF76xDualBank.offset_of(12) == 0x100000 && kF76xDualBank.bank_of(12) == 2);
static_assert(kF76x1MDualBank.offset_of(12) == 0x80000 && !kF76x1MDualBank.contains(8));

}  // namespace sysboot::an3155
