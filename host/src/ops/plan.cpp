// Mapping an image onto the part's flash: blocks, write ranges and the sectors to erase.
#include <fmt/format.h>

#include <algorithm>

#include "ops/flash.hpp"

namespace sysboot::host {

const char* to_string(VerifyMode mode) {
    switch (mode) {
        case VerifyMode::Auto:
            return "auto";
        case VerifyMode::Crc:
            return "crc";
        case VerifyMode::Readback:
            return "readback";
        case VerifyMode::None:
            return "none";
    }
    return "?";
}

bool Block::blank() const {
    for (uint32_t i = first; i < last; ++i) {
        if (bytes[i] != 0xFF) {
            return false;
        }
    }
    return true;
}

std::vector<uint8_t> FlashPlan::expected(uint32_t address, uint32_t length) const {
    std::vector<uint8_t> out(length, 0xFF);
    const uint64_t end = uint64_t{address} + length;
    for (auto it = blocks.lower_bound(address & ~(kBlockSize - 1));
         it != blocks.end() && it->first < end; ++it) {
        const Block& b = it->second;
        for (uint32_t i = 0; i < kBlockSize; ++i) {
            const uint64_t a = uint64_t{b.address} + i;
            if (a >= address && a < end) {
                out[a - address] = b.bytes[i];
            }
        }
    }
    return out;
}

bool FlashPlan::defined(uint32_t address) const {
    const auto it = blocks.find(address & ~(kBlockSize - 1));
    return it != blocks.end() && it->second.defined.test(address - it->first);
}

Result<FlashPlan> make_plan(const Image& image, const Part& part) {
    FlashPlan plan;
    for (const auto& seg : image.segments) {
        if (!part.contains(seg.address, seg.data.size())) {
            return make_error(
                Phase::Plan, Cause::Invalid,
                fmt::format("{}: data at 0x{:08X}..0x{:08X} is outside the flash of {} "
                            "(0x{:08X}..0x{:08X})",
                            image.name, seg.address, seg.end() - 1, part.name, part.flash_base,
                            part.flash_end() - 1),
                seg.address);
        }
        for (std::size_t i = 0; i < seg.data.size(); ++i) {
            const auto a = static_cast<uint32_t>(seg.address + i);
            const uint32_t base = a & ~(kBlockSize - 1);
            auto [it, inserted] = plan.blocks.try_emplace(base);
            if (inserted) {
                it->second.address = base;
                it->second.bytes.fill(0xFF);
            }
            it->second.bytes[a - base] = seg.data[i];
            it->second.defined.set(a - base);
        }
        plan.image_bytes += seg.data.size();
        for (uint16_t s : part.sectors_touched(seg.address, seg.data.size())) {
            if (std::find(plan.sectors.begin(), plan.sectors.end(), s) == plan.sectors.end()) {
                plan.sectors.push_back(s);
            }
        }
    }
    std::sort(plan.sectors.begin(), plan.sectors.end());
    for (auto& [addr, b] : plan.blocks) {
        uint32_t lo = kBlockSize;
        uint32_t hi = 0;
        for (uint32_t i = 0; i < kBlockSize; ++i) {
            if (b.defined.test(i)) {
                lo = std::min(lo, i);
                hi = i + 1;
            }
        }
        // AN3155 "Write Memory command": a multiple of 4 bytes; AN2606 "Programming
        // constraints": the start address aligned to the part's write unit (8 on STM32F7,
        // where an unaligned write fails and so does every later one).
        const uint32_t align = std::max<uint32_t>(part.write_align, 4);
        b.first = lo / align * align;
        b.last = std::min<uint32_t>((hi + align - 1) / align * align, kBlockSize);
    }
    if (plan.blocks.empty()) {
        return make_error(Phase::Plan, Cause::Invalid, image.name + ": no data to program");
    }
    return plan;
}

}  // namespace sysboot::host
