#include "qemu_runner.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#ifndef SYSBOOT_IMAGE_DIR
#error "SYSBOOT_IMAGE_DIR must name the directory with the firmware images"
#endif

namespace sysboot::emu {

std::string image_path(const std::string& name, const std::string& ext) {
    return std::string(SYSBOOT_IMAGE_DIR) + "/" + name + ext;
}

// Addresses: kFactoryImage, kStandInRomBase, kFlashBase, kRomConfigAddress of
// firmware/boards/<board>/rig.hpp.
const std::vector<Rig>& rigs() {
    static const std::vector<Rig> r = {
        {"qemu-an500", "mps2-an500", "m7", 0x00100000, 0x00300000, 0x60000000, 0x00310000},
        {"qemu-an385", "mps2-an385", "m3", 0x00100000, 0x00300000, 0x21000000, 0x00310000},
        {"qemu-an386", "mps2-an386", "m4", 0x00100000, 0x00300000, 0x21000000, 0x00310000},
        {"qemu-an505", "mps2-an505", "m33", 0x10100000, 0x10300000, 0x80000000, 0x10310000},
        {"qemu-microbit", "microbit", "m0", 0x0002C000, 0x00030000, 0x00008000, 0x20003FC8},
    };
    return r;
}

std::vector<std::string> rom_config_args(const std::string& board, std::uint16_t flags,
                                         std::uint16_t pid) {
    constexpr std::uint32_t kConfigMagic = 0x5B0C0000u;
    char arg[96];
    std::snprintf(arg, sizeof arg, "loader,addr=0x%08x,data=0x%08x%08x,data-len=8",
                  rig_of(board).rom_config, static_cast<std::uint32_t>(pid), kConfigMagic | flags);
    return {"-device", arg};
}

const Rig& rig_of(const std::string& board) {
    for (const Rig& r : rigs()) {
        if (board == r.board) {
            return r;
        }
    }
    throw std::invalid_argument("not an emulated board: " + board);
}

QemuConfig rig(const std::string& board, const std::string& app_image,
               const std::string& rom_image) {
    const Rig& r = rig_of(board);
    QemuConfig c;
    c.machine = r.machine;
    c.kernel = image_path("bootstub-" + board, ".elf");
    c.loads.push_back({image_path(app_image, ".bin"), r.factory_image});
    c.loads.push_back(
        {image_path(rom_image.empty() ? "rom-" + board : rom_image, ".bin"), r.standin_rom});
    return c;
}

QemuConfig an500(const std::string& app_image, const std::string& rom_image) {
    return rig("qemu-an500", app_image, rom_image);
}

Qemu::Qemu(QemuConfig cfg) : cfg_(std::move(cfg)) {
    char tmpl[] = "/tmp/sysboot-qemu-XXXXXX";
    if (mkdtemp(tmpl) == nullptr) {
        throw std::runtime_error("mkdtemp failed");
    }
    dir_ = tmpl;
    socket_path_ = dir_ + "/uart.sock";
    log_path_ = dir_ + "/qemu.log";
    argv_ = {"qemu-system-arm",
             "-M",
             cfg_.machine,
             "-display",
             "none",
             "-monitor",
             "none",
             "-semihosting-config",
             "enable=on,target=native",
             "-kernel",
             cfg_.kernel};
    if (cfg_.icount) {
        argv_.insert(argv_.end(), {"-icount", "shift=0"});
    }
    for (const auto& l : cfg_.loads) {
        char addr[32];
        std::snprintf(addr, sizeof addr, "0x%08x", l.address);
        argv_.insert(argv_.end(), {"-device", "loader,file=" + l.path + ",addr=" + addr});
    }
    argv_.insert(argv_.end(),
                 {"-chardev", "socket,id=uart0,path=" + socket_path_ + ",server=on,wait=on",
                  "-serial", "chardev:uart0"});
    if (cfg_.usb_cable) {
        // The second -serial is UART1 (QEMU hw/arm/mps2.c: serial_hd(1) at 0x40005000).
        usb_socket_path_ = dir_ + "/usb.sock";
        argv_.insert(argv_.end(),
                     {"-chardev", "socket,id=usb,path=" + usb_socket_path_ + ",server=on,wait=on",
                      "-serial", "chardev:usb"});
    }
    argv_.insert(argv_.end(), cfg_.extra_args.begin(), cfg_.extra_args.end());

    deadline_ = std::chrono::steady_clock::now() + cfg_.hard_timeout;
    pid_ = fork();
    if (pid_ < 0) {
        throw std::runtime_error("fork failed");
    }
    if (pid_ == 0) {
        const int devnull = open("/dev/null", O_RDWR);
        const int logfd = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(devnull, 0);
        dup2(logfd, 1);
        dup2(logfd, 2);
        std::vector<char*> args;
        for (auto& a : argv_) {
            args.push_back(a.data());
        }
        args.push_back(nullptr);
        execvp(args[0], args.data());
        _exit(127);
    }
}

Qemu::~Qemu() {
    relay_stop();
    disconnect();
    kill_now();
    std::remove(socket_path_.c_str());
    if (!usb_socket_path_.empty()) {
        std::remove(usb_socket_path_.c_str());
    }
    std::remove(log_path_.c_str());
    rmdir(dir_.c_str());
}

void Qemu::kill_now() {
    if (pid_ > 0 && !status_) {
        ::kill(pid_, SIGKILL);
        int st = 0;
        waitpid(pid_, &st, 0);
        status_ = -1;
    }
}

bool Qemu::running() {
    if (status_) {
        return false;
    }
    int st = 0;
    const pid_t r = waitpid(pid_, &st, WNOHANG);
    if (r == pid_) {
        status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        return false;
    }
    if (std::chrono::steady_clock::now() > deadline_) {
        kill_now();
        return false;
    }
    return true;
}

namespace {
// QEMU creates its chardev servers in order and waits for a client on each (wait=on).
int connect_unix(const std::string& path, std::chrono::steady_clock::time_point end, Qemu& q) {
    while (std::chrono::steady_clock::now() < end && q.running()) {
        const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un sa{};
        sa.sun_family = AF_UNIX;
        std::strncpy(sa.sun_path, path.c_str(), sizeof sa.sun_path - 1);
        if (::connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) == 0) {
            return fd;
        }
        close(fd);
        std::this_thread::sleep_for(10ms);
    }
    return -1;
}
}  // namespace

