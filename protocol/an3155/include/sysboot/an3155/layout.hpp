// What the host needs to know about an STM32F7 before it plans a write or an erase, and how
// to learn it through the ROM: the line (from Get ID), the flash size (a 16-bit KiB value
// read with Read Memory), the bank mode (the nDBANK option bit, read with Read Memory of the
// option bytes) and the Write Memory alignment. The target engine serves the same addresses
// from its configuration, so host and emulated ROM share one description.
//
// Freestanding: only <cstdint>, <cstddef>, <span>.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "sysboot/an3155/sector_map.hpp"

namespace sysboot::an3155 {

// AN2606 "Programming constraints" (STM32F7 table): a Write Memory whose start address is not
// 8-byte aligned fails, and so does every program operation after it. AN3155 §3.6 only asks
// for a multiple of 4 bytes; other families need other values (e.g. 32 on STM32H7), so the
// alignment is a property of the part.
inline constexpr uint32_t kF7WriteAlign = 8;

// Flash size register: 16 bits, in KiB (CMSIS stm32f7xxxx.h FLASHSIZE_BASE; RM0385/RM0410
// §45.2 / RM0431 §43.2 "Flash size").
inline constexpr uint32_t kF74xF76xFlashSizeAddress = 0x1FF0F442;
inline constexpr uint32_t kF72xFlashSizeAddress = 0x1FF07A22;

// User option bytes in the system memory area (RM0385/RM0410/RM0431 §3.4 "Option bytes"):
// one option word every 8 bytes, its value in bits 15:0 and the complement in bits 31:16.
// The word at 0x1FFF0000 holds FLASH_OPTCR[15:0] (RDP in bits 15:8, the user bits in 7:0),
// the word at 0x1FFF0008 FLASH_OPTCR[31:16] (IWDG_STOP, IWDG_STDBY, nDBANK, nDBOOT,
// nWRP[11:0]); bit positions as in the CMSIS FLASH_OPTCR_* definitions. E.g. an F76x in
// dual-bank mode at RDP level 0 reads 0x5500AAFF, then 0x2000DFFF. The host reads
// kOptionBytesLength bytes from here.
inline constexpr uint32_t kOptionBytesAddress = 0x1FFF0000;
inline constexpr uint32_t kOptionBytesLength = 16;
inline constexpr uint8_t kRdpLevel0 = 0xAA;  // RM0410 §3.7.3: 0xAA level 0, 0xCC level 2
inline constexpr uint8_t kRdpLevel2 = 0xCC;
// Bits of the upper option halfword (FLASH_OPTCR >> 16).
inline constexpr uint16_t kOptNdbank = 1u << (29 - 16);  // CMSIS FLASH_OPTCR_nDBANK_Pos = 29
inline constexpr uint16_t kOptNdboot = 1u << (28 - 16);  // CMSIS FLASH_OPTCR_nDBOOT_Pos = 28
inline constexpr uint16_t kOptNwrpMask = 0x0FFF;         // FLASH_OPTCR_nWRP, bits 27:16

enum class Line : uint8_t { Unknown, F72x, F74x, F76x };

// Device IDs the F7 ROMs answer to Get ID (AN2606 "Bootloader device-dependent parameters").
struct LineInfo {
    Line line;
    uint16_t pid;
    uint32_t flash_size_address;
    uint32_t max_kib;       // the largest part of the line
    SectorMap single_bank;  // the largest part's map
    bool has_dual_bank;     // nDBANK exists (F76x/F77x only)
};

inline constexpr LineInfo kF7Lines[] = {
    {Line::F72x, 0x452, kF72xFlashSizeAddress, 512, kF72x, false},
    {Line::F74x, 0x449, kF74xF76xFlashSizeAddress, 1024, kF74x, false},
    {Line::F76x, 0x451, kF74xF76xFlashSizeAddress, 2048, kF76xSingleBank, true},
};

[[nodiscard]] constexpr const LineInfo* line_for_pid(uint16_t pid) {
    for (const auto& l : kF7Lines) {
        if (l.pid == pid) {
            return &l;
        }
    }
    return nullptr;
}

// The two option halfwords, decoded from / encoded into the bytes at kOptionBytesAddress.
struct OptionBytes {
    uint16_t low = 0xAAFF;   // RDP << 8 | user bits
    uint16_t high = 0xFFFF;  // IWDG_STOP, IWDG_STDBY, nDBANK, nDBOOT, nWRP (all 1 = factory)

