// libFuzzer target: the DfuSe memory-layout parser takes strings a USB device sends, so no
// input may crash it, and what it accepts must be self-consistent.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "sysboot/dfuse/layout.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace sysboot::dfuse;
    Layout layout;
    const ParseResult r =
        parse_layout(std::span<const char>(reinterpret_cast<const char*>(data), size), layout);
    if (r.position > size) {
        std::abort();
    }
    if (!r.ok()) {
        return 0;
    }
    for (const Segment& s : layout.segments()) {
        // Accepted segments are non-empty and end inside the 32-bit address space.
        if (s.sector_count == 0 || s.sector_size == 0 || s.end() > 0x100000000ull) {
            std::abort();
        }
        Sector sector;
        if (!layout.find_sector(s.address, sector) || sector.address > s.address) {
            std::abort();
        }
        (void)layout.covers(s.address, s.sector_size, access::kReadable);
    }
    return 0;
}
