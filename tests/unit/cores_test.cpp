// The hand-off on each core class (sysboot/core/caps.hpp), against the recording fake port:
// what a core lacks is never touched (Armv6-M has no SHPR1, PRIGROUP, ICTR or FPU; only the
// M7 has caches; the M0 has no VTOR and uses the chip's remap), and the Armv8-M additions
// (Non-secure refusal, stack limits) run where they exist.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fake_port.hpp"
#include "sysboot/handoff.hpp"

namespace sysboot {
namespace {

using test::BasicFakePort;
using test::Launched;
using test::Op;
namespace scb = cm7::scb;

constexpr std::uint32_t kRom = 0x1FFFEC00;  // STM32F0x0 system memory (AN2606 STM32F03xx4/6)
constexpr std::uint32_t kRomSp = 0x20000800;
constexpr std::uint32_t kRomPc = 0x1FFFF6A1;

std::vector<std::string> g_calls;

void hook_remap() {
    g_calls.push_back("remap");
}

Device device() {
    Device d{};
    d.name = "test";
    d.system_memory = {kRom, 0x0C00};
    d.rom_ram = {0x20000000, 0x800};
    d.ram = {0x20000000, 0x2000};
    d.stack_alignment = 8;
    d.hooks.map_system_memory = hook_remap;
    return d;
}

template <const core::Caps& C>
BasicFakePort<C> port_with_rom() {
    BasicFakePort<C> port;
    port.regs[kRom] = kRomSp;
    port.regs[kRom + 4] = kRomPc;
    port.regs[scb::ICTR] = 3;
    port.regs[cm7::mpu::CTRL] = cm7::mpu::CTRL_ENABLE;
    port.regs[cm7::fpu::FPCCR] = 0xC0000001;
    port.regs[scb::CCR] = scb::CCR_DC | scb::CCR_IC;
    return port;
}

// Runs the direct path to the launch and returns the port's log.
template <const core::Caps& C>
BasicFakePort<C> enter_to_launch(const Device& dev) {
    auto port = port_with_rom<C>();
    NoInit ni{};
    g_calls.clear();
    EXPECT_THROW((void)enter_with(port, dev, default_options(), ni), Launched);
    EXPECT_GE(port.find(Op::launch), 0);
    return port;
}

template <class Port>
bool wrote(const Port& port, std::uint32_t addr) {
    return port.find_write(addr) >= 0;
}

TEST(CortexM0, RemapsInsteadOfVtorAndTouchesOnlyArmv6mRegisters) {
    const auto port = enter_to_launch<core::kCortexM0>(device());
    EXPECT_EQ(g_calls, std::vector<std::string>{"remap"});
    EXPECT_FALSE(wrote(port, scb::VTOR));
    EXPECT_FALSE(wrote(port, scb::SHPR1));  // no SHPR1 on Armv6-M
    EXPECT_FALSE(wrote(port, scb::AIRCR));  // no PRIGROUP on Armv6-M
    EXPECT_TRUE(wrote(port, scb::SHPR2));
    EXPECT_TRUE(wrote(port, scb::SHPR3));
    EXPECT_TRUE(wrote(port, cm7::nvic::ICER0));
    EXPECT_FALSE(wrote(port, cm7::nvic::word(cm7::nvic::ICER0, 1)));  // one NVIC word
    EXPECT_TRUE(wrote(port, cm7::nvic::word(cm7::nvic::IPR0, 7)));    // 32 lines = 8 words
    EXPECT_FALSE(wrote(port, cm7::nvic::word(cm7::nvic::IPR0, 8)));
    EXPECT_FALSE(wrote(port, cm7::mpu::CTRL));  // the M0 has no MPU
    EXPECT_FALSE(wrote(port, cm7::fpu::FPCCR));
    EXPECT_FALSE(wrote(port, scb::CPACR));
    EXPECT_LT(port.find(Op::dcache_clean), 0);
    EXPECT_LT(port.find(Op::clear_stack_limits), 0);
}

TEST(CortexM0, WithoutARemapHookTheDeviceIsRefusedBeforeAnyChange) {
    Device dev = device();
    dev.hooks.map_system_memory = nullptr;
    auto port = port_with_rom<core::kCortexM0>();
    NoInit ni{};
    EXPECT_EQ(enter_with(port, dev, default_options(), ni), Status::bad_argument);
    EXPECT_EQ(port.writes(), 0u);
    EXPECT_LT(port.find(Op::irq_disable), 0);
}

TEST(CortexM0, TheResetPathRemapsToo) {
    auto port = port_with_rom<core::kCortexM0>();
    NoInit ni{};
    ni.set_request(kRom);
    g_calls.clear();
    EXPECT_THROW(handle_request_early_with(port, device(), ni), Launched);
    EXPECT_EQ(g_calls, std::vector<std::string>{"remap"});
    EXPECT_FALSE(wrote(port, scb::VTOR));
}

TEST(CortexM0Plus, UsesVtorAndItsMpu) {
    const auto port = enter_to_launch<core::kCortexM0Plus>(device());
    EXPECT_TRUE(g_calls.empty());
    EXPECT_TRUE(wrote(port, scb::VTOR));
    EXPECT_TRUE(wrote(port, cm7::mpu::CTRL));
    EXPECT_FALSE(wrote(port, scb::SHPR1));
}

TEST(CortexM3, NoFpuAndNoCaches) {
    const auto port = enter_to_launch<core::kCortexM3>(device());
    EXPECT_TRUE(wrote(port, scb::SHPR1));
    EXPECT_TRUE(wrote(port, scb::AIRCR));
    EXPECT_TRUE(wrote(port, cm7::nvic::word(cm7::nvic::ICER0, 3)));  // ICTR = 3: 4 words
    EXPECT_FALSE(wrote(port, cm7::fpu::FPCCR));
    EXPECT_FALSE(wrote(port, scb::CPACR));
    EXPECT_FALSE(wrote(port, scb::CCR));
    EXPECT_LT(port.find(Op::dcache_clean), 0);
    EXPECT_LT(port.find(Op::dcache_inval), 0);
}

TEST(CortexM4, FpuStateButNoCaches) {
    const auto port = enter_to_launch<core::kCortexM4>(device());
    EXPECT_TRUE(wrote(port, cm7::fpu::FPCCR));
    EXPECT_LT(port.find(Op::dcache_clean), 0);
    EXPECT_FALSE(wrote(port, scb::CCR));
}

TEST(CortexM7, AnMpuThatIsNotImplementedIsLeftAlone) {
    auto port = port_with_rom<core::kCortexM7>();
    port.regs[cm7::mpu::TYPE] = 0;  // DREGION = 0: no MPU
    NoInit ni{};
    EXPECT_THROW((void)enter_with(port, device(), default_options(), ni), Launched);
    EXPECT_FALSE(wrote(port, cm7::mpu::CTRL));
    EXPECT_GE(port.find(Op::dcache_clean), 0);
}

TEST(CortexM33, StackLimitsClearedAfterVtorAndBeforeTheLaunch) {
    const auto port = enter_to_launch<core::kCortexM33>(device());
    const int limits = port.find(Op::clear_stack_limits);
    ASSERT_GE(limits, 0);
    EXPECT_GT(limits, port.last_write(scb::VTOR));
    EXPECT_LT(limits, port.find(Op::launch));
    EXPECT_TRUE(wrote(port, cm7::fpu::FPCCR));
}

TEST(CortexM33, NonSecureCallerIsRefusedWithNothingChanged) {
    auto port = port_with_rom<core::kCortexM33>();
    port.nonsecure_v = true;
    NoInit ni{};
    EXPECT_EQ(enter_with(port, device(), default_options(), ni), Status::nonsecure);
    EXPECT_EQ(port.writes(), 0u);
    EXPECT_LT(port.find(Op::irq_disable), 0);
    Breadcrumb crumb{};
    ASSERT_TRUE(ni.breadcrumb(crumb));
    EXPECT_EQ(crumb.state, SYSBOOT_CRUMB_REFUSED);
    EXPECT_EQ(crumb.status, SYSBOOT_ERR_NONSECURE);

    // The reset path and the preflight report say the same, and neither reads the ROM.
    EXPECT_EQ(request_on_reset_with(port, device(), ni), Status::nonsecure);
    EXPECT_EQ(port.writes(), 0u);
    EXPECT_EQ(check_with(port, device(), default_options()).verdict, SYSBOOT_ERR_NONSECURE);
}

TEST(CortexM33, SecureCallerIsNotRefused) {
    auto port = port_with_rom<core::kCortexM33>();
    EXPECT_EQ(check_with(port, device(), default_options()).verdict, SYSBOOT_OK);
}

TEST(Caps, StepsPresentPerCoreMatchTheArchitecture) {
    EXPECT_FALSE(step_present(Step::vtor, core::kCortexM0));
    EXPECT_FALSE(step_present(Step::refuse_unprivileged, core::kCortexM0));
    EXPECT_TRUE(step_present(Step::refuse_unprivileged, core::kCortexM0Plus));
    EXPECT_TRUE(step_present(Step::remap, core::kCortexM0));
    EXPECT_FALSE(step_present(Step::mpu_off, core::kCortexM0));
    EXPECT_TRUE(step_present(Step::vtor, core::kCortexM0Plus));
    EXPECT_FALSE(step_present(Step::remap, core::kCortexM0Plus));
    EXPECT_FALSE(step_present(Step::fpu_state, core::kCortexM3));
    EXPECT_TRUE(step_present(Step::fpu_state, core::kCortexM4));
    EXPECT_FALSE(step_present(Step::dcache_off, core::kCortexM4));
    EXPECT_TRUE(step_present(Step::dcache_off, core::kCortexM7));
    EXPECT_FALSE(step_present(Step::stack_limits, core::kCortexM7));
    EXPECT_TRUE(step_present(Step::stack_limits, core::kCortexM33));
    EXPECT_TRUE(step_present(Step::refuse_nonsecure, core::kCortexM33));
    EXPECT_FALSE(step_present(Step::refuse_nonsecure, core::kCortexM4));
    EXPECT_FALSE(step_present(Step::fpu_state, core::without_fpu(core::kCortexM4)));
    for (const StepInfo& s : kSteps) {
        // Every step exists on some core, and the remap and vtor steps never both.
        const bool somewhere = step_present(s.step, core::kCortexM0) ||
                               step_present(s.step, core::kCortexM7) ||
                               step_present(s.step, core::kCortexM33);
        EXPECT_TRUE(somewhere) << s.name;
    }
}

}  // namespace
}  // namespace sysboot
