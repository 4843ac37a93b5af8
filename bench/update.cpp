// Figures 3-5: the update on the emulated board (QEMU mps2-an500 + stand-in ROM serving
// AN3155), bytes on the wire counted by the QEMU runner (emu/qemu), wall time on the host.
//
// Figures 3-4 share one QEMU: v1 boots, `sysboot enter` puts it in the ROM (not counted),
// then three runs write the same 256 KiB image (random bytes, one 64 KiB all-0xFF hole) to
// the emulated flash at 0x60000000:
//   sysboot flash --verify crc, sysboot flash --verify readback (the ROM advertises Get
//   Checksum, loaded through its config word, emu/rom/an3155_protocol.cpp), and
//   stm32flash -w -v through the runner's pty. stm32flash treats 0x60000000 as RAM and does
//   not erase, so `sysboot erase --sectors 0-4` runs before it; that erase is reported on its
//   own row and is not in stm32flash's figures (it would erase by itself on real hardware,
//   which the time model accounts for).
// The relay is stopped between runs, so the counters are read while no thread touches them.
//
// Figure 5: a fresh QEMU with the default rig (the ROM without Get Checksum, like the demo);
// time from starting `sysboot flash --enter app-v2-qemu-an500.elf` until the v2 banner.
//
// Time model at 115200 baud on a real STM32F76x (a model, not a measurement):
//   wire bytes (both ways; AN3155 is request/answer, nothing overlaps) x 11 bits / 115200
//   + Write Memory blocks x 64 words x tprog + the erased sectors' tERASE.
// Values (TimeModel in figures.hpp): typical, x32 parallelism (VDD 2.7-3.6 V), from the
// STM32F76x/F74x datasheets (DS11532 / DS10916), "Flash memory programming" table:
// tprog 16 us per word, tERASE32KB 250 ms, tERASE128KB 550 ms, tERASE256KB 1 s. The
// searchable corpus did not hold that table; its max x8 figures (100 us, 800 ms, 2.4 s, 4 s)
// appear in public AN3155 host code for F7, and RM0410 "Flash program and erase time"
// gives 1-2 s for a 256 KiB sector. Not modelled: the
// ROM's CRC computation for Get Checksum, USB-serial latency, host turnaround.
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <thread>

#include "figures.hpp"
#include "qemu_runner.hpp"
#include "sysboot/an3155/sector_map.hpp"

#ifndef SYSBOOT_TOOL
#error "SYSBOOT_TOOL must name the sysboot host tool"
#endif

