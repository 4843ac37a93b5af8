// Firmware images as load segments: raw binary (+ --address), Intel HEX and Motorola
// S-records (srecord), ELF PT_LOAD segments at their load addresses (libelf).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace sysboot::host {

struct Segment {
    uint32_t address = 0;
    std::vector<uint8_t> data;
    [[nodiscard]] uint64_t end() const { return uint64_t{address} + data.size(); }
};

enum class ImageFormat { Auto, Binary, IntelHex, SRecord, Elf };

[[nodiscard]] const char* to_string(ImageFormat format);

struct Image {
    std::string name;
    ImageFormat format = ImageFormat::Auto;
    std::vector<Segment> segments;  // sorted, non-overlapping, adjacent ones merged
    std::optional<uint32_t> entry;  // ELF e_entry / HEX start address, informative

    [[nodiscard]] std::size_t total_bytes() const;
    [[nodiscard]] uint32_t lowest_address() const { return segments.front().address; }
    [[nodiscard]] uint64_t end_address() const { return segments.back().end(); }
    // The byte the image puts at `address`, if it defines one.
    [[nodiscard]] std::optional<uint8_t> byte_at(uint32_t address) const {
        for (const auto& s : segments) {
            if (address >= s.address && address < s.end()) {
                return s.data[address - s.address];
            }
        }
        return std::nullopt;
    }
};

// Reads and parses a file. A raw binary needs `bin_address`; other formats refuse it.
[[nodiscard]] Result<Image> load_image(const std::string& path, std::optional<uint32_t> bin_address,
                                       ImageFormat format = ImageFormat::Auto);

// Parsers over bytes already in memory (also the fuzz targets' entry points).
[[nodiscard]] Result<Image> parse_elf(std::span<const uint8_t> bytes, const std::string& name);
[[nodiscard]] Result<Image> parse_records(std::span<const uint8_t> text, ImageFormat format,
                                          const std::string& name);
[[nodiscard]] Result<Image> make_binary(std::span<const uint8_t> bytes, uint32_t address,
                                        const std::string& name);

// Sorts segments, refuses overlaps (naming both ranges) and merges adjacent ones.
[[nodiscard]] Status normalize(Image& image);

[[nodiscard]] ImageFormat detect_format(const std::string& path, std::span<const uint8_t> head);

}  // namespace sysboot::host
