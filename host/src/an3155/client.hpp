// Host side of the STM32 USART bootloader protocol (AN3155). Never prints: every call
// returns a Status/Result whose Error names the phase, the address and the cause.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "sysboot/an3155/protocol.hpp"
#include "transport/transport.hpp"

namespace sysboot::an3155 {

using host::Clock;
using host::Millis;
using host::Result;
using host::Status;
using host::Transport;

struct Timeouts {
    Millis read{500};           // any answer (stm32flash: 500 ms)
    Millis write{1000};         // ACK of a Write Memory block (stm32flash: 1 s)
    Millis erase_sector{5000};  // per sector in an Extended Erase
    Millis mass_erase{35000};   // 0xFFFF mass erase of 2 MiB
    int sync_attempts = 5;      // single 0x7F tries before unsticking a half-sent frame
    // Then up to this many filler bytes to complete a frame a broken transfer left open:
    // the longest the filler itself can start is an erase list of 0x0203 sectors.
    int unstick_bytes = 1100;
};

// Get (AN3155 §3.1).
struct BootloaderInfo {
    uint8_t version = 0;
    std::vector<uint8_t> commands;
    [[nodiscard]] bool has(Command c) const;
    // "3.1"
    [[nodiscard]] std::string version_string() const;
};

// Get Version & Read Protection status (AN3155 §3.2).
struct VersionInfo {
    uint8_t version = 0;
    uint8_t option1 = 0;
    uint8_t option2 = 0;
};

enum class SyncResult {
    Fresh,          // the ROM answered ACK to its first 0x7F
    AlreadySynced,  // it NACKed: it had been synchronised before
};

class Client {
  public:
    Client(Transport& transport, Clock& clock, Timeouts timeouts = {});

    // AN3155 §2: send 0x7F until the ROM answers ACK (fresh) or NACK (already synced);
    // tolerates a 0x00 before the ACK (seen on some USB-serial bridges at power-up).
    [[nodiscard]] Result<SyncResult> sync();
    // Re-synchronise after a failed exchange with a ROM known to be synchronised.
    [[nodiscard]] Status resync();
    // A ROM left inside a frame by a broken transfer ignores 0x7F; sync() then completes
    // the frame with filler bytes. Off for a first contact, where the silence is far more
    // likely an application that ignores 0x7F: filler would go into its console.
    void set_unstick(bool on) { unstick_ = on; }
    // Right after the application was told to enter the ROM, text on the line is its last
    // words (or the ROM's own start-up output), not a sign that it still runs: keep syncing.
    void set_text_expected(bool expected) { console_text_is_garbage_ = expected; }

    [[nodiscard]] Result<BootloaderInfo> get();
    [[nodiscard]] Result<VersionInfo> get_version();
    [[nodiscard]] Result<uint16_t> get_id();
    // 1..256 bytes.
    [[nodiscard]] Status read_memory(uint32_t address, std::span<uint8_t> out);
    // 4..256 bytes, a multiple of 4, at an address aligned to the write alignment (4 unless
    // set_write_alignment() said more); an unaligned address is refused before any byte is
    // sent.
    [[nodiscard]] Status write_memory(uint32_t address, std::span<const uint8_t> data);
    // The part's Write Memory start alignment (an3155::Layout::write_align, 8 on STM32F7:
    // AN2606 "Programming constraints"). Values below 4 mean 4 (AN3155 §3.6).
    void set_write_alignment(uint32_t bytes);
    [[nodiscard]] uint32_t write_alignment() const { return write_align_; }
    // Sector numbers per Extended Erase (AN3155 §3.8).
    [[nodiscard]] Status extended_erase(std::span<const uint16_t> sectors);
    // Page numbers per Erase (AN3155 §3.7), for ROMs that list 0x43 instead of 0x44; the
    // numbers must fit one byte.
    [[nodiscard]] Status erase(std::span<const uint16_t> pages);
    [[nodiscard]] Status mass_erase();
    [[nodiscard]] Status go(uint32_t address);
    // Get Checksum (0xA1): CRC of [address, address+length), both multiples of 4.
    [[nodiscard]] Result<uint32_t> get_checksum(uint32_t address, uint32_t length);

    [[nodiscard]] const Timeouts& timeouts() const { return timeouts_; }
    Transport& transport() { return transport_; }

  private:
    Result<SyncResult> sync_attempts(int attempts, int& garbage);
    Status send(host::Phase phase, std::span<const uint8_t> bytes, std::optional<uint32_t> addr);
    Status command(Command c, host::Phase phase, std::optional<uint32_t> addr = std::nullopt);
    Status expect_ack(host::Phase phase, Millis timeout, std::optional<uint32_t> addr,
                      const char* step);
    Status send_address(host::Phase phase, uint32_t address);
    Status read_exact(host::Phase phase, std::span<uint8_t> out, Millis timeout,
                      std::optional<uint32_t> addr, const char* what);

    Transport& transport_;
    Clock& clock_;
    Timeouts timeouts_;
    uint32_t write_align_ = static_cast<uint32_t>(kWriteAlign);
    bool unstick_ = true;
    bool console_text_is_garbage_ = false;
};

}  // namespace sysboot::an3155
