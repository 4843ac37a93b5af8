// The identification registers the model's CPU reads, per STM32F7 line: CPUID (the Cortex-M7
// revision the line carries) and the L1 cache geometry CCSIDR reports for CSSELR's choice.
// Expected values: Cortex-M7 TRM (DDI0489) §3.2 and §4.1; RM0385/RM0410/RM0431 §1 (cache
// sizes); ST's CMSIS device headers (__CM7_REV). docs/stm32-model.md lists them.
#include <gtest/gtest.h>
#include <unicorn/unicorn.h>

#include <cstdint>
#include <iterator>
#include <vector>

#include "f7model/model.hpp"

namespace f7model {
namespace {

constexpr std::uint32_t kCode = 0x20010000;
constexpr std::uint32_t kCpuid = 0xE000ED00, kCsselr = 0xE000ED84;

struct Line {
    Part part;
    std::uint32_t cpuid;
    std::uint32_t cache_kib;  // I and D the same size on every F7 line
};
const Line kLines[] = {
    {Part::f74x, 0x410FC271, 4},   // r0p1
    {Part::f76x, 0x411FC270, 16},  // r1p0
    {Part::f72x, 0x411FC270, 8},   // r1p0
    // STM32H7: H743 r1p1 (CMSIS stm32h743xx.h __CM7_REV 0x0101), 16 + 16 KiB (RM0433 §1);
    // H723 r1p2 (stm32h723xx.h), 32 + 32 KiB (RM0468 §1).
    {Part::h743, 0x411FC271, 16},
    {Part::h723, 0x411FC272, 32},
};

// Runs `halfwords` then `b .` at kCode on the model's CPU.
void run_code(Model& m, std::vector<std::uint16_t> halfwords) {
    halfwords.push_back(0xE7FE);
    std::vector<std::uint8_t> bytes;
    for (std::uint16_t h : halfwords) {
        bytes.push_back(static_cast<std::uint8_t>(h & 0xFFu));
        bytes.push_back(static_cast<std::uint8_t>(h >> 8));
    }
    m.write_memory(kCode, bytes);
    m.set_cpu(UC_ARM_REG_PC, kCode);
    ASSERT_EQ(m.run(halfwords.size() + 4), Stop::budget) << m.fault_message();
}

Config config_for(Part p) {
    Config c;
    c.part = p;
    return c;
}

// The F4, G4 and L4 parts run on the Cortex-M4 model: CPUID r0p1 (Cortex-M4 TRM §3.2; ST's
// CMSIS __CM4_REV 0x0001 in stm32f4xx, stm32g474xx.h and stm32l476xx.h), no cache
// identification (CLIDR reads 0).
const Line kF4Lines[] = {
    {Part::f446, 0x410FC241, 0},
    {Part::f411, 0x410FC241, 0},
    {Part::g474, 0x410FC241, 0},
    {Part::l476, 0x410FC241, 0},
};

TEST(F7ModelPart, CpuidIsTheLinesCortexM7Revision) {
    std::vector<Line> lines(std::begin(kLines), std::end(kLines));
    lines.insert(lines.end(), std::begin(kF4Lines), std::end(kF4Lines));
    for (const Line& l : lines) {
        Model m(config_for(l.part));
        m.power_on();
        m.set_cpu(UC_ARM_REG_R1, kCpuid);
        run_code(m, {0x6808});  // ldr r0, [r1]
        EXPECT_EQ(m.cpu(UC_ARM_REG_R0), l.cpuid) << part_info(l.part).name;
        EXPECT_EQ(m.peek(kCpuid), l.cpuid) << part_info(l.part).name;
    }
}

// CCSIDR (DDI0403E §B4.8.3): NumSets-1 [27:13], Associativity-1 [12:3], LineSize [2:0] =
// log2(words per line) - 2. The D-cache is 4-way, the I-cache 2-way, both 32-byte lines.
TEST(F7ModelPart, CacheGeometryMatchesTheLine) {
    for (const Line& l : kLines) {
        for (std::uint32_t icache : {0u, 1u}) {
            Model m(config_for(l.part));
            m.power_on();
            m.set_cpu(UC_ARM_REG_R0, icache);
            m.set_cpu(UC_ARM_REG_R1, kCsselr);
            run_code(m, {0x6008, 0xF851, 0x2C04});  // str r0, [r1] ; ldr.w r2, [r1, #-4]
            const std::uint32_t ccsidr = m.cpu(UC_ARM_REG_R2);
            const std::uint32_t sets = ((ccsidr >> 13) & 0x7FFFu) + 1u;
            const std::uint32_t ways = ((ccsidr >> 3) & 0x3FFu) + 1u;
            const std::uint32_t line = 16u << (ccsidr & 7u);
            const char* name = part_info(l.part).name;
            EXPECT_EQ(ways, icache != 0 ? 2u : 4u) << name << (icache ? " I" : " D");
            EXPECT_EQ(line, 32u) << name;
            EXPECT_EQ(sets * ways * line, l.cache_kib * 1024u) << name << (icache ? " I" : " D");
            EXPECT_EQ(ccsidr >> 28, 0xFu) << name << ": WT, WB, RA, WA all supported";
        }
    }
}

// STM32H7 identity as the CPU reads it: DBGMCU_IDCODE at 0x5C001000 (not 0xE0042000), the ROM's
// vector table at 0x1FF09800 holding an MSP inside the ROM's DTCM block, and the start of
// system memory (0x1FF00000) not being a vector table (the family table's sources,
// docs/families.md). Flash size register at 0x1FF1E880 (CMSIS FLASHSIZE_BASE).
TEST(F7ModelPart, H7IdentityAndRomVectorsWhereTheCpuReadsThem) {
    const struct {
        Part part;
        std::uint32_t dev_id, flash_kib;
    } parts[] = {{Part::h743, 0x450, 2048}, {Part::h723, 0x483, 1024}};
    for (const auto& p : parts) {
        Model m(config_for(p.part));
        m.power_on();
        m.set_cpu(UC_ARM_REG_R1, 0x5C001000);
        m.set_cpu(UC_ARM_REG_R3, 0x1FF09800);
        m.set_cpu(UC_ARM_REG_R5, 0x1FF00000);
        m.set_cpu(UC_ARM_REG_R7, 0x1FF1E880);
        // ldr r0,[r1] ; ldr r2,[r3] ; ldr r4,[r5] ; ldrh r6,[r7]
        run_code(m, {0x6808, 0x681A, 0x682C, 0x883E});
        const char* name = part_info(p.part).name;
        EXPECT_EQ(m.cpu(UC_ARM_REG_R0) & 0xFFFu, p.dev_id) << name;
        EXPECT_GE(m.cpu(UC_ARM_REG_R2), 0x20000000u) << name;
        EXPECT_LT(m.cpu(UC_ARM_REG_R2), 0x20004100u) << name;
        EXPECT_EQ(m.cpu(UC_ARM_REG_R2) % 8u, 0u) << name;
        EXPECT_EQ(m.cpu(UC_ARM_REG_R4), 0u) << name << ": 0x1FF00000 is no vector table";
        EXPECT_EQ(m.cpu(UC_ARM_REG_R6), p.flash_kib) << name;
    }
}

}  // namespace
}  // namespace f7model
