// TCP and UNIX-socket backends: how the host reaches the emulated board's UART (QEMU's
// `-serial tcp:...` / `-serial unix:...`). Parity and baud rate do not exist on a socket.
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <cerrno>
#include <cstring>

#include "transport/poll_wait.hpp"
#include "transport/transport.hpp"

namespace sysboot::host {

namespace {

class SocketTransport final : public Transport {
  public:
    SocketTransport(int fd, std::string name) : fd_(fd), name_(std::move(name)) {}
    ~SocketTransport() override { ::close(fd_); }
    SocketTransport(const SocketTransport&) = delete;
    SocketTransport& operator=(const SocketTransport&) = delete;

    Result<std::size_t> read(std::span<uint8_t> out, Millis timeout) override {
        if (out.empty()) {
            return std::size_t{0};
        }
        const int r = wait_readable(fd_, timeout);
        if (r < 0) {
            return io_error("poll");
        }
        if (r == 0) {
            return std::size_t{0};
        }
        ssize_t n;
        do {
            n = ::recv(fd_, out.data(), out.size(), 0);
        } while (n < 0 && errno == EINTR);
        if (n == 0) {
            return make_error(Phase::Read, Cause::Disconnected,
                              fmt::format("{}: peer closed the connection", name_));
        }
        if (n < 0) {
            if (errno == ECONNRESET || errno == EPIPE) {
                return make_error(Phase::Read, Cause::Disconnected,
                                  fmt::format("{}: {}", name_, std::strerror(errno)));
            }
            return io_error("recv");
        }
        return static_cast<std::size_t>(n);
    }

    Status write(std::span<const uint8_t> data) override {
        std::size_t done = 0;
        while (done < data.size()) {
            const ssize_t n = ::send(fd_, data.data() + done, data.size() - done, MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EINTR) {
                    continue;
                }
                if (errno == EPIPE || errno == ECONNRESET) {
                    return make_error(Phase::Write, Cause::Disconnected,
                                      fmt::format("{}: {}", name_, std::strerror(errno)));
                }
                return io_error("send").error();
            }
            done += static_cast<std::size_t>(n);
        }
        return {};
    }

    void discard_input() override {
        uint8_t buf[256];
        for (;;) {
            pollfd p{fd_, POLLIN, 0};
            if (::poll(&p, 1, 0) <= 0 || (p.revents & POLLIN) == 0) {
                return;
            }
            if (::recv(fd_, buf, sizeof buf, MSG_DONTWAIT) <= 0) {
                return;
            }
        }
    }

    Status set_parity(Parity) override { return {}; }
    Status set_baudrate(unsigned) override { return {}; }
    std::string name() const override { return name_; }

  private:
    Result<std::size_t> io_error(const char* what) const {
        return make_error(Phase::Read, Cause::Io,
                          fmt::format("{}: {} failed: {}", name_, what, std::strerror(errno)));
    }

    int fd_;
    std::string name_;
};

}  // namespace

Result<std::unique_ptr<Transport>> open_tcp(const std::string& host, const std::string& port) {
    const std::string name = fmt::format("tcp:{}:{}", host, port);
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* list = nullptr;
    if (const int rc = ::getaddrinfo(host.c_str(), port.c_str(), &hints, &list); rc != 0) {
        return make_error(Phase::Open, Cause::Io,
                          fmt::format("{}: cannot resolve: {}", name, ::gai_strerror(rc)));
    }
    int fd = -1;
    int last_errno = 0;
    for (addrinfo* ai = list; ai != nullptr; ai = ai->ai_next) {
        fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0) {
            last_errno = errno;
            continue;
        }
        if (::connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
            break;
        }
        last_errno = errno;
        ::close(fd);
        fd = -1;
    }
    ::freeaddrinfo(list);
    if (fd < 0) {
        return make_error(Phase::Open, Cause::Io,
                          fmt::format("{}: cannot connect: {}", name, std::strerror(last_errno)));
    }
    return std::unique_ptr<Transport>(std::make_unique<SocketTransport>(fd, name));
}

Result<std::unique_ptr<Transport>> open_unix(const std::string& path) {
    const std::string name = "unix:" + path;
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (path.empty() || path.size() >= sizeof addr.sun_path) {
        return make_error(Phase::Open, Cause::Invalid, name + ": bad socket path");
    }
    std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return make_error(Phase::Open, Cause::Io,
                          fmt::format("{}: socket: {}", name, std::strerror(errno)));
    }
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
        const int e = errno;
        ::close(fd);
        return make_error(Phase::Open, Cause::Io,
                          fmt::format("{}: cannot connect: {}", name, std::strerror(e)));
    }
    return std::unique_ptr<Transport>(std::make_unique<SocketTransport>(fd, name));
}

}  // namespace sysboot::host