bool Qemu::connect(std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    fd_ = connect_unix(socket_path_, end, *this);
    if (fd_ >= 0 && cfg_.usb_cable) {
        usb_fd_ = connect_unix(usb_socket_path_, end, *this);
        return usb_fd_ >= 0;
    }
    return fd_ >= 0;
}

void Qemu::disconnect() {
    for (int* fd : {&fd_, &usb_fd_}) {
        if (*fd >= 0) {
            close(*fd);
            *fd = -1;
        }
    }
}

void Qemu::write(std::string_view bytes) {
    std::size_t done = 0;
    while (done < bytes.size() && fd_ >= 0) {
        const ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
        if (n > 0) {
            to_target_ += static_cast<std::uint64_t>(n);
        }
        if (n <= 0) {
            if (n < 0 && errno == EINTR) {
                continue;
            }
            return;
        }
        done += static_cast<std::size_t>(n);
    }
}

bool Qemu::pump(std::chrono::milliseconds timeout) {
    if (fd_ < 0) {
        return false;
    }
    pollfd p{fd_, POLLIN, 0};
    const int r = poll(&p, 1, static_cast<int>(timeout.count()));
    if (r <= 0) {
        return false;
    }
    char buf[4096];
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) {
        disconnect();
        return false;
    }
    out_.append(buf, static_cast<std::size_t>(n));
    return true;
}

bool Qemu::wait_for(std::string_view needle, std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto pos = out_.find(needle, cursor_);
        if (pos != std::string::npos) {
            cursor_ = pos + needle.size();
            return true;
        }
        if (std::chrono::steady_clock::now() >= end || fd_ < 0) {
            return false;
        }
        if (!pump(20ms) && !running()) {
            // QEMU is gone: read what is left in the socket, then give up.
            while (pump(0ms)) {
            }
            if (out_.find(needle, cursor_) == std::string::npos) {
                return false;
            }
        }
    }
}

void Qemu::drain(std::chrono::milliseconds quiet, std::chrono::milliseconds limit) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end && pump(quiet)) {
    }
}

std::optional<int> Qemu::wait_exit(std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    for (bool first = true; first || std::chrono::steady_clock::now() < end; first = false) {
        if (!running()) {
            while (pump(0ms)) {
            }
            if (status_ && *status_ >= 0) {
                return status_;
            }
            return std::nullopt;
        }
        if (!pump(10ms)) {
            std::this_thread::sleep_for(1ms);
        }
    }
    kill_now();
    return std::nullopt;
}

