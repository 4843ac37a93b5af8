// Figure 6: the 256 KiB update of figures 3-4 (bench/update.cpp: random bytes, one 64 KiB
// 0xFF hole) over USB DFU instead of the USART, through the real libusb of each client:
//   sysboot's host DfuSe client (host/src/dfu, run by tests/dfu/rig/dfu_host_driver), with
//   its read-back verify and without, and dfu-util 0.11, each on a fresh in-process UsbRig
//   (the F76x ROM's DFU device, bwPollTimeout 0); then dfu-util again on the emulated board
//   (QEMU: v1 enters the stand-in ROM, whose DFU device is relayed over the USB cable).
// Every client writes at 0x08000000 and leaves.
//
// Time model at USB full speed on a real STM32F76x (a model, not a measurement):
//   per control transfer: at least one 1 ms frame (USB 2.0 §8.4.3.1: full-speed frames are
//   1 ms; a synchronous client issues its next transfer once the host controller has
//   reported completion, which it does per frame), or the frames its bus bytes take at
//   12 Mbit/s: 45 bytes of framing per control transfer + 13 bytes per further 64-byte data
//   packet (token 3 + SYNC, data PID + CRC16 + SYNC, handshake PID + SYNC, gaps; USB 2.0
//   §8.4) + the data. The 45: USB 2.0 §5.5.4 tabulates control transfers only at high speed
//   (Table 5-3, 173 bytes = 9x4 SYNC + 9 PID + 6 address/endpoint + CRC5 + 6 CRC16 + 8 setup
//   bytes + 9x(1+11) inter-packet delay, for setup, one data and a status transaction; Table
//   5-9 is not a control table). The same count at full speed, with 1-byte SYNCs and 7 bytes
//   of inter-packet delay and EOP, is 9 + 9 + 6 + 6 + 8 + 7 = 45, the protocol overhead that
//   USB 1.1's full-speed control table states; that table itself could not be checked here,
//   so the 45 is this derivation, not a quoted figure. Bit stuffing is not counted.
//   + the flash: words written x tprog + each erased sector's tERASE, the values figures 3-4
//   use (TimeModel: DS11532/DS10916 "Flash memory programming", typical, x32: 16 us per word,
//   250 ms / 550 ms / 1 s for 32 / 128 / 256 KiB sectors).
// The floor: the payload's non-blank 2048-byte blocks, each DNLOAD + the two GETSTATUS the
// DFU state machine needs (dfuDNBUSY, then dfuDNLOAD-IDLE; AN3156, DFU 1.1 §7.1.3), the same
// for one Set Address Pointer per contiguous run and one erase per sector, and the leave
// (Set Address Pointer, zero-length DNLOAD, GETSTATUS).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "figures.hpp"
#include "qemu_runner.hpp"
#include "sysboot/an3155/sector_map.hpp"
#include "sysboot/dfuse/dfu.hpp"
#include "usb_relay.hpp"

#ifndef SYSBOOT_DFU_DRIVER
#error "SYSBOOT_DFU_DRIVER must name tests/dfu/rig/dfu_host_driver"
#endif
#ifndef SYSBOOT_DFU_UTIL
#error "SYSBOOT_DFU_UTIL must name dfu-util"
#endif
#ifndef SYSBOOT_TOOL
#error "SYSBOOT_TOOL must name the sysboot host tool"
#endif

