// `sysboot --usb info` and `sysboot --usb enter`: what the ROM's DFU descriptors say (AN3156:
// 0483:DF11, the bootloader version in the MSB of bcdDevice, the DFU functional descriptor's
// wTransferSize, one alternate setting per memory with its layout string, UM0424 §4.3.2), the
// part as far as the flash layout tells it, and whether reads are refused (readout protection:
// errVENDOR, AN3156).
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/text.hpp"
#include "cli/usb_link.hpp"

namespace sysboot::host {

namespace {

std::string layout_text(const dfuse::Layout& layout) {
    std::vector<std::string> parts;
    for (const auto& s : layout.segments()) {
        parts.push_back(fmt::format(
            "0x{:08X} {}x{}{} {}{}{}", s.address, s.sector_count,
            s.sector_size % 1024 == 0 ? s.sector_size / 1024 : s.sector_size,
            s.sector_size % 1024 == 0 ? "K" : "B", s.has(dfuse::access::kReadable) ? "r" : "-",
            s.has(dfuse::access::kErasable) ? "e" : "-",
            s.has(dfuse::access::kWritable) ? "w" : "-"));
    }
    const uint64_t total = layout.total_size();
    return fmt::format(
        "{} ({}: {})", std::string_view(layout.name().data(), layout.name().size()),
        total % 1024 == 0 ? fmt::format("{} KiB", total / 1024) : fmt::format("{} bytes", total),
        fmt::join(parts, ", "));
}

// One read of the flash base: errVENDOR means readout protection (AN3156; AN2662 §4.4.1).
Result<std::string> probe_rdp(Context& ctx) {
    std::array<uint8_t, 4> word{};
    auto s = ctx.target().read(ctx.part().flash_base, word);
    if (s) {
        return std::string("0 (flash readable)");
    }
    if (s.error().cause == Cause::Refused) {
        return std::string("1 or 2 (reads answered with errVENDOR)");
    }
    return s.error();
}

void print_text(Context& ctx, const dfu::DeviceInfo& d, const std::string& rdp) {
    auto& out = ctx.out();
    out << fmt::format("usb          {:04x}:{:04x} at {}, serial {}\n", d.vendor_id, d.product_id,
                       d.bus_path, d.serial.empty() ? "-" : d.serial);
    out << fmt::format("bootloader   v{} (bcdDevice 0x{:04x})\n",
                       dfu::bootloader_version(d.bcd_device), d.bcd_device);
    out << fmt::format("dfu          DfuSe 0x{:04x}, wTransferSize {}, bmAttributes 0x{:02x}\n",
                       d.functional.dfu_version, d.functional.transfer_size,
                       d.functional.attributes);
    for (const auto& a : d.alternates) {
        auto layout = dfu::parse_alternate(a);
        out << fmt::format("alt {}        {}\n", a.setting,
                           layout ? layout_text(*layout) : "unparsable: " + a.name);
    }
    const auto& link = ctx.usb();
    out << fmt::format("part         {} ({})\n", ctx.part().name, link.part->how);
    out << fmt::format("flash        0x{:08X}, {} KiB, {} sectors ({})\n", ctx.part().flash_base,
                       ctx.part().flash_size() / 1024, ctx.part().sectors.count(),
                       sector_map_text(ctx.part().sectors));
    out << fmt::format("RDP level    {}\n", rdp);
}

}  // namespace

int run_info_usb(Context& ctx, bool enter) {
    if (auto s = ctx.connect(enter, true); !s) {
        return ctx.fail(s.error());
    }
    auto rdp = probe_rdp(ctx);
    if (!rdp) {
        return ctx.fail(rdp.error());
    }
    const auto& d = ctx.usb().session.info();
    if (!ctx.options().json) {
        print_text(ctx, d, *rdp);
        return 0;
    }
    std::vector<std::string> alternates;
    for (const auto& a : d.alternates) {
        alternates.push_back(a.name);
    }
    JsonObject result;
    result.add("vid_pid", fmt::format("{:04x}:{:04x}", d.vendor_id, d.product_id))
        .add("path", d.bus_path)
        .add("serial", d.serial)
        .add("bcd_device", fmt::format("0x{:04x}", d.bcd_device))
        .add("bootloader_version", dfu::bootloader_version(d.bcd_device))
        .add("transfer_size", unsigned{d.functional.transfer_size})
        .add_raw("alternates", json_string_array(alternates))
        .add_raw("part", part_json(ctx.part(), 0))
        .add("part_source", ctx.usb().part->how)
        .add("sectors", uint64_t{ctx.part().sectors.count()})
        .add("rdp", *rdp);
    return ctx.succeed(result);
}

int run_enter_usb(Context& ctx) {
    if (auto s = ctx.connect(true, true); !s) {
        return ctx.fail(s.error());
    }
    const auto& d = ctx.usb().session.info();
    if (ctx.options().json) {
        JsonObject result;
        result.add("port", ctx.port_name())
            .add("bootloader_version", dfu::bootloader_version(d.bcd_device));
        return ctx.succeed(result);
    }
    if (!ctx.options().quiet) {
        ctx.out() << fmt::format("ROM DFU device {} ready (bootloader v{})\n", dfu::device_text(d),
                                 dfu::bootloader_version(d.bcd_device));
    }
    return 0;
}

}  // namespace sysboot::host
