// The "USB cable" of the emulated board: framed relay of control transfers between a host
// USB stack (the umockdev rig) and the DFU device running in the stand-in ROM, over a second
// CMSDK UART (docs/dfu.md "The USB cable of the emulated board"). Both ends use this file.
//
// Frame: 0xA5, type, sequence, payload length (2 bytes, little endian), payload, check.
// The check is the XOR of every byte after the 0xA5. The link is a reliable byte stream
// (a QEMU chardev); the check and the sequence only catch a peer that lost frame sync.
// Freestanding: no heap, fixed buffers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "sysboot/dfuse/dfu.hpp"
#include "sysboot/dfuse/profile.hpp"

namespace sysboot::dfuse::cable {

inline constexpr uint8_t kSync = 0xA5;
inline constexpr std::size_t kSetupLength = 8;  // USB 2.0 §9.3: the setup packet
inline constexpr std::size_t kHeaderLength = 5;
// The largest payload either way: a setup packet and wTransferSize OUT bytes.
inline constexpr std::size_t kMaxPayload = kSetupLength + kMaxTransferSize;

enum class Type : uint8_t {
    // host -> board
    Control = 0x01,   // setup packet (8 bytes) + OUT data stage (wLength bytes, OUT only)
    BusReset = 0x02,  // USB reset (USB 2.0 §7.1.7.5): the device returns to its default state
    // board -> host
    Reply = 0x81,   // answer to Control / BusReset: status byte, then the IN data stage
    Attach = 0x90,  // the device pulled D+ up: it is ready to enumerate (payload: speed)
    Detach = 0x91,  // the device left the bus (payload: reason)
};

enum class ReplyStatus : uint8_t { Ok = 0, Stall = 1 };
enum class DetachReason : uint8_t { Leave = 1, Reset = 2 };
inline constexpr uint8_t kFullSpeed = 12;  // Attach payload: Mbit/s (USB 2.0 §7.1.5.1)

// Writes one frame through `put(uint8_t)`, the payload given as up to two pieces.
template <class Put>
void send_frame(Put&& put, Type type, uint8_t sequence, std::span<const uint8_t> first,
                std::span<const uint8_t> second = {}) {
    const std::size_t length = first.size() + second.size();
    const uint8_t header[kHeaderLength] = {kSync, static_cast<uint8_t>(type), sequence,
                                           static_cast<uint8_t>(length),
                                           static_cast<uint8_t>(length >> 8)};
    uint8_t check = 0;
    for (std::size_t i = 0; i < kHeaderLength; ++i) {
        put(header[i]);
        check ^= i == 0 ? 0 : header[i];
    }
    for (uint8_t b : first) {
        put(b);
        check ^= b;
    }
    for (uint8_t b : second) {
        put(b);
        check ^= b;
    }
    put(check);
}

// Collects one frame at a time from a byte stream. Bytes before a 0xA5 are skipped; a frame
// longer than kMaxPayload or with a wrong check is dropped and counted.
class FrameReader {
  public:
    // True when `byte` completed a frame; type(), sequence() and payload() describe it until
    // the next call.
    bool feed(uint8_t byte);

    [[nodiscard]] Type type() const { return static_cast<Type>(type_); }
    [[nodiscard]] uint8_t sequence() const { return sequence_; }
    [[nodiscard]] std::span<const uint8_t> payload() const { return {buffer_, length_}; }
    [[nodiscard]] uint32_t dropped() const { return dropped_; }

  private:
    enum class Step : uint8_t { Sync, Type, Sequence, LengthLow, LengthHigh, Payload, Check };
    Step step_ = Step::Sync;
    uint8_t type_ = 0;
    uint8_t sequence_ = 0;
    uint8_t check_ = 0;
    std::size_t length_ = 0;
    std::size_t received_ = 0;
    uint32_t dropped_ = 0;
    uint8_t buffer_[kMaxPayload] = {};
};

// Setup packet bytes (USB 2.0 §9.3, little endian) to and from the engine's Setup.
Setup parse_setup(std::span<const uint8_t, kSetupLength> bytes);
void write_setup(const Setup& setup, std::span<uint8_t, kSetupLength> out);

}  // namespace sysboot::dfuse::cable
