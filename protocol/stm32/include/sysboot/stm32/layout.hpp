// The flash layout of one part from its table row, the flash size it reports (its 16-bit
// flash-size register, in KiB) and, where an option bit chooses the banks, the bank mode.
// Anything the row cannot settle is refused with a reason: a plan on a guessed map erases
// the wrong pages. STM32F7's nDBANK decoding (option bytes through Read Memory) lives in
// sysboot/an3155/layout.hpp; this decoder covers the other families.
// Freestanding: only <cstdint>.
#pragma once

#include <cstdint>

#include "sysboot/an3155/sector_map.hpp"
#include "sysboot/stm32/part.hpp"

namespace sysboot::stm32 {

enum class BankMode : uint8_t { Unknown, Single, Dual };

struct FlashLayout {
    an3155::SectorMap sectors;
    uint32_t size = 0;  // bytes
    uint32_t write_align = 0;
    bool dual_bank = false;
    const char* refusal = nullptr;  // why there is no layout (valid() is false)
    [[nodiscard]] constexpr bool valid() const { return refusal == nullptr && size != 0; }
};

namespace detail {

// True when `size` bytes end exactly at the end of a page of the full map (a smaller part
// keeps the first pages; RM "Flash memory organization" tables).
[[nodiscard]] constexpr bool ends_on_page(const an3155::SectorMap& map, uint32_t size) {
    return map.for_each(
        [size](uint16_t, uint32_t off, uint32_t page) { return off + page == size; });
}

[[nodiscard]] constexpr FlashLayout refused(const char* why) {
    FlashLayout out;
    out.refusal = why;
    return out;
}

}  // namespace detail

[[nodiscard]] constexpr FlashLayout decode_layout(const PartInfo& part, uint16_t flash_kib,
                                                  BankMode mode) {
    if (part.write_align == 0) {
        return detail::refused("its write alignment is not sourced");
    }
    if (flash_kib == 0 || flash_kib > part.max_flash_kib) {
        return detail::refused("not a flash size of this line");
    }
    const uint32_t size = uint32_t{flash_kib} * 1024;
    FlashLayout out;
    out.size = size;
    out.write_align = part.write_align;
    switch (part.banks) {
        case Banks::One:
            out.sectors = part.sectors.truncated(size);
            break;
        case Banks::TwoHalves:
        case Banks::TwoAtMax:
            // How a smaller two-bank part numbers its bank-2 pages for the ROM is not in the
            // sources the table uses: only the largest size is decoded.
            if (flash_kib != part.max_flash_kib) {
                return detail::refused(
                    "a two-bank part smaller than the line's largest: its bank-2 page "
                    "numbers are not sourced");
            }
            out.sectors = part.sectors;
            out.dual_bank = true;
            break;
        case Banks::ByOption:
            if (mode == BankMode::Unknown) {
                return detail::refused(
                    "an option bit chooses one or two banks, and it was not read");
            }
            if (mode == BankMode::Dual && flash_kib != part.max_flash_kib) {
                return detail::refused("dual-bank mode on a part smaller than the line's largest");
            }
            out.sectors = mode == BankMode::Dual ? part.dual_bank : part.sectors.truncated(size);
            out.dual_bank = mode == BankMode::Dual;
            break;
    }
    if (!detail::ends_on_page(out.sectors, size) || out.sectors.total_size() != size) {
        return detail::refused("the size does not end on a page or sector boundary");
    }
    return out;
}

}  // namespace sysboot::stm32