namespace bench {
namespace {

using namespace std::chrono_literals;
using sysboot::dfuse::Request;
using sysboot::dfuse::rig::Traffic;
using sysboot::dfuse::rig::UsbRig;

constexpr std::size_t kBlock = 2048;  // the F7 ROMs' wTransferSize (docs/dfu.md)
constexpr const char* kAddress = "0x08000000";

std::string slurp(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

std::string last_line(const std::string& s) {
    std::string t = s;
    while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) {
        t.pop_back();
    }
    const auto nl = t.rfind('\n');
    return nl == std::string::npos ? t : t.substr(nl + 1);
}

std::uint32_t count(const Traffic& t, Request r) {
    const auto it = t.class_requests.find(static_cast<std::uint8_t>(r));
    return it == t.class_requests.end() ? 0 : it->second;
}

void take_traffic(UsbRun& run, const Traffic& t) {
    run.transfers = t.control_transfers;
    run.dnload = count(t, Request::Dnload);
    run.upload = count(t, Request::Upload);
    run.get_status = count(t, Request::GetStatus);
    run.to_device = t.bytes_to_device;
    run.to_host = t.bytes_to_host;
    run.data_lengths = t.data_lengths;
}

double sector_erase_s(std::uint32_t size) {
    const TimeModel& k = kTimeModel;
    return size <= 32 * 1024 ? k.erase_32k_s : size <= 128 * 1024 ? k.erase_128k_s : k.erase_256k_s;
}

void model_usb_time(UsbRun& r, const std::vector<std::uint32_t>& erased_sizes) {
    const UsbTimeModel& u = kUsbTimeModel;
    r.model_bus = 0;
    for (const std::uint16_t n : r.data_lengths) {
        const double packets = n == 0 ? 0 : static_cast<double>((n + 63) / 64);
        const double bytes = u.transfer_overhead_bytes +
                             (packets > 1 ? (packets - 1) * u.packet_overhead_bytes : 0) + n;
        const double frames = std::max(1.0, std::ceil(bytes * 8 / (u.bit_rate * u.frame_s)));
        r.model_bus += frames * u.frame_s;
    }
    r.model_program = static_cast<double>(r.bytes_written / 4) * kTimeModel.word_program_s;
    r.model_erase = 0;
    for (std::uint32_t size : erased_sizes) {
        r.model_erase += sector_erase_s(size);
    }
    r.model_seconds = r.model_bus + r.model_program + r.model_erase;
}

std::vector<std::uint32_t> first_sectors(std::uint32_t n) {
    std::vector<std::uint32_t> sizes;
    for (std::uint16_t s = 0; s < n; ++s) {
        sizes.push_back(sysboot::an3155::kF76xSingleBank.size_of(s));
    }
    return sizes;
}

std::uint32_t blank_blocks(const std::string& image) {
    std::uint32_t n = 0;
    for (std::size_t at = 0; at < image.size(); at += kBlock) {
        const auto block = image.substr(at, kBlock);
        n += block.find_first_not_of('\xFF') == std::string::npos ? 1 : 0;
    }
    return n;
}

// One client on a fresh in-process rig; checks that the flash holds the image afterwards.
void rig_run(UsbRun& run, const std::vector<std::string>& argv, const std::string& image) {
    UsbRig rig;
    const auto result = rig.run_client(argv, 120s);
    auto lock = rig.lock();
    run.seconds = result.wall.count();
    take_traffic(run, rig.traffic());
    const auto& c = rig.engine().counters();
    run.bytes_written = c.bytes_written;
    run.blocks_written = c.dnload_blocks;
    run.sectors_erased = c.sectors_erased;
    run.blank_blocks = blank_blocks(image);
    const bool same =
        std::equal(image.begin(), image.end(), rig.flash().begin(),
                   [](char a, std::uint8_t b) { return static_cast<std::uint8_t>(a) == b; });
    const bool left = rig.engine().event() == sysboot::dfuse::Event::Leave;
    run.ok = result.exit_code == 0 && same && left;
    if (!run.ok) {
        run.error = "exit " + std::to_string(result.exit_code) + (same ? "" : ", flash differs") +
                    (left ? "" : ", no leave") + ": " + last_line(result.output);
    }
    model_usb_time(run, first_sectors(run.sectors_erased));
}

// dfu-util through the emulated board: v1 enters the ROM (not timed), then the download.
// The image is random bytes, not an application, so this run does not leave: dfu-util reads
// the flash back afterwards (not counted) to check what the emulated CPU's ROM wrote.
void board_run(UsbRun& run, const std::string& image_path, const std::string& dir) {
    sysboot::emu::QemuConfig cfg = sysboot::emu::an500("app-qemu-an500");
    cfg.usb_cable = true;
    cfg.hard_timeout = 300s;
    sysboot::emu::Qemu q(cfg);
    if (!q.connect() || !q.wait_for("> ", 15s)) {
        run.error = "v1 did not come up";
        return;
    }
    sysboot::dfuse::rig::BoardUsb usb(q.usb_cable_fd());
    q.relay_start();
    const std::string enter =
        std::string(SYSBOOT_TOOL) + " --port unix:" + q.relay_socket() + " enter >/dev/null 2>&1";
    const int rc = std::system(("timeout 60 " + enter).c_str());
    q.relay_stop();
    if (rc != 0 || !usb.wait_listed(20s)) {
        run.error = "the ROM's DFU device did not appear: " + usb.last_error();
        return;
    }
    const auto result =
        usb.rig().run_client({SYSBOOT_DFU_UTIL, "-a", "0", "-s", kAddress, "-D", image_path}, 240s);
    {
        auto lock = usb.rig().lock();
        run.seconds = result.wall.count();
        take_traffic(run, usb.rig().traffic());
    }
    const std::string image = slurp(image_path);
    const std::string back = dir + "/board-back.bin";
    const auto up = usb.rig().run_client(
        {SYSBOOT_DFU_UTIL, "-a", "0", "-s",
         std::string(kAddress) + ":" + std::to_string(image.size()), "-U", back},
        240s);
    run.blank_blocks = blank_blocks(image);
    run.bytes_written = image.size();
    run.blocks_written = static_cast<std::uint32_t>((image.size() + kBlock - 1) / kBlock);
    run.sectors_erased = 5;  // 0x08000000 + 256 KiB: sectors 0-4 (RM0410 §3.3.1)
    const bool same = up.exit_code == 0 && slurp(back) == image;
    run.ok = result.exit_code == 0 && same;
    if (!run.ok) {
        run.error = "exit " + std::to_string(result.exit_code) + (same ? "" : ", flash differs") +
                    ": " + last_line(result.output + up.output);
    }
    model_usb_time(run, first_sectors(run.sectors_erased));
}

void floor_run(UsbRun& run, const std::string& image) {
    run.name = "DfuSe floor";
    run.command = "not run: the minimum transfers for this image";
    const std::uint32_t blocks = static_cast<std::uint32_t>((image.size() + kBlock - 1) / kBlock);
    const std::uint32_t data_blocks = blocks - blank_blocks(image);
    // Runs of non-blank blocks (one Set Address Pointer each).
    std::uint32_t runs = 0;
    bool in_run = false;
    for (std::uint32_t b = 0; b < blocks; ++b) {
        const bool blank =
            image.substr(b * kBlock, kBlock).find_first_not_of('\xFF') == std::string::npos;
        runs += !blank && !in_run ? 1 : 0;
        in_run = !blank;
    }
    const std::uint32_t sectors = 5;
    auto command = [&run](std::uint16_t out_bytes) {  // DNLOAD + GETSTATUS x2
        run.data_lengths.insert(run.data_lengths.end(), {out_bytes, 6, 6});
        run.to_device += 3 * 8 + out_bytes;
        run.to_host += 12;
        run.transfers += 3;
        run.dnload += 1;
        run.get_status += 2;
    };
    for (std::uint32_t i = 0; i < sectors; ++i) {
        command(5);  // 0x41 + address
    }
    for (std::uint32_t i = 0; i < runs; ++i) {
        command(5);  // 0x21 + address
    }
    for (std::uint32_t i = 0; i < data_blocks; ++i) {
        command(static_cast<std::uint16_t>(kBlock));
    }
    command(5);                                               // leave: Set Address Pointer
    run.data_lengths.insert(run.data_lengths.end(), {0, 6});  // DNLOAD 0, GETSTATUS
    run.to_device += 16;
    run.to_host += 6;
    run.transfers += 2;
    run.dnload += 1;
    run.get_status += 1;
    run.blocks_written = data_blocks;
    run.blank_blocks = blocks - data_blocks;
    run.bytes_written = std::uint64_t{data_blocks} * kBlock;
    run.sectors_erased = sectors;
    run.ok = true;
    model_usb_time(run, first_sectors(sectors));
}

}  // namespace

DfuFigures measure_dfu_here(bool with_board) {
    DfuFigures d;
    char tmpl[] = "/tmp/sysboot-bench-dfu-XXXXXX";
    if (mkdtemp(tmpl) == nullptr) {
        d.skipped = "mkdtemp failed";
        return d;
    }
    const std::string dir = tmpl;
    const std::string path = write_update_image(dir);
    const std::string image = slurp(path);
    try {
        d.sysboot.name = "sysboot DfuSe client (host/src/dfu)";
        d.sysboot.command = "dfu_host_driver - flash 0x08000000 image-256k.bin leave";
        rig_run(d.sysboot, {SYSBOOT_DFU_DRIVER, "-", "flash", kAddress, path, "leave"}, image);
        d.sysboot_noverify.name = "sysboot DfuSe client, no verify";
        d.sysboot_noverify.command =
            "dfu_host_driver - flash 0x08000000 image-256k.bin leave noverify";
        rig_run(d.sysboot_noverify,
                {SYSBOOT_DFU_DRIVER, "-", "flash", kAddress, path, "leave", "noverify"}, image);
        d.dfu_util.name = "dfu-util 0.11";
        d.dfu_util.command = "dfu-util -a 0 -s 0x08000000:leave -D image-256k.bin";
        rig_run(d.dfu_util,
                {SYSBOOT_DFU_UTIL, "-a", "0", "-s", std::string(kAddress) + ":leave", "-D", path},
                image);
        if (with_board) {
            d.board.name = "dfu-util 0.11 on the emulated board (QEMU, USB cable)";
            d.board.command = "dfu-util -a 0 -s 0x08000000 -D image-256k.bin";
            board_run(d.board, path, dir);
        }
        floor_run(d.floor, image);
        d.ran = true;
    } catch (const std::exception& e) {
        d.skipped = std::string("usb rig: ") + e.what();
    }
    std::system(("rm -rf " + dir).c_str());
    return d;
}

}  // namespace bench
