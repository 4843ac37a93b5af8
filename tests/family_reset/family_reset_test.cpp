// The reset path (docs/handoff.md: sysboot_request_on_reset, SYSRESETREQ,
// sysboot_handle_request_early) for every family of the STM32 part table, each on Unicorn's
// model of its core with the memory map of each row (family_chip.hpp) and the family's probe
// image (emu/family_reset/probe.cpp, chip layer firmware/chips/stm32-family). Per family:
//   ReachesTheRomThroughOneReset  request -> reset (flags cleared by RMVF first) -> the ROM's
//                                 reset handler with MSP = ROM word 0 and its vector table
//   StaleRequestAtPowerOnIsRefused  a request in RAM without the software-reset flag: no ROM
//   UnknownDevIdIsRefused         a DEV_ID the image does not serve: status, no reset
//   NoInitBlockOutsideRomRam      the linked block is in SRAM and outside the ROM's RAM
// ctest runs each family as family_reset.<F> (label "families").
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "family_chip.hpp"
#include "sysboot/noinit.hpp"
#include "sysboot/stm32/parts.hpp"
#include "sysboot/stm32_family/rows.hpp"

#ifndef FAMILY_RESET_IMAGE_DIR
#error "FAMILY_RESET_IMAGE_DIR must name the directory with family-reset-<F>.elf"
#endif
#ifndef FAMILY_RESET_ROWS
#error "FAMILY_RESET_ROWS must list the rows each probe serves (emu/family_reset/rows.cmake)"
#endif

