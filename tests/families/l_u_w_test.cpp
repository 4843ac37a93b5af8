// STM32L0/L1/L4/L5/U5/WB/WL rows against their sources (see each family header): AN2606
// device-dependent parameters as stm32flash/stm32loader copy them, the CMSIS device headers
// for register addresses.
#include "expect_row.hpp"

namespace sysboot::stm32::test {
namespace {

TEST(L0, RowsMatchAn2606AndCmsis) {
    expect_row({0x457, Family::L0, Core::M0Plus, 0x40015800, 0x1FF00000, 0x20000800, 0x40021050, 28,
                0x1FF8007C, 16, 128, 128, 4, 0x1FF80000});
    expect_row({0x425, Family::L0, Core::M0Plus, 0x40015800, 0x1FF00000, 0x20001000, 0x40021050, 28,
                0x1FF8007C, 32, 128, 256, 4, 0x1FF80000});
    expect_row({0x417, Family::L0, Core::M0Plus, 0x40015800, 0x1FF00000, 0x20001000, 0x40021050, 28,
                0x1FF8007C, 64, 128, 512, 4, 0x1FF80000});
    expect_row({0x447, Family::L0, Core::M0Plus, 0x40015800, 0x1FF00000, 0x20002000, 0x40021050, 28,
                0x1FF8007C, 192, 128, 1536, 4, 0x1FF80000});
}

TEST(L1, RowsMatchAn2606AndCmsis) {
    // Cat.1/2 keep the flash size at 0x1FF8004C, later categories at 0x1FF800CC.
    expect_row({0x416, Family::L1, Core::M3, 0xE0042000, 0x1FF00000, 0x20000800, 0x40023834, 28,
                0x1FF8004C, 128, 256, 512, 4, 0x1FF80000});
    expect_row({0x429, Family::L1, Core::M3, 0xE0042000, 0x1FF00000, 0x20001000, 0x40023834, 28,
                0x1FF8004C, 128, 256, 512, 4, 0x1FF80000});
    expect_row({0x427, Family::L1, Core::M3, 0xE0042000, 0x1FF00000, 0x20001000, 0x40023834, 28,
                0x1FF800CC, 256, 256, 1024, 4, 0x1FF80000});
    expect_row({0x436, Family::L1, Core::M3, 0xE0042000, 0x1FF00000, 0x20001000, 0x40023834, 28,
                0x1FF800CC, 384, 256, 1536, 4, 0x1FF80000});
    expect_row({0x437, Family::L1, Core::M3, 0xE0042000, 0x1FF00000, 0x20001000, 0x40023834, 28,
                0x1FF800CC, 512, 256, 2048, 4, 0x1FF80000});
}

TEST(L4, RowsMatchAn2606AndCmsis) {
    struct Line {
        uint16_t id;
        uint16_t kib;
        uint32_t page;
        uint16_t pages;
        uint32_t rom_ram_end;
        uint32_t option_bytes;
    };
    for (const Line l : {Line{0x464, 128, 2048, 64, 0x20003100, 0x1FFF7800},
                         Line{0x435, 256, 2048, 128, 0x20003100, 0x1FFF7800},
                         Line{0x462, 512, 2048, 256, 0x20003100, 0x1FFF7800},
                         Line{0x415, 1024, 2048, 512, 0x20003100, 0x1FFF7800},
                         Line{0x461, 1024, 2048, 512, 0x20003100, 0x1FFF7800},
                         Line{0x470, 2048, 8192, 256, 0x20003200, 0x1FFF7800},
                         Line{0x471, 1024, 4096, 256, 0x20004000, 0x1FF00000}}) {
        expect_row({l.id, Family::L4, Core::M4, 0xE0042000, 0x1FFF0000, l.rom_ram_end, 0x40021094,
                    28, 0x1FFF75E0, l.kib, l.page, l.pages, 8, l.option_bytes});
    }
    // RM0351: the 1 MiB L47x/L48x has two banks of 512 KiB; bank 2 pages follow bank 1's.
    EXPECT_EQ(row(0x415).sectors.bank2_offset, 512u * 1024);
    EXPECT_EQ(row(0x415).sectors.bank_of(256), 2);
}

TEST(L5, RowMatchesAn2606AndCmsis) {
    expect_row({0x472, Family::L5, Core::M33, 0xE0044000, 0x0BF90000, 0x20004000, 0x40021094, 28,
                0x0BFA05E0, 512, 4096, 128, 8, kUnknown});
}

TEST(U5, RowsMatchAn2606AndCmsis) {
    expect_row({0x455, Family::U5, Core::M33, 0xE0044000, 0x0BF90000, 0x20004000, 0x46020CF4, 28,
                0x0BFA07A0, 512, 8192, 64, 16, kUnknown});
    expect_row({0x482, Family::U5, Core::M33, 0xE0044000, 0x0BF90000, 0x20004000, 0x46020CF4, 28,
                0x0BFA07A0, 2048, 8192, 256, 16, kUnknown});
    expect_row({0x481, Family::U5, Core::M33, 0xE0044000, 0x0BF90000, 0x20004000, 0x46020CF4, 28,
                0x0BFA07A0, 4096, 8192, 512, 16, kUnknown});
}

TEST(WB, RowsMatchAn2606AndCmsis) {
    // WB1x ROM RAM is disputed (its AN2606 copy exceeds SRAM1): unknown, not a guess.
    expect_row({0x494, Family::WB, Core::M4, 0xE0042000, 0x1FFF0000, kUnknown, 0x58000094, 28,
                0x1FFF75E0, 320, 2048, 160, 8, 0x1FFF7800});
    expect_row({0x495, Family::WB, Core::M4, 0xE0042000, 0x1FFF0000, 0x20004000, 0x58000094, 28,
                0x1FFF75E0, 1024, 4096, 256, 8, 0x1FFF8000});
}

TEST(WL, RowMatchesAn2606AndCmsis) {
    expect_row({0x497, Family::WL, Core::M4, 0xE0042000, 0x1FFF0000, 0x20002000, 0x58000094, 28,
                0x1FFF75E0, 256, 2048, 128, 8, 0x1FFF7800});
}

}  // namespace
}  // namespace sysboot::stm32::test
