// Image loading (bin, Intel HEX, S-records, ELF), the part table and the flash plan.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "device/part.hpp"
#include "image/image.hpp"
#include "ops/flash.hpp"
#include "test_util.hpp"

using namespace sysboot;
using host::Cause;
using host::ExitCode;
using host::ImageFormat;
using host::Phase;

namespace {

std::vector<uint8_t> bytes_of(const std::string& s) {
    return {s.begin(), s.end()};
}

host::Result<host::Image> hex(const std::string& text) {
    return host::parse_records(bytes_of(text), ImageFormat::IntelHex, "test.hex");
}

std::string srec_line(uint32_t address, const std::vector<uint8_t>& data) {
    // S3: 4-byte address; count = address + data + checksum.
    const auto count = static_cast<uint8_t>(4 + data.size() + 1);
    uint32_t sum = count;
    std::string line = fmt::format("S3{:02X}{:08X}", count, address);
    for (int i = 0; i < 4; ++i) {
        sum += (address >> (8 * i)) & 0xFF;
    }
    for (uint8_t b : data) {
        line += fmt::format("{:02X}", b);
        sum += b;
    }
    return line + fmt::format("{:02X}\n", static_cast<uint8_t>(~sum));
}

}  // namespace

TEST(Hex, GoodFileWithExtendedLinearAddresses) {
    const auto a = test::pattern(40, 1);
    const auto b = test::pattern(20, 2);
    auto img = hex(test::make_ihex({{0x08000000, a}, {0x08010000, b}}));
    ASSERT_TRUE(img.ok()) << img.error().message();
    ASSERT_EQ(img->segments.size(), 2u);
    EXPECT_EQ(img->segments[0].address, 0x08000000u);
    EXPECT_EQ(img->segments[0].data, a);  // 3 records merged into one segment
    EXPECT_EQ(img->segments[1].address, 0x08010000u);
    EXPECT_EQ(img->segments[1].data, b);
    EXPECT_EQ(img->total_bytes(), 60u);
}

TEST(Hex, StartAddressRecordGivesEntry) {
    std::string text = test::hex_record(0x04, 0, {0x08, 0x00});
    text += test::hex_record(0x00, 0, {1, 2, 3, 4});
    text += test::hex_record(0x05, 0, {0x08, 0x00, 0x01, 0x01});
    text += test::hex_record(0x01, 0, {});
    auto img = hex(text);
    ASSERT_TRUE(img.ok()) << img.error().message();
    EXPECT_EQ(img->entry, 0x08000101u);
}

TEST(Hex, BadChecksumIsImageErrorExit2) {
    std::string text = test::hex_record(0x00, 0, {1, 2, 3, 4});
    text += test::hex_record(0x00, 4, {5, 6, 7, 8}, /*bad_checksum=*/true);
    text += test::hex_record(0x01, 0, {});
    auto img = hex(text);
    ASSERT_FALSE(img.ok());
    EXPECT_EQ(img.error().phase, Phase::Image);
    EXPECT_EQ(img.error().exit_code(), ExitCode::Image);
    EXPECT_NE(img.error().message().find("checksum"), std::string::npos) << img.error().message();
    EXPECT_NE(img.error().message().find("test.hex"), std::string::npos) << img.error().message();
    // The second record's checksum: its last two hex digits.
    const auto first_len = test::hex_record(0x00, 0, {1, 2, 3, 4}).size();
    const auto second = test::hex_record(0x00, 4, {5, 6, 7, 8}, true);
    const auto checksum_at = first_len + second.find_last_not_of("\r\n") - 1;
    EXPECT_NE(img.error().message().find(fmt::format("line 2, byte {}", checksum_at)),
              std::string::npos)
        << img.error().message();
}

TEST(Hex, BadRecordTypeIsImageErrorExit2) {
    std::string text = test::hex_record(0x00, 0, {1, 2, 3, 4});
    text += test::hex_record(0x07, 0, {1, 2});
    text += test::hex_record(0x01, 0, {});
    auto img = hex(text);
    ASSERT_FALSE(img.ok());
    EXPECT_EQ(img.error().exit_code(), ExitCode::Image);
}

TEST(Hex, OverlappingRecordsAreRefused) {
    std::string text = test::hex_record(0x00, 0x100, {1, 2, 3, 4, 5, 6, 7, 8});
    text += test::hex_record(0x00, 0x104, {9, 9, 9, 9});
    text += test::hex_record(0x01, 0, {});
    auto img = hex(text);
    ASSERT_FALSE(img.ok());
    EXPECT_EQ(img.error().exit_code(), ExitCode::Image);
    EXPECT_NE(img.error().message().find("overlapping"), std::string::npos)
        << img.error().message();
    EXPECT_EQ(img.error().address, 0x104u);
}

