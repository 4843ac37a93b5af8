// libFuzzer target: Intel HEX and S-record parsing (srecord) and segment normalisation.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "image/image.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    const std::span<const uint8_t> bytes(data, size);
    for (auto format :
         {sysboot::host::ImageFormat::IntelHex, sysboot::host::ImageFormat::SRecord}) {
        auto image = sysboot::host::parse_records(bytes, format, "fuzz");
        if (!image) {
            continue;
        }
        // Invariants of a parsed image: sorted, non-empty, non-overlapping, inside 4 GiB.
        uint64_t prev_end = 0;
        for (const auto& s : image->segments) {
            if (s.data.empty() || s.address < prev_end || s.end() > (uint64_t{1} << 32)) {
                std::abort();
            }
            prev_end = s.end();
        }
    }
    return 0;
}