namespace bench {
namespace {

using namespace std::chrono_literals;
using sysboot::emu::Qemu;
using sysboot::emu::QemuConfig;

constexpr const char* kFlashBase = "0x60000000";
constexpr std::size_t kImageSize = 256 * 1024;
constexpr std::size_t kHoleAt = 128 * 1024, kHoleSize = 64 * 1024;
constexpr std::size_t kBlock = 256;
// AN3155 Write Memory of one 256-byte block: 0x31 0xCE, address + XOR, N-1, data, XOR
// (host -> target); ACK to the command, the address and the data (target -> host).
constexpr std::uint64_t kBlockTx = 2 + 5 + 1 + kBlock + 1, kBlockRx = 3;
// The stand-in ROM's config: Get Checksum on, PID 0x451 (emu/rom/an3155_protocol.cpp).
const std::vector<std::string> kChecksumRom = {"-device",
                                               "loader,addr=0x00310000,data=0x000004515B0C0001,"
                                               "data-len=8"};

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

struct Shell {
    int code = -1;
    std::string out;  // stdout
    std::string err;  // stderr
};

std::string slurp(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

Shell shell(const std::string& cmd, const std::string& dir) {
    const std::string err_path = dir + "/stderr.txt";
    const std::string full = "timeout 120 " + cmd + " 2>" + err_path;
    Shell s;
    FILE* p = popen(full.c_str(), "r");
    char buf[1024];
    while (p != nullptr && std::fgets(buf, sizeof buf, p) != nullptr) {
        s.out += buf;
    }
    const int st = p != nullptr ? pclose(p) : -1;
    s.code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    s.err = slurp(err_path);
    return s;
}

// Minimal readers for the tool's one-line JSON (host/src/ui/json.cpp writes it).
std::uint64_t json_uint(const std::string& j, const std::string& key) {
    const auto at = j.find("\"" + key + "\":");
    return at == std::string::npos ? 0
                                   : std::strtoull(j.c_str() + at + key.size() + 3, nullptr, 10);
}
std::vector<std::uint16_t> json_u16_list(const std::string& j, const std::string& key) {
    std::vector<std::uint16_t> v;
    auto at = j.find("\"" + key + "\":[");
    if (at == std::string::npos) {
        return v;
    }
    const char* p = j.c_str() + at + key.size() + 4;
    while (*p != '\0' && *p != ']') {
        char* end = nullptr;
        const unsigned long n = std::strtoul(p, &end, 10);
        if (end == p) {
            ++p;
            continue;
        }
        v.push_back(static_cast<std::uint16_t>(n));
        p = end;
    }
    return v;
}

std::string json_string(const std::string& j, const std::string& key) {
    const auto at = j.find("\"" + key + "\":\"");
    if (at == std::string::npos) {
        return "";
    }
    const auto from = at + key.size() + 4;
    return j.substr(from, j.find('"', from) - from);
}

std::string last_line(const std::string& s) {
    std::string t = s;
    while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) {
        t.pop_back();
    }
    const auto nl = t.rfind('\n');
    return nl == std::string::npos ? t : t.substr(nl + 1);
}

void model_time(WireRun& r) {
    const TimeModel& k = kTimeModel;
    r.model_wire = static_cast<double>(r.tx + r.rx) * k.bits_per_byte / k.baud;
    r.model_program = static_cast<double>(r.blocks_written) * (kBlock / 4) * k.word_program_s;
    r.model_erase = 0;
    for (std::uint16_t s : r.erased) {
        const std::uint32_t size = sysboot::an3155::kF76xSingleBank.size_of(s);
        r.model_erase += size <= 32 * 1024    ? k.erase_32k_s
                         : size <= 128 * 1024 ? k.erase_128k_s
                                              : k.erase_256k_s;
    }
    r.model_seconds = r.model_wire + r.model_program + r.model_erase;
}

// Runs `cmd` against the relay with the counters read before and after (relay stopped).
template <class Fn>
void measure(Qemu& q, WireRun& r, Fn&& run) {
    const std::uint64_t tx0 = q.bytes_to_target(), rx0 = q.bytes_from_target();
    q.relay_start();
    const auto t0 = Clock::now();
    run();
    r.seconds = since(t0);
    q.relay_stop();
    r.tx = q.bytes_to_target() - tx0;
    r.rx = q.bytes_from_target() - rx0;
}

std::string tool() {
    return SYSBOOT_TOOL;
}

void sysboot_run(Qemu& q, WireRun& r, const std::string& args, const std::string& dir) {
    Shell s;
    measure(q, r, [&] {
        s = shell(tool() + " --json --port unix:" + q.relay_socket() + " --flash-base " +
                      kFlashBase + " " + args,
                  dir);
    });
    r.command = "sysboot " + args;
    r.ok = s.code == 0;
    if (!r.ok) {
        r.error = "exit " + std::to_string(s.code) + ": " + last_line(s.err + s.out);
    }
    r.blocks_written = json_uint(s.out, "blocks_written");
    r.erased = json_u16_list(s.out, "erased_sectors");
    r.verify = json_string(s.out, "verify");
}

}  // namespace

std::string write_update_image(const std::string& dir) {
    std::mt19937 rng(20240607u);
    std::string bytes(kImageSize, '\0');
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        bytes[i] =
            i >= kHoleAt && i < kHoleAt + kHoleSize ? '\xFF' : static_cast<char>(rng() & 0xFFu);
    }
    const std::string path = dir + "/image-256k.bin";
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
    return path;
}