TEST(Hex, GarbageAndEmptyFilesAreRefused) {
    EXPECT_FALSE(hex("this is not a hex file\n").ok());
    EXPECT_FALSE(hex("").ok());
    EXPECT_FALSE(hex(test::hex_record(0x01, 0, {})).ok());  // no data
}

TEST(SRecord, GoodFile) {
    std::string text = "S00600004844521B\n";
    text += srec_line(0x08000000, {1, 2, 3, 4, 5, 6, 7, 8});
    text += srec_line(0x08000008, {9, 10});
    text += "S70508000000F2\n";
    auto img = host::parse_records(bytes_of(text), ImageFormat::SRecord, "t.srec");
    ASSERT_TRUE(img.ok()) << img.error().message();
    ASSERT_EQ(img->segments.size(), 1u);
    EXPECT_EQ(img->segments[0].address, 0x08000000u);
    EXPECT_EQ(img->segments[0].data.size(), 10u);
}

TEST(Elf, LoadsPtLoadAtPhysicalAddressesAndSkipsBss) {
    const auto text = test::pattern(0x300, 1);
    const auto data = test::pattern(0x40, 2);
    std::vector<test::ElfSegment> segs;
    segs.push_back({1, 0x08000000, 0x08000000, text, 0});
    // .data: runs in RAM (vaddr) but is stored after .text (paddr); 0x20 more bytes of .bss.
    segs.push_back({1, 0x08000300, 0x20000000, data, 0x60});
    // .bss-only segment: nothing in the file, nothing to program.
    segs.push_back({1, 0x20000100, 0x20000100, {}, 0x400});
    // A non-loadable segment is ignored.
    segs.push_back({4 /*PT_NOTE*/, 0x08100000, 0x08100000, {1, 2, 3, 4}, 0});
    auto img = host::parse_elf(test::make_elf(segs, 0x08000101), "app.elf");
    ASSERT_TRUE(img.ok()) << img.error().message();
    EXPECT_EQ(img->format, ImageFormat::Elf);
    EXPECT_EQ(img->entry, 0x08000101u);
    ASSERT_EQ(img->segments.size(), 1u);  // .text and .data are adjacent in flash: merged
    EXPECT_EQ(img->segments[0].address, 0x08000000u);
    EXPECT_EQ(img->segments[0].data.size(), 0x340u);
    EXPECT_TRUE(std::equal(data.begin(), data.end(), img->segments[0].data.begin() + 0x300));
}

TEST(Elf, SeparateSegmentsStaySeparate) {
    std::vector<test::ElfSegment> segs;
    segs.push_back({1, 0x08000000, 0x08000000, test::pattern(64, 1), 0});
    segs.push_back({1, 0x08040000, 0x08040000, test::pattern(64, 2), 0});
    auto img = host::parse_elf(test::make_elf(segs), "two.elf");
    ASSERT_TRUE(img.ok()) << img.error().message();
    ASSERT_EQ(img->segments.size(), 2u);
    EXPECT_EQ(img->segments[1].address, 0x08040000u);
}

TEST(Elf, OverlappingSegmentsAreRefused) {
    std::vector<test::ElfSegment> segs;
    segs.push_back({1, 0x08000000, 0x08000000, test::pattern(64, 1), 0});
    segs.push_back({1, 0x08000020, 0x08000020, test::pattern(64, 2), 0});
    auto img = host::parse_elf(test::make_elf(segs), "ovl.elf");
    ASSERT_FALSE(img.ok());
    EXPECT_EQ(img.error().exit_code(), ExitCode::Image);
    EXPECT_NE(img.error().message().find("overlapping"), std::string::npos);
}

TEST(Elf, TruncatedOrNotElfIsRefused) {
    std::vector<test::ElfSegment> segs;
    segs.push_back({1, 0x08000000, 0x08000000, test::pattern(256, 1), 0});
    auto elf = test::make_elf(segs);
    elf.resize(elf.size() - 100);
    auto img = host::parse_elf(elf, "cut.elf");
    ASSERT_FALSE(img.ok());
    EXPECT_EQ(img.error().exit_code(), ExitCode::Image);
    EXPECT_FALSE(host::parse_elf(bytes_of("\x7f"
                                          "ELF garbage"),
                                 "x.elf")
                     .ok());
    EXPECT_FALSE(host::parse_elf(bytes_of("hello"), "x.elf").ok());
}

TEST(Elf, OnlyBssIsNothingToProgram) {
    std::vector<test::ElfSegment> segs;
    segs.push_back({1, 0x20000000, 0x20000000, {}, 0x400});
    auto img = host::parse_elf(test::make_elf(segs), "bss.elf");
    ASSERT_FALSE(img.ok());
    EXPECT_NE(img.error().message().find("no data"), std::string::npos);
}