namespace family_reset {
namespace {

using sysboot::stm32::Family;
using sysboot::stm32::PartInfo;

// sysboot::detail::g_noinit (firmware/sysboot/src/noinit.cpp), the one no-init block.
constexpr const char* kNoInitSymbol = "_ZN7sysboot6detail8g_noinitE";
constexpr std::uint16_t kNoSuchDevId = 0xFFF;
static_assert(sysboot::stm32::find_part(kNoSuchDevId) == nullptr);

// The DEV_IDs rows.cmake gives the family's image ("G0:0x460,0x467;C0:0x453"); none: every
// row the reset path can serve.
std::vector<std::uint16_t> listed_rows(Family f) {
    std::vector<std::uint16_t> ids;
    std::stringstream all(FAMILY_RESET_ROWS);
    std::string entry;
    const std::string prefix = std::string(sysboot::stm32::family_name(f)) + ":";
    while (std::getline(all, entry, ';')) {
        if (entry.rfind(prefix, 0) == 0) {
            std::stringstream list(entry.substr(prefix.size()));
            std::string id;
            while (std::getline(list, id, ',')) {
                ids.push_back(static_cast<std::uint16_t>(std::stoul(id, nullptr, 0)));
            }
        }
    }
    return ids;
}

bool served(const PartInfo& p, const std::vector<std::uint16_t>& listed) {
    if (!sysboot::stm32_family::enterable(p)) {
        return false;
    }
    if (listed.empty()) {
        return true;
    }
    for (const std::uint16_t id : listed) {
        if (id == p.dev_id) {
            return true;
        }
    }
    return false;
}

std::string label(const PartInfo& p) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%s (DEV_ID 0x%03X)", p.name, p.dev_id);
    return buf;
}

struct FamilyImage {
    f7model::detail::ElfImage elf;
    std::vector<const PartInfo*> served;
    std::vector<const PartInfo*> others;  // rows of the family the image must refuse
};

FamilyImage load(Family f) {
    FamilyImage img;
    img.elf = f7model::detail::read_elf(std::string(FAMILY_RESET_IMAGE_DIR) + "/family-reset-" +
                                        sysboot::stm32::family_name(f) + ".elf");
    const auto listed = listed_rows(f);
    for (const PartInfo& p : sysboot::stm32::parts_of(f)) {
        (served(p, listed) ? img.served : img.others).push_back(&p);
    }
    return img;
}

const char* stop_name(Stop s) {
    constexpr const char* kNames[] = {"the ROM", "probe_done", "probe_main", "a fault", "error"};
    return kNames[static_cast<int>(s)];
}

void reaches_the_rom(Family f) {
    const FamilyImage img = load(f);
    ASSERT_FALSE(img.served.empty()) << "the image serves no row";
    for (const PartInfo* p : img.served) {
        SCOPED_TRACE(label(*p));
        Chip chip(*p, img.elf, p->dev_id);
        // An earlier software reset left its flag: request_on_reset must clear it (RMVF),
        // or a later pin reset would pass for the requested one.
        chip.set_reset_register(1u << reset_register(f).software);
        const Outcome o = chip.run(3, false);
        ASSERT_EQ(o.stop, Stop::rom) << "stopped at " << stop_name(o.stop) << " " << o.error
                                     << " (status " << o.status << ")";
        EXPECT_EQ(o.resets, 1) << "one SYSRESETREQ between the request and the ROM";
        EXPECT_TRUE(o.flag_clear_at_reset) << "the reset flags were not cleared (RMVF)";
        EXPECT_EQ(o.msp, chip.rom_msp()) << "MSP is not the ROM's word 0";
        EXPECT_EQ(o.control & 0x2u, 0u) << "the ROM runs on the process stack";
        if (p->core == sysboot::stm32::Core::M0) {
            EXPECT_EQ(o.mem_mode, 1u) << "system memory not mapped at 0 (SYSCFG_CFGR1.MEM_MODE)";
        } else {
            EXPECT_EQ(o.vtor, p->rom_vectors) << "VTOR is not the ROM's vector table";
        }
    }
}

void stale_request_refused(Family f) {
    const FamilyImage img = load(f);
    ASSERT_FALSE(img.served.empty());
    const auto block = img.elf.symbols.at(kNoInitSymbol);
    for (const PartInfo* p : img.served) {
        SCOPED_TRACE(label(*p));
        Chip chip(*p, img.elf, p->dev_id);
        // A complete request for this ROM (noinit.hpp layout) and a register without the
        // software-reset flag: what a power-on or pin reset after a request looks like.
        const std::uint32_t request[3] = {sysboot::NoInit::kRequestMagic,
                                          ~sysboot::NoInit::kRequestMagic, p->rom_vectors};
        chip.write_ram(block + offsetof(sysboot::NoInit, request), request, sizeof request);
        chip.set_reset_register(0);
        const Outcome o = chip.run(1, true);
        ASSERT_EQ(o.stop, Stop::main) << "stopped at " << stop_name(o.stop) << " " << o.error;
        EXPECT_EQ(o.resets, 0);
        EXPECT_EQ(chip.read_ram32(block + offsetof(sysboot::NoInit, request)), 0u)
            << "the stale request was not consumed";
        const std::uint32_t crumb = chip.read_ram32(block + offsetof(sysboot::NoInit, crumb));
        EXPECT_EQ(chip.read_ram32(block + offsetof(sysboot::NoInit, crumb_check)), ~crumb);
        EXPECT_EQ(crumb & 0xFFu, std::uint32_t{SYSBOOT_CRUMB_REFUSED});
        EXPECT_EQ((crumb >> 8) & 0xFFu, std::uint32_t{SYSBOOT_ERR_RESET_FAILED});
    }
}

void unknown_refused(Family f) {
    const FamilyImage img = load(f);
    ASSERT_FALSE(img.served.empty());
    std::vector<std::uint16_t> ids{kNoSuchDevId};
    for (const PartInfo* p : img.others) {
        ids.push_back(p->dev_id);
    }
    for (const std::uint16_t id : ids) {
        SCOPED_TRACE("IDCODE answers DEV_ID " + std::to_string(id));
        Chip chip(*img.served.front(), img.elf, id);  // the family's map, another DEV_ID
        const Outcome o = chip.run(1, false);
        ASSERT_EQ(o.stop, Stop::done) << "stopped at " << stop_name(o.stop) << " " << o.error;
        EXPECT_EQ(o.status, std::uint32_t{SYSBOOT_ERR_UNKNOWN_DEVICE});
        EXPECT_EQ(o.resets, 0);
    }
}

void noinit_outside_rom_ram(Family f) {
    const FamilyImage img = load(f);
    const auto block = img.elf.symbols.at(kNoInitSymbol);
    for (const PartInfo* p : img.served) {
        SCOPED_TRACE(label(*p));
        EXPECT_TRUE(p->sram.contains(block, sizeof(sysboot::NoInit)));
        EXPECT_FALSE(p->rom_ram.end() > block && p->rom_ram.base < block + 32u);
        if (p->rom_ram_extra.known()) {
            EXPECT_FALSE(p->rom_ram_extra.end() > block && p->rom_ram_extra.base < block + 32u);
        }
    }
}

#define FAMILY_RESET_TESTS(F)                 \
    TEST(F, ReachesTheRomThroughOneReset) {   \
        reaches_the_rom(Family::F);           \
    }                                         \
    TEST(F, StaleRequestAtPowerOnIsRefused) { \
        stale_request_refused(Family::F);     \
    }                                         \
    TEST(F, UnknownDevIdIsRefused) {          \
        unknown_refused(Family::F);           \
    }                                         \
    TEST(F, NoInitBlockOutsideRomRam) {       \
        noinit_outside_rom_ram(Family::F);    \
    }

FAMILY_RESET_TESTS(C0)
FAMILY_RESET_TESTS(F0)
FAMILY_RESET_TESTS(F1)
FAMILY_RESET_TESTS(F2)
FAMILY_RESET_TESTS(F3)
FAMILY_RESET_TESTS(F4)
FAMILY_RESET_TESTS(F7)
FAMILY_RESET_TESTS(G0)
FAMILY_RESET_TESTS(G4)
FAMILY_RESET_TESTS(H5)
FAMILY_RESET_TESTS(H7)
FAMILY_RESET_TESTS(L0)
FAMILY_RESET_TESTS(L1)
FAMILY_RESET_TESTS(L4)
FAMILY_RESET_TESTS(L5)
FAMILY_RESET_TESTS(U5)
FAMILY_RESET_TESTS(WB)
FAMILY_RESET_TESTS(WL)

}  // namespace
}  // namespace family_reset
