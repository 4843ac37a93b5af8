// libFuzzer target: ELF program-header parsing (libelf) and segment normalisation.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "image/image.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    auto image = sysboot::host::parse_elf(std::span<const uint8_t>(data, size), "fuzz.elf");
    if (!image) {
        return 0;
    }
    uint64_t prev_end = 0;
    for (const auto& s : image->segments) {
        if (s.data.empty() || s.address < prev_end || s.end() > (uint64_t{1} << 32)) {
            std::abort();
        }
        prev_end = s.end();
    }
    return 0;
}
