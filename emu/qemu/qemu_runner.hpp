#pragma once
// Runs the emulated board in QEMU with a hard timeout and a binary-safe UART on a UNIX
// socket (QEMU's chardev server; nothing runs until the first client connects, so no
// output is lost). Tests drive the UART, wait for text, and read the exit status that the
// firmware reports through semihosting.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace sysboot::emu {

using namespace std::chrono_literals;

struct RawImage {
    std::string path;  // a .bin file
    std::uint32_t address;
};

struct QemuConfig {
    std::string machine = "mps2-an500";
    std::string kernel;           // ELF loaded by -kernel (the boot stub on qemu-an500)
    std::vector<RawImage> loads;  // raw images (-device loader,file=...,addr=...)
    std::vector<std::string> extra_args;
    std::chrono::milliseconds hard_timeout = 60s;  // QEMU is killed after this, always
    bool icount = true;  // -icount shift=0: deterministic, IRQs taken like on silicon
    // A second UART (UART1) on its own socket: the board's USB cable, which the stand-in ROM
    // serves its DFU device on (docs/dfu.md). connect() connects it too.
    bool usb_cable = false;
};

// An emulated board ("rig", docs/emulated-board.md): its QEMU machine, the core class it
// stands for and where its boot stub expects the factory image and the stand-in ROM
// (firmware/boards/<board>/rig.hpp).
struct Rig {
    const char* board;    // qemu-an500, ...
    const char* machine;  // QEMU -M
    const char* core;     // m7, m3, m4, m33, m0
    std::uint32_t factory_image;
    std::uint32_t standin_rom;
    std::uint32_t flash;       // where the application runs (the ROM's Go address)
    std::uint32_t rom_config;  // the stand-in ROM's configuration words (kRomConfigAddress)
};
const std::vector<Rig>& rigs();
const Rig& rig_of(const std::string& board);  // throws std::invalid_argument if unknown

// The rig of `board`: boot stub, factory application image, stand-in ROM (default
// rom-<board>).
QemuConfig rig(const std::string& board, const std::string& app_image,
               const std::string& rom_image = "");
// The stand-in ROM's configuration (emu/rom/an3155_protocol.cpp "Flags"): flags in the low 16
// bits, and a PID override (0: the pose's), as QEMU loader arguments for `board`.
std::vector<std::string> rom_config_args(const std::string& board, std::uint16_t flags,
                                         std::uint16_t pid = 0);
// The qemu-an500 rig (Cortex-M7).
QemuConfig an500(const std::string& app_image, const std::string& rom_image = "rom-qemu-an500");
std::string image_path(const std::string& name, const std::string& ext);

class Qemu {
  public:
    explicit Qemu(QemuConfig cfg);
    ~Qemu();
    Qemu(const Qemu&) = delete;
    Qemu& operator=(const Qemu&) = delete;

    // Connects to the UART (QEMU starts the guest on the first connection).
    bool connect(std::chrono::milliseconds timeout = 10s);
    void disconnect();
    const std::string& uart_socket() const { return socket_path_; }
    // The connected USB cable (QemuConfig::usb_cable), -1 without; the runner keeps owning it.
    int usb_cable_fd() const { return usb_fd_; }

    void write(std::string_view bytes);
    // Waits until `needle` appears in the output after the read cursor; moves the cursor
    // past it. False on timeout or when QEMU exits first.
    bool wait_for(std::string_view needle, std::chrono::milliseconds timeout = 10s);
    // Reads whatever arrives for `quiet` of silence (at most `limit`).
    void drain(std::chrono::milliseconds quiet, std::chrono::milliseconds limit = 5s);
    // Exit status of QEMU (semihosting exit code), or nullopt on timeout (QEMU is killed).
    std::optional<int> wait_exit(std::chrono::milliseconds timeout = 10s);
    bool running();

    // Relay the UART to other programs (the host tool, stm32flash) while the runner stays
    // connected to QEMU and keeps recording: a UNIX socket (one client at a time) and a
    // pseudo-terminal (raw). Between relay_start() and relay_stop() only the relay reads the
    // UART; output() is complete again after relay_stop().
    void relay_start();
    void relay_stop();
    const std::string& relay_socket() const { return relay_socket_; }
    const std::string& relay_pty() const { return relay_pty_; }
    std::uint64_t bytes_to_target() const { return to_target_; }
    std::uint64_t bytes_from_target() const { return out_.size(); }

    const std::string& output() const { return out_; }  // everything the UART sent
    std::string since_cursor() const { return out_.substr(cursor_); }
    std::string log() const;  // QEMU's stderr (semihosting text, errors)
    std::string command_line() const;

  private:
    bool pump(std::chrono::milliseconds timeout);
    void kill_now();

    QemuConfig cfg_;
    std::string dir_;
    std::string socket_path_;
    std::string log_path_;
    std::vector<std::string> argv_;
    int pid_ = -1;
    int fd_ = -1;
    std::string usb_socket_path_;
    int usb_fd_ = -1;
    std::optional<int> status_;
    std::string out_;
    std::size_t cursor_ = 0;
    std::chrono::steady_clock::time_point deadline_;

    void relay_loop();
    std::thread relay_;
    std::atomic<bool> relay_run_{false};
    std::string relay_socket_;
    std::string relay_pty_;
    int listen_fd_ = -1;
    int pty_master_ = -1;
    int pty_slave_keep_ = -1;  // keeps the master from seeing hang-ups between clients
    std::atomic<std::uint64_t> to_target_{0};
};

}  // namespace sysboot::emu
