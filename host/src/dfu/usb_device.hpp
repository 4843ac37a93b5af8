// Finding and opening an ST ROM's DFU device through libusb-1.0 (AN3156 §2: the ROM enumerates
// as 0483:DF11 with one DFU-mode interface, one alternate setting per memory). This file
// only reads descriptors and strings; the DfuSe requests are in dfuse_client.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

struct libusb_context;
struct libusb_device_handle;

namespace sysboot::host::dfu {

// DFU 1.1 §4.1.3 functional descriptor.
struct FunctionalDescriptor {
    uint8_t attributes = 0;
    uint16_t detach_timeout_ms = 0;
    uint16_t transfer_size = 0;
    uint16_t dfu_version = 0;
};

struct Alternate {
    uint8_t setting = 0;
    std::string name;  // the memory-layout string (UM0424 §4.3.2)
};

// What a host learns about one DFU device from its descriptors.
struct DeviceInfo {
    uint16_t vendor_id = 0;
    uint16_t product_id = 0;
    uint16_t bcd_device = 0;  // AN3156: the MSB is the bootloader version
    std::string bus_path;     // "1-2" or "1-2.3" (bus, then the port chain), as dfu-util prints
    std::string serial;
    uint8_t interface_number = 0;
    std::vector<Alternate> alternates;
    FunctionalDescriptor functional;
};

// Which device: "" = the first 0483:df11; "VVVV:PPPP" by ids; "B-P[.P...]" by bus path;
// anything else is a serial number.
struct DeviceSpec {
    std::string text;
};

// A libusb context and, once opened, one device with its DFU interface claimed.
class UsbSession {
  public:
    UsbSession();
    ~UsbSession();
    UsbSession(const UsbSession&) = delete;
    UsbSession& operator=(const UsbSession&) = delete;

    [[nodiscard]] Status init();
    // Every device with a DFU-mode interface (class 0xFE/0x01/0x02), strings read.
    [[nodiscard]] Result<std::vector<DeviceInfo>> list();
    // Opens the device `spec` names, claims its DFU interface, checks the functional
    // descriptor (bcdDFUVersion 0x011A marks DfuSe, AN3156) and wTransferSize.
    [[nodiscard]] Status open(const DeviceSpec& spec);

    [[nodiscard]] const DeviceInfo& info() const { return info_; }
    [[nodiscard]] libusb_device_handle* handle() const { return handle_; }

  private:
    Status check_and_claim();

    libusb_context* context_ = nullptr;
    libusb_device_handle* handle_ = nullptr;
    bool claimed_ = false;
    DeviceInfo info_;
};

// True when `spec` names `info` (the rules of DeviceSpec).
[[nodiscard]] bool spec_matches(const DeviceSpec& spec, const DeviceInfo& info);
// AN3156: the bootloader version is the most significant byte of bcdDevice ("2.2" for 0x2200).
[[nodiscard]] std::string bootloader_version(uint16_t bcd_device);
// "0483:df11 at 1-2 (serial X)" for messages that list devices.
[[nodiscard]] std::string device_text(const DeviceInfo& info);

// "0483:df11" from a spec, or false when the text is not VID:PID.
[[nodiscard]] bool parse_ids(const std::string& text, uint16_t& vendor, uint16_t& product);
// A libusb error code as an Error of `phase` (stall, device gone, timeout, I/O).
[[nodiscard]] Error usb_error(Phase phase, int libusb_code, const std::string& what,
                              std::optional<uint32_t> address = std::nullopt);

}  // namespace sysboot::host::dfu
