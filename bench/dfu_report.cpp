// Figure 6 in the table, the JSON and the sanity checks (bench/dfu.cpp measures it).
#include <cstdarg>
#include <cstdio>

#include "figures.hpp"

namespace bench {
namespace {

std::string fmt(const char* f, ...) __attribute__((format(printf, 1, 2)));
std::string fmt(const char* f, ...) {
    char buf[512];
    va_list ap;
    va_start(ap, f);
    std::vsnprintf(buf, sizeof buf, f, ap);
    va_end(ap);
    return buf;
}

std::string row(const std::string& what, const std::string& measured, const std::string& ref,
                const std::string& ratio) {
    return "| 6 | " + what + " | " + measured + " | " + ref + " | " + ratio + " |\n";
}

std::string json_str(const std::string& s) {
    std::string o = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') {
            o += '\\';
        }
        o += (c == '\n' || c == '\r') ? ' ' : c;
    }
    return o + "\"";
}

std::string measured(const UsbRun& r) {
    return fmt(
        "%u transfers (DNLOAD %u, GETSTATUS %u, UPLOAD %u); %llu B → + %llu B ←; "
        "%u blocks written (the image has %u all-0xFF blocks), %u sectors erased; %.2f s wall; "
        "model %.2f s at "
        "12 Mbit/s (bus %.2f + program %.2f + erase %.2f)",
        r.transfers, r.dnload, r.get_status, r.upload, static_cast<unsigned long long>(r.to_device),
        static_cast<unsigned long long>(r.to_host), r.blocks_written, r.blank_blocks,
        r.sectors_erased, r.seconds, r.model_seconds, r.model_bus, r.model_program, r.model_erase);
}

std::string json_run(const UsbRun& r) {
    return "{\"name\":" + json_str(r.name) + ",\"command\":" + json_str(r.command) +
           fmt(",\"ok\":%s,\"transfers\":%u,\"dnload\":%u,\"get_status\":%u,\"upload\":%u,"
               "\"to_device\":%llu,\"to_host\":%llu,\"bytes_written\":%llu,\"blocks_written\":%u,"
               "\"blank_blocks\":%u,\"sectors_erased\":%u,\"seconds\":%.3f,\"model_seconds\":%.3f,"
               "\"model_bus\":%.3f,\"model_program\":%.3f,\"model_erase\":%.3f,",
               r.ok ? "true" : "false", r.transfers, r.dnload, r.get_status, r.upload,
               static_cast<unsigned long long>(r.to_device),
               static_cast<unsigned long long>(r.to_host),
               static_cast<unsigned long long>(r.bytes_written), r.blocks_written, r.blank_blocks,
               r.sectors_erased, r.seconds, r.model_seconds, r.model_bus, r.model_program,
               r.model_erase) +
           "\"error\":" + json_str(r.error) + "}";
}

}  // namespace

std::string dfu_table(const Results& res) {
    const DfuFigures& d = res.dfu;
    if (!d.ran) {
        return row("update over USB DFU", "not run: " + d.skipped, "—", "—");
    }
    // The USART reference: the same image, sysboot over AN3155 (figures 3-4, same run).
    const WireRun& usart = res.update.crc;
    const bool have_usart = res.update.ran && usart.ok;
    std::string t;
    for (const UsbRun* r : {&d.sysboot, &d.sysboot_noverify, &d.dfu_util, &d.board, &d.floor}) {
        if (r->name.empty()) {
            continue;
        }
        const std::string what = "USB DFU 256 KiB (64 KiB 0xFF hole), " + r->name;
        if (!r->ok) {
            t += row(what, "failed: " + r->error, "—", "—");
            continue;
        }
        const std::string ref =
            fmt("floor %u transfers, model %.2f s", d.floor.transfers, d.floor.model_seconds) +
            (have_usart ? fmt("; USART %s: model %.1f s at 115200, %.2f s emulator",
                              usart.name.c_str(), usart.model_seconds, usart.seconds)
                        : std::string("; USART row not run"));
        const std::string ratio =
            fmt("%.2f× floor", r->model_seconds / d.floor.model_seconds) +
            (have_usart ? fmt("; USART/DFU model %.1f×", usart.model_seconds / r->model_seconds)
                        : std::string());
        t += row(what, measured(*r), ref, ratio);
    }
    const std::uint32_t total = d.floor.blocks_written + d.floor.blank_blocks;
    auto skips = [total](const UsbRun& r) { return r.blocks_written + r.blank_blocks <= total; };
    if (d.sysboot.ok && d.dfu_util.ok) {
        t += row("wall, sysboot DfuSe client vs dfu-util (same rig)",
                 fmt("%.2f s (no verify %.2f s) vs %.2f s", d.sysboot.seconds,
                     d.sysboot_noverify.seconds, d.dfu_util.seconds),
                 fmt("blank hole (%u of %u blocks all 0xFF): sysboot writes %u blocks (%s), "
                     "dfu-util %u (%s)",
                     d.sysboot.blank_blocks, total, d.sysboot.blocks_written,
                     skips(d.sysboot) ? "skips it" : "writes it", d.dfu_util.blocks_written,
                     skips(d.dfu_util) ? "skips it" : "writes it"),
                 fmt("%.2f× dfu-util", d.sysboot.seconds / d.dfu_util.seconds));
    }
    return t;
}

std::string dfu_json(const DfuFigures& d) {
    const UsbTimeModel& u = kUsbTimeModel;
    return fmt("{\"ran\":%s,", d.ran ? "true" : "false") + "\"skipped\":" + json_str(d.skipped) +
           ",\n\"sysboot\":" + json_run(d.sysboot) +
           ",\n\"sysboot_noverify\":" + json_run(d.sysboot_noverify) +
           ",\n\"dfu_util\":" + json_run(d.dfu_util) + ",\n\"board\":" + json_run(d.board) +
           ",\n\"floor\":" + json_run(d.floor) +
           fmt(",\n\"usb_model\":{\"bit_rate\":%.0f,\"frame_s\":%g,\"transfer_overhead_bytes\":%."
               "0f,"
               "\"packet_overhead_bytes\":%.0f,\"max_packet\":%.0f}}",
               u.bit_rate, u.frame_s, u.transfer_overhead_bytes, u.packet_overhead_bytes,
               u.max_packet);
}

void dfu_sanity(const DfuFigures& d, std::vector<std::string>& f) {
    if (!d.ran) {
        f.push_back("figure 6: " + d.skipped);
        return;
    }
    for (const UsbRun* r : {&d.sysboot, &d.sysboot_noverify, &d.dfu_util, &d.board}) {
        if (r->name.empty()) {
            continue;
        }
        if (!r->ok) {
            f.push_back("figure 6: " + r->name + ": " + r->error);
        } else if (r->transfers < d.floor.transfers || r->model_seconds < d.floor.model_seconds) {
            f.push_back("figure 6: " + r->name + ": below the DfuSe floor");
        }
    }
}

}  // namespace bench
