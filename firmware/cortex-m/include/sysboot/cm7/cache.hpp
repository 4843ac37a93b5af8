#pragma once
// Cache identification and maintenance. Source: Arm DDI0403E §B2.2 (maintenance
// operations, set/way encoding) and §B4.8 (CLIDR/CTR/CCSIDR/CSSELR); Cortex-M7 TRM (DDI0489)
// "Level 1 caches" (4-way D-cache, 2-way I-cache, 32-byte lines).
#include <cstdint>

namespace sysboot::cm7::cache {

inline constexpr std::uint32_t CLIDR = 0xE000ED78;
inline constexpr std::uint32_t CCSIDR = 0xE000ED80;
inline constexpr std::uint32_t CSSELR = 0xE000ED84;   // 0 selects the L1 data cache
inline constexpr std::uint32_t ICIALLU = 0xE000EF50;  // invalidate all I-cache to PoU
inline constexpr std::uint32_t DCISW = 0xE000EF60;    // invalidate D-cache line by set/way
inline constexpr std::uint32_t DCCISW = 0xE000EF74;   // clean+invalidate by set/way

// CCSIDR fields (§B4.8): sets-1 in [27:13], ways-1 in [12:3], log2(words per line)-2 in [2:0].
struct Geometry {
    std::uint32_t sets;
    std::uint32_t ways;
    std::uint32_t line_bytes;
};

constexpr Geometry decode_ccsidr(std::uint32_t ccsidr) {
    return Geometry{((ccsidr >> 13) & 0x7FFFu) + 1u, ((ccsidr >> 3) & 0x3FFu) + 1u,
                    16u << (ccsidr & 0x7u)};
}

// Set/way operand (§B2.2): way in the top log2(ways) bits, set shifted by log2(line).
constexpr std::uint32_t set_way_operand(const Geometry& g, std::uint32_t set, std::uint32_t way) {
    unsigned way_bits = 0;
    while ((1u << way_bits) < g.ways) {
        ++way_bits;
    }
    unsigned line_shift = 0;
    while ((1u << line_shift) < g.line_bytes) {
        ++line_shift;
    }
    const std::uint32_t way_field = way_bits == 0 ? 0u : way << (32u - way_bits);
    return way_field | (set << line_shift);
}

// Cortex-M7 in STM32F74x: 4 KiB 4-way 32-byte lines -> 32 sets; F76x: 16 KiB -> 128 sets.
static_assert(set_way_operand(Geometry{32, 4, 32}, 31, 3) == ((3u << 30) | (31u << 5)));
static_assert(decode_ccsidr((31u << 13) | (3u << 3) | 1u).line_bytes == 32);

}  // namespace sysboot::cm7::cache
