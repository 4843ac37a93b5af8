#include "sysboot/dfuse/usb_device.hpp"

#include <cstring>

#include "sysboot/dfuse/descriptors.hpp"

namespace sysboot::dfuse {
namespace {

// USB 2.0 §9.4 Table 9-4: standard request codes.
constexpr uint8_t kGetStatus = 0;
constexpr uint8_t kGetDescriptor = 6;
constexpr uint8_t kGetConfiguration = 8;
constexpr uint8_t kSetConfiguration = 9;
constexpr uint8_t kGetInterface = 10;
constexpr uint8_t kSetInterface = 11;

constexpr uint8_t kTypeMask = 0x60;
constexpr uint8_t kTypeStandard = 0x00;
constexpr uint8_t kTypeClass = 0x20;

Reply copy_out(const uint8_t* bytes, std::size_t n, const Setup& setup,
               std::span<uint8_t> data_in) {
    if (n == 0) {
        return {true, 0};
    }
    std::size_t length = n < setup.length ? n : setup.length;
    length = length < data_in.size() ? length : data_in.size();
    std::memcpy(data_in.data(), bytes, length);
    return {false, static_cast<uint16_t>(length)};
}

}  // namespace

Reply UsbDevice::control(const Setup& setup, std::span<const uint8_t> data_out,
                         std::span<uint8_t> data_in) {
    switch (setup.request_type & kTypeMask) {
        case kTypeStandard:
            return standard(setup, data_in);
        case kTypeClass:
            // DFU requests address interface 0, the only one (DFU 1.1 §3).
            if (setup.index != 0) {
                return {true, 0};
            }
            return engine_.control(setup, data_out, data_in);
        default:
            return {true, 0};
    }
}

bool UsbDevice::set_interface(uint16_t interface, uint16_t alternate) {
    return interface == 0 && alternate <= 0xFF &&
           engine_.select_alternate(static_cast<uint8_t>(alternate));
}

Reply UsbDevice::standard(const Setup& setup, std::span<uint8_t> data_in) {
    const bool in = (setup.request_type & 0x80) != 0;
    switch (setup.request) {
        case kGetDescriptor:
            return in ? get_descriptor(setup, data_in) : Reply{true, 0};
        case kGetStatus: {
            const uint8_t status[2] = {0, 0};
            return in ? copy_out(status, 2, setup, data_in) : Reply{true, 0};
        }
        case kGetConfiguration:
            return in ? copy_out(&configuration_, 1, setup, data_in) : Reply{true, 0};
        case kSetConfiguration:
            if (in || setup.value > 1) {
                return {true, 0};
            }
            configuration_ = static_cast<uint8_t>(setup.value);
            return {};
        case kGetInterface: {
            const uint8_t alt = engine_.alternate();
            return in ? copy_out(&alt, 1, setup, data_in) : Reply{true, 0};
        }
        case kSetInterface:
            return !in && set_interface(setup.index, setup.value) ? Reply{} : Reply{true, 0};
        default:
            return {true, 0};
    }
}

Reply UsbDevice::get_descriptor(const Setup& setup, std::span<uint8_t> data_in) {
    uint8_t scratch[256];
    const auto type = static_cast<uint8_t>(setup.value >> 8);
    const auto index = static_cast<uint8_t>(setup.value);
    const Profile& profile = engine_.profile();
    std::size_t n = 0;
    switch (type) {
        case kDeviceDescriptor:
            n = device_descriptor(profile, scratch);
            break;
        case kConfigurationDescriptor:
            n = index == 0 ? configuration_descriptor(profile, scratch) : 0;
            break;
        case kStringDescriptor:
            n = string_descriptor(profile, index, scratch);
            break;
        default:
            break;
    }
    return copy_out(scratch, n, setup, data_in);
}

}  // namespace sysboot::dfuse
