// Model::peek shows a register as the CPU would read it without the read's side effect; the
// CPU's own read keeps the side effect. The USART receive data register is the register where
// the two differ (RM0410 §34.8.10: reading RDR takes the received byte).
#include <gtest/gtest.h>
#include <unicorn/unicorn.h>

#include <cstdint>
#include <vector>

#include "f7model/model.hpp"

namespace f7model {
namespace {

constexpr std::uint32_t kCode = 0x20010000;
constexpr std::uint32_t kRccApb1enr = 0x40023840, kUsart3En = 1u << 18;  // RM0410 §5.3.13
constexpr std::uint32_t kUsart3 = 0x40004800;
constexpr std::uint32_t kCr1 = kUsart3 + 0x00, kIsr = kUsart3 + 0x1C, kRdr = kUsart3 + 0x24;
constexpr std::uint32_t kCr1UeRe = (1u << 0) | (1u << 2), kIsrRxne = 1u << 5;

void run_code(Model& m, std::vector<std::uint16_t> halfwords) {
    halfwords.push_back(0xE7FE);  // b .
    std::vector<std::uint8_t> bytes;
    for (std::uint16_t h : halfwords) {
        bytes.push_back(static_cast<std::uint8_t>(h & 0xFFu));
        bytes.push_back(static_cast<std::uint8_t>(h >> 8));
    }
    m.write_memory(kCode, bytes);
    m.set_cpu(UC_ARM_REG_PC, kCode);
    ASSERT_EQ(m.run(halfwords.size() + 4), Stop::budget) << m.fault_message();
}

// USART3 clocked and enabled with its receiver on, "ab" waiting.
void usart3_receiving(Model& m) {
    m.power_on();
    m.set_cpu(UC_ARM_REG_R0, kUsart3En);
    m.set_cpu(UC_ARM_REG_R1, kRccApb1enr);
    m.set_cpu(UC_ARM_REG_R2, kCr1UeRe);
    m.set_cpu(UC_ARM_REG_R3, kCr1);
    run_code(m, {0x6008, 0x601A});  // str r0, [r1] ; str r2, [r3]
    m.type(kUsart3, "ab");
}

TEST(F7ModelPeek, PeekingReceiveDataTwiceShowsTheSameByte) {
    Model m(Config{});
    usart3_receiving(m);
    EXPECT_EQ(m.peek(kRdr), static_cast<std::uint32_t>('a'));
    EXPECT_EQ(m.peek(kRdr), static_cast<std::uint32_t>('a'));
    EXPECT_NE(m.peek(kIsr) & kIsrRxne, 0u) << "the byte must still be waiting";
}

TEST(F7ModelPeek, CpuReadOfReceiveDataTakesTheByte) {
    Model m(Config{});
    usart3_receiving(m);
    const std::uint32_t seen = m.peek(kRdr);
    m.set_cpu(UC_ARM_REG_R1, kRdr);
    run_code(m, {0x6808, 0x680A});  // ldr r0, [r1] ; ldr r2, [r1]
    EXPECT_EQ(m.cpu(UC_ARM_REG_R0), seen);
    EXPECT_EQ(m.cpu(UC_ARM_REG_R2), static_cast<std::uint32_t>('b'));
    EXPECT_EQ(m.peek(kIsr) & kIsrRxne, 0u) << "both bytes were read";
    EXPECT_EQ(m.peek(kRdr), 0u);
}

}  // namespace
}  // namespace f7model
