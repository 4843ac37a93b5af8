// STM32F0/F1/F2/F3/F4/F7 rows against their sources: AN2606 device-dependent parameters (as
// stm32flash dev_table.c copies them) for DEV_ID, ROM entry, ROM RAM, pages and option
// bytes; the CMSIS device headers for IDCODE, RCC and flash-size register addresses.
#include "expect_row.hpp"

namespace sysboot::stm32::test {
namespace {

constexpr uint32_t kDbgmcuM0 = 0x40015800;  // CMSIS F0 DBGMCU_BASE
constexpr uint32_t kDbgmcu = 0xE0042000;    // CMSIS F1..F7 DBGMCU_BASE
constexpr uint32_t kRccCsrF0F1F3 = 0x40021024;
constexpr uint32_t kRccCsrF2F4F7 = 0x40023874;

TEST(F0, RowsMatchAn2606AndCmsis) {
    // ROM entries differ per line: 0x1FFFEC00 (0x440/0x444), 0x1FFFD800 (0x442),
    // 0x1FFFC400 (0x445), 0x1FFFC800 (0x448).
    expect_row({0x440, Family::F0, Core::M0, kDbgmcuM0, 0x1FFFEC00, 0x20000800, kRccCsrF0F1F3, 28,
                0x1FFFF7CC, 64, 1024, 64, 2, 0x1FFFF800});
    expect_row({0x444, Family::F0, Core::M0, kDbgmcuM0, 0x1FFFEC00, 0x20000800, kRccCsrF0F1F3, 28,
                0x1FFFF7CC, 32, 1024, 32, 2, 0x1FFFF800});
    expect_row({0x442, Family::F0, Core::M0, kDbgmcuM0, 0x1FFFD800, 0x20001800, kRccCsrF0F1F3, 28,
                0x1FFFF7CC, 256, 2048, 128, 2, 0x1FFFF800});
    expect_row({0x445, Family::F0, Core::M0, kDbgmcuM0, 0x1FFFC400, 0x20001800, kRccCsrF0F1F3, 28,
                0x1FFFF7CC, 32, 1024, 32, 2, 0x1FFFF800});
    expect_row({0x448, Family::F0, Core::M0, kDbgmcuM0, 0x1FFFC800, 0x20001800, kRccCsrF0F1F3, 28,
                0x1FFFF7CC, 128, 2048, 64, 2, 0x1FFFF800});
}

TEST(F1, RowsMatchAn2606AndCmsis) {
    expect_row({0x412, Family::F1, Core::M3, kDbgmcu, 0x1FFFF000, 0x20000200, kRccCsrF0F1F3, 28,
                0x1FFFF7E0, 32, 1024, 32, 2, 0x1FFFF800});
    expect_row({0x410, Family::F1, Core::M3, kDbgmcu, 0x1FFFF000, 0x20000200, kRccCsrF0F1F3, 28,
                0x1FFFF7E0, 128, 1024, 128, 2, 0x1FFFF800});
    expect_row({0x414, Family::F1, Core::M3, kDbgmcu, 0x1FFFF000, 0x20000200, kRccCsrF0F1F3, 28,
                0x1FFFF7E0, 512, 2048, 256, 2, 0x1FFFF800});
    expect_row({0x420, Family::F1, Core::M3, kDbgmcu, 0x1FFFF000, 0x20000200, kRccCsrF0F1F3, 28,
                0x1FFFF7E0, 128, 1024, 128, 2, 0x1FFFF800});
    expect_row({0x428, Family::F1, Core::M3, kDbgmcu, 0x1FFFF000, 0x20000200, kRccCsrF0F1F3, 28,
                0x1FFFF7E0, 512, 2048, 256, 2, 0x1FFFF800});
    // Connectivity line: its ROM starts lower (0x1FFFB000) and uses more RAM.
    expect_row({0x418, Family::F1, Core::M3, kDbgmcu, 0x1FFFB000, 0x20001000, kRccCsrF0F1F3, 28,
                0x1FFFF7E0, 256, 2048, 128, 2, 0x1FFFF800});
    expect_row({0x430, Family::F1, Core::M3, kDbgmcu, 0x1FFFE000, 0x20000800, kRccCsrF0F1F3, 28,
                0x1FFFF7E0, 1024, 2048, 512, 2, 0x1FFFF800});
    // The F1 ROM (USART protocol V2.2) offers Erase 0x43, not Extended Erase.
    EXPECT_EQ(row(0x410).erase, EraseCommand::Erase);
    EXPECT_EQ(row(0x430).sectors.bank2_offset, 512u * 1024);
}

TEST(F2, RowMatchesAn2606AndCmsis) {
    expect_row({0x411, Family::F2, Core::M3, kDbgmcu, 0x1FFF0000, 0x20002000, kRccCsrF2F4F7, 28,
                0x1FFF7A22, 1024, 16 * 1024, 12, 4, 0x1FFFC000});
    EXPECT_EQ(row(0x411).sectors.size_of(4), 64u * 1024);
    EXPECT_EQ(row(0x411).sectors.size_of(5), 128u * 1024);
}

TEST(F3, RowsMatchAn2606AndCmsis) {
    for (uint16_t id : {0x432, 0x422}) {
        expect_row({id, Family::F3, Core::M4, kDbgmcu, 0x1FFFD800, 0x20001400, kRccCsrF0F1F3, 28,
                    0x1FFFF7CC, 256, 2048, 128, 2, 0x1FFFF800});
    }
    for (uint16_t id : {0x439, 0x438}) {
        expect_row({id, Family::F3, Core::M4, kDbgmcu, 0x1FFFD800, 0x20001800, kRccCsrF0F1F3, 28,
                    0x1FFFF7CC, 64, 2048, 32, 2, 0x1FFFF800});
    }
    expect_row({0x446, Family::F3, Core::M4, kDbgmcu, 0x1FFFD800, 0x20001800, kRccCsrF0F1F3, 28,
                0x1FFFF7CC, 512, 2048, 256, 2, 0x1FFFF800});
}

TEST(F4, RowsMatchAn2606AndCmsis) {
    struct Line {
        uint16_t id;
        uint16_t kib;
        uint16_t sectors;
    };
    // RM0090/RM0368/RM0383/RM0390/RM0401/RM0402/RM0386/RM0430 sector counts.
    for (const Line l :
         {Line{0x413, 1024, 12}, Line{0x419, 2048, 24}, Line{0x423, 256, 6}, Line{0x433, 512, 8},
          Line{0x458, 128, 5}, Line{0x431, 512, 8}, Line{0x441, 1024, 12}, Line{0x421, 512, 8},
          Line{0x434, 2048, 24}, Line{0x463, 1536, 16}}) {
        expect_row({l.id, Family::F4, Core::M4, kDbgmcu, 0x1FFF0000, 0x20003000, kRccCsrF2F4F7, 28,
                    0x1FFF7A22, l.kib, 16 * 1024, l.sectors, 4, 0x1FFFC000});
    }
    // RM0090: the 2 MiB F42x/43x start bank 2 at sector 12, 0x08100000.
    EXPECT_EQ(row(0x419).sectors.offset_of(12), 0x100000u);
    EXPECT_EQ(row(0x419).sectors.bank_of(12), 2);
}

TEST(F7, RowsMatchAn2606AndCmsis) {
    // ROM entry 0x1FF00000; 0x1FFF0000 is the F7 option bytes, not the ROM.
    expect_row({0x452, Family::F7, Core::M7, kDbgmcu, 0x1FF00000, 0x20004000, kRccCsrF2F4F7, 28,
                0x1FF07A22, 512, 16 * 1024, 8, 8, 0x1FFF0000});
    expect_row({0x449, Family::F7, Core::M7, kDbgmcu, 0x1FF00000, 0x20004000, kRccCsrF2F4F7, 28,
                0x1FF0F442, 1024, 32 * 1024, 8, 8, 0x1FFF0000});
    expect_row({0x451, Family::F7, Core::M7, kDbgmcu, 0x1FF00000, 0x20004000, kRccCsrF2F4F7, 28,
                0x1FF0F442, 2048, 32 * 1024, 12, 8, 0x1FFF0000});
    EXPECT_EQ(row(0x451).banks, Banks::ByOption);  // nDBANK, RM0410 §3.3.1
    EXPECT_EQ(row(0x451).dual_bank.count(), 24);
    EXPECT_EQ(row(0x451).erase, EraseCommand::ExtendedErase);
}

}  // namespace
}  // namespace sysboot::stm32::test
