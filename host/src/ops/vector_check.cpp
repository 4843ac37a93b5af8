#include "ops/vector_check.hpp"

#include <fmt/format.h>

#include <array>

namespace sysboot::host {

namespace {

Error refuse(uint32_t address, const std::string& why) {
    return make_error(Phase::Plan, Cause::Invalid,
                      fmt::format("0x{:08X} is not a vector table to start: {}; the ROM keeps "
                                  "running (--no-vector-check starts it anyway)",
                                  address, why),
                      address);
}

uint32_t le32(const std::array<uint8_t, 8>& b, std::size_t i) {
    return uint32_t{b[i]} | uint32_t{b[i + 1]} << 8 | uint32_t{b[i + 2]} << 16 |
           uint32_t{b[i + 3]} << 24;
}

}  // namespace

Status check_vectors(uint32_t address, uint32_t sp, uint32_t reset, const Part& part,
                     uint32_t code_lo, uint64_t code_hi, const char* code_what) {
    if (address % kVectorTableAlign != 0) {
        return refuse(
            address, fmt::format("a vector table starts on a {}-byte boundary", kVectorTableAlign));
    }
    if (!part.in_ram(sp) || sp == part.ram_base) {
        return refuse(address,
                      fmt::format("its initial stack pointer 0x{:08X} is outside the RAM of {} "
                                  "(0x{:08X}..0x{:08X})",
                                  sp, part.name, part.ram_base, part.ram_base + part.ram_size));
    }
    if ((reset & 1u) == 0) {
        return refuse(address, fmt::format("its reset vector 0x{:08X} is not a Thumb address "
                                           "(bit 0 clear: the core would lock up)",
                                           reset));
    }
    const uint32_t entry = reset & ~1u;
    if (entry < code_lo || entry >= code_hi) {
        return refuse(address,
                      fmt::format("its reset vector 0x{:08X} is outside {} (0x{:08X}..0x{:08X})",
                                  reset, code_what, code_lo, code_hi - 1));
    }
    return {};
}

Status check_vector_table_in_image(const Image& image, const Part& part, uint32_t address) {
    std::array<uint8_t, 8> words{};
    for (uint32_t i = 0; i < words.size(); ++i) {
        const auto byte = image.byte_at(address + i);
        if (!byte) {
            return refuse(address, "the image does not define its first two words");
        }
        words[i] = *byte;
    }
    return check_vectors(address, le32(words, 0), le32(words, 4), part, image.lowest_address(),
                         image.end_address(), "the image");
}

Status check_vector_table_on_device(Target& target, const Part& part, uint32_t address) {
    if (!target.has(Capability::Read)) {
        return refuse(address, "the ROM cannot read it back (no Read Memory)");
    }
    std::array<uint8_t, 8> words{};
    SYSBOOT_TRY(target.read(address, words));
    return check_vectors(address, le32(words, 0), le32(words, 4), part, part.flash_base,
                         part.flash_end(), "the flash");
}

}  // namespace sysboot::host