    [[nodiscard]] constexpr uint8_t rdp() const { return static_cast<uint8_t>(low >> 8); }
    [[nodiscard]] constexpr bool readout_protected() const { return rdp() != kRdpLevel0; }
    [[nodiscard]] constexpr bool dual_bank() const { return (high & kOptNdbank) == 0; }
    // Bit k set: sector k is write protected (nWRP bit k is 0).
    [[nodiscard]] constexpr uint16_t write_protected() const {
        return static_cast<uint16_t>(~high & kOptNwrpMask);
    }
    constexpr void set_rdp(uint8_t level) {
        low = static_cast<uint16_t>((low & 0x00FF) | (level << 8));
    }
    constexpr void set_write_protected(uint16_t sectors) {
        high = static_cast<uint16_t>((high & ~kOptNwrpMask) | (~sectors & kOptNwrpMask));
    }
    constexpr void set_dual_bank(bool dual) {
        high = static_cast<uint16_t>(dual ? (high & ~kOptNdbank) : (high | kOptNdbank));
    }

    // Bytes [offset, offset+out.size()) of the option area; false outside it.
    constexpr bool read(uint32_t offset, std::span<uint8_t> out) const {
        if (offset > kOptionBytesLength || out.size() > kOptionBytesLength - offset) {
            return false;
        }
        for (std::size_t i = 0; i < out.size(); ++i) {
            const uint32_t at = offset + static_cast<uint32_t>(i);
            const uint16_t half = at < 8 ? low : high;
            const uint32_t in_slot = at % 8;
            // Value, then complement; the second word of each 8-byte slot reads erased.
            const uint32_t word =
                half | (static_cast<uint32_t>(static_cast<uint16_t>(~half)) << 16);
            out[i] = in_slot < 4 ? static_cast<uint8_t>(word >> (8 * in_slot)) : 0xFF;
        }
        return true;
    }
    [[nodiscard]] static constexpr OptionBytes decode(std::span<const uint8_t> bytes) {
        OptionBytes o;
        if (bytes.size() >= kOptionBytesLength) {
            o.low = static_cast<uint16_t>(bytes[0] | (bytes[1] << 8));
            o.high = static_cast<uint16_t>(bytes[8] | (bytes[9] << 8));
        }
        return o;
    }
};

// The flash a part has, as the host plans with it.
struct Layout {
    SectorMap sectors;
    uint32_t size = 0;         // bytes
    uint32_t write_align = 0;  // Write Memory start-address alignment
    bool dual_bank = false;
    [[nodiscard]] constexpr bool valid() const { return size != 0; }
};

// The layout of an F7 from its Get ID answer, its flash-size register (KiB) and, on F76x,
// the option bytes' nDBANK bit. Sizes the line does not make give an invalid layout.
[[nodiscard]] constexpr Layout decode_layout(uint16_t pid, uint16_t flash_kib,
                                             const OptionBytes& options) {
    const LineInfo* line = line_for_pid(pid);
    if (line == nullptr || flash_kib == 0 || flash_kib > line->max_kib ||
        (flash_kib & (flash_kib - 1)) != 0) {
        return {};
    }
    const uint32_t size = uint32_t{flash_kib} * 1024;
    Layout out{line->single_bank.truncated(size), size, kF7WriteAlign, false};
    if (line->has_dual_bank && options.dual_bank()) {
        // RM0410 §3.3.1: dual-bank mode exists on the 2 MiB and the 1 MiB F76x/F77x.
        if (flash_kib == 2048) {
            out.sectors = kF76xDualBank;
        } else if (flash_kib == 1024) {
            out.sectors = kF76x1MDualBank;
        } else {
            return {};
        }
        out.dual_bank = true;
    }
    return out;
}

// The 16-bit KiB value from the two bytes Read Memory returns (little endian, as stored).
[[nodiscard]] constexpr uint16_t decode_flash_size(std::span<const uint8_t, 2> bytes) {
    return static_cast<uint16_t>(bytes[0] | (bytes[1] << 8));
}

}  // namespace sysboot::an3155
