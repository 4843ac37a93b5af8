// libFuzzer target: the host's AN3155 response parsing. The input is what the "ROM" answers;
// the client runs a whole session against it (sync, Get, Get Version, Get ID, Read, Write,
// Extended Erase, Get Checksum, Go) and must never crash, hang or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "an3155/client.hpp"
#include "core/clock.hpp"
#include "transport/transport.hpp"

namespace {

using namespace sysboot;

class ScriptedTransport final : public host::Transport {
  public:
    ScriptedTransport(std::span<const uint8_t> script, host::FakeClock& clock)
        : script_(script), clock_(clock) {}

    host::Result<std::size_t> read(std::span<uint8_t> out, host::Millis timeout) override {
        if (pos_ >= script_.size()) {
            clock_.advance(timeout);
            return std::size_t{0};
        }
        // The first byte of each chunk says how many bytes arrive at once (1..8).
        const std::size_t chunk = 1 + (script_[pos_] & 7u);
        std::size_t n = 0;
        while (n < out.size() && n < chunk && pos_ < script_.size()) {
            out[n++] = script_[pos_++];
        }
        clock_.advance(host::Millis{1});
        return n;
    }
    host::Status write(std::span<const uint8_t> data) override {
        written_ += data.size();
        if (written_ > 1u << 20) {
            return host::make_error(host::Phase::Write, host::Cause::Disconnected, "enough");
        }
        return {};
    }
    void discard_input() override {}
    host::Status set_parity(host::Parity) override { return {}; }
    host::Status set_baudrate(unsigned) override { return {}; }
    std::string name() const override { return "script"; }

  private:
    std::span<const uint8_t> script_;
    host::FakeClock& clock_;
    std::size_t pos_ = 0;
    std::size_t written_ = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    host::FakeClock clock;
    ScriptedTransport t(std::span<const uint8_t>(data, size), clock);
    an3155::Timeouts timeouts;
    timeouts.sync_attempts = 2;
    timeouts.unstick_bytes = 32;
    an3155::Client client(t, clock, timeouts);
    (void)client.sync();
    (void)client.get();
    (void)client.get_version();
    (void)client.get_id();
    std::vector<uint8_t> buf(256);
    (void)client.read_memory(0x08000000, buf);
    (void)client.write_memory(0x08000000, std::span<const uint8_t>(buf.data(), 16));
    const uint16_t sectors[] = {0, 1};
    (void)client.extended_erase(sectors);
    (void)client.mass_erase();
    (void)client.get_checksum(0x08000000, 1024);
    (void)client.go(0x08000000);
    (void)client.resync();
    return 0;
}
