// Before Go (AN3155 "Go command": the ROM loads MSP from the address's word 0 and jumps to
// word 1; a DfuSe leave jumps the same way, AN3156 "Leave DFU mode"): the address must hold a
// vector table, or the core locks up after an otherwise successful update. Armv7-M (DDI0403E
// §B1.5.3 "The vector table"): word 0 is the initial SP_main, word 1 the reset vector with bit 0
// set (Thumb); VTOR keeps bits [29:7], so a table starts on a 128-byte boundary at least (§B3.2.5).
#pragma once

#include <cstdint>

#include "core/error.hpp"
#include "device/part.hpp"
#include "image/image.hpp"
#include "ops/target.hpp"

namespace sysboot::host {

inline constexpr uint32_t kVectorTableAlign = 128;

// The two words at `address`, checked against the part: aligned table, SP in RAM, Thumb
// reset vector inside [code_lo, code_hi).
[[nodiscard]] Status check_vectors(uint32_t address, uint32_t sp, uint32_t reset, const Part& part,
                                   uint32_t code_lo, uint64_t code_hi, const char* code_what);

// The table comes from the image that was just written; the reset vector must point into it.
[[nodiscard]] Status check_vector_table_in_image(const Image& image, const Part& part,
                                                 uint32_t address);

// The table is read from the device; the reset vector must point into flash.
[[nodiscard]] Status check_vector_table_on_device(Target& target, const Part& part,
                                                  uint32_t address);

}  // namespace sysboot::host
