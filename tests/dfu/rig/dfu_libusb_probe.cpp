// A small libusb-1.0 client that reads what a host learns about an ST DFU device before it
// transfers anything: device descriptor, strings, every alternate setting's layout string,
// the DFU functional descriptor, and GETSTATUS/CLRSTATUS through real control transfers.
// It prints "key=value" lines; tests/dfu/rig/rig_test.cpp checks them against the engine.
#include <libusb.h>

#include <cstdint>
#include <cstdio>

namespace {

constexpr uint16_t kVendor = 0x0483;
constexpr uint16_t kProduct = 0xDF11;
constexpr unsigned kTimeoutMs = 1000;

const char* result_name(int rc) {
    return rc >= 0 ? "ok" : libusb_error_name(rc);
}

void print_string(libusb_device_handle* h, const char* key, uint8_t index) {
    unsigned char text[256] = {};
    const int n = libusb_get_string_descriptor_ascii(h, index, text, sizeof text);
    std::printf("%s=%s\n", key, n >= 0 ? reinterpret_cast<char*>(text) : libusb_error_name(n));
}

// DFU 1.1 §4.1.3: the functional descriptor follows the interface descriptors.
void print_functional(const libusb_interface& intf) {
    for (int a = 0; a < intf.num_altsetting; ++a) {
        const libusb_interface_descriptor& alt = intf.altsetting[a];
        for (int i = 0; i + 9 <= alt.extra_length; i += alt.extra[i]) {
            const unsigned char* d = alt.extra + i;
            if (d[0] == 0) {
                break;
            }
            if (d[1] == 0x21 && d[0] >= 9) {
                std::printf("functional attributes=0x%02x detach=%u transfer=%u version=0x%04x\n",
                            d[2], d[3] | d[4] << 8, d[5] | d[6] << 8, d[7] | d[8] << 8);
                return;
            }
        }
    }
    std::printf("functional=missing\n");
}

void print_status(libusb_device_handle* h) {
    unsigned char s[6] = {};
    const int n = libusb_control_transfer(h, 0xA1, 3, 0, 0, s, sizeof s, kTimeoutMs);
    if (n == 6) {
        std::printf("getstatus status=%u state=%u poll=%u\n", s[0], s[4],
                    s[1] | s[2] << 8 | s[3] << 16);
    } else {
        std::printf("getstatus=%s\n", libusb_error_name(n));
    }
}

int probe(libusb_device* dev) {
    libusb_device_descriptor dd{};
    libusb_get_device_descriptor(dev, &dd);
    std::printf("device=%04x:%04x bcdDevice=0x%04x configurations=%u\n", dd.idVendor, dd.idProduct,
                dd.bcdDevice, dd.bNumConfigurations);
    libusb_config_descriptor* config = nullptr;
    if (libusb_get_config_descriptor(dev, 0, &config) != 0) {
        std::printf("config=unreadable\n");
        return 1;
    }
    libusb_device_handle* h = nullptr;
    if (const int rc = libusb_open(dev, &h); rc != 0) {
        std::printf("open=%s\n", libusb_error_name(rc));
        libusb_free_config_descriptor(config);
        return 1;
    }
    print_string(h, "manufacturer", dd.iManufacturer);
    print_string(h, "product", dd.iProduct);
    print_string(h, "serial", dd.iSerialNumber);
    const libusb_interface& intf = config->interface[0];
    std::printf("interfaces=%u alternates=%d\n", config->bNumInterfaces, intf.num_altsetting);
    for (int a = 0; a < intf.num_altsetting; ++a) {
        const libusb_interface_descriptor& alt = intf.altsetting[a];
        std::printf("alt%u class=%02x/%02x/%02x\n", alt.bAlternateSetting, alt.bInterfaceClass,
                    alt.bInterfaceSubClass, alt.bInterfaceProtocol);
        char key[16];
        std::snprintf(key, sizeof key, "alt%u name", alt.bAlternateSetting);
        print_string(h, key, alt.iInterface);
    }
    print_functional(intf);
    int rc = libusb_claim_interface(h, 0);
    std::printf("claim=%s\n", result_name(rc));
    rc = libusb_set_interface_alt_setting(h, 0, 1);
    std::printf("setalt1=%s\n", result_name(rc));
    print_status(h);
    // CLRSTATUS outside dfuERROR must stall (DFU 1.1 Appendix A) and libusb must see a stall.
    rc = libusb_control_transfer(h, 0x21, 4, 0, 0, nullptr, 0, kTimeoutMs);
    std::printf("clrstatus_in_idle=%s\n", result_name(rc));
    print_status(h);
    rc = libusb_control_transfer(h, 0x21, 4, 0, 0, nullptr, 0, kTimeoutMs);
    std::printf("clrstatus_in_error=%s\n", result_name(rc));
    print_status(h);
    libusb_release_interface(h, 0);
    libusb_close(h);
    libusb_free_config_descriptor(config);
    return 0;
}

}  // namespace

int main() {
    libusb_context* ctx = nullptr;
    if (const int rc = libusb_init(&ctx); rc != 0) {
        std::printf("init=%s\n", libusb_error_name(rc));
        return 1;
    }
    libusb_device** list = nullptr;
    const ssize_t n = libusb_get_device_list(ctx, &list);
    std::printf("devices=%zd\n", n);
    int result = 2;
    for (ssize_t i = 0; i < n; ++i) {
        libusb_device_descriptor dd{};
        if (libusb_get_device_descriptor(list[i], &dd) == 0 && dd.idVendor == kVendor &&
            dd.idProduct == kProduct) {
            result = probe(list[i]);
            break;
        }
    }
    if (result == 2) {
        std::printf("device=absent\n");
    }
    libusb_free_device_list(list, 1);
    libusb_exit(ctx);
    return result;
}