namespace {

bool start_v1(Qemu& q, std::string& why) {
    if (!q.connect() || !q.wait_for("sysboot-app v1", 15s) || !q.wait_for("> ", 5s)) {
        why = "application v1 did not come up: " + q.command_line() + "\n" + q.log();
        return false;
    }
    return true;
}

void figures_3_4(UpdateFigures& u, const std::string& dir) {
    const std::string image = write_update_image(dir);
    QemuConfig cfg = sysboot::emu::an500("app-qemu-an500");
    cfg.extra_args = kChecksumRom;
    cfg.hard_timeout = 300s;  // ~45 s alone; ctest -j2 may share the machine
    Qemu q(cfg);
    std::string why;
    if (!start_v1(q, why)) {
        u.skipped = why;
        return;
    }
    WireRun enter;
    sysboot_run(q, enter, "enter", dir);
    if (!enter.ok) {
        u.skipped = "sysboot enter failed: " + enter.error;
        return;
    }
    const std::string bin = " --no-go --address " + std::string(kFlashBase) + " " + image;
    u.crc.name = "sysboot flash --verify crc";
    sysboot_run(q, u.crc, "flash --verify crc" + bin, dir);
    u.readback.name = "sysboot flash --verify readback";
    sysboot_run(q, u.readback, "flash --verify readback" + bin, dir);
    u.pre_erase.name = "sysboot erase --sectors 0-4";
    sysboot_run(q, u.pre_erase, "erase --sectors 0-4", dir);

    u.stm32flash.name = "stm32flash -w -v";
    u.stm32flash.command =
        "stm32flash -m 8n1 -b 115200 -w image-256k.bin -v -S " + std::string(kFlashBase) + " <pty>";
    if (std::system("command -v stm32flash >/dev/null 2>&1") != 0) {
        u.stm32flash.error = "stm32flash not installed (apt-get install stm32flash)";
    } else {
        Shell s;
        measure(q, u.stm32flash, [&] {
            s = shell("stm32flash -m 8n1 -b 115200 -w " + image + " -v -S " + kFlashBase + " " +
                          q.relay_pty(),
                      dir);
        });
        u.stm32flash.ok = s.code == 0;
        if (!u.stm32flash.ok) {
            u.stm32flash.error = "exit " + std::to_string(s.code) + ": " + last_line(s.out + s.err);
        }
        // stm32flash writes every 256-byte block of the file, 0xFF or not; on an F7 it
        // erases the sectors the file covers itself (here sysboot did that before).
        u.stm32flash.blocks_written = (kImageSize + kBlock - 1) / kBlock;
        u.stm32flash.erased = u.crc.erased;
    }
    u.floor.name = "AN3155 write-only floor";
    u.floor.tx = u.floor_tx;
    u.floor.rx = u.floor_rx;
    u.floor.blocks_written = (kImageSize - kHoleSize) / kBlock;
    u.floor.erased = u.crc.erased;
    for (WireRun* r : {&u.crc, &u.readback, &u.stm32flash, &u.pre_erase, &u.floor}) {
        model_time(*r);
    }
    u.ran = true;
}

void figure_5(UpdateFigures& u, const std::string& dir) {
    WireRun& r = u.full;
    r.name = "sysboot flash --enter app-v2.elf";
    QemuConfig cfg = sysboot::emu::an500("app-qemu-an500");
    cfg.hard_timeout = 60s;
    Qemu q(cfg);
    std::string why;
    if (!start_v1(q, why)) {
        r.error = why;
        return;
    }
    const std::string elf = sysboot::emu::image_path("app-v2-qemu-an500", ".elf");
    const std::uint64_t tx0 = q.bytes_to_target(), rx0 = q.bytes_from_target();
    q.relay_start();
    const auto t0 = Clock::now();
    const Shell s = shell(tool() + " --json --port unix:" + q.relay_socket() + " --flash-base " +
                              kFlashBase + " flash --enter " + elf,
                          dir);
    q.relay_stop();
    // The banner may already be in the output (read by the relay) or still on its way.
    const bool v2 = q.wait_for("sysboot-app v2", 10s);
    r.seconds = since(t0);
    r.tx = q.bytes_to_target() - tx0;
    r.rx = q.bytes_from_target() - rx0;
    r.command = "sysboot flash --enter app-v2-qemu-an500.elf";
    r.ok = s.code == 0 && v2;
    if (s.code != 0) {
        r.error = "exit " + std::to_string(s.code) + ": " + last_line(s.err + s.out);
    } else if (!v2) {
        r.error = "no v2 banner within 10 s after the tool exited";
    }
    r.blocks_written = json_uint(s.out, "blocks_written");
    r.erased = json_u16_list(s.out, "erased_sectors");
    r.verify = json_string(s.out, "verify");
    if (v2) {
        const std::string& out = q.output();
        const auto at = out.rfind("sysboot-app v2");
        u.full_banner = out.substr(at, out.find('\n', at) - at);
        while (!u.full_banner.empty() && u.full_banner.back() == '\r') {
            u.full_banner.pop_back();
        }
    }
    model_time(r);
}

}  // namespace

UpdateFigures measure_update(bool with_full) {
    UpdateFigures u;
    u.payload = kImageSize;
    u.blank = kHoleSize;
    const std::uint64_t blocks = (kImageSize - kHoleSize) / kBlock;
    u.floor_tx = blocks * kBlockTx;
    u.floor_rx = blocks * kBlockRx;
    char tmpl[] = "/tmp/sysboot-bench-XXXXXX";
    if (mkdtemp(tmpl) == nullptr) {
        u.skipped = "mkdtemp failed";
        return u;
    }
    const std::string dir = tmpl;
    try {
        figures_3_4(u, dir);
        if (with_full) {
            figure_5(u, dir);
        }
    } catch (const std::exception& e) {
        u.skipped = std::string("emulator: ") + e.what();
        u.ran = false;
    }
    std::system(("rm -rf " + dir).c_str());
    return u;
}

}  // namespace bench
