#pragma once
// The detection every table-built chip layer shares: the Device whose DEV_ID the part reports,
// or none. Never a nearest match: an unknown DEV_ID is refused (docs/families.md).
#include <cstddef>
#include <cstdint>

#include "sysboot/sysboot.hpp"

namespace sysboot::stm32 {

template <std::size_t N>
constexpr const Device* device_with_id(const Device (&devices)[N], std::uint16_t dev_id) {
    for (const Device& d : devices) {
        if (d.dev_id == dev_id) {
            return &d;
        }
    }
    return nullptr;
}

// detect()'s answer: `d`, with `why` = ok, or unknown_device when there is none.
inline const Device* known_or_refused(const Device* d, Status& why) {
    why = d != nullptr ? Status::ok : Status::unknown_device;
    return d;
}

}  // namespace sysboot::stm32
