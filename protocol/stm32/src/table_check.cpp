// Compile-time proof that the part table holds its invariants, compiled freestanding with the
// firmware's flags (protocol/stm32/CMakeLists.txt) and into the host library.
#include "sysboot/stm32/invariants.hpp"
#include "sysboot/stm32/layout.hpp"

namespace sysboot::stm32 {

static_assert(every_row_keeps_the_rules(), "a row of the STM32 part table breaks a rule");
static_assert(dev_ids_unique(), "two rows share a DEV_ID");
static_assert(families_in_order(), "kFamilies is not in Family order");
static_assert(part_count() >= 18, "every AN2606 family has at least one row");

// The largest part of every line decodes (in single-bank mode where an option chooses).
constexpr bool largest_parts_decode() {
    return !for_each_part([](const PartInfo& p) {
        return !decode_layout(p, p.max_flash_kib, BankMode::Single).valid();
    });
}
static_assert(largest_parts_decode(), "a line's largest part has no layout");

// Referenced so the object file is not empty.
const PartInfo* table_check_anchor() {
    return find_part(0x451);
}

}  // namespace sysboot::stm32