TEST(LoadImage, FormatsAndAddressRules) {
    test::TempFile bin("fw.bin", test::pattern(100));
    auto no_addr = host::load_image(bin.path(), std::nullopt);
    ASSERT_FALSE(no_addr.ok());
    EXPECT_EQ(no_addr.error().exit_code(), ExitCode::Usage);
    auto with_addr = host::load_image(bin.path(), 0x08004000);
    ASSERT_TRUE(with_addr.ok());
    EXPECT_EQ(with_addr->segments[0].address, 0x08004000u);

    test::TempFile hexfile("fw.hex", test::make_ihex({{0x08000000, test::pattern(32)}}));
    auto h = host::load_image(hexfile.path(), std::nullopt);
    ASSERT_TRUE(h.ok()) << h.error().message();
    EXPECT_EQ(h->format, ImageFormat::IntelHex);
    auto h_addr = host::load_image(hexfile.path(), 0x08000000);
    ASSERT_FALSE(h_addr.ok());
    EXPECT_EQ(h_addr.error().exit_code(), ExitCode::Usage);

    // ELF is recognised by its magic whatever the name.
    std::vector<test::ElfSegment> segs{{1, 0x08000000, 0x08000000, test::pattern(16), 0}};
    test::TempFile elf("firmware.image", test::make_elf(segs));
    auto e = host::load_image(elf.path(), std::nullopt);
    ASSERT_TRUE(e.ok()) << e.error().message();
    EXPECT_EQ(e->format, ImageFormat::Elf);

    auto missing = host::load_image("/nonexistent/fw.hex", std::nullopt);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().exit_code(), ExitCode::Image);
}

TEST(Parts, KnownPidsAndSectors) {
    auto f7 = host::find_part(0x451);
    ASSERT_TRUE(f7);
    EXPECT_EQ(f7->flash_size(), 2u * 1024 * 1024);
    EXPECT_TRUE(host::find_part(0x449));
    EXPECT_TRUE(host::find_part(0x452));
    EXPECT_FALSE(host::find_part(0x123));                          // no STM32 line
    EXPECT_EQ(host::find_part(0x413)->name, "STM32F40xxx/41xxx");  // docs/families.md
    EXPECT_EQ(f7->sectors_touched(0x08000000, 1), (std::vector<uint16_t>{0}));
    EXPECT_EQ(f7->sectors_touched(0x08007FFF, 2), (std::vector<uint16_t>{0, 1}));
    EXPECT_EQ(f7->sectors_touched(0x08020000, 0x20001), (std::vector<uint16_t>{4, 5}));
    EXPECT_TRUE(f7->sectors_touched(0x07FFFFFF, 2).empty());
}

TEST(Plan, BlocksSectorsAndAlignment) {
    auto part = *host::find_part(0x451);
    host::Image img;
    img.name = "p";
    img.segments.push_back({0x08000002, test::pattern(5)});                 // unaligned
    img.segments.push_back({0x08008000, std::vector<uint8_t>(256, 0xFF)});  // blank block
    img.segments.push_back({0x08020100, test::pattern(300)});
    ASSERT_TRUE(host::normalize(img).ok());
    auto plan = host::make_plan(img, part);
    ASSERT_TRUE(plan.ok()) << plan.error().message();
    EXPECT_EQ(plan->sectors, (std::vector<uint16_t>{0, 1, 4}));
    const auto& first = plan->blocks.at(0x08000000);
    EXPECT_EQ(first.first, 0u);  // 4-aligned down
    EXPECT_EQ(first.last, 8u);   // 4-aligned up
    EXPECT_EQ(first.bytes[0], 0xFF);
    EXPECT_FALSE(first.blank());
    EXPECT_TRUE(plan->blocks.at(0x08008000).blank());
    EXPECT_EQ(plan->blocks.size(), 4u);
    const auto e = plan->expected(0x08000000, 8);
    EXPECT_EQ(e[0], 0xFF);
    EXPECT_EQ(e[2], img.segments[0].data[0]);
    EXPECT_TRUE(plan->defined(0x08000002));
    EXPECT_FALSE(plan->defined(0x08000001));
}

TEST(Plan, RefusesDataOutsideFlashExit2) {
    auto part = *host::find_part(0x452);  // 512 KiB
    host::Image img;
    img.name = "big";
    img.segments.push_back({0x0807FF00, test::pattern(0x200)});
    auto plan = host::make_plan(img, part);
    ASSERT_FALSE(plan.ok());
    EXPECT_EQ(plan.error().phase, Phase::Plan);
    EXPECT_EQ(plan.error().exit_code(), ExitCode::Image);
    EXPECT_NE(plan.error().message().find("outside the flash"), std::string::npos);
    img.segments[0].address = 0x20000000;
    EXPECT_FALSE(host::make_plan(img, part).ok());
}
