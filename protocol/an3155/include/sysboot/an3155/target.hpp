// The ROM side of the STM32 USART bootloader protocol (AN3155) as a byte-driven state machine.
//
// Portable: compiles for the host (tests, the in-process fake ROM of the host tool) and
// freestanding for the emulated board's stand-in ROM (-fno-exceptions -fno-rtti, no heap).
// The engine never blocks: `on_byte()` consumes one received byte and emits every byte the
// ROM would answer through the `Sink`. Memory goes through the `Memory` interface so the
// firmware can map real memory and the host a buffer (see FlashModel).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "sysboot/an3155/layout.hpp"
#include "sysboot/an3155/protocol.hpp"

namespace sysboot::an3155 {

// Where the ROM's answer bytes go (the UART transmitter on the target).
class Sink {
  public:
    virtual void put(uint8_t byte) = 0;

  protected:
    ~Sink() = default;
};

// The memory the ROM reads, programs and erases. Every call validates its whole range and
// returns false (the engine then answers NACK) without touching anything when it refuses.
class Memory {
  public:
    [[nodiscard]] virtual bool readable(uint32_t address, uint32_t length) const = 0;
    [[nodiscard]] virtual bool writable(uint32_t address, uint32_t length) const = 0;
    // Go target check (AN3155 §3.5: the ROM refuses a jump outside flash/RAM).
    [[nodiscard]] virtual bool can_jump(uint32_t address) const = 0;
    [[nodiscard]] virtual bool read(uint32_t address, std::span<uint8_t> out) = 0;
    // Program `data` at `address`; refuses (false) e.g. non-erased flash words.
    [[nodiscard]] virtual bool write(uint32_t address, std::span<const uint8_t> data) = 0;
    [[nodiscard]] virtual uint16_t sector_count() const = 0;
    [[nodiscard]] virtual bool has_sector(uint16_t sector) const = 0;
    [[nodiscard]] virtual bool erase_sector(uint16_t sector) = 0;
    // Bank erase (AN3155 §3.8 codes 0xFFFE / 0xFFFD): bank 1 or 2; false on a single bank.
    [[nodiscard]] virtual bool erase_bank(uint8_t bank) = 0;
    [[nodiscard]] virtual bool erase_all() = 0;
    // Sectors that refuse programming and erasing (bit k = sector k), from the nWRP options.
    virtual void set_write_protected(uint32_t sectors) = 0;
    // A system reset of the target: forgets failures the flash interface latched.
    virtual void system_reset() = 0;

  protected:
    ~Memory() = default;
};

// Called after the ROM ACKed a Go command (AN3155 §3.5). On the target it does not return.
using GoHandler = void (*)(void* context, uint32_t address);

// Called when a command ends in a system reset (Write Protect, Write Unprotect, Readout
// Protect, Readout Unprotect: AN3155 §3.9-§3.12), with the option bytes that survive it.
using ResetHandler = void (*)(void* context, const OptionBytes& options);

// Engine configuration: a plain struct so firmware and host build it the same way.
struct Config {
    uint16_t pid = 0x451;    // Get ID answer (0x451 = STM32F76x/77x, AN2606)
    uint8_t version = 0x31;  // protocol version byte (0x31 = v3.1: every F7 USART ROM)
    // Serve Get Checksum (0xA1) and list it in Get: protocol V3.3 only (AN3155 §3.13), so a
    // configuration that sets it should also set version = 0x33.
    bool get_checksum = false;
    // Offer Erase (0x43, one-byte page numbers, AN3155 §3.7) instead of Extended Erase (0x44,
    // §3.8): a ROM has one or the other, never both, and NACKs the one it does not list.
    bool legacy_erase = false;
    // Readout protection level 1 at power-on (sets options' RDP byte to a level-1 value).
    bool rdp_level1 = false;
    // What Read Memory of the system area answers (layout.hpp): the flash-size register and
    // the option bytes (RDP, nDBANK, nWRP). The engine keeps the options across the system
    // resets it models.
    uint16_t flash_kib = 2048;
    uint32_t flash_size_address = kF74xF76xFlashSizeAddress;
    OptionBytes options{};
    GoHandler go = nullptr;  // may be null: the engine then just stops answering
    void* go_context = nullptr;
    ResetHandler on_reset = nullptr;  // may be null
    void* reset_context = nullptr;
};

// Traffic and activity counters (benchmarks read the byte counts).
struct Counters {
    uint32_t bytes_in = 0;
    uint32_t bytes_out = 0;
    uint32_t commands = 0;  // command pairs with a valid complement
    uint32_t acks = 0;
    uint32_t nacks = 0;
    uint32_t bytes_written = 0;
    uint32_t sectors_erased = 0;
    uint32_t mass_erases = 0;
    uint32_t system_resets = 0;
};

// Where the engine is within a command; exposed so tests and fault injection can aim at
// one step of the exchange.
enum class State : uint8_t {
    NotSynced,      // waiting for 0x7F
    Command,        // waiting for a command byte
    Complement,     // waiting for the command's complement
    Address,        // collecting 4 address bytes + XOR
    ReadCount,      // Read Memory: N-1 and its complement
    WriteCount,     // Write Memory: N-1
    WriteData,      // Write Memory: the N data bytes
    WriteChecksum,  // Write Memory: XOR of N-1 and the data
    EraseCount,     // Extended Erase: 2-byte N-1 or special code
    EraseSpecialChecksum,
    EraseList,  // Extended Erase: 2-byte sector numbers
    EraseChecksum,
    ChecksumLength,    // Get Checksum: 4-byte length + XOR
    ProtectCount,      // Write Protect: N-1 (one byte)
    ProtectList,       // Write Protect: N sector codes, then XOR of N-1 and the codes
    LegacyEraseCount,  // Erase (0x43): N-1 or 0xFF (global erase)
    LegacyEraseList,   // Erase (0x43): N one-byte page numbers, then their XOR with N-1
    Started,           // Go was ACKed: the ROM no longer listens
};

class Target {
  public:
    Target(const Config& config, Memory& memory, Sink& sink);

