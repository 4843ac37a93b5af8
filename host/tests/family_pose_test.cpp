// The host tool against the fake ROM posing as parts of other families (protocol/an3155
// pose.hpp kFamilyPoses, rows of protocol/stm32): flash and verify use the family's page or
// sector map, write alignment and erase command, and a write the part cannot take is refused
// before anything is sent.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "an3155/client.hpp"
#include "cli/context.hpp"
#include "cli_board.hpp"
#include "fake_rom.hpp"
#include "sysboot/an3155/pose.hpp"
#include "sysboot/stm32/parts.hpp"
#include "test_util.hpp"

using namespace sysboot;
using host::Cause;
using test::Board;

namespace {

constexpr uint32_t kBase = 0x08000000;
constexpr unsigned kF446 = 8, kH743 = 9, kG071 = 10, kL476 = 11, kF103 = 12, kU575 = 13;

host::FakeRomOptions posing_as(unsigned number) {
    host::FakeRomOptions o;
    const an3155::Pose* pose = an3155::pose_number(number);
    EXPECT_NE(pose, nullptr);
    EXPECT_TRUE(pose != nullptr && an3155::apply_pose(*pose, o.config, o.flash)) << number;
    return o;
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// An image whose initial stack pointer lies in the posed part's SRAM (the vector check).
std::vector<uint8_t> image_for(uint16_t pid, std::size_t n, uint32_t load) {
    auto v = test::firmware(n, load);
    const auto& sram = stm32::find_part(pid)->sram;
    const uint32_t sp = static_cast<uint32_t>(sram.base + sram.size / 2);
    for (int i = 0; i < 4; ++i) {
        v[static_cast<std::size_t>(i)] = static_cast<uint8_t>(sp >> (8 * i));
    }
    return v;
}

struct Flashed {
    test::CliRun run;
    std::vector<uint8_t> image;
};

Flashed flash_and_verify(Board& b, uint16_t pid, std::size_t n, uint32_t load) {
    Flashed f{{}, image_for(pid, n, load)};
    test::TempFile bin("fw.bin", f.image);
    const std::string at = fmt::format("0x{:08X}", load);
    f.run = b.run({"--json", "flash", bin.path(), "--address", at, "--no-go"});
    EXPECT_EQ(f.run.code, 0) << f.run.err;
    auto v = b.run({"verify", bin.path(), "--address", at});
    EXPECT_EQ(v.code, 0) << v.err;
    EXPECT_TRUE(b.flash_equals(load, f.image));
    return f;
}

// F446: 4 x 16 KiB, 1 x 64 KiB, 3 x 128 KiB (RM0390). 70 KiB from 0x08000000 touch sectors
// 0..4; 4-byte writes, so 100 bytes go out as 100.
TEST(FamilyPose, F446FlashesAndVerifiesOnItsSectorMap) {
    Board b(posing_as(kF446));
    auto f = flash_and_verify(b, 0x421, 70 * 1024, kBase);
    EXPECT_TRUE(has(f.run.out, "\"erased_sectors\":[0,1,2,3,4]")) << f.run.out;
    Board small(posing_as(kF446));
    flash_and_verify(small, 0x421, 100, kBase + 0x20000);  // sector 5 (128 KiB)
    EXPECT_EQ(small.erased(), 1u);
    EXPECT_EQ(small.written(), 100u);
}

// H743: 128 KiB sectors in two banks, bank 2 from sector 8 at 0x08100000 (RM0433); one
// flash word is 32 bytes, so a 100-byte image is written as 128.
TEST(FamilyPose, H743WritesWholeFlashWordsAndErasesBank2Sectors) {
    Board b(posing_as(kH743));
    auto f = flash_and_verify(b, 0x450, 100, kBase);
    EXPECT_TRUE(has(f.run.out, "\"erased_sectors\":[0]")) << f.run.out;
    EXPECT_EQ(b.written(), 128u);
    Board bank2(posing_as(kH743));
    auto g = flash_and_verify(bank2, 0x450, 0x100, kBase + 0x100000);
    EXPECT_TRUE(has(g.run.out, "\"erased_sectors\":[8]")) << g.run.out;
}

// G071: 2 KiB pages (RM0444), 8-byte writes: 5 KiB touch pages 0..2; 100 bytes go as 104.
TEST(FamilyPose, G071FlashesAndVerifiesOn2KiBPages) {
    Board b(posing_as(kG071));
    auto f = flash_and_verify(b, 0x460, 5 * 1024, kBase);
    EXPECT_TRUE(has(f.run.out, "\"erased_sectors\":[0,1,2]")) << f.run.out;
    Board small(posing_as(kG071));
    flash_and_verify(small, 0x460, 100, kBase);
    EXPECT_EQ(small.written(), 104u);
}

// L476 1 MiB: two banks of 256 pages of 2 KiB (RM0351); bank 2 starts at 0x08080000, page
// 256 in the ROM's numbering.
TEST(FamilyPose, L476ErasesPagesInBothBanks) {
    Board b(posing_as(kL476));
    auto f = flash_and_verify(b, 0x415, 3 * 1024, kBase);
    EXPECT_TRUE(has(f.run.out, "\"erased_sectors\":[0,1]")) << f.run.out;
    Board bank2(posing_as(kL476));
    auto g = flash_and_verify(bank2, 0x415, 0x900, kBase + 0x80000);
    EXPECT_TRUE(has(g.run.out, "\"erased_sectors\":[256,257]")) << g.run.out;
}

// F103: the ROM lists Erase (0x43) and NACKs Extended Erase (0x44); the tool erases with
// 0x43 and one-byte page numbers (AN3155 §3.7).
TEST(FamilyPose, F103IsErasedWithTheLegacyEraseCommand) {
    Board b(posing_as(kF103));
    auto info = b.run({"info"});
    ASSERT_EQ(info.code, 0) << info.err;
    EXPECT_TRUE(has(info.out, "STM32F10xxx Medium-density")) << info.out;
    auto f = flash_and_verify(b, 0x410, 3 * 1024, kBase);
    EXPECT_TRUE(has(f.run.out, "\"erased_sectors\":[0,1,2]")) << f.run.out;
    EXPECT_EQ(b.erased(), 3u);
}

// U575 (Cortex-M33): 8 KiB pages in two banks of 1 MiB (RM0456), bank 2 from page 128 in
// the ROM's numbering; one quad-word is 16 bytes, so 100 bytes are written as 112.
TEST(FamilyPose, U575WritesQuadWordsAndErasesBank2Pages) {
    Board b(posing_as(kU575));
    auto f = flash_and_verify(b, 0x482, 100, kBase);
    EXPECT_TRUE(has(f.run.out, "\"erased_sectors\":[0]")) << f.run.out;
    EXPECT_EQ(b.written(), 112u);
    Board bank2(posing_as(kU575));
    auto g = flash_and_verify(bank2, 0x482, 0x2100, kBase + 0x100000);
    EXPECT_TRUE(has(g.run.out, "\"erased_sectors\":[128,129]")) << g.run.out;
}

// `info` names the part and the layout it read, for each family pose.
TEST(FamilyPose, InfoNamesThePartAndItsLayout) {
    const struct {
        unsigned pose;
        const char* part;
        const char* flash;
    } cases[] = {
        {kF446, "STM32F446xx", "512 KiB, 8 sectors"},
        {kH743, "STM32H74xxx/75xxx", "2048 KiB, 16 sectors"},
        {kG071, "STM32G07xxx/08xxx", "128 KiB, 64 sectors"},
        {kL476, "STM32L47xxx/48xxx", "1024 KiB, 512 sectors"},
        {kU575, "STM32U575xx/585xx", "2048 KiB, 256 sectors"},
    };
    for (const auto& c : cases) {
        Board b(posing_as(c.pose));
        auto r = b.run({"info"});
        ASSERT_EQ(r.code, 0) << c.pose << r.err;
        EXPECT_TRUE(has(r.out, c.part)) << r.out;
        EXPECT_TRUE(has(r.out, c.flash)) << r.out;
        EXPECT_TRUE(has(r.out, "read from the device")) << r.out;
    }
}

// Told the alignment the layout decoding found, the client refuses a write the family's
// flash cannot take before sending a byte; an aligned one goes through.
TEST(FamilyPose, UnalignedWriteForTheFamilyIsRefusedBeforeSending) {
    const struct {
        unsigned pose;
        uint16_t pid;
        uint32_t align;
        uint32_t unaligned;  // a start the family's flash cannot take
    } cases[] = {{kF446, 0x421, 4, kBase + 2},
                 {kH743, 0x450, 32, kBase + 16},  // 16-aligned is half an H7 flash word
                 {kG071, 0x460, 8, kBase + 4},    // 4-aligned passes AN3155 but not a G0
                 {kL476, 0x415, 8, kBase + 4},
                 {kU575, 0x482, 16, kBase + 8}};
    for (const auto& c : cases) {
        host::FakeClock clock;
        host::FakeRom rom(posing_as(c.pose), clock);
        auto link = rom.connect();
        an3155::Client client(*link, clock);
        ASSERT_TRUE(client.sync().ok());
        auto info = client.get();
        ASSERT_TRUE(info.ok());
        auto part =
            host::detect_layout(client, *info, *host::find_part(c.pid), std::nullopt, nullptr);
        ASSERT_TRUE(part.ok()) << part.error().detail;
        EXPECT_EQ(part->write_align, c.align) << c.pid;
        client.set_write_alignment(part->write_align);
        const std::vector<uint8_t> data(32, 0x42);
        const auto before = rom.host_bytes();
        auto s = client.write_memory(c.unaligned, data);
        ASSERT_FALSE(s.ok()) << c.pid;
        EXPECT_EQ(s.error().cause, Cause::Invalid);
        EXPECT_EQ(rom.host_bytes(), before) << c.pid;
        EXPECT_TRUE(client.write_memory(kBase + c.align, data).ok()) << c.pid;
    }
}

}  // namespace
