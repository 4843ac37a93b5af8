// Helpers shared by the host tests: image builders (Intel HEX, ELF), temporary files and a
// runner for the CLI against the in-process fake ROM.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "sysboot/an3155/flash_model.hpp"
#include "sysboot/an3155/target.hpp"

#include "core/clock.hpp"
#include "fake_rom.hpp"

namespace sysboot::test {

// One Intel HEX record line (with its checksum, or a wrong one when `bad_checksum`).
std::string hex_record(uint8_t type, uint16_t address, const std::vector<uint8_t>& data,
                       bool bad_checksum = false);
// A whole Intel HEX file for segments (type 04 records for the upper address bits).
std::string make_ihex(const std::vector<std::pair<uint32_t, std::vector<uint8_t>>>& segments);

struct ElfSegment {
    uint32_t type = 1;  // PT_LOAD
    uint32_t paddr = 0;
    uint32_t vaddr = 0;
    std::vector<uint8_t> data;  // p_filesz = data.size()
    uint32_t memsz = 0;         // >= data.size(); the rest is .bss
};
// A little-endian ELF32 ARM executable with the given program headers (no sections).
std::vector<uint8_t> make_elf(const std::vector<ElfSegment>& segments, uint32_t entry = 0);

std::vector<uint8_t> pattern(std::size_t n, uint32_t seed = 1);
// `pattern` that starts with an Armv7-M vector table (initial SP in SRAM, Thumb reset vector
// inside the image), so that `flash` may start it with Go.
std::vector<uint8_t> firmware(std::size_t n, uint32_t load_address, uint32_t seed = 1);

// A file in a per-test temporary directory, removed with the object.
class TempFile {
  public:
    TempFile(const std::string& name, const std::vector<uint8_t>& bytes);
    TempFile(const std::string& name, const std::string& text);
    ~TempFile();
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    [[nodiscard]] const std::string& path() const { return path_; }

  private:
    std::string path_;
};

std::filesystem::path temp_dir();

struct CliRun {
    int code = -1;
    std::string out;
    std::string err;
};

// The engine served from a thread over a real file descriptor: a UNIX or TCP socket
// (like QEMU's serial backends) or the master side of a pseudo-terminal. Real time.
class RomServer {
  public:
    explicit RomServer(an3155::Config config = {});
    ~RomServer();
    RomServer(const RomServer&) = delete;
    RomServer& operator=(const RomServer&) = delete;

    std::string listen_unix();  // returns the --port spec
    std::string listen_tcp();
    std::string open_pty();  // returns the slave device path
    void stop();
    std::vector<uint8_t>& flash() { return flash_; }
    const an3155::Target& target() const { return target_; }

  private:
    struct FdSink final : an3155::Sink {
        std::vector<uint8_t> out;
        void put(uint8_t b) override { out.push_back(b); }
    };
    void serve(int fd);
    void run_listener(int listen_fd);

    std::vector<uint8_t> flash_;
    an3155::FlashModel memory_;
    FdSink sink_;
    an3155::Target target_;
    std::atomic<bool> stop_{false};
    std::thread thread_;
    int fd_ = -1;
    std::string unix_path_;
};

// Runs `sysboot <args...>` with every --port opening a new link to `rom`.
CliRun run_cli(host::FakeRom& rom, host::FakeClock& clock, const std::vector<std::string>& args);
// The same, with every link wrapped by `wrap` (fault injection) and a stop flag (Ctrl-C).
using LinkWrapper =
    std::function<std::unique_ptr<host::Transport>(std::unique_ptr<host::Transport> link)>;
CliRun run_cli(host::FakeRom& rom, host::FakeClock& clock, const std::vector<std::string>& args,
               const LinkWrapper& wrap, const std::atomic<bool>* stop);
// Runs `sysboot <args...>` with the real clock and the real port opener.
CliRun run_cli_real(const std::vector<std::string>& args);

}  // namespace sysboot::test
