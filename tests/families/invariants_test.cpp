// Rules over the whole STM32 part table, checked row by row so a failure names the row.
#include <gtest/gtest.h>

#include <set>

#include "sysboot/stm32/invariants.hpp"

namespace sysboot::stm32::test {
namespace {

TEST(Table, EveryRowKeepsTheRules) {
    for_each_part([](const PartInfo& p) {
        const char* problem = row_problem(p);
        EXPECT_EQ(problem, nullptr)
            << p.name << " (0x" << std::hex << p.dev_id << "): " << (problem ? problem : "");
        return false;
    });
}

TEST(Table, DevIdsAreUnique) {
    std::set<uint16_t> seen;
    for_each_part([&](const PartInfo& p) {
        EXPECT_TRUE(seen.insert(p.dev_id).second) << "DEV_ID 0x" << std::hex << p.dev_id;
        return false;
    });
    EXPECT_TRUE(dev_ids_unique());
}

TEST(Table, EveryAn2606FamilyHasRowsInItsSlot) {
    EXPECT_EQ(kFamilyCount, 18u);
    for (std::size_t i = 0; i < kFamilyCount; ++i) {
        EXPECT_FALSE(kFamilies[i].empty()) << family_name(static_cast<Family>(i));
    }
    EXPECT_TRUE(families_in_order());
}

TEST(Table, LooksUpByDevId) {
    ASSERT_NE(find_part(0x450), nullptr);
    EXPECT_EQ(find_part(0x450)->family, Family::H7);
    EXPECT_EQ(find_part(0x000), nullptr);
    EXPECT_EQ(find_part(0xFFF), nullptr);
}

// The rules catch the mistakes the field makes: a row that points the ROM entry at the
// option bytes or gives a 3-byte alignment is reported.
TEST(Table, RulesCatchBrokenRows) {
    PartInfo f7 = *find_part(0x451);
    f7.rom_vectors = 0x1FFF0000;
    EXPECT_NE(row_problem(f7), nullptr);
    PartInfo h7 = *find_part(0x450);
    h7.write_align = 24;
    EXPECT_NE(row_problem(h7), nullptr);
    PartInfo l4 = *find_part(0x415);
    l4.max_flash_kib = 512;
    EXPECT_NE(row_problem(l4), nullptr);
}

}  // namespace
}  // namespace sysboot::stm32::test
