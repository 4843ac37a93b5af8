// DfuSe memory-layout strings (UM0424 §4.3.2) as ST ROMs report them, and malformed ones.
#include <gtest/gtest.h>

#include <string>

#include "sysboot/an3155/sector_map.hpp"
#include "sysboot/dfuse/layout.hpp"
#include "sysboot/dfuse/profile.hpp"

namespace sysboot::dfuse {
namespace {

std::string name_of(const Layout& l) {
    return {l.name().begin(), l.name().end()};
}

TEST(Layout, ParsesTheF76xSingleBankFlash) {
    Layout l;
    ASSERT_TRUE(parse_layout("@Internal Flash  /0x08000000/04*032Kg,01*128Kg,07*256Kg", l).ok());
    EXPECT_EQ(name_of(l), "Internal Flash");
    ASSERT_EQ(l.segments().size(), 3u);
    EXPECT_EQ(l.segments()[0].address, 0x08000000u);
    EXPECT_EQ(l.segments()[0].sector_size, 32u * 1024);
    EXPECT_EQ(l.segments()[0].sector_count, 4u);
    EXPECT_EQ(l.segments()[1].address, 0x08020000u);
    EXPECT_EQ(l.segments()[2].address, 0x08040000u);
    EXPECT_EQ(l.segments()[2].sector_size, 256u * 1024);
    EXPECT_EQ(l.segments()[2].access, access::kReadable | access::kErasable | access::kWritable);
    EXPECT_EQ(l.total_size(), 2u * 1024 * 1024);
}

TEST(Layout, UnitIsOptionalAndSpaceMeansBytes) {
    Layout l;
    ASSERT_TRUE(parse_layout("@OTP Memory /0x1FF07800/01*528e", l).ok());
    EXPECT_EQ(l.segments()[0].sector_size, 528u);
    EXPECT_EQ(l.segments()[0].access, access::kReadable | access::kWritable);
    ASSERT_TRUE(parse_layout("@Option Bytes  /0x1FFF0000/01*048 e", l).ok());
    EXPECT_EQ(l.segments()[0].sector_size, 48u);
    ASSERT_TRUE(parse_layout("@Big/0x90000000/2*8Ma", l).ok());
    EXPECT_EQ(l.segments()[0].sector_size, 8u * 1024 * 1024);
    EXPECT_EQ(l.segments()[0].access, access::kReadable);
}

TEST(Layout, SeveralAddressBlocks) {
    Layout l;
    ASSERT_TRUE(parse_layout("@Option Bytes   /0x1FFF7800/01*048 e/0x1FFFF800/01*048 e", l).ok());
    ASSERT_EQ(l.segments().size(), 2u);
    EXPECT_EQ(l.segments()[1].address, 0x1FFFF800u);
}

TEST(Layout, ToleratesATrailingNulAndSpaces) {
    const char text[] = "@Internal Flash  /0x08000000/02*016Kg   \0garbage";
    Layout l;
    EXPECT_TRUE(parse_layout(std::span<const char>(text, sizeof text), l).ok());
    EXPECT_EQ(l.segments()[0].sector_count, 2u);
}

struct Bad {
    const char* text;
    LayoutError error;
};

class LayoutRejects : public ::testing::TestWithParam<Bad> {};

TEST_P(LayoutRejects, WithTheRightError) {
    Layout l;
    const ParseResult r = parse_layout(GetParam().text, l);
    EXPECT_EQ(r.error, GetParam().error) << GetParam().text << " at " << r.position;
}

INSTANTIATE_TEST_SUITE_P(
    Malformed, LayoutRejects,
    ::testing::Values(Bad{"Internal Flash/0x08000000/04*032Kg", LayoutError::MissingAt},
                      Bad{"", LayoutError::MissingAt}, Bad{"@Flash", LayoutError::MissingAddress},
                      Bad{"@Flash/08000000/04*032Kg", LayoutError::MissingAddress},
                      Bad{"@Flash/0x/04*032Kg", LayoutError::MissingAddress},
                      Bad{"@Flash/0x123456789/04*032Kg", LayoutError::MissingAddress},
                      Bad{"@Flash/0x08000000", LayoutError::MissingAddress},
                      Bad{"@Flash/0x08000000/", LayoutError::BadNumber},
                      Bad{"@Flash/0x08000000/04032Kg", LayoutError::BadGroup},
                      Bad{"@Flash/0x08000000/04*Kg", LayoutError::BadNumber},
                      Bad{"@Flash/0x08000000/00*032Kg", LayoutError::BadGroup},
                      Bad{"@Flash/0x08000000/04*000Kg", LayoutError::BadGroup},
                      Bad{"@Flash/0x08000000/04*032Kh", LayoutError::BadType},
                      Bad{"@Flash/0x08000000/04*032K", LayoutError::BadType},
                      Bad{"@Flash/0x08000000/04*032Kg,", LayoutError::BadNumber},
                      Bad{"@Flash/0x08000000/04*032Kg;", LayoutError::TrailingGarbage},
                      Bad{"@Flash/0xFFFF8000/02*032Kg", LayoutError::Overflow},
                      Bad{"@Flash/0x00000000/99999999999*1g", LayoutError::BadNumber},
                      Bad{"@Flash/0x00000000/1*8192Mg", LayoutError::Overflow},
                      Bad{"@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/0x0/1*1a",
                          LayoutError::NameTooLong}));

TEST(Layout, TooManySegments) {
    std::string text = "@X/0x0/";
    for (int i = 0; i < 25; ++i) {
        text += i ? ",1*1a" : "1*1a";
    }
    Layout l;
    EXPECT_EQ(parse_layout(text.c_str(), l).error, LayoutError::TooManySegments);
    EXPECT_EQ(l.segments().size(), Layout::kMaxSegments);
}

TEST(Layout, FindSectorCountsIndicesOverTheWholeLayout) {
    Layout l;
    ASSERT_TRUE(parse_layout("@Internal Flash  /0x08000000/04*032Kg,01*128Kg,07*256Kg", l).ok());
    Sector s;
    ASSERT_TRUE(l.find_sector(0x08020000, s));
    EXPECT_EQ(s.index, 4u);
    EXPECT_EQ(s.size, 128u * 1024);
    ASSERT_TRUE(l.find_sector(0x081FFFFF, s));
    EXPECT_EQ(s.index, 11u);
    EXPECT_EQ(s.address, 0x081C0000u);
    EXPECT_FALSE(l.find_sector(0x08200000, s));
    EXPECT_FALSE(l.find_sector(0x07FFFFFF, s));
}

TEST(Layout, CoversChecksEveryByteAndTheAccess) {
    Layout l;
    ASSERT_TRUE(parse_layout("@M/0x1000/01*256 a,01*256 g/0x3000/01*16 g", l).ok());
    EXPECT_TRUE(l.covers(0x1000, 512, access::kReadable));
    EXPECT_FALSE(l.covers(0x1000, 512, access::kWritable));
    EXPECT_TRUE(l.covers(0x1100, 256, access::kWritable));
    EXPECT_FALSE(l.covers(0x1100, 257, access::kReadable)) << "gap before 0x3000";
    EXPECT_TRUE(l.covers(0x3000, 16, access::kReadable));
    EXPECT_FALSE(l.covers(0x2FFF, 0, 0));
}

// Every profile's flash string must describe the same sectors as the F7 flash model that
// backs it (RM0431/RM0385/RM0410 §3.3.1), or sector erase would hit the wrong sector.
TEST(Layout, ProfileFlashStringsMatchTheFlashModelSectorMaps) {
    const std::pair<const Profile*, an3155::SectorMap> pairs[] = {
        {&kF72x, an3155::kF72x}, {&kF74x, an3155::kF74x}, {&kF76x, an3155::kF76xSingleBank}};
    for (const auto& [profile, map] : pairs) {
        Layout l;
        ASSERT_TRUE(parse_layout(profile->alternates[0], l).ok()) << profile->name;
        EXPECT_EQ(l.total_size(), map.total_size()) << profile->name;
        for (uint16_t k = 0; k < map.count(); ++k) {
            Sector s;
            ASSERT_TRUE(l.find_sector(0x08000000 + map.offset_of(k), s)) << profile->name;
            EXPECT_EQ(s.index, k) << profile->name;
            EXPECT_EQ(s.size, map.size_of(k)) << profile->name;
        }
        for (const char* alt : profile->alternates) {
            EXPECT_TRUE(parse_layout(alt, l).ok()) << alt;
        }
    }
}

}  // namespace
}  // namespace sysboot::dfuse
