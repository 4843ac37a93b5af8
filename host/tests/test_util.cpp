#include "test_util.hpp"

#include <arpa/inet.h>
#include <elf.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pty.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

#include <fmt/format.h>
#include <cstring>
#include <fstream>
#include <sstream>

#include "cli/cli.hpp"

namespace sysboot::test {

std::string hex_record(uint8_t type, uint16_t address, const std::vector<uint8_t>& data,
                       bool bad_checksum) {
    uint8_t sum = static_cast<uint8_t>(data.size() + (address >> 8) + (address & 0xFF) + type);
    std::string line = fmt::format(":{:02X}{:04X}{:02X}", data.size(), address, type);
    for (uint8_t b : data) {
        line += fmt::format("{:02X}", b);
        sum = static_cast<uint8_t>(sum + b);
    }
    uint8_t check = static_cast<uint8_t>(-sum);
    if (bad_checksum) {
        check = static_cast<uint8_t>(check + 1);
    }
    return line + fmt::format("{:02X}\n", check);
}

std::string make_ihex(const std::vector<std::pair<uint32_t, std::vector<uint8_t>>>& segments) {
    std::string out;
    int upper = -1;
    for (const auto& [base, data] : segments) {
        for (std::size_t off = 0; off < data.size(); off += 16) {
            const uint32_t a = base + static_cast<uint32_t>(off);
            if (static_cast<int>(a >> 16) != upper) {
                upper = static_cast<int>(a >> 16);
                out += hex_record(0x04, 0,
                                  {static_cast<uint8_t>(upper >> 8), static_cast<uint8_t>(upper)});
            }
            const std::size_t n = std::min<std::size_t>(16, data.size() - off);
            out += hex_record(0x00, static_cast<uint16_t>(a & 0xFFFF),
                              std::vector<uint8_t>(data.begin() + static_cast<long>(off),
                                                   data.begin() + static_cast<long>(off + n)));
        }
    }
    out += hex_record(0x01, 0, {});
    return out;
}

std::vector<uint8_t> make_elf(const std::vector<ElfSegment>& segments, uint32_t entry) {
    Elf32_Ehdr eh{};
    std::memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS32;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    eh.e_type = ET_EXEC;
    eh.e_machine = EM_ARM;
    eh.e_version = EV_CURRENT;
    eh.e_entry = entry;
    eh.e_phoff = sizeof(Elf32_Ehdr);
    eh.e_ehsize = sizeof(Elf32_Ehdr);
    eh.e_phentsize = sizeof(Elf32_Phdr);
    eh.e_phnum = static_cast<Elf32_Half>(segments.size());
    eh.e_shentsize = sizeof(Elf32_Shdr);

    std::vector<uint8_t> out(sizeof eh + segments.size() * sizeof(Elf32_Phdr));
    std::vector<Elf32_Phdr> phdrs;
    for (const auto& s : segments) {
        Elf32_Phdr ph{};
        ph.p_type = s.type;
        ph.p_offset = static_cast<Elf32_Off>(out.size());
        ph.p_vaddr = s.vaddr;
        ph.p_paddr = s.paddr;
        ph.p_filesz = static_cast<Elf32_Word>(s.data.size());
        ph.p_memsz = std::max<Elf32_Word>(s.memsz, static_cast<Elf32_Word>(s.data.size()));
        ph.p_flags = PF_R;
        ph.p_align = 4;
        out.insert(out.end(), s.data.begin(), s.data.end());
        phdrs.push_back(ph);
    }
    std::memcpy(out.data(), &eh, sizeof eh);
    std::memcpy(out.data() + sizeof eh, phdrs.data(), phdrs.size() * sizeof(Elf32_Phdr));
    return out;
}

std::vector<uint8_t> firmware(std::size_t n, uint32_t load_address, uint32_t seed) {
    auto v = pattern(n, seed);
    // Initial SP in SRAM; reset vector odd (Thumb) and inside the image.
    const auto reset =
        static_cast<uint32_t>(load_address + ((std::min<std::size_t>(n, 0x400) / 2) | 1));
    const uint32_t words[2] = {0x20010000u, reset};
    for (std::size_t i = 0; i < 8 && i < n; ++i) {
        v[i] = static_cast<uint8_t>(words[i / 4] >> (8 * (i % 4)));
    }
    return v;
}

std::vector<uint8_t> pattern(std::size_t n, uint32_t seed) {
    std::vector<uint8_t> v(n);
    uint32_t x = seed * 2654435761u + 12345;
    for (auto& b : v) {
        x = x * 1103515245u + 12345u;
        b = static_cast<uint8_t>(x >> 16);
        if (b == 0xFF) {
            b = 0xFE;  // keep blocks non-blank unless a test wants blank data
        }
    }
    return v;
}

std::filesystem::path temp_dir() {
    static const std::filesystem::path dir = [] {
        auto d = std::filesystem::temp_directory_path() /
                 fmt::format("sysboot-host-test-{}", ::getpid());
        std::filesystem::create_directories(d);
        return d;
    }();
    return dir;
}

TempFile::TempFile(const std::string& name, const std::vector<uint8_t>& bytes)
    : path_((temp_dir() / name).string()) {
    std::ofstream f(path_, std::ios::binary | std::ios::trunc);
    f.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

TempFile::TempFile(const std::string& name, const std::string& text)
    : TempFile(name, std::vector<uint8_t>(text.begin(), text.end())) {}

TempFile::~TempFile() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
}

namespace {
// `sysboot <args...>` in `env`, whose streams are `out` and `err`.
CliRun run_in(host::CliEnvironment& env, std::ostringstream& out, std::ostringstream& err,
              const std::vector<std::string>& args) {
    std::vector<const char*> argv{"sysboot"};
    for (const auto& a : args) {
        argv.push_back(a.c_str());
    }
    CliRun r;
    r.code = host::run_cli(static_cast<int>(argv.size()), argv.data(), env);
    r.out = out.str();
    r.err = err.str();
    return r;
}
}  // namespace

CliRun run_cli(host::FakeRom& rom, host::FakeClock& clock, const std::vector<std::string>& args) {
    std::ostringstream out;
    std::ostringstream err;
    host::CliEnvironment env{
        out,
        err,
        clock,
        false,
        [&rom](const std::string&, const host::SerialSettings&) {
            return host::Result<std::unique_ptr<host::Transport>>(rom.connect());
        },
        nullptr,
        {}};
    return run_in(env, out, err, args);
}

CliRun run_cli(host::FakeRom& rom, host::FakeClock& clock, const std::vector<std::string>& args,
               const LinkWrapper& wrap, const std::atomic<bool>* stop) {
    std::ostringstream out;
    std::ostringstream err;
    host::CliEnvironment env{
        out,
        err,
        clock,
        false,
        [&rom, &wrap](const std::string&, const host::SerialSettings&) {
            return host::Result<std::unique_ptr<host::Transport>>(wrap(rom.connect()));
        },
        stop,
        {}};
    return run_in(env, out, err, args);
}

CliRun run_cli_real(const std::vector<std::string>& args) {
    std::ostringstream out;
    std::ostringstream err;
    host::SystemClock clock;
    host::CliEnvironment env{out,
                             err,
                             clock,
                             false,
                             [&clock](const std::string& spec, const host::SerialSettings& s) {
                                 return host::open_transport(spec, s, clock);
                             },
                             nullptr,
                             {}};
    return run_in(env, out, err, args);
}

RomServer::RomServer(an3155::Config config)
    : flash_(an3155::kF76xSingleBank.total_size(), 0xFF),
      memory_(an3155::FlashConfig{}, flash_),
      target_(config, memory_, sink_) {}

RomServer::~RomServer() {
    stop();
    if (!unix_path_.empty()) {
        ::unlink(unix_path_.c_str());
    }
}

void RomServer::stop() {
    stop_ = true;
    if (thread_.joinable()) {
        thread_.join();
    }
    if (fd_ >= 0) {
        ::close(fd_);
        fd_ = -1;
    }
}

void RomServer::serve(int fd) {
    uint8_t buf[512];
    while (!stop_) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 20) <= 0) {
            continue;
        }
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n <= 0) {
            if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
                continue;
            }
            return;  // peer closed (socket) or slave closed (pty: EIO)
        }
        sink_.out.clear();
        for (ssize_t i = 0; i < n; ++i) {
            target_.on_byte(buf[i]);
        }
        std::size_t done = 0;
        while (done < sink_.out.size()) {
            const ssize_t w = ::write(fd, sink_.out.data() + done, sink_.out.size() - done);
            if (w <= 0) {
                return;
            }
            done += static_cast<std::size_t>(w);
        }
    }
}

