// Checks one row of the STM32 part table against the values its sources give. Each family's
// test names the source next to every value, so a wrong address in the table (e.g. the
// option bytes taken for the ROM entry) fails with the row and the field in the message.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>

#include "sysboot/stm32/parts.hpp"

namespace sysboot::stm32::test {

struct Expected {
    uint16_t dev_id;
    Family family;
    Core core;
    uint32_t idcode;
    uint32_t rom_vectors;  // kUnknown where no primary source gives it
    uint32_t rom_ram_end;  // kUnknown where disputed or unsourced
    uint32_t reset_flag_register;
    uint8_t reset_flag_bit;
    uint32_t flash_size_register;
    uint16_t max_kib;
    uint32_t first_page;  // size of sector/page 0
    uint16_t pages;       // at the largest size, in the default bank mode
    uint8_t write_align;
    uint32_t option_bytes;  // kUnknown where they are registers or unsourced
};

inline const PartInfo& row(uint16_t dev_id) {
    const PartInfo* p = find_part(dev_id);
    if (p == nullptr) {
        ADD_FAILURE() << "no row for DEV_ID 0x" << std::hex << dev_id;
        static const PartInfo kNone{};
        return kNone;
    }
    return *p;
}

inline void expect_row(const Expected& e) {
    SCOPED_TRACE(testing::Message() << "DEV_ID 0x" << std::hex << e.dev_id);
    const PartInfo& p = row(e.dev_id);
    EXPECT_EQ(p.family, e.family);
    EXPECT_EQ(p.core, e.core);
    EXPECT_EQ(p.idcode_address, e.idcode);
    EXPECT_EQ(p.rom_vectors, e.rom_vectors);
    EXPECT_EQ(p.rom_ram.known() ? static_cast<uint32_t>(p.rom_ram.end()) : kUnknown, e.rom_ram_end);
    EXPECT_EQ(p.software_reset_flag.address, e.reset_flag_register);
    EXPECT_EQ(p.software_reset_flag.bit, e.reset_flag_bit);
    EXPECT_EQ(p.flash_size_address, e.flash_size_register);
    EXPECT_EQ(p.max_flash_kib, e.max_kib);
    EXPECT_EQ(p.sectors.size_of(0), e.first_page);
    EXPECT_EQ(p.sectors.count(), e.pages);
    EXPECT_EQ(p.write_align, e.write_align);
    EXPECT_EQ(p.option_bytes, e.option_bytes);
}

}  // namespace sysboot::stm32::test