std::string Qemu::log() const {
    std::ifstream f(log_path_);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

std::string Qemu::command_line() const {
    std::string s;
    for (const auto& a : argv_) {
        s += a + " ";
    }
    return s;
}

}  // namespace sysboot::emu

namespace sysboot::emu {

void Qemu::relay_start() {
    if (relay_run_ || fd_ < 0) {
        return;
    }
    relay_socket_ = dir_ + "/relay.sock";
    listen_fd_ = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un sa{};
    sa.sun_family = AF_UNIX;
    std::strncpy(sa.sun_path, relay_socket_.c_str(), sizeof sa.sun_path - 1);
    std::remove(relay_socket_.c_str());
    if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0 ||
        listen(listen_fd_, 1) != 0) {
        throw std::runtime_error("relay: cannot listen on " + relay_socket_);
    }
    pty_master_ = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (pty_master_ < 0 || grantpt(pty_master_) != 0 || unlockpt(pty_master_) != 0) {
        throw std::runtime_error("relay: no pseudo-terminal");
    }
    relay_pty_ = ptsname(pty_master_);
    // Non-blocking: with nobody reading the pty, guest output is dropped, never stalls the relay.
    fcntl(pty_master_, F_SETFL, fcntl(pty_master_, F_GETFL) | O_NONBLOCK);
    pty_slave_keep_ = open(relay_pty_.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
    termios t{};
    tcgetattr(pty_slave_keep_, &t);
    cfmakeraw(&t);
    tcsetattr(pty_slave_keep_, TCSANOW, &t);
    relay_run_ = true;
    relay_ = std::thread([this] { relay_loop(); });
}

void Qemu::relay_stop() {
    if (!relay_run_) {
        return;
    }
    relay_run_ = false;
    relay_.join();
    for (int* fd : {&listen_fd_, &pty_master_, &pty_slave_keep_}) {
        if (*fd >= 0) {
            close(*fd);
            *fd = -1;
        }
    }
    std::remove(relay_socket_.c_str());
}

void Qemu::relay_loop() {
    int client = -1;
    char buf[4096];
    auto to_qemu = [this](const char* p, ssize_t n) {
        while (n > 0 && fd_ >= 0) {
            const ssize_t w = ::send(fd_, p, static_cast<std::size_t>(n), MSG_NOSIGNAL);
            if (w <= 0) {
                return;
            }
            to_target_ += static_cast<std::uint64_t>(w);
            p += w;
            n -= w;
        }
    };
    auto write_all = [](int fd, const char* p, ssize_t n) {
        while (n > 0) {
            const ssize_t w = ::write(fd, p, static_cast<std::size_t>(n));
            if (w <= 0) {
                return;
            }
            p += w;
            n -= w;
        }
    };
    while (relay_run_ && fd_ >= 0) {
        pollfd p[4] = {{fd_, POLLIN, 0},
                       {listen_fd_, POLLIN, 0},
                       {pty_master_, POLLIN, 0},
                       {client, POLLIN, 0}};
        if (poll(p, client >= 0 ? 4 : 3, 20) <= 0) {
            continue;
        }
        if ((p[0].revents & POLLIN) != 0) {
            const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
            if (n <= 0) {
                break;
            }
            out_.append(buf, static_cast<std::size_t>(n));
            // Guest output goes to whoever is attached: the socket client, else the pty.
            if (client >= 0) {
                ::send(client, buf, static_cast<std::size_t>(n), MSG_NOSIGNAL);
            } else {
                write_all(pty_master_, buf, n);
            }
        }
        if ((p[1].revents & POLLIN) != 0) {
            const int c = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
            if (client >= 0) {
                close(c);  // one client at a time
            } else {
                client = c;
            }
        }
        if ((p[2].revents & POLLIN) != 0) {
            const ssize_t n = ::read(pty_master_, buf, sizeof buf);
            if (n > 0) {
                to_qemu(buf, n);
            }
        }
        if (client >= 0 && (p[3].revents & (POLLIN | POLLHUP)) != 0) {
            const ssize_t n = ::recv(client, buf, sizeof buf, 0);
            if (n <= 0) {
                close(client);
                client = -1;
            } else {
                to_qemu(buf, n);
            }
        }
    }
    if (client >= 0) {
        close(client);
    }
}

}  // namespace sysboot::emu
