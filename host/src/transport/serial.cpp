// Serial port backend (libserialport): 8 data bits, even parity, 1 stop bit, no flow
// control by default (AN3155 §2).
//
// libserialport does not open pseudo-terminals (it looks the device up in sysfs, which has
// no entry for /dev/pts/N; upstream considers PTYs out of scope). Emulators and
// cross-checks with other tools connect through PTYs, so a terminal that libserialport
// refuses is driven with plain POSIX termios instead.
#include <fcntl.h>
#include <libserialport.h>
#include <poll.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "transport/poll_wait.hpp"
#include "transport/transport.hpp"

namespace sysboot::host {

namespace {

std::string last_error() {
    char* msg = sp_last_error_message();
    std::string s = msg != nullptr ? msg : "unknown error";
    sp_free_error_message(msg);
    return s;
}

class SerialTransport final : public Transport {
  public:
    SerialTransport(sp_port* port, std::string device) : port_(port), device_(std::move(device)) {}
    ~SerialTransport() override {
        sp_close(port_);
        sp_free_port(port_);
    }
    SerialTransport(const SerialTransport&) = delete;
    SerialTransport& operator=(const SerialTransport&) = delete;

    Result<std::size_t> read(std::span<uint8_t> out, Millis timeout) override {
        if (out.empty()) {
            return std::size_t{0};
        }
        // sp_blocking_read_next() waits forever when given 0 ms: always wait at least 1 ms.
        const auto ms = static_cast<unsigned>(std::max<Millis::rep>(timeout.count(), 1));
        const int n = sp_blocking_read_next(port_, out.data(), out.size(), ms);
        if (n < 0) {
            return make_error(Phase::Read, Cause::Io,
                              fmt::format("{}: read failed: {}", device_, last_error()));
        }
        return static_cast<std::size_t>(n);
    }

    Status write(std::span<const uint8_t> data) override {
        if (data.empty()) {
            return {};
        }
        const int n = sp_blocking_write(port_, data.data(), data.size(), 0);
        if (n < 0 || static_cast<std::size_t>(n) != data.size()) {
            return make_error(Phase::Write, Cause::Io,
                              fmt::format("{}: write failed: {}", device_, last_error()));
        }
        return {};
    }

    void discard_input() override { (void)sp_flush(port_, SP_BUF_INPUT); }

    Status set_parity(Parity parity) override {
        // Let queued output leave with the old framing before changing it.
        (void)sp_drain(port_);
        if (sp_set_parity(port_, parity == Parity::Even ? SP_PARITY_EVEN : SP_PARITY_NONE) !=
            SP_OK) {
            return make_error(Phase::Open, Cause::Io,
                              fmt::format("{}: cannot set parity: {}", device_, last_error()));
        }
        return {};
    }

    Status set_baudrate(unsigned baud) override {
        (void)sp_drain(port_);
        if (sp_set_baudrate(port_, static_cast<int>(baud)) != SP_OK) {
            return make_error(
                Phase::Open, Cause::Io,
                fmt::format("{}: cannot set {} baud: {}", device_, baud, last_error()));
        }
        return {};
    }

    std::string name() const override { return device_; }

  private:
    sp_port* port_;
    std::string device_;
};

speed_t termios_speed(unsigned baud) {
    switch (baud) {
        case 1200:
            return B1200;
        case 2400:
            return B2400;
        case 4800:
            return B4800;
        case 9600:
            return B9600;
        case 19200:
            return B19200;
        case 38400:
            return B38400;
        case 57600:
            return B57600;
        case 115200:
            return B115200;
        case 230400:
            return B230400;
        case 460800:
            return B460800;
        case 921600:
            return B921600;
        default:
            return B0;
    }
}

class TermiosTransport final : public Transport {
  public:
    TermiosTransport(int fd, std::string device) : fd_(fd), device_(std::move(device)) {}
    ~TermiosTransport() override { ::close(fd_); }
    TermiosTransport(const TermiosTransport&) = delete;
    TermiosTransport& operator=(const TermiosTransport&) = delete;

    Status configure_raw() {
        termios t{};
        if (::tcgetattr(fd_, &t) != 0) {
            return error(Phase::Open, "tcgetattr");
        }
        ::cfmakeraw(&t);
        t.c_cflag |= CLOCAL | CREAD;
        t.c_cflag &= ~static_cast<tcflag_t>(CSTOPB | CRTSCTS);
        t.c_cc[VMIN] = 0;
        t.c_cc[VTIME] = 0;
        if (::tcsetattr(fd_, TCSANOW, &t) != 0) {
            return error(Phase::Open, "tcsetattr");
        }
        return {};
    }

    Result<std::size_t> read(std::span<uint8_t> out, Millis timeout) override {
        if (out.empty()) {
            return std::size_t{0};
        }
        short revents = 0;
        const int r = wait_readable(fd_, timeout, &revents);
        if (r < 0) {
            return error(Phase::Read, "poll").error();
        }
        if (r == 0) {
            return std::size_t{0};
        }
        if ((revents & POLLIN) == 0 && (revents & (POLLHUP | POLLERR)) != 0) {
            return make_error(Phase::Read, Cause::Disconnected,
                              fmt::format("{}: the other end closed the terminal", device_));
        }
        const ssize_t n = ::read(fd_, out.data(), out.size());
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) {
                return std::size_t{0};
            }
            if (errno == EIO) {
                return make_error(Phase::Read, Cause::Disconnected,
                                  fmt::format("{}: the other end closed the terminal", device_));
            }
            return error(Phase::Read, "read").error();
        }
        return static_cast<std::size_t>(n);
    }

