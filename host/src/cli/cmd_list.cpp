// `sysboot list`: what the tool could talk to. USB DFU devices (an ST ROM in DFU mode is
// 0483:DF11, its bootloader version the MSB of bcdDevice, one alternate setting per memory:
// AN3156) read through libusb-1.0, and serial ports as libserialport enumerates them.
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/serial_ports.hpp"
#include "dfu/usb_device.hpp"

namespace sysboot::host {

namespace {

struct ListOptions {};

std::string dfu_json(const dfu::DeviceInfo& d) {
    std::vector<std::string> alternates;
    for (const auto& a : d.alternates) {
        alternates.push_back(a.name);
    }
    JsonObject o;
    o.add("vid_pid", fmt::format("{:04x}:{:04x}", d.vendor_id, d.product_id))
        .add("path", d.bus_path)
        .add("serial", d.serial)
        .add("bcd_device", fmt::format("0x{:04x}", d.bcd_device))
        .add("bootloader_version", dfu::bootloader_version(d.bcd_device))
        .add("transfer_size", unsigned{d.functional.transfer_size})
        .add_raw("alternates", json_string_array(alternates));
    return o.str();
}

void print_human(Context& ctx, const std::vector<dfu::DeviceInfo>& devices,
                 const std::vector<SerialPortInfo>& ports) {
    ctx.out() << (devices.empty() ? "USB DFU devices: none\n" : "USB DFU devices:\n");
    for (const auto& d : devices) {
        ctx.out() << fmt::format(
            "  {:04x}:{:04x} path {} serial {} bootloader {} (bcdDevice 0x{:04x})\n", d.vendor_id,
            d.product_id, d.bus_path, d.serial.empty() ? "-" : d.serial,
            dfu::bootloader_version(d.bcd_device), d.bcd_device);
        for (const auto& a : d.alternates) {
            ctx.out() << fmt::format("    alt {}: {}\n", a.setting, a.name);
        }
    }
    ctx.out() << (ports.empty() ? "Serial ports: none\n" : "Serial ports:\n");
    for (const auto& p : ports) {
        ctx.out() << fmt::format("  {}{}\n", p.name,
                                 p.description.empty() ? "" : "  (" + p.description + ")");
    }
}

int run_list(Context& ctx, const ListOptions&) {
    dfu::UsbSession usb;
    std::vector<dfu::DeviceInfo> devices;
    // No USB access (a container without /dev/bus/usb) is not an error: there is nothing.
    if (auto s = usb.init(); s) {
        auto found = usb.list();
        if (!found) {
            return ctx.fail(found.error());
        }
        devices = std::move(*found);
    } else {
        ctx.note("USB: " + s.error().message());
    }
    const auto ports = ctx.serial_ports_found();
    if (ctx.options().json) {
        std::vector<std::string> dfu_items;
        std::vector<std::string> port_items;
        for (const auto& d : devices) {
            dfu_items.push_back(dfu_json(d));
        }
        for (const auto& p : ports) {
            port_items.push_back(
                JsonObject{}.add("name", p.name).add("description", p.description).str());
        }
        JsonObject result;
        result.add_raw("dfu", json_array(dfu_items)).add_raw("serial", json_array(port_items));
        return ctx.succeed(result);
    }
    print_human(ctx, devices, ports);
    return 0;
}

}  // namespace

void add_list_command(CLI::App& app, CommandRun& chosen) {
    auto o = std::make_shared<ListOptions>();
    auto* sub = app.add_subcommand("list", "List ROM DFU devices (USB) and serial ports");
    on_chosen(*sub, o, chosen, run_list);
}

}  // namespace sysboot::host
