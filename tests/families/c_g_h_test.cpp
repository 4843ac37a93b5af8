// STM32C0/G0/G4/H5/H7 rows against their sources (see each family header for the list):
// AN2606 device-dependent parameters as stm32flash/stm32loader copy them, ST's knowledge
// base for the H7 entry, the CMSIS device headers for register addresses and flash words.
#include "expect_row.hpp"

namespace sysboot::stm32::test {
namespace {

TEST(C0, RowsMatchAn2606AndCmsis) {
    // CMSIS stm32c0xxxx.h: DBG_BASE 0x40015800, RCC->CSR2 SFTRSTF bit 28, FLASHSIZE_BASE.
    expect_row({0x443, Family::C0, Core::M0Plus, 0x40015800, 0x1FFF0000, 0x20001000, 0x40021060, 28,
                0x1FFF75A0, 32, 2048, 16, 8, kUnknown});
    expect_row({0x453, Family::C0, Core::M0Plus, 0x40015800, 0x1FFF0000, 0x20002000, 0x40021060, 28,
                0x1FFF75A0, 32, 2048, 16, 8, kUnknown});
    expect_row({0x493, Family::C0, Core::M0Plus, 0x40015800, 0x1FFF0000, kUnknown, 0x40021060, 28,
                0x1FFF75A0, 128, 2048, 64, 8, kUnknown});
}

TEST(G0, RowsMatchAn2606AndCmsis) {
    expect_row({0x466, Family::G0, Core::M0Plus, 0x40015800, 0x1FFF0000, 0x20001000, 0x40021060, 28,
                0x1FFF75E0, 64, 2048, 32, 8, 0x1FFF7800});
    expect_row({0x460, Family::G0, Core::M0Plus, 0x40015800, 0x1FFF0000, 0x20002700, 0x40021060, 28,
                0x1FFF75E0, 128, 2048, 64, 8, 0x1FFF7800});
    expect_row({0x467, Family::G0, Core::M0Plus, 0x40015800, 0x1FFF0000, 0x20004000, 0x40021060, 28,
                0x1FFF75E0, 512, 2048, 256, 8, 0x1FFF7800});
    expect_row({0x456, Family::G0, Core::M0Plus, 0x40015800, 0x1FFF0000, 0x20001000, 0x40021060, 28,
                0x1FFF75E0, 64, 2048, 32, 8, 0x1FFF7800});
}

TEST(G4, RowsMatchAn2606AndCmsis) {
    expect_row({0x468, Family::G4, Core::M4, 0xE0042000, 0x1FFF0000, 0x20004000, 0x40021094, 28,
                0x1FFF75E0, 128, 2048, 64, 8, 0x1FFF7800});
    // Category 3 in single-bank mode: 4 KiB pages; dual-bank: 2 KiB (RM0440, DBANK).
    expect_row({0x469, Family::G4, Core::M4, 0xE0042000, 0x1FFF0000, 0x20004000, 0x40021094, 28,
                0x1FFF75E0, 512, 4096, 128, 8, 0x1FFF7800});
    EXPECT_EQ(row(0x469).dual_bank.size_of(0), 2048u);
    expect_row({0x479, Family::G4, Core::M4, 0xE0042000, 0x1FFF0000, 0x20004000, 0x40021094, 28,
                0x1FFF75E0, 512, 2048, 256, 8, 0x1FFF7800});
}

TEST(H5, RowsMatchAn2606AndCmsis) {
    // H503 enters at 0x0BF87000, H56x/57x at 0x0BF97000; neither is the CMSIS system flash
    // base 0x0BF80000. Quad-word programming: 16-byte writes.
    expect_row({0x474, Family::H5, Core::M33, 0x44024000, 0x0BF87000, 0x20004000, 0x44020CF4, 28,
                0x08FFF80C, 128, 8192, 16, 16, kUnknown});
    expect_row({0x484, Family::H5, Core::M33, 0x44024000, 0x0BF97000, kUnknown, 0x44020CF4, 28,
                0x08FFF80C, 2048, 8192, 256, 16, kUnknown});
}

TEST(H7, RowsMatchStKnowledgeBaseAndCmsis) {
    // ROM entry 0x1FF09800 (ST KB), not 0x1FF00000 (start of system memory). One flash word
    // is 256 bits (FLASH_NB_32BITWORD_IN_FLASHWORD 8): 32-byte writes, 128 KiB sectors.
    expect_row({0x450, Family::H7, Core::M7, 0x5C001000, 0x1FF09800, 0x20004100, 0x580244D0, 24,
                0x1FF1E880, 2048, 128 * 1024, 16, 32, kUnknown});
    expect_row({0x483, Family::H7, Core::M7, 0x5C001000, 0x1FF09800, 0x20004100, 0x580244D0, 24,
                0x1FF1E880, 1024, 128 * 1024, 8, 32, kUnknown});
    // H7A3/B3: no primary source for the entry; 128-bit flash word, 8 KiB sectors.
    expect_row({0x480, Family::H7, Core::M7, 0x5C001000, kUnknown, 0x20004100, 0x58024530, 24,
                0x08FFF80C, 2048, 8192, 256, 16, kUnknown});
    // The ROM also uses AXI SRAM (stm32loader): a no-init area there does not survive it.
    EXPECT_EQ(row(0x450).rom_ram_extra.base, 0x24000000u);
    EXPECT_EQ(row(0x450).rom_ram_extra.size, 0x5000u);
    EXPECT_EQ(row(0x450).sectors.bank2_offset, 1024u * 1024);
}

}  // namespace
}  // namespace sysboot::stm32::test
