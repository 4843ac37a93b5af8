// DfuSe memory-layout strings: the interface string of each alternate setting of an ST DFU
// device describes one memory (UM0424 §4.3.2; the ROM's strings, AN3156):
//
//   @<name>/0x<start>/<count>*<size><unit><type>[,<count>*<size><unit><type>...][/0x<start>/...]
//
// unit: ' ' or 'B' bytes, 'K' KiB, 'M' MiB (may be left out: bytes); type: 'a'..'g', a bit mask
// of readable (1), erasable (2) and writable (4) plus 'a' - 1. Groups after one address follow
// each other without gaps. Example (STM32F76x, single bank):
//   "@Internal Flash  /0x08000000/04*032Kg,01*128Kg,07*256Kg"
//
// The parser is freestanding (no heap, no exceptions): the device engine uses it on its own
// strings to find sectors, and the host client on the strings a device reports.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace sysboot::dfuse {

namespace access {
inline constexpr uint8_t kReadable = 1;
inline constexpr uint8_t kErasable = 2;
inline constexpr uint8_t kWritable = 4;
}  // namespace access

// `sector_count` sectors of `sector_size` bytes from `address`, all with the same access.
struct Segment {
    uint32_t address = 0;
    uint32_t sector_size = 0;
    uint32_t sector_count = 0;
    uint8_t access = 0;

    [[nodiscard]] constexpr uint64_t size() const {
        return static_cast<uint64_t>(sector_size) * sector_count;
    }
    [[nodiscard]] constexpr uint64_t end() const { return address + size(); }
    [[nodiscard]] constexpr bool has(uint8_t bits) const { return (access & bits) == bits; }
};

// One sector found by address: its start, size and index counted over the whole layout.
struct Sector {
    uint32_t address = 0;
    uint32_t size = 0;
    uint32_t index = 0;
    uint8_t access = 0;
};

enum class LayoutError : uint8_t {
    None,
    MissingAt,        // does not start with '@'
    NameTooLong,      // name longer than Layout::kMaxName
    MissingAddress,   // no "/0x<hex>" where an address must be
    BadNumber,        // a count or size without digits, or too large
    BadGroup,         // missing '*', zero count or zero size
    BadType,          // type letter outside 'a'..'g'
    TooManySegments,  // more groups than Layout::kMaxSegments
    Overflow,         // a segment ends past 4 GiB
    TrailingGarbage,  // characters after the last group
};

struct Layout {
    static constexpr std::size_t kMaxName = 48;
    static constexpr std::size_t kMaxSegments = 24;

    std::array<char, kMaxName> name_storage{};
    std::size_t name_length = 0;  // without the trailing spaces ST pads names with
    std::array<Segment, kMaxSegments> segment_storage{};
    std::size_t segment_count = 0;

    [[nodiscard]] std::span<const char> name() const { return {name_storage.data(), name_length}; }
    [[nodiscard]] std::span<const Segment> segments() const {
        return {segment_storage.data(), segment_count};
    }
    // Sum of all segment sizes.
    [[nodiscard]] uint64_t total_size() const;
    // The sector holding `address`, or false when no segment holds it.
    [[nodiscard]] bool find_sector(uint32_t address, Sector& out) const;
    // True when every byte of [address, address + length) lies in segments that all have the
    // `bits` access (length 0: true when `address` itself is inside such a segment).
    [[nodiscard]] bool covers(uint32_t address, uint32_t length, uint8_t bits) const;
};

struct ParseResult {
    LayoutError error = LayoutError::None;
    std::size_t position = 0;  // offset of the first character that did not fit

    [[nodiscard]] constexpr bool ok() const { return error == LayoutError::None; }
};

// Parses `text` (a NUL, if any, ends it; trailing spaces are ignored) into `out`.
// On error `out` holds what was parsed before the error and the result says where it failed.
[[nodiscard]] ParseResult parse_layout(std::span<const char> text, Layout& out);

// Convenience for NUL-terminated strings.
[[nodiscard]] ParseResult parse_layout(const char* text, Layout& out);

}  // namespace sysboot::dfuse
