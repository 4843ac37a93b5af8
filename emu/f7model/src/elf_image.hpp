#pragma once
// Reads what the model needs from a firmware ELF file: the bytes of its PT_LOAD segments (at
// their load addresses, p_paddr) and its symbol table.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace f7model::detail {

struct Segment {
    std::uint32_t load_address;
    std::vector<std::uint8_t> bytes;
};

struct ElfImage {
    std::vector<Segment> segments;
    std::map<std::string, std::uint32_t> symbols;
};

// Throws std::runtime_error naming the file and the step that failed; releases every libelf
// handle and the file descriptor on every path.
ElfImage read_elf(const std::string& path);

}  // namespace f7model::detail