void RomServer::run_listener(int listen_fd) {
    while (!stop_) {
        pollfd p{listen_fd, POLLIN, 0};
        if (::poll(&p, 1, 20) <= 0) {
            continue;
        }
        const int c = ::accept(listen_fd, nullptr, nullptr);
        if (c < 0) {
            continue;
        }
        serve(c);
        ::close(c);
    }
}

std::string RomServer::listen_unix() {
    unix_path_ =
        (temp_dir() / fmt::format("rom-{}.sock", reinterpret_cast<uintptr_t>(this))).string();
    ::unlink(unix_path_.c_str());
    fd_ = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", unix_path_.c_str());
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(fd_, 1) != 0) {
        return "unix:/nonexistent";
    }
    thread_ = std::thread([this] { run_listener(fd_); });
    return "unix:" + unix_path_;
}

std::string RomServer::listen_tcp() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(fd_, 1) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        return "tcp:127.0.0.1:1";
    }
    thread_ = std::thread([this] { run_listener(fd_); });
    return fmt::format("tcp:127.0.0.1:{}", ntohs(addr.sin_port));
}

std::string RomServer::open_pty() {
    int slave = -1;
    char name[256] = {};
    if (::openpty(&fd_, &slave, name, nullptr, nullptr) != 0) {
        return "/nonexistent-pty";
    }
    termios t{};
    ::tcgetattr(fd_, &t);
    ::cfmakeraw(&t);
    ::tcsetattr(fd_, TCSANOW, &t);
    // Keep the slave open until the client has opened it, then the server's copy can go:
    // the master reads EIO only once every slave descriptor is closed.
    const int keep = slave;
    thread_ = std::thread([this, keep] {
        serve(fd_);
        ::close(keep);
    });
    return name;
}

}  // namespace sysboot::test
