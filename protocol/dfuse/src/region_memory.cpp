#include "sysboot/dfuse/region_memory.hpp"

#include <cstring>

namespace sysboot::dfuse {

bool RegionMemory::read(uint32_t address, std::span<uint8_t> out) {
    if (!readable(address, static_cast<uint32_t>(out.size()))) {
        return false;
    }
    std::memcpy(out.data(), bytes_.data() + (address - base_), out.size());
    return true;
}

bool RegionMemory::write(uint32_t address, std::span<const uint8_t> data) {
    if (!writable(address, static_cast<uint32_t>(data.size()))) {
        return false;
    }
    std::memcpy(bytes_.data() + (address - base_), data.data(), data.size());
    return true;
}

}  // namespace sysboot::dfuse
