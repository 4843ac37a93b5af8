// USB descriptors of the ROM's DFU device, built from a Profile into caller buffers
// (USB 2.0 §9.6: device, configuration, interface, string; DFU 1.1 §4.2: DFU-mode interface
// and functional descriptors). Freestanding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "sysboot/dfuse/profile.hpp"

namespace sysboot::dfuse {

// USB 2.0 §9.4 Table 9-5: descriptor types.
inline constexpr uint8_t kDeviceDescriptor = 1;
inline constexpr uint8_t kConfigurationDescriptor = 2;
inline constexpr uint8_t kStringDescriptor = 3;
inline constexpr uint8_t kInterfaceDescriptor = 4;

// String indices: 1-3 identify the device, 4 + n names alternate setting n (its layout).
inline constexpr uint8_t kManufacturerString = 1;
inline constexpr uint8_t kProductString = 2;
inline constexpr uint8_t kSerialString = 3;
inline constexpr uint8_t kFirstAlternateString = 4;
inline constexpr uint16_t kLangIdEnglishUs = 0x0409;

inline constexpr std::size_t kDeviceDescriptorLength = 18;
// Bytes the configuration descriptor of `profile` takes.
[[nodiscard]] std::size_t configuration_length(const Profile& profile);

// Each returns the bytes written, or 0 when `out` is too small or the index does not exist.
std::size_t device_descriptor(const Profile& profile, std::span<uint8_t> out);
std::size_t configuration_descriptor(const Profile& profile, std::span<uint8_t> out);
// Index 0 is the language list (English, US); other strings are UTF-16LE of the ASCII text.
std::size_t string_descriptor(const Profile& profile, uint8_t index, std::span<uint8_t> out);

}  // namespace sysboot::dfuse
