// The board the CLI tests talk to: the in-process fake ROM on a fake clock, and the tool
// run against it (`--port fake`).
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "test_util.hpp"

namespace sysboot::test {

struct Board {
    explicit Board(host::FakeRomOptions o = {}) : rom(std::move(o), clock) {}
    host::FakeClock clock;
    host::FakeRom rom;
    CliRun run(std::vector<std::string> args) {
        args.insert(args.begin(), {"--port", "fake"});
        return run_cli(rom, clock, args);
    }
    bool flash_equals(uint32_t address, const std::vector<uint8_t>& data) {
        const auto off = address - rom.flash_base();
        return std::equal(data.begin(), data.end(), rom.flash().begin() + off);
    }
    [[nodiscard]] uint32_t erased() { return rom.target().counters().sectors_erased; }
    [[nodiscard]] uint64_t written() { return rom.target().counters().bytes_written; }
};

// A transport that passes everything to `inner`; tests override what they watch.
class ForwardingTransport : public host::Transport {
  public:
    explicit ForwardingTransport(std::unique_ptr<host::Transport> inner)
        : inner_(std::move(inner)) {}
    host::Result<std::size_t> read(std::span<uint8_t> out, host::Millis t) override {
        return inner_->read(out, t);
    }
    host::Status write(std::span<const uint8_t> data) override { return inner_->write(data); }
    void discard_input() override { inner_->discard_input(); }
    host::Status set_parity(host::Parity p) override { return inner_->set_parity(p); }
    host::Status set_baudrate(unsigned b) override { return inner_->set_baudrate(b); }
    std::string name() const override { return inner_->name(); }

  private:
    std::unique_ptr<host::Transport> inner_;
};

}  // namespace sysboot::test
