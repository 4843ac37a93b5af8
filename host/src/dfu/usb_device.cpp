#include "dfu/usb_device.hpp"

#include <fmt/format.h>

#include <libusb.h>

#include <charconv>
#include <cstdio>

#include "sysboot/dfuse/dfu.hpp"

namespace sysboot::host::dfu {
namespace {

constexpr uint16_t kStVendor = 0x0483;
constexpr uint16_t kStDfuProduct = 0xDF11;
constexpr unsigned kStringTimeoutMs = 1000;

bool is_dfu_mode(const libusb_interface_descriptor& alt) {
    return alt.bInterfaceClass == dfuse::kInterfaceClass &&
           alt.bInterfaceSubClass == dfuse::kInterfaceSubclass &&
           alt.bInterfaceProtocol == dfuse::kInterfaceProtocolDfuMode;
}

// DFU 1.1 §4.1.3: the functional descriptor (type 0x21, 9 bytes) follows the interface
// descriptors; libusb hands it over as "extra" bytes of an alternate setting.
bool find_functional(const libusb_interface& intf, FunctionalDescriptor& out) {
    for (int a = 0; a < intf.num_altsetting; ++a) {
        const libusb_interface_descriptor& alt = intf.altsetting[a];
        for (int i = 0; i + 2 <= alt.extra_length && alt.extra[i] != 0; i += alt.extra[i]) {
            const unsigned char* d = alt.extra + i;
            if (d[1] == dfuse::kFunctionalDescriptorType && d[0] >= 9 &&
                i + 9 <= alt.extra_length) {
                out.attributes = d[2];
                out.detach_timeout_ms = static_cast<uint16_t>(d[3] | d[4] << 8);
                out.transfer_size = static_cast<uint16_t>(d[5] | d[6] << 8);
                out.dfu_version = static_cast<uint16_t>(d[7] | d[8] << 8);
                return true;
            }
        }
    }
    return false;
}

std::string read_string(libusb_device_handle* h, uint8_t index) {
    if (h == nullptr || index == 0) {
        return {};
    }
    unsigned char text[256] = {};
    const int n = libusb_get_string_descriptor_ascii(h, index, text, sizeof text);
    return n > 0 ? std::string(reinterpret_cast<char*>(text), static_cast<std::size_t>(n))
                 : std::string{};
}

std::string bus_path(libusb_device* dev) {
    uint8_t ports[8] = {};
    const int n = libusb_get_port_numbers(dev, ports, sizeof ports);
    // dfu-util's spelling: bus-port.port.port
    std::string path = fmt::format("{}", libusb_get_bus_number(dev));
    for (int i = 0; i < n; ++i) {
        path += fmt::format("{}{}", i == 0 ? '-' : '.', ports[i]);
    }
    return path;
}

// Descriptors of `dev` when it has a DFU-mode interface; strings only if `h` is open.
bool describe(libusb_device* dev, libusb_device_handle* h, DeviceInfo& out) {
    libusb_device_descriptor dd{};
    libusb_config_descriptor* config = nullptr;
    if (libusb_get_device_descriptor(dev, &dd) != 0 ||
        libusb_get_config_descriptor(dev, 0, &config) != 0) {
        return false;
    }
    bool found = false;
    for (int i = 0; i < config->bNumInterfaces && !found; ++i) {
        const libusb_interface& intf = config->interface[i];
        if (intf.num_altsetting < 1 || !is_dfu_mode(intf.altsetting[0])) {
            continue;
        }
        found = true;
        out.interface_number = intf.altsetting[0].bInterfaceNumber;
        for (int a = 0; a < intf.num_altsetting; ++a) {
            out.alternates.push_back(Alternate{intf.altsetting[a].bAlternateSetting,
                                               read_string(h, intf.altsetting[a].iInterface)});
        }
        find_functional(intf, out.functional);
    }
    libusb_free_config_descriptor(config);
    out.vendor_id = dd.idVendor;
    out.product_id = dd.idProduct;
    out.bcd_device = dd.bcdDevice;
    out.bus_path = bus_path(dev);
    out.serial = read_string(h, dd.iSerialNumber);
    return found;
}

}  // namespace

bool spec_matches(const DeviceSpec& spec, const DeviceInfo& info) {
    uint16_t vendor = 0;
    uint16_t product = 0;
    if (spec.text.empty()) {
        return info.vendor_id == kStVendor && info.product_id == kStDfuProduct;
    }
    if (parse_ids(spec.text, vendor, product)) {
        return info.vendor_id == vendor && info.product_id == product;
    }
    return spec.text == info.bus_path || spec.text == info.serial;
}

std::string bootloader_version(uint16_t bcd) {
    return fmt::format("{}.{}", bcd >> 12 & 0xF, bcd >> 8 & 0xF);
}

std::string device_text(const DeviceInfo& info) {
    return fmt::format("{:04x}:{:04x} at {} (serial {})", info.vendor_id, info.product_id,
                       info.bus_path, info.serial.empty() ? "-" : info.serial);
}

bool parse_ids(const std::string& text, uint16_t& vendor, uint16_t& product) {
    if (text.size() != 9 || text[4] != ':') {
        return false;
    }
    const char* s = text.data();
    const auto v = std::from_chars(s, s + 4, vendor, 16);
    const auto p = std::from_chars(s + 5, s + 9, product, 16);
    return v.ec == std::errc{} && v.ptr == s + 4 && p.ec == std::errc{} && p.ptr == s + 9;
}

Error usb_error(Phase phase, int code, const std::string& what, std::optional<uint32_t> address) {
    const std::string name = libusb_error_name(code);
    switch (code) {
        case LIBUSB_ERROR_NO_DEVICE:
            return make_error(phase, Cause::Disconnected,
                              what + ": the device left the bus (" + name + ")", address);
        case LIBUSB_ERROR_TIMEOUT:
            return make_error(phase, Cause::Timeout, what + ": no answer in time (" + name + ")",
                              address);
        case LIBUSB_ERROR_PIPE:
            return make_error(phase, Cause::Nack, what + ": the device stalled the request",
                              address);
        default:
            return make_error(phase, Cause::Io, what + ": " + name, address);
    }
}

UsbSession::UsbSession() = default;

UsbSession::~UsbSession() {
    if (claimed_) {
        libusb_release_interface(handle_, info_.interface_number);
    }
    if (handle_ != nullptr) {
        libusb_close(handle_);
    }
    if (context_ != nullptr) {
        libusb_exit(context_);
    }
}

Status UsbSession::init() {
    if (const int rc = libusb_init(&context_); rc != 0) {
        context_ = nullptr;
        return usb_error(Phase::Open, rc, "libusb initialisation");
    }
    return {};
}

Result<std::vector<DeviceInfo>> UsbSession::list() {
    libusb_device** devices = nullptr;
    const ssize_t n = libusb_get_device_list(context_, &devices);
    if (n < 0) {
        return usb_error(Phase::Open, static_cast<int>(n), "listing USB devices");
    }
    std::vector<DeviceInfo> found;
    for (ssize_t i = 0; i < n; ++i) {
        libusb_device_handle* h = nullptr;
        const bool opened = libusb_open(devices[i], &h) == 0;
        DeviceInfo info;
        if (describe(devices[i], opened ? h : nullptr, info)) {
            found.push_back(std::move(info));
        }
        if (opened) {
            libusb_close(h);
        }
    }
    libusb_free_device_list(devices, 1);
    return found;
}

Status UsbSession::open(const DeviceSpec& spec) {
    libusb_device** devices = nullptr;
    const ssize_t n = libusb_get_device_list(context_, &devices);
    if (n < 0) {
        return usb_error(Phase::Open, static_cast<int>(n), "listing USB devices");
    }
    int open_error = 0;
    for (ssize_t i = 0; i < n && handle_ == nullptr; ++i) {
        libusb_device_handle* h = nullptr;
        if (const int rc = libusb_open(devices[i], &h); rc != 0) {
            open_error = rc;
            continue;
        }
        DeviceInfo info;
        if (describe(devices[i], h, info) && spec_matches(spec, info)) {
            handle_ = h;
            info_ = std::move(info);
        } else {
            libusb_close(h);
        }
    }
    libusb_free_device_list(devices, 1);
    if (handle_ == nullptr) {
        if (open_error != 0) {
            return usb_error(Phase::Open, open_error, "opening a USB device");
        }
        return make_error(Phase::Open, Cause::Io,
                          spec.text.empty() ? std::string("no DFU device 0483:df11 found")
                                            : "no DFU device matches '" + spec.text + "'");
    }
    return check_and_claim();
}

Status UsbSession::check_and_claim() {
    const FunctionalDescriptor& f = info_.functional;
    // AN3156: ST's extension (commands in block 0, addressed data blocks) is marked by
    // bcdDFUVersion 0x011A; a plain DFU 1.1 device would take every command as data.
    if (f.dfu_version != dfuse::kDfuseVersion) {
        char text[96];
        std::snprintf(text, sizeof text,
                      "bcdDFUVersion is 0x%04x, not DfuSe 0x011A (or no functional descriptor)",
                      f.dfu_version);
        return make_error(Phase::Open, Cause::Unsupported, text);
    }
    if (f.transfer_size == 0) {
        return make_error(Phase::Open, Cause::BadResponse, "wTransferSize is 0");
    }
    if (const int rc = libusb_claim_interface(handle_, info_.interface_number); rc != 0) {
        return usb_error(Phase::Open, rc, "claiming the DFU interface");
    }
    claimed_ = true;
    return {};
}

}  // namespace sysboot::host::dfu
