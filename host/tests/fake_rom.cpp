#include "fake_rom.hpp"

#include <algorithm>

#include "sysboot/an3155/protocol.hpp"

namespace sysboot::host {

namespace {

constexpr uint32_t kFakeRamBase = 0x20000000;
constexpr std::size_t kFakeRamSize = 64 * 1024;

class FakeLink final : public Transport {
  public:
    explicit FakeLink(FakeRom& rom) : rom_(rom) {}
    Result<std::size_t> read(std::span<uint8_t> out, Millis timeout) override {
        return rom_.link_read(out, timeout);
    }
    Status write(std::span<const uint8_t> data) override { return rom_.link_write(data); }
    void discard_input() override { rom_.link_discard(); }
    Status set_parity(Parity parity) override {
        rom_.link_set_parity(parity);
        return {};
    }
    Status set_baudrate(unsigned) override { return {}; }
    std::string name() const override { return "fake:"; }

  private:
    FakeRom& rom_;
};

}  // namespace

FakeRom::FakeRom(FakeRomOptions options, FakeClock& clock)
    : options_(std::move(options)),
      clock_(clock),
      flash_(options_.flash.sectors.total_size(), 0xFF),
      ram_(kFakeRamSize, 0),
      memory_(options_.flash, flash_, ram_, kFakeRamBase),
      target_(
          [this] {
              auto c = options_.config;
              c.go = &FakeRom::on_go;
              c.go_context = this;
              return c;
          }(),
          memory_, sink_),
      in_app_(options_.start_in_app) {
    sink_.out = &pending_;
    sink_.target = &target_;
}

std::unique_ptr<Transport> FakeRom::connect() {
    disconnected_ = false;
    return std::make_unique<FakeLink>(*this);
}

void FakeRom::reset_rom() {
    target_.reset();
    in_app_ = false;
    rom_ready_at_.reset();
}

void FakeRom::on_go(void* self, uint32_t address) {
    auto* rom = static_cast<FakeRom*>(self);
    rom->go_address_ = address;
    // The new image runs: with an application console, it listens for `enter` again.
    if (rom->options_.start_in_app) {
        rom->in_app_ = true;
        rom->app_input_.clear();
    }
}

Result<std::size_t> FakeRom::link_read(std::span<uint8_t> out, Millis timeout) {
    if (disconnected_) {
        return make_error(Phase::Read, Cause::Disconnected, "fake: link dropped");
    }
    const auto deadline = clock_.now() + timeout;
    if (rx_.empty() || rx_.front().first > deadline) {
        clock_.advance_to(deadline);
        return std::size_t{0};
    }
    clock_.advance_to(rx_.front().first);
    std::size_t n = 0;
    while (n < out.size() && !rx_.empty() && rx_.front().first <= clock_.now()) {
        out[n++] = rx_.front().second;
        rx_.pop_front();
    }
    return n;
}

void FakeRom::link_discard() {
    while (!rx_.empty() && rx_.front().first <= clock_.now()) {
        rx_.pop_front();
    }
}

Status FakeRom::link_write(std::span<const uint8_t> data) {
    if (disconnected_) {
        return make_error(Phase::Write, Cause::Disconnected, "fake: link dropped");
    }
    for (uint8_t byte : data) {
        if (faults_.disconnect_after_host_bytes &&
            host_index_ >= *faults_.disconnect_after_host_bytes) {
            faults_.disconnect_after_host_bytes.reset();
            disconnected_ = true;
            rx_.clear();
            return make_error(Phase::Write, Cause::Disconnected, "fake: link dropped");
        }
        const uint64_t index = host_index_++;
        if (faults_.drop_host_byte && *faults_.drop_host_byte == index) {
            continue;
        }
        if (faults_.corrupt_host_byte && *faults_.corrupt_host_byte == index) {
            byte ^= 0x5A;
        }
        if (in_app_) {
            feed_app(byte);
        } else {
            feed_rom(byte);
        }
    }
    return {};
}

void FakeRom::feed_app(uint8_t byte) {
    app_input_.push_back(static_cast<char>(byte));
    if (byte == 0x7F && !options_.app_answer_to_sync.empty()) {
        for (char c : options_.app_answer_to_sync) {
            rx_.emplace_back(clock_.now(), static_cast<uint8_t>(c));
        }
    }
    const auto& cmd = options_.enter_command;
    if (app_input_.size() >= cmd.size() &&
        app_input_.compare(app_input_.size() - cmd.size(), cmd.size(), cmd) == 0) {
        // The application echoes, announces the jump, and the ROM starts a little later.
        std::vector<uint8_t> reply(options_.app_reply.begin(), options_.app_reply.end());
        for (uint8_t b : reply) {
            rx_.emplace_back(clock_.now(), b);
        }
        in_app_ = false;
        target_.reset();
        rom_ready_at_ = clock_.now() + options_.enter_delay;
    }
}

bool FakeRom::spoil_for_step() {
    if (step_seen_.size() < faults_.nack_steps.size()) {
        step_seen_.resize(faults_.nack_steps.size(), 0);
    }
    for (std::size_t i = 0; i < faults_.nack_steps.size(); ++i) {
        const auto& step = faults_.nack_steps[i];
        if (target_.state() != step.state || target_.frame_remaining() != 1) {
            continue;
        }
        if (step.command && *step.command != target_.command()) {
            continue;
        }
        const int seen = step_seen_[i]++;
        if (seen < step.skip) {
            continue;
        }
        if (step.times < 0 || seen < step.skip + step.times) {
            return true;
        }
    }
    return false;
}

void FakeRom::feed_rom(uint8_t byte) {
    if (rom_ready_at_) {
        if (clock_.now() < *rom_ready_at_) {
            return;  // the ROM is not running yet: the byte is lost
        }
        rom_ready_at_.reset();
    }
    if (spoil_for_step()) {
        byte ^= 0xFF;
    }
    const auto before = target_.counters();
    pending_.clear();
    target_.on_byte(byte);
    const auto& after = target_.counters();
    auto when = clock_.now();
    when += options_.sector_erase_time * (after.sectors_erased - before.sectors_erased);
    when += options_.mass_erase_time * (after.mass_erases - before.mass_erases);
    queue_rom_output(pending_, when);
    if (faults_.corrupt_flash_after_write && after.bytes_written != before.bytes_written) {
        const uint32_t a = *faults_.corrupt_flash_after_write;
        const uint32_t base = options_.flash.base;
        if (a >= base && a - base < flash_.size() && flash_[a - base] != 0xFF) {
            flash_[a - base] ^= 0x10;
            faults_.corrupt_flash_after_write.reset();
        }
    }
}

void FakeRom::queue_rom_output(const std::vector<std::pair<uint8_t, bool>>& bytes,
                               Clock::time_point when) {
    when = std::max(when, last_ready_);
    for (auto [b, is_ack] : bytes) {
        const uint64_t index = rom_index_++;
        if (faults_.mute_after_rom_bytes && index >= *faults_.mute_after_rom_bytes) {
            muted_ = true;
        }
        if (muted_) {
            continue;
        }
        if (faults_.garbage_before_rom_byte && *faults_.garbage_before_rom_byte == index) {
            for (uint8_t g : faults_.garbage) {
                rx_.emplace_back(when, g);
            }
        }
        if (faults_.drop_rom_byte && *faults_.drop_rom_byte == index) {
            continue;
        }
        if (is_ack) {
            if (faults_.ack_to_nack && *faults_.ack_to_nack == ack_index_) {
                b = an3155::kNack;
            }
            ++ack_index_;
        }
        if (faults_.scramble_rom_output) {
            b ^= 0x5A;
        }
        rx_.emplace_back(when, b);
    }
    last_ready_ = when;
}

}  // namespace sysboot::host
