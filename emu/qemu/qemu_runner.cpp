#include "qemu_runner.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
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

QemuConfig an500(const std::string& app_image, const std::string& rom_image) {
    QemuConfig c;
    c.kernel = image_path("bootstub-qemu-an500", ".elf");
    // Addresses: firmware/boards/qemu-an500/mps2.hpp (factory image, stand-in ROM).
    c.loads.push_back({image_path(app_image, ".bin"), 0x00100000});
    c.loads.push_back({image_path(rom_image, ".bin"), 0x00300000});
    return c;
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
    disconnect();
    kill_now();
    std::remove(socket_path_.c_str());
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

bool Qemu::connect(std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end && running()) {
        const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un sa{};
        sa.sun_family = AF_UNIX;
        std::strncpy(sa.sun_path, socket_path_.c_str(), sizeof sa.sun_path - 1);
        if (::connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) == 0) {
            fd_ = fd;
            return true;
        }
        close(fd);
        std::this_thread::sleep_for(10ms);
    }
    return false;
}

void Qemu::disconnect() {
    if (fd_ >= 0) {
        close(fd_);
        fd_ = -1;
    }
}

void Qemu::write(std::string_view bytes) {
    std::size_t done = 0;
    while (done < bytes.size() && fd_ >= 0) {
        const ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
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