    Status write(std::span<const uint8_t> data) override {
        std::size_t done = 0;
        while (done < data.size()) {
            const ssize_t n = ::write(fd_, data.data() + done, data.size() - done);
            if (n < 0) {
                if (errno == EINTR) {
                    continue;
                }
                if (errno == EAGAIN) {
                    pollfd p{fd_, POLLOUT, 0};
                    (void)::poll(&p, 1, 100);
                    continue;
                }
                if (errno == EIO) {
                    return make_error(
                        Phase::Write, Cause::Disconnected,
                        fmt::format("{}: the other end closed the terminal", device_));
                }
                return error(Phase::Write, "write");
            }
            done += static_cast<std::size_t>(n);
        }
        return {};
    }

    void discard_input() override { (void)::tcflush(fd_, TCIFLUSH); }

    Status set_parity(Parity parity) override {
        termios t{};
        if (::tcgetattr(fd_, &t) != 0) {
            return error(Phase::Open, "tcgetattr");
        }
        (void)::tcdrain(fd_);
        t.c_cflag &= ~static_cast<tcflag_t>(PARENB | PARODD | CSIZE);
        t.c_cflag |= CS8;
        if (parity == Parity::Even) {
            t.c_cflag |= PARENB;
        }
        // A pseudo-terminal carries bytes, not bits, and Linux refuses parity on it: there
        // is nothing to frame there, so a refusal is not an error.
        (void)::tcsetattr(fd_, TCSANOW, &t);
        return {};
    }

    Status set_baudrate(unsigned baud) override {
        const speed_t speed = termios_speed(baud);
        if (speed == B0) {
            return make_error(Phase::Open, Cause::Invalid,
                              fmt::format("{}: unsupported baud rate {}", device_, baud));
        }
        termios t{};
        if (::tcgetattr(fd_, &t) != 0) {
            return error(Phase::Open, "tcgetattr");
        }
        (void)::tcdrain(fd_);
        ::cfsetispeed(&t, speed);
        ::cfsetospeed(&t, speed);
        if (::tcsetattr(fd_, TCSANOW, &t) != 0) {
            return error(Phase::Open, "tcsetattr");
        }
        return {};
    }

    std::string name() const override { return device_; }

  private:
    Status error(Phase phase, const char* what) const {
        return make_error(phase, Cause::Io,
                          fmt::format("{}: {} failed: {}", device_, what, std::strerror(errno)));
    }

    int fd_;
    std::string device_;
};

// A terminal libserialport cannot describe (a PTY): open it with termios.
Result<std::unique_ptr<Transport>> open_termios(const std::string& device,
                                                const SerialSettings& settings,
                                                const std::string& why) {
    const int fd = ::open(device.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        return make_error(Phase::Open, Cause::Io,
                          fmt::format("{}: cannot open: {}", device, std::strerror(errno)));
    }
    if (::isatty(fd) != 1) {
        // Say what it is instead: libserialport's own reason names a stale errno.
        struct stat st {};
        const char* kind = "not a terminal";
        if (::fstat(fd, &st) == 0) {
            kind = S_ISREG(st.st_mode)    ? "a regular file"
                   : S_ISCHR(st.st_mode)  ? "a character device without a terminal interface"
                   : S_ISSOCK(st.st_mode) ? "a socket (use unix:PATH)"
                   : S_ISFIFO(st.st_mode) ? "a pipe"
                                          : "not a terminal";
        }
        ::close(fd);
        (void)why;
        return make_error(Phase::Open, Cause::Io,
                          fmt::format("{}: not a serial port: {}", device, kind));
    }
    auto t = std::make_unique<TermiosTransport>(fd, device);
    if (auto s = t->configure_raw(); !s) {
        return s.error();
    }
    if (auto s = t->set_baudrate(settings.baud); !s) {
        return s.error();
    }
    if (auto s = t->set_parity(settings.parity); !s) {
        return s.error();
    }
    t->discard_input();
    return std::unique_ptr<Transport>(std::move(t));
}

}  // namespace

Result<std::unique_ptr<Transport>> open_serial(const std::string& device,
                                               const SerialSettings& settings) {
    sp_port* port = nullptr;
    if (sp_get_port_by_name(device.c_str(), &port) != SP_OK) {
        return open_termios(device, settings, last_error());
    }
    if (sp_open(port, SP_MODE_READ_WRITE) != SP_OK) {
        auto err = make_error(Phase::Open, Cause::Io,
                              fmt::format("{}: cannot open: {}", device, last_error()));
        sp_free_port(port);
        return err;
    }
    auto transport = std::make_unique<SerialTransport>(port, device);
    const bool ok = sp_set_bits(port, 8) == SP_OK && sp_set_stopbits(port, 1) == SP_OK &&
                    sp_set_flowcontrol(port, SP_FLOWCONTROL_NONE) == SP_OK;
    if (!ok) {
        return make_error(
            Phase::Open, Cause::Io,
            fmt::format("{}: cannot configure 8-bit framing: {}", device, last_error()));
    }
    if (auto s = transport->set_baudrate(settings.baud); !s) {
        return s.error();
    }
    if (auto s = transport->set_parity(settings.parity); !s) {
        return s.error();
    }
    transport->discard_input();
    return std::unique_ptr<Transport>(std::move(transport));
}

}  // namespace sysboot::host