    // Consume one received byte.
    void on_byte(uint8_t byte);
    // Back to the power-on state (waiting for 0x7F); counters are kept.
    void reset();

    [[nodiscard]] State state() const { return state_; }
    // The command being served (valid from State::Complement on).
    [[nodiscard]] uint8_t command() const { return command_; }
    // Bytes still expected before the current frame is complete (0 outside frames).
    [[nodiscard]] uint32_t frame_remaining() const;
    [[nodiscard]] const Counters& counters() const { return counters_; }
    [[nodiscard]] const Config& config() const { return config_; }
    // Tests and the stand-in ROM may change the configuration between commands.
    void set_config(const Config& config);
    // The option bytes as they are now (Readout/Write (Un)protect change them).
    [[nodiscard]] const OptionBytes& options() const { return config_.options; }

    // The command codes Get lists, in the order the ROM sends them.
    [[nodiscard]] std::size_t supported(std::span<uint8_t> out) const;

  private:
    void emit(uint8_t byte);
    void ack();
    void nack();
    void to_command();
    void dispatch();
    void on_address_complete();
    void finish_read_count();
    void finish_write();
    void finish_erase_list();
    void finish_checksum_length();
    void on_protect_byte(uint8_t byte);
    void on_legacy_erase_byte(uint8_t byte);
    void mark_for_erase(uint16_t sector);
    void serve_protection(Command c);
    void system_reset();
    void apply_options();
    [[nodiscard]] bool readable(uint32_t address, uint32_t length) const;
    [[nodiscard]] bool read(uint32_t address, std::span<uint8_t> out);
    [[nodiscard]] bool system_read(uint32_t address, std::span<uint8_t> out) const;
    [[nodiscard]] bool is_supported(uint8_t command) const;
    [[nodiscard]] static bool is_memory_command(uint8_t command);

    Config config_;
    Memory& memory_;
    Sink& sink_;
    Counters counters_;
    State state_ = State::NotSynced;
    uint8_t command_ = 0;
    uint8_t checksum_ = 0;
    uint32_t address_ = 0;
    uint32_t expected_ = 0;  // bytes to collect in the current state
    uint32_t collected_ = 0;
    bool erase_invalid_ = false;
    uint8_t buffer_[kMaxBlock] = {};
    // Erase / Extended Erase: sectors requested so far (bounded: the largest map the engine
    // poses with, an STM32L47x of 512 pages of 2 KiB, has 512).
    static constexpr uint16_t kMaxEraseSectors = 512;
    uint8_t erase_bitmap_[kMaxEraseSectors / 8] = {};
};

}  // namespace sysboot::an3155
