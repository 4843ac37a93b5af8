// The G0 part of the STM32 model (docs/stm32-model.md): the CPU under it is Unicorn's
// Cortex-M0 (Armv6-M), the identification and priority registers are the Cortex-M0+'s of an
// STM32G0, and CONTROL.nPRIV, which Unicorn's M0 lacks, is held by the model and seen by the
// CPU. Each test runs hand-assembled Thumb instructions on the model's CPU.
#include <gtest/gtest.h>
#include <unicorn/unicorn.h>

#include <cstdint>
#include <string>
#include <vector>

#include "f7model/model.hpp"

namespace f7model {
namespace {

constexpr std::uint32_t kCode = 0x20004000;  // SRAM of the G071 (36 KiB from 0x20000000)
constexpr std::uint16_t kBranchToSelf = 0xE7FE;

Config g071() {
    Config c;
    c.part = Part::g071;
    return c;
}

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
    return m.run(halfwords.size() + 4);
}

// SDIV is Armv7-M; Armv6-M (DDI0419E) has no divide, so on the G0 part it is UNDEFINED: the
// core is not the Cortex-M4/M7/M33 of the other parts.
TEST(F7ModelG0Core, ArmV7mDivideIsUndefined) {
    Model m(g071());
    m.power_on();
    m.set_cpu(UC_ARM_REG_R0, 0);
    m.set_cpu(UC_ARM_REG_R1, 9);
    m.set_cpu(UC_ARM_REG_R2, 2);
    EXPECT_EQ(run_code(m, {0xFB91, 0xF0F2}), Stop::fault);  // sdiv r0, r1, r2
    EXPECT_NE(m.fault_message().find("UC_ERR_INSN_INVALID"), std::string::npos)
        << m.fault_message();
    EXPECT_EQ(m.cpu(UC_ARM_REG_R0), 0u) << "the divide happened: not an Armv6-M core";
}

// CPUID (DDI0419E §B3.2 "CPUID"): implementer 0x41, Armv6-M (0xC), part 0xC60 (Cortex-M0+),
// r0p0 as ST's CMSIS stm32g071xx.h states (__CM0PLUS_REV 0).
TEST(F7ModelG0Core, CpuidIsCortexM0Plus) {
    Model m(g071());
    m.power_on();
    m.set_cpu(UC_ARM_REG_R1, 0xE000ED00);
    EXPECT_EQ(run_code(m, {0x6808}), Stop::budget) << m.fault_message();  // ldr r0, [r1]
    EXPECT_EQ(m.cpu(UC_ARM_REG_R0), 0x410CC600u);
}

// The STM32G0's Cortex-M0+ has the Unprivileged/Privileged Extension (DDI0419E §B1.4 "CONTROL"):
// with CONTROL.nPRIV set, `mrs r0, CONTROL` reads bit 0 as 1, and 0 once it is cleared.
TEST(F7ModelG0Core, ControlNPrivIsSeenByMrs) {
    for (std::uint32_t npriv : {1u, 0u}) {
        Model m(g071());
        m.power_on();
        m.set_cpu(UC_ARM_REG_R0, 0xFFFFFFFF);
        m.set_cpu(UC_ARM_REG_CONTROL, npriv);
        EXPECT_EQ(run_code(m, {0xF3EF, 0x8014}), Stop::budget) << m.fault_message();
        EXPECT_EQ(m.cpu(UC_ARM_REG_R0) & 1u, npriv) << "mrs r0, CONTROL";
        EXPECT_EQ(m.cpu(UC_ARM_REG_CONTROL) & 1u, npriv);
    }
}

// An unprivileged access to the SCS is a fault on silicon (DDI0419E §B3.1): with nPRIV set the
// model stops at the load.
TEST(F7ModelG0Core, UnprivilegedScsAccessStops) {
    Model m(g071());
    m.power_on();
    m.set_cpu(UC_ARM_REG_CONTROL, 1);
    m.set_cpu(UC_ARM_REG_R1, 0xE000ED00);
    EXPECT_EQ(run_code(m, {0x6808}), Stop::fault);  // ldr r0, [r1]
    EXPECT_EQ(m.fault_message(), "unprivileged SCS access");
}

// Two priority bits (CMSIS __NVIC_PRIO_BITS 2): a word written to NVIC_IPR0 keeps [7:6] of
// each byte. A byte store to it is UNPREDICTABLE on Armv6-M (word access only, DDI0419E
// §B3.4) and is reported.
TEST(F7ModelG0Core, PrioritiesHaveTwoBitsAndWordAccessOnly) {
    Model m(g071());
    m.power_on();
    m.set_cpu(UC_ARM_REG_R0, 0xFFFFFFFF);
    m.set_cpu(UC_ARM_REG_R1, 0xE000E400);
    EXPECT_EQ(run_code(m, {0x6008}), Stop::budget) << m.fault_message();  // str r0, [r1]
    EXPECT_EQ(m.peek(0xE000E400), 0xC0C0C0C0u);
    EXPECT_TRUE(m.violations().empty());
    EXPECT_EQ(run_code(m, {0x7008}), Stop::budget) << m.fault_message();  // strb r0, [r1]
    ASSERT_EQ(m.violations().size(), 1u);
    EXPECT_NE(m.violations()[0].find("sub-word"), std::string::npos) << m.violations()[0];
}

}  // namespace
}  // namespace f7model
