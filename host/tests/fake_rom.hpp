// In-process fake ROM for tests: the portable AN3155 engine (protocol/an3155) on a buffer with F7
// flash semantics, behind a Transport, on a FakeClock, with fault injection.
//
// Time never passes for real: a read that finds nothing advances the fake clock by its
// timeout; answers that the ROM would give late (after an erase) are stamped in the future.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "sysboot/an3155/flash_model.hpp"
#include "sysboot/an3155/target.hpp"
#include "transport/transport.hpp"

namespace sysboot::host {

// Make the ROM answer NACK at one step: the fake corrupts the last host byte of that frame
// (the complement, a checksum) so the engine itself rejects it and changes nothing.
struct NackStep {
    an3155::State state;             // e.g. State::WriteChecksum
    std::optional<uint8_t> command;  // only while serving this command (any if unset)
    int skip = 0;                    // let this many matching frames pass first
    int times = 1;                   // how many to spoil; -1 = every one
};

struct FaultPlan {
    // Host -> ROM byte index (0-based, counted over the fake's life).
    std::optional<uint64_t> drop_host_byte;     // the ROM never sees it
    std::optional<uint64_t> corrupt_host_byte;  // the ROM sees it bit-flipped
    // ROM -> host byte index (0-based, counted before faults).
    std::optional<uint64_t> drop_rom_byte;
    std::optional<uint64_t> garbage_before_rom_byte;
    std::vector<uint8_t> garbage = {0xA5, 0x00, 0xC3};
    std::optional<uint64_t> ack_to_nack;           // this ROM ACK reaches the host as NACK
    bool scramble_rom_output = false;              // every ROM byte arrives mangled (baud)
    std::optional<uint64_t> mute_after_rom_bytes;  // then the ROM never answers again
    // After this many host bytes the link drops (one shot; reconnect() opens a new link).
    std::optional<uint64_t> disconnect_after_host_bytes;
    std::vector<NackStep> nack_steps;
    // A weak flash cell: after a write covering this address, its byte reads back flipped.
    std::optional<uint32_t> corrupt_flash_after_write;
};

struct FakeRomOptions {
    an3155::Config config{};
    an3155::FlashConfig flash{};
    // Start as the running application: its console waits for `enter_command`, then the
    // ROM starts after `enter_delay` (bytes before that are lost, like on a real board).
    bool start_in_app = false;
    std::string enter_command = "bootloader\r\n";
    std::string app_reply = "entering ROM bootloader\r\n";
    // What the application's console answers to a byte it does not take as a command
    // (empty: nothing, like a console that ignores control bytes).
    std::string app_answer_to_sync;
    Millis enter_delay{20};
    Millis sector_erase_time{1500};  // F7 256 KiB sector: 1-2 s (RM "Flash erase time")
    Millis mass_erase_time{16000};
};

class FakeRom {
  public:
    FakeRom(FakeRomOptions options, FakeClock& clock);
    FakeRom(const FakeRom&) = delete;
    FakeRom& operator=(const FakeRom&) = delete;

    // A new link to the fake (clears a previous disconnect). The fake must outlive it.
    [[nodiscard]] std::unique_ptr<Transport> connect();

    FaultPlan& faults() { return faults_; }
    an3155::Target& target() { return target_; }
    an3155::FlashModel& memory() { return memory_; }
    std::vector<uint8_t>& flash() { return flash_; }
    [[nodiscard]] uint32_t flash_base() const { return options_.flash.base; }
    [[nodiscard]] bool in_app() const { return in_app_; }
    [[nodiscard]] std::optional<uint32_t> go_address() const { return go_address_; }
    [[nodiscard]] uint64_t host_bytes() const { return host_index_; }
    [[nodiscard]] uint64_t rom_bytes() const { return rom_index_; }
    [[nodiscard]] Parity parity() const { return parity_; }
    [[nodiscard]] const std::string& app_input() const { return app_input_; }
    // Reset the ROM (as after a power cycle into the bootloader): waits for 0x7F again.
    void reset_rom();

    // Transport side (used by the link objects).
    Result<std::size_t> link_read(std::span<uint8_t> out, Millis timeout);
    Status link_write(std::span<const uint8_t> data);
    void link_discard();
    void link_set_parity(Parity p) { parity_ = p; }
    bool disconnected() const { return disconnected_; }

  private:
    // Records each answer byte and whether the engine sent it as an ACK (data bytes may
    // equal 0x79 too).
    struct SinkAdapter final : an3155::Sink {
        std::vector<std::pair<uint8_t, bool>>* out = nullptr;
        const an3155::Target* target = nullptr;
        uint32_t acks_seen = 0;
        void put(uint8_t b) override {
            const uint32_t acks = target->counters().acks;
            out->emplace_back(b, acks != acks_seen);
            acks_seen = acks;
        }
    };
    static void on_go(void* self, uint32_t address);
    void feed_rom(uint8_t byte);
    void feed_app(uint8_t byte);
    void queue_rom_output(const std::vector<std::pair<uint8_t, bool>>& bytes,
                          Clock::time_point when);
    bool spoil_for_step();

    FakeRomOptions options_;
    FakeClock& clock_;
    FaultPlan faults_;
    std::vector<uint8_t> flash_;
    std::vector<uint8_t> ram_;
    an3155::FlashModel memory_;
    SinkAdapter sink_;
    std::vector<std::pair<uint8_t, bool>> pending_;
    an3155::Target target_;
    std::deque<std::pair<Clock::time_point, uint8_t>> rx_;  // ROM -> host, with ready time
    Clock::time_point last_ready_{};
    bool in_app_;
    std::optional<Clock::time_point> rom_ready_at_;
    std::string app_input_;
    std::optional<uint32_t> go_address_;
    uint64_t host_index_ = 0;
    uint64_t rom_index_ = 0;
    uint64_t ack_index_ = 0;
    bool muted_ = false;
    bool disconnected_ = false;
    Parity parity_ = Parity::Even;
    std::vector<int> step_seen_;
};

}  // namespace sysboot::host
