// AN3155 ("USART protocol used in the STM32 bootloader") wire constants and the checksums
// both sides compute. Shared by the target engine (protocol/an3155) and the host tool (host/), so a
// constant or a CRC can never differ between the two.
//
// Freestanding: only <cstdint>, <cstddef>, <span>.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace sysboot::an3155 {

// AN3155 §2 "USART bootloader code sequence" / §3 "Bootloader command set".
inline constexpr uint8_t kAck = 0x79;
inline constexpr uint8_t kNack = 0x1F;
// AN3155 §2: the host's first byte; the ROM measures the baud rate on it and answers ACK.
inline constexpr uint8_t kSync = 0x7F;

// AN3155 §3 Table 2 "USART bootloader commands".
enum class Command : uint8_t {
    Get = 0x00,
    GetVersion = 0x01,
    GetId = 0x02,
    ReadMemory = 0x11,
    Go = 0x21,
    WriteMemory = 0x31,
    Erase = 0x43,  // legacy one-byte page numbers; exclusive with ExtendedErase
    ExtendedErase = 0x44,
    WriteProtect = 0x63,
    WriteUnprotect = 0x73,
    ReadoutProtect = 0x82,
    ReadoutUnprotect = 0x92,
    GetChecksum = 0xA1,  // newer protocol versions only; present only when Get lists it
};

[[nodiscard]] constexpr uint8_t code(Command c) {
    return static_cast<uint8_t>(c);
}

// AN3155 §3.4 (Read Memory) / §3.6 (Write Memory): at most 256 bytes per command.
inline constexpr std::size_t kMaxBlock = 256;
// AN3155 §3.6: Write Memory data length must be a multiple of 4. The start address needs
// the part's alignment on top (layout.hpp kF7WriteAlign: 8 on STM32F7).
inline constexpr std::size_t kWriteAlign = 4;

// AN3155 §3.8 Extended Erase special codes (sent in place of N).
inline constexpr uint16_t kMassErase = 0xFFFF;
inline constexpr uint16_t kBank1Erase = 0xFFFE;
inline constexpr uint16_t kBank2Erase = 0xFFFD;
// AN3155 §3.8: every code 0xFFFx is reserved for special erases.
inline constexpr uint16_t kSpecialEraseMask = 0xFFF0;

// True when [address, address+length) lies inside [base, base+size) (overflow-safe).
[[nodiscard]] constexpr bool range_inside(uint32_t address, uint32_t length, uint32_t base,
                                          uint32_t size) {
    if (address < base) {
        return false;
    }
    const uint32_t offset = address - base;
    return offset <= size && length <= size - offset;
}

// XOR of all bytes: the checksum after an address, a data block or an erase list (AN3155 §3).
[[nodiscard]] constexpr uint8_t xor_of(std::span<const uint8_t> bytes, uint8_t seed = 0) {
    uint8_t x = seed;
    for (uint8_t b : bytes) {
        x = static_cast<uint8_t>(x ^ b);
    }
    return x;
}

// Addresses travel MSB first, followed by the XOR of the 4 bytes (AN3155 §3.4).
constexpr void put_be32(uint32_t v, std::span<uint8_t, 4> out) {
    out[0] = static_cast<uint8_t>(v >> 24);
    out[1] = static_cast<uint8_t>(v >> 16);
    out[2] = static_cast<uint8_t>(v >> 8);
    out[3] = static_cast<uint8_t>(v);
}

[[nodiscard]] constexpr uint32_t get_be32(std::span<const uint8_t, 4> in) {
    return (static_cast<uint32_t>(in[0]) << 24) | (static_cast<uint32_t>(in[1]) << 16) |
           (static_cast<uint32_t>(in[2]) << 8) | static_cast<uint32_t>(in[3]);
}

// CRC used by Get Checksum (0xA1).
//
// ASSUMPTION (documented because it could not be confirmed against the AN3155 text itself):
// the ROM computes the region's CRC with the STM32 CRC peripheral in its reset configuration
// (RM0410 §"CRC calculation unit": polynomial 0x04C11DB7, initial value 0xFFFFFFFF, no input
// or output bit reversal, no final XOR), fed with the memory as 32-bit little-endian words.
// This is what ST's own I2C bootloader answer (AN4221 "No-Stretch Get Memory Checksum") and
// stm32flash's software fallback (CRC over 32-bit words, MSB-first shifting) agree on. The
// frame this project uses (address, then 4-byte size, then the 4-byte CRC MSB first plus the
// XOR of those 4 bytes, after TWO ACKs: "length accepted" and "CRC ready") is the one
// stm32flash 0.7 uses (stm32.c, stm32_crc_memory), so the emulated ROM can be cross-checked
// with it. Get Checksum exists only in protocol V3.3 ROMs (AN3155 §3.13); every STM32F7 USART
// ROM is V3.1 (AN2606), so on F7 silicon the host verifies by readback. Newer AN3155 revisions let
// the host also send a polynomial and an initial value; a ROM that expects those is not supported
// (the host then falls back to readback verification when Get does not list 0xA1).
//
// Host and target both use this one class, so they cannot disagree.
class Crc32 {
  public:
    static constexpr uint32_t kPolynomial = 0x04C11DB7;
    static constexpr uint32_t kInit = 0xFFFFFFFF;

    constexpr void update(std::span<const uint8_t> bytes) {
        for (uint8_t b : bytes) {
            pending_ |= static_cast<uint32_t>(b) << (8 * fill_);
            if (++fill_ == 4) {
                feed_word(pending_);
                pending_ = 0;
                fill_ = 0;
            }
        }
    }
    // The ROM only accepts sizes that are a multiple of 4; a trailing partial word is ignored.
    [[nodiscard]] constexpr uint32_t value() const { return crc_; }
    [[nodiscard]] constexpr bool word_aligned() const { return fill_ == 0; }

    [[nodiscard]] static constexpr uint32_t of(std::span<const uint8_t> bytes) {
        Crc32 c;
        c.update(bytes);
        return c.value();
    }

  private:
    constexpr void feed_word(uint32_t word) {
        crc_ ^= word;
        for (int i = 0; i < 32; ++i) {
            crc_ = (crc_ & 0x80000000u) != 0 ? (crc_ << 1) ^ kPolynomial : (crc_ << 1);
        }
    }

    uint32_t crc_ = kInit;
    uint32_t pending_ = 0;
    uint8_t fill_ = 0;
};

}  // namespace sysboot::an3155
