// docs/families.md is the readable form of the part table: every row of the table has its
// line there, so the page cannot silently fall behind the code.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "sysboot/stm32/parts.hpp"

namespace sysboot::stm32::test {
namespace {

TEST(Table, DocsListEveryRow) {
    std::ifstream in(SYSBOOT_FAMILIES_DOC);
    ASSERT_TRUE(in) << SYSBOOT_FAMILIES_DOC;
    std::stringstream text;
    text << in.rdbuf();
    const std::string doc = text.str();
    for_each_part([&doc](const PartInfo& p) {
        char id[8];
        std::snprintf(id, sizeof id, "0x%03X", static_cast<unsigned>(p.dev_id));
        const std::string cell = std::string("| ") + id + " | " + p.name + " |";
        EXPECT_NE(doc.find(cell), std::string::npos) << cell;
        return false;
    });
}

}  // namespace
}  // namespace sysboot::stm32::test
