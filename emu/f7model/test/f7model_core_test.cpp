// The CPU under the STM32 model's F7 parts is Unicorn's Cortex-M7 (Armv7E-M with FPv5), not
// the Cortex-M33 (Armv8-M Mainline) Unicorn builds when opened with UC_MODE_MCLASS
// (docs/stm32-model.md).
// Each test runs a few hand-assembled Thumb instructions on the model's CPU and asserts on
// what it did: Armv8-M-only instructions must be undefined or absent, Armv7E-M ones execute.
#include <gtest/gtest.h>
#include <unicorn/unicorn.h>

#include <cstdint>
#include <string>
#include <vector>

#include "f7model/model.hpp"

namespace f7model {
namespace {

constexpr std::uint32_t kCode = 0x20010000;  // SRAM1 (RM0410 §2.2.2), above the test's data
constexpr std::uint32_t kData = 0x20000100;
constexpr std::uint16_t kBranchToSelf = 0xE7FE;  // b .

// Loads `halfwords` (Thumb, in execution order) followed by `b .` at kCode and runs them.
Stop run_code(Model& m, std::vector<std::uint16_t> halfwords) {
    halfwords.push_back(kBranchToSelf);
    std::vector<std::uint8_t> bytes;
    for (std::uint16_t h : halfwords) {
        bytes.push_back(static_cast<std::uint8_t>(h & 0xFFu));
        bytes.push_back(static_cast<std::uint8_t>(h >> 8));
    }
    m.write_memory(kCode, bytes);
    m.set_cpu(UC_ARM_REG_SP, 0x20008000);
    m.set_cpu(UC_ARM_REG_PC, kCode);
    return m.run(halfwords.size() + 4);  // every instruction once, then a few `b .`
}

// SDIV is Armv7-M (absent from Armv6-M), so the core is at least Armv7-M.
TEST(F7ModelCore, ArmV7mDivideExecutes) {
    Model m(Config{});
    m.set_cpu(UC_ARM_REG_R1, static_cast<std::uint32_t>(-9));
    m.set_cpu(UC_ARM_REG_R2, 2);
    EXPECT_EQ(run_code(m, {0xFB91, 0xF0F2}), Stop::budget) << m.fault_message();  // sdiv r0,r1,r2
    EXPECT_EQ(m.cpu(UC_ARM_REG_R0), static_cast<std::uint32_t>(-4));  // rounds towards zero
}

// LDA (load-acquire) exists only from Armv8-M (DDI0553 §C2.4); on Armv7-M the encoding
// 0xE8D1 0x0FAF is UNDEFINED, so the model stops with an invalid instruction at the LDA.
TEST(F7ModelCore, ArmV8mLoadAcquireIsUndefined) {
    Model m(Config{});
    m.write_memory(kData, {0x78, 0x56, 0x34, 0x12});
    m.set_cpu(UC_ARM_REG_R0, 0);
    m.set_cpu(UC_ARM_REG_R1, kData);
    EXPECT_EQ(run_code(m, {0xE8D1, 0x0FAF}), Stop::fault);  // lda r0, [r1]
    EXPECT_NE(m.fault_message().find("UC_ERR_INSN_INVALID"), std::string::npos)
        << m.fault_message();
    EXPECT_EQ(m.cpu(UC_ARM_REG_PC), kCode);
    EXPECT_EQ(m.cpu(UC_ARM_REG_R0), 0u) << "the load happened: an Armv8-M core";
}

// MSPLIM (SYSm 10) is an Armv8-M stack limit register; on Armv7-M there is no such register
// (DDI0403E §B5.1.1 lists SYSm 0-20 without it), so the value written does not come back.
TEST(F7ModelCore, ArmV8mStackLimitRegisterIsAbsent) {
    Model m(Config{});
    m.set_cpu(UC_ARM_REG_R3, 0x20001230);
    m.set_cpu(UC_ARM_REG_R0, 0xFFFFFFFF);
    // msr MSPLIM, r3 ; mrs r0, MSPLIM
    EXPECT_EQ(run_code(m, {0xF383, 0x880A, 0xF3EF, 0x800A}), Stop::budget) << m.fault_message();
    EXPECT_NE(m.cpu(UC_ARM_REG_R0), 0x20001230u) << "MSPLIM held a value: an Armv8-M core";
    EXPECT_EQ(m.cpu(UC_ARM_REG_R0), 0u);
}

// The first FP instruction sets CONTROL.FPCA (bit 2, DDI0403E §B1.4.4) and nothing else: the
// Cortex-M33 also sets CONTROL.SFPA (bit 3, Armv8-M Security Extension).
TEST(F7ModelCore, FloatingPointSetsOnlyFpca) {
    Model m(Config{});
    m.set_cpu(UC_ARM_REG_R1, 0x3F800000);
    // vmov s0, r1 ; mrs r0, CONTROL
    EXPECT_EQ(run_code(m, {0xEE00, 0x1A10, 0xF3EF, 0x8014}), Stop::budget) << m.fault_message();
    EXPECT_EQ(m.cpu(UC_ARM_REG_R0), 0x4u);
}

}  // namespace
}  // namespace f7model
