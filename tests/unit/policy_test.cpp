// Protection policy (firmware/sysboot/include/sysboot/policy.hpp): with allow_rdp_level0
// false, entry is refused at RDP level 0 or an unknown level on every path, before anything
// changes, and check() reports the same verdict.
#include <gtest/gtest.h>

#include "fake_port.hpp"
#include "sysboot/handoff.hpp"

namespace sysboot {
namespace {

using test::FakePort;
using test::Launched;
using test::Op;

constexpr std::uint32_t kRom = 0x1FF00000;
int g_level = 0;
int level_hook() {
    return g_level;
}

class Policy : public ::testing::Test {
  protected:
    void SetUp() override {
        g_level = 0;
        port.regs[kRom] = 0x20003FF0;
        port.regs[kRom + 4] = 0x1FF00401;
        dev.name = "policy";
        dev.system_memory = {kRom, 0xEDC0};
        dev.rom_ram = {0x20000000, 0x4000};
        dev.ram = {0x20000000, 0x80000};
        dev.stack_alignment = 8;
        dev.hooks.rdp_level = level_hook;
        opt.allow_rdp_level0 = false;
    }
    FakePort port;
    NoInit ni{};
    Device dev{};
    Options opt = default_options();
};

TEST_F(Policy, DefaultOptionsAllowLevel0) {
    EXPECT_TRUE(default_options().allow_rdp_level0);
    opt.allow_rdp_level0 = true;
    EXPECT_THROW((void)enter_with(port, dev, opt, ni), Launched);
}

TEST_F(Policy, Level0IsRefusedWithoutSideEffectsAndReportedByCheck) {
    EXPECT_EQ(check_with(port, dev, opt).verdict, SYSBOOT_ERR_RDP_LEVEL0);
    port.ops.clear();
    EXPECT_EQ(enter_with(port, dev, opt, ni), Status::rdp_level0);
    EXPECT_EQ(port.writes(), 0u);
    sysboot_breadcrumb_t crumb{};
    ASSERT_TRUE(ni.breadcrumb(crumb));
    EXPECT_EQ(crumb.state, SYSBOOT_CRUMB_REFUSED);
    EXPECT_EQ(crumb.status, SYSBOOT_ERR_RDP_LEVEL0);
}

TEST_F(Policy, UnknownLevelCountsAsLevel0) {
    dev.hooks.rdp_level = nullptr;
    EXPECT_EQ(check_with(port, dev, opt).verdict, SYSBOOT_ERR_RDP_LEVEL0);
    EXPECT_EQ(enter_with(port, dev, opt, ni), Status::rdp_level0);
}

TEST_F(Policy, Level1IsAllowed) {
    g_level = 1;
    EXPECT_EQ(check_with(port, dev, opt).verdict, SYSBOOT_OK);
    EXPECT_THROW((void)enter_with(port, dev, opt, ni), Launched);
}

TEST_F(Policy, ResetPathAndEscalationAreRefusedToo) {
    port.ipsr_v = 16 + 3;  // handler: reset path
    EXPECT_EQ(enter_with(port, dev, opt, ni), Status::rdp_level0);
    EXPECT_EQ(port.find_write(cm7::scb::AIRCR), -1) << "no reset was requested";
    port.ipsr_v = 0;
    port.control_v = 1;  // unprivileged: escalation
    static bool escalated = false;
    opt.escalate = [](const sysboot_device_t*, void*) { escalated = true; };
    EXPECT_EQ(enter_with(port, dev, opt, ni), Status::rdp_level0);
    EXPECT_FALSE(escalated);
}

TEST(PolicyStatus, HasItsOwnName) {
    EXPECT_STREQ(sysboot_status_name(SYSBOOT_ERR_RDP_LEVEL0), "rdp_level0");
}

}  // namespace
}  // namespace sysboot
