// What one STM32 part line (one DEV_ID) looks like to its ROM bootloader and to a host that
// talks to that ROM: identity, where the ROM lives and what it uses, how its flash is laid
// out and written. One row per DEV_ID, per family in families/<family>.hpp; docs/families.md
// lists every value with its source.
//
// A value nobody could source is kUnknown (0): no field of a real part is 0 where this is
// used (addresses, sizes, alignments), so "unknown" is a state a reader can test, never a
// guess that looks like a fact.
//
// Freestanding: only <cstdint>, <cstddef>, <span>; no heap, no exceptions.
#pragma once

#include <cstddef>
#include <cstdint>

#include "sysboot/an3155/sector_map.hpp"

namespace sysboot::stm32 {

inline constexpr uint32_t kUnknown = 0;

// The families AN2606 has a chapter for.
enum class Family : uint8_t {
    C0,
    F0,
    F1,
    F2,
    F3,
    F4,
    F7,
    G0,
    G4,
    H5,
    H7,
    L0,
    L1,
    L4,
    L5,
    U5,
    WB,
    WL
};

enum class Core : uint8_t { M0, M0Plus, M3, M4, M7, M33 };

// AN3155 §2 "Get command": a ROM offers Erase (0x43, one-byte page numbers) or Extended
// Erase (0x44, two-byte numbers), never both. Unknown: the host takes it from Get.
enum class EraseCommand : uint8_t { Unknown, Erase, ExtendedErase };

// How the flash is split into banks, which decides the page/sector numbers.
enum class Banks : uint8_t {
    One,        // one bank at every size
    TwoHalves,  // two banks of half the flash each, at every size
    TwoAtMax,   // two halves at the line's largest size; smaller parts differ (not decoded)
    ByOption,   // an option bit chooses one or two banks (decoded for STM32F7 only)
};

// [base, base + size); size kUnknown = not sourced.
struct Range {
    uint32_t base = kUnknown;
    uint32_t size = kUnknown;

    [[nodiscard]] constexpr bool known() const { return size != kUnknown; }
    [[nodiscard]] constexpr uint64_t end() const { return uint64_t{base} + size; }
    [[nodiscard]] constexpr bool contains(uint32_t address, uint32_t length = 1) const {
        return known() && address >= base && uint64_t{address} + length <= end();
    }
};

// One flag bit in a register (the software-reset flag).
struct FlagBit {
    uint32_t address = kUnknown;
    uint8_t bit = 0;
    [[nodiscard]] constexpr bool known() const { return address != kUnknown; }
    [[nodiscard]] constexpr uint32_t mask() const { return 1u << bit; }
};

// Bootloader interfaces (AN2606 per-family "Bootloader configuration" tables).
enum Interface : uint16_t {
    kUsart = 1u << 0,
    kUsbDfu = 1u << 1,
    kI2c = 1u << 2,
    kSpi = 1u << 3,
    kCan = 1u << 4,
    kFdcan = 1u << 5,
};

struct PartInfo {
    uint16_t dev_id;  // DBGMCU_IDCODE[11:0], also the AN3155 Get ID answer
    Family family;
    const char* name;  // the AN2606 name of the line
    Core core;
    uint32_t idcode_address;  // DBGMCU_IDCODE
    // The ROM's vector table: word 0 its initial MSP, word 1 its reset vector. An
    // application that enters the ROM loads these two words (docs/handoff.md).
    uint32_t rom_vectors;
    Range system_memory;
    // RAM the ROM itself uses: an application or host must not rely on it across a ROM
    // session (AN2606 "device-dependent bootloader parameters", RAM column).
    Range rom_ram;
    Range rom_ram_extra;  // a second region where the ROM uses more (STM32H7 AXI SRAM)
    Range sram;           // SRAM from 0x20000000 of the largest part: where an MSP may point
    FlagBit software_reset_flag;
    uint32_t flash_base;
    uint32_t flash_size_address;  // 16-bit register, flash size in KiB
    uint16_t max_flash_kib;
    an3155::SectorMap sectors;  // the largest part's map (a smaller part keeps its start)
    Banks banks;
    an3155::SectorMap dual_bank;  // map in two-bank mode where it differs (ByOption)
    uint8_t write_align;          // Write Memory start alignment in flash, bytes
    uint32_t option_bytes;        // option bytes as Read Memory sees them; kUnknown: none/unsourced
    EraseCommand erase;
    uint16_t interfaces;  // at least these (kUsart for every AN2606 part)
};

[[nodiscard]] constexpr bool is_power_of_two(uint32_t v) {
    return v != 0 && (v & (v - 1)) == 0;
}

[[nodiscard]] constexpr const char* family_name(Family f) {
    constexpr const char* kNames[] = {"C0", "F0", "F1", "F2", "F3", "F4", "F7", "G0", "G4",
                                      "H5", "H7", "L0", "L1", "L4", "L5", "U5", "WB", "WL"};
    return kNames[static_cast<uint8_t>(f)];
}

}  // namespace sysboot::stm32
