#include "sysboot/dfuse/descriptors.hpp"

#include <cstring>

#include "sysboot/dfuse/dfu.hpp"

namespace sysboot::dfuse {
namespace {

constexpr std::size_t kConfigHeader = 9;
constexpr std::size_t kInterfaceLength = 9;
constexpr std::size_t kFunctionalLength = 9;

void put16(uint8_t* p, uint16_t v) {
    p[0] = static_cast<uint8_t>(v);
    p[1] = static_cast<uint8_t>(v >> 8);
}

const char* string_of(const Profile& profile, uint8_t index) {
    switch (index) {
        case kManufacturerString:
            return profile.manufacturer;
        case kProductString:
            return profile.product;
        case kSerialString:
            return profile.serial;
        default:
            break;
    }
    const std::size_t alt = static_cast<std::size_t>(index) - kFirstAlternateString;
    return index >= kFirstAlternateString && alt < profile.alternates.size()
               ? profile.alternates[alt]
               : nullptr;
}

}  // namespace

std::size_t configuration_length(const Profile& profile) {
    return kConfigHeader + profile.alternates.size() * kInterfaceLength + kFunctionalLength;
}

std::size_t device_descriptor(const Profile& profile, std::span<uint8_t> out) {
    if (out.size() < kDeviceDescriptorLength) {
        return 0;
    }
    uint8_t* d = out.data();
    d[0] = kDeviceDescriptorLength;
    d[1] = kDeviceDescriptor;
    put16(d + 2, 0x0200);  // bcdUSB 2.0 (full speed device)
    d[4] = 0;              // class per interface
    d[5] = 0;
    d[6] = 0;
    d[7] = 64;  // bMaxPacketSize0: full-speed OTG FS control endpoint
    put16(d + 8, profile.vendor_id);
    put16(d + 10, profile.product_id);
    put16(d + 12, profile.bcd_device);
    d[14] = kManufacturerString;
    d[15] = kProductString;
    d[16] = kSerialString;
    d[17] = 1;  // one configuration
    return kDeviceDescriptorLength;
}

std::size_t configuration_descriptor(const Profile& profile, std::span<uint8_t> out) {
    const std::size_t total = configuration_length(profile);
    if (out.size() < total || total > 0xFFFF) {
        return 0;
    }
    uint8_t* d = out.data();
    d[0] = kConfigHeader;
    d[1] = kConfigurationDescriptor;
    put16(d + 2, static_cast<uint16_t>(total));
    d[4] = 1;     // one interface, with one alternate setting per memory
    d[5] = 1;     // bConfigurationValue
    d[6] = 0;     // no string
    d[7] = 0xC0;  // self powered (bit 7 is reserved, set)
    d[8] = 0x32;  // 100 mA
    uint8_t* p = d + kConfigHeader;
    for (std::size_t alt = 0; alt < profile.alternates.size(); ++alt, p += kInterfaceLength) {
        p[0] = kInterfaceLength;
        p[1] = kInterfaceDescriptor;
        p[2] = 0;  // bInterfaceNumber
        p[3] = static_cast<uint8_t>(alt);
        p[4] = 0;  // no endpoints besides EP0 (DFU 1.1 §4.2.3)
        p[5] = kInterfaceClass;
        p[6] = kInterfaceSubclass;
        p[7] = kInterfaceProtocolDfuMode;
        p[8] = static_cast<uint8_t>(kFirstAlternateString + alt);
    }
    // DFU 1.1 §4.1.3 Table 4.2, after the last alternate (one per interface).
    p[0] = kFunctionalLength;
    p[1] = kFunctionalDescriptorType;
    p[2] = profile.dfu_attributes;
    put16(p + 3, profile.detach_timeout_ms);
    put16(p + 5, profile.transfer_size);
    put16(p + 7, kDfuseVersion);
    return total;
}

std::size_t string_descriptor(const Profile& profile, uint8_t index, std::span<uint8_t> out) {
    if (index == 0) {
        if (out.size() < 4) {
            return 0;
        }
        out[0] = 4;
        out[1] = kStringDescriptor;
        put16(out.data() + 2, kLangIdEnglishUs);
        return 4;
    }
    const char* text = string_of(profile, index);
    if (text == nullptr) {
        return 0;
    }
    const std::size_t chars = std::strlen(text);
    const std::size_t length = 2 + 2 * chars;
    if (length > 255 || out.size() < length) {
        return 0;
    }
    out[0] = static_cast<uint8_t>(length);
    out[1] = kStringDescriptor;
    for (std::size_t i = 0; i < chars; ++i) {
        put16(out.data() + 2 + 2 * i, static_cast<uint8_t>(text[i]));
    }
    return length;
}

}  // namespace sysboot::dfuse
