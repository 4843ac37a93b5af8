// Host tests of the hand-off sequence against a recording fake port: order and values of
// the register writes, refusals without side effects, and the reset path.
#include <gtest/gtest.h>

#include "fake_port.hpp"
#include "sysboot/handoff.hpp"

namespace sysboot {
namespace {

using test::FakePort;
using test::Launched;
using test::Op;
namespace scb = cm7::scb;

constexpr std::uint32_t kRom = 0x1FF00000;
constexpr std::uint32_t kRomSp = 0x20003FF0;
constexpr std::uint32_t kRomPc = 0x1FF00401;

// Hooks record their calls in this log, in order with the port's ops.
std::vector<std::string> g_calls;
sysboot_status_t g_clock_result = SYSBOOT_OK;
int g_rdp = 0;
std::uint32_t g_reset_flags = 0;
bool g_watchdog = false;

sysboot_status_t hook_clocks() {
    g_calls.push_back("clocks");
    return g_clock_result;
}
sysboot_status_t hook_periph() {
    g_calls.push_back("periph");
    return SYSBOOT_OK;
}
int hook_rdp() {
    return g_rdp;
}
std::uint32_t hook_flags() {
    return g_reset_flags;
}
bool hook_watchdog() {
    return g_watchdog;
}
void hook_clear_flags() {
    g_calls.push_back("clear_flags");
    g_reset_flags = 0;
}

Device device() {
    Device d{};
    d.name = "test";
    d.system_memory = {kRom, 0xEDC0};
    d.rom_ram = {0x20000000, 0x4000};
    d.ram = {0x20000000, 0x80000};
    d.stack_alignment = 8;
    d.hooks.restore_clocks = hook_clocks;
    d.hooks.reset_peripherals = hook_periph;
    d.hooks.rdp_level = hook_rdp;
    d.hooks.reset_flags = hook_flags;
    d.hooks.clear_reset_flags = hook_clear_flags;
    d.hooks.watchdog_running = hook_watchdog;
    return d;
}

class Handoff : public ::testing::Test {
  protected:
    void SetUp() override {
        g_calls.clear();
        g_clock_result = SYSBOOT_OK;
        g_rdp = 0;
        g_reset_flags = 0;
        g_watchdog = false;
        port.regs[kRom] = kRomSp;
        port.regs[kRom + 4] = kRomPc;
        port.regs[scb::ICTR] = 3;  // 128 lines, like STM32F76x
        port.regs[scb::CCR] = scb::CCR_DC | scb::CCR_IC | scb::CCR_STKALIGN;
        port.regs[cm7::mpu::CTRL] = cm7::mpu::CTRL_ENABLE;
        port.regs[cm7::fpu::FPCCR] = 0xC0000001;
        port.regs[scb::VTOR] = 0x08000000;
        ni = NoInit{};
    }
    FakePort port;
    NoInit ni{};
    Device dev = device();
    Options opt = default_options();
};

TEST_F(Handoff, DirectPathRunsEveryStepInOrderAndLaunchesWithRomVectors) {
    bool deinit_called = false;
    opt.deinit = [](void* ctx) {
        *static_cast<bool*>(ctx) = true;
        g_calls.push_back("deinit");
    };
    opt.deinit_ctx = &deinit_called;
    try {
        (void)enter_with(port, dev, opt, ni);
        FAIL() << "enter returned";
    } catch (const Launched& l) {
        EXPECT_EQ(l.msp, kRomSp);
        EXPECT_EQ(l.pc, kRomPc);
    }
    EXPECT_TRUE(deinit_called);
    EXPECT_EQ(g_calls, (std::vector<std::string>{"deinit", "periph", "clocks", "clear_flags"}));
    const int cpsid = port.find(Op::irq_disable);
    const int systick = port.find_write(cm7::systick::CSR);
    const int icer0 = port.find_write(cm7::nvic::ICER0);
    const int icer3 = port.find_write(cm7::nvic::word(cm7::nvic::ICER0, 3));
    const int icpr3 = port.find_write(cm7::nvic::word(cm7::nvic::ICPR0, 3));
    const int icer4 = port.find_write(cm7::nvic::word(cm7::nvic::ICER0, 4));
    const int mpu = port.last_write(cm7::mpu::CTRL);
    const int dclean = port.find(Op::dcache_clean);
    const int iciallu = port.find_write(cm7::cache::ICIALLU);
    const int fpccr = port.find_write(cm7::fpu::FPCCR);
    const int vtor = port.find_write(scb::VTOR);
    const int launch = port.find(Op::launch);
    ASSERT_EQ(cpsid, 0) << "interrupts must be masked before anything changes";
    // The ROM words are read with the MPU lifted and restored (an app MPU may not map it).
    EXPECT_EQ(port.ops[static_cast<std::size_t>(port.find_write(cm7::mpu::CTRL))].value, 0u);
    EXPECT_LT(cpsid, systick);
    EXPECT_LT(systick, icer0);
    EXPECT_LT(icer3, icpr3);
    EXPECT_EQ(icer4, -1) << "ICTR says 4 words: no write past them";
    EXPECT_LT(icpr3, mpu);
    EXPECT_LT(mpu, dclean);
    EXPECT_LT(dclean, iciallu);
    EXPECT_LT(iciallu, fpccr);
    EXPECT_LT(fpccr, vtor);
    EXPECT_EQ(launch, static_cast<int>(port.ops.size()) - 1);
    EXPECT_EQ(port.read(scb::VTOR), kRom);
    EXPECT_EQ(port.read(cm7::mpu::CTRL), 0u);
    EXPECT_EQ(port.read(cm7::fpu::FPCCR), 0xC0000000u) << "LSPACT cleared, ASPEN|LSPEN kept";
    EXPECT_EQ(port.read(scb::CPACR), 0u);
    EXPECT_EQ(port.read(scb::CCR) & (scb::CCR_DC | scb::CCR_IC), 0u);
    EXPECT_EQ(port.read(scb::ICSR), scb::ICSR_PENDSTCLR | scb::ICSR_PENDSVCLR);
    int last_cpsid = -1;
    int last_cpsie = -1;
    for (std::size_t i = 0; i < port.ops.size(); ++i) {
        last_cpsid = port.ops[i].kind == Op::irq_disable ? static_cast<int>(i) : last_cpsid;
        last_cpsie = port.ops[i].kind == Op::irq_enable ? static_cast<int>(i) : last_cpsie;
    }
    EXPECT_LT(last_cpsie, last_cpsid) << "PRIMASK is cleared by launch(), not before";
    EXPECT_LT(last_cpsid, systick) << "the teardown runs with interrupts masked";
    // DSB+ISB between the VTOR write and the launch (DDI0403E §B3.2).
    EXPECT_EQ(port.ops[static_cast<std::size_t>(vtor) + 1].kind, Op::dsb);
    EXPECT_EQ(port.ops[static_cast<std::size_t>(vtor) + 2].kind, Op::isb);
    sysboot_breadcrumb_t crumb{};
    ASSERT_TRUE(ni.breadcrumb(crumb));
    EXPECT_EQ(crumb.state, SYSBOOT_CRUMB_ENTERED_ROM);
}

// enter(dev) runs the templates with DefaultOptions (compile-time constants): the hand-off must
// do exactly what it does with default_options() read at run time.
TEST_F(Handoff, DefaultOptionsConstantsDoWhatDefaultOptionsDo) {
    FakePort with_constants = port;
    NoInit ni_constants{};
    EXPECT_THROW((void)enter_with(port, dev, default_options(), ni), Launched);
    const std::vector<std::string> calls = g_calls;
    g_calls.clear();
    EXPECT_THROW((void)enter_with(with_constants, dev, DefaultOptions{}, ni_constants), Launched);
    EXPECT_EQ(g_calls, calls);
    ASSERT_EQ(with_constants.ops.size(), port.ops.size());
    for (std::size_t i = 0; i < port.ops.size(); ++i) {
        EXPECT_EQ(with_constants.ops[i].kind, port.ops[i].kind) << i;
        EXPECT_EQ(with_constants.ops[i].addr, port.ops[i].addr) << i;
        EXPECT_EQ(with_constants.ops[i].value, port.ops[i].value) << i;
    }
    // From an ISR both take the reset path.
    port.ipsr_v = with_constants.ipsr_v = 16 + 5;
    EXPECT_EQ(enter_with(port, dev, default_options(), ni), Status::reset_failed);
    EXPECT_EQ(enter_with(with_constants, dev, DefaultOptions{}, ni_constants),
              Status::reset_failed);
}

// priorities_reset: every IPR word of the implemented lines (ICTR + 1 words of 32 lines, four
// priorities per IPR word) written 0 with word stores, nothing past them.
TEST_F(Handoff, PrioritiesAreClearedWordByWordOverTheImplementedLines) {
    for (std::uint32_t a = cm7::nvic::IPR0; a < cm7::nvic::IPR0 + 4u * 40u; a += 4u) {
        port.regs[a] = 0xA0A0A0A0u;
    }
    detail::reset_priorities(port);
    std::uint32_t ipr_writes = 0;
    for (const auto& op : port.ops) {
        if (op.kind == Op::write && op.addr >= cm7::nvic::IPR0 &&
            op.addr < cm7::nvic::IPR0 + 0x200u) {
            ++ipr_writes;
            EXPECT_EQ(op.addr % 4u, 0u);
            EXPECT_EQ(op.value, 0u);
        }
    }
    EXPECT_EQ(ipr_writes, 4u * 8u) << "ICTR = 3: 4 words of 32 lines, 8 IPR words each";
    for (std::uint32_t a = cm7::nvic::IPR0; a < cm7::nvic::IPR0 + 4u * 32u; a += 4u) {
        EXPECT_EQ(port.read(a), 0u) << std::hex << a;
    }
    EXPECT_EQ(port.read(cm7::nvic::IPR0 + 4u * 32u), 0xA0A0A0A0u) << "no write past the lines";
}

TEST_F(Handoff, NeverEnabledDcacheIsInvalidatedNotCleaned) {
    port.regs[scb::CCR] = scb::CCR_STKALIGN;
    EXPECT_THROW((void)enter_with(port, dev, opt, ni), Launched);
    EXPECT_EQ(port.find(Op::dcache_clean), -1);
    EXPECT_NE(port.find(Op::dcache_inval), -1);
}

struct BadVectors {
    std::uint32_t sp;
    std::uint32_t pc;
    Status expected;
};

class Refusal : public Handoff, public ::testing::WithParamInterface<BadVectors> {};

TEST_P(Refusal, InvalidVectorsAreRefusedWithoutSideEffects) {
    port.regs[kRom] = GetParam().sp;
    port.regs[kRom + 4] = GetParam().pc;
    const auto before = port.regs;
    EXPECT_EQ(enter_with(port, dev, opt, ni), GetParam().expected);
    EXPECT_EQ(port.regs, before) << "every register as it was (the MPU is restored)";
    EXPECT_EQ(port.primask_v, 0u);
    EXPECT_TRUE(g_calls.empty());
    sysboot_breadcrumb_t crumb{};
    ASSERT_TRUE(ni.breadcrumb(crumb));
    EXPECT_EQ(crumb.state, SYSBOOT_CRUMB_REFUSED);
    EXPECT_EQ(crumb.status, to_c(GetParam().expected));
}

INSTANTIATE_TEST_SUITE_P(
    Vectors, Refusal,
    ::testing::Values(BadVectors{0xFFFFFFFF, 0xFFFFFFFF, Status::bad_stack_pointer},  // erased
                      BadVectors{0, 0, Status::bad_stack_pointer},  // absent / RDP2 read
                      BadVectors{kRomSp + 4, kRomPc, Status::bad_stack_pointer},   // misaligned
                      BadVectors{0x10000000, kRomPc, Status::bad_stack_pointer},   // not RAM
                      BadVectors{0x20080008, kRomPc, Status::bad_stack_pointer},   // past RAM
                      BadVectors{kRomSp, kRomPc & ~1u, Status::bad_reset_vector},  // even
                      BadVectors{kRomSp, 0x08000101, Status::bad_reset_vector}));  // outside

TEST_F(Handoff, RdpLevel2IsRefused) {
    g_rdp = 2;
    const auto before = port.regs;
    EXPECT_EQ(enter_with(port, dev, opt, ni), Status::rdp_level2);
    EXPECT_EQ(port.regs, before);
}

TEST_F(Handoff, StackAtTopOfRamIsAccepted) {
    port.regs[kRom] = 0x20080000;
    EXPECT_THROW((void)enter_with(port, dev, opt, ni), Launched);
}

TEST_F(Handoff, ClockTimeoutReturnsStatusAndRestoresInterrupts) {
    g_clock_result = SYSBOOT_ERR_CLOCK_TIMEOUT;
    EXPECT_EQ(enter_with(port, dev, opt, ni), Status::clock_timeout);
    EXPECT_EQ(port.primask_v, 0u) << "the app keeps running with interrupts as they were";
    EXPECT_EQ(port.find(Op::launch), -1);
    EXPECT_EQ(port.find_write(scb::VTOR), -1);
}

TEST_F(Handoff, ClockTimeoutKeepsInterruptsMaskedIfCallerHadThemMasked) {
    g_clock_result = SYSBOOT_ERR_CLOCK_TIMEOUT;
    port.primask_v = 1;
    EXPECT_EQ(enter_with(port, dev, opt, ni), Status::clock_timeout);
    EXPECT_EQ(port.primask_v, 1u);
}

TEST_F(Handoff, HandlerModeWithoutResetPathIsRefused) {
    port.ipsr_v = 16 + 5;
    opt.allow_reset_path = false;
    EXPECT_EQ(enter_with(port, dev, opt, ni), Status::handler_mode);
    EXPECT_EQ(port.writes(), 0u);
}

TEST_F(Handoff, MpuIsRestoredAfterReadingVectorsForARefusal) {
    g_rdp = 2;
    EXPECT_EQ(enter_with(port, dev, opt, ni), Status::rdp_level2);
    const int off = port.find_write(cm7::mpu::CTRL);
    const int on = port.last_write(cm7::mpu::CTRL);
    ASSERT_NE(off, on);
    EXPECT_EQ(port.ops[static_cast<std::size_t>(off)].value, 0u);
    EXPECT_EQ(port.ops[static_cast<std::size_t>(on)].value, cm7::mpu::CTRL_ENABLE);
    EXPECT_LT(port.find(Op::irq_disable), off) << "no handler may run with the MPU lifted";
}

TEST_F(Handoff, HandlerModeTakesResetPathAndGivesUpWhenNoResetComes) {
    port.ipsr_v = 16 + 5;
    EXPECT_EQ(enter_with(port, dev, opt, ni), Status::reset_failed);
    const int aircr = port.find_write(scb::AIRCR);
    ASSERT_NE(aircr, -1);
    EXPECT_EQ(port.ops[static_cast<std::size_t>(aircr)].value,
              scb::AIRCR_VECTKEY | scb::AIRCR_SYSRESETREQ);
    EXPECT_LT(port.find(Op::clean_range), aircr) << "request must reach SRAM before the reset";
    EXPECT_EQ(port.relax_count, kResetWaitIterations) << "bounded wait";
    std::uint32_t target = 0;
    EXPECT_FALSE(ni.take_request(target)) << "a failed reset leaves no request behind";
}

// F9: with refuse_with_watchdog, a running IWDG refuses the hand-off on every path, as
// check() reports; the reset path must not reset the part first.
TEST_F(Handoff, WatchdogRefusalHoldsOnTheDirectPath) {
    g_watchdog = true;
    opt.refuse_with_watchdog = true;
    EXPECT_EQ(check_with(port, dev, opt).verdict, SYSBOOT_ERR_WATCHDOG);
    EXPECT_EQ(enter_with(port, dev, opt, ni), Status::watchdog);
    EXPECT_EQ(port.find(Op::launch), -1);
}

TEST_F(Handoff, WatchdogRefusalHoldsOnTheResetPathFromAnIsr) {
    g_watchdog = true;
    opt.refuse_with_watchdog = true;
    port.ipsr_v = 16 + 5;
    const sysboot_report_t report = check_with(port, dev, opt);
    EXPECT_EQ(report.path, SYSBOOT_PATH_RESET);
    EXPECT_EQ(report.verdict, SYSBOOT_ERR_WATCHDOG);
    EXPECT_EQ(enter_with(port, dev, opt, ni), Status::watchdog);
    EXPECT_EQ(port.find_write(scb::AIRCR), -1) << "refused, yet SYSRESETREQ was written";
    std::uint32_t target = 0;
    EXPECT_FALSE(ni.take_request(target)) << "a refusal leaves no request behind";
    sysboot_breadcrumb_t crumb{};
    ASSERT_TRUE(ni.breadcrumb(crumb));
    EXPECT_EQ(crumb.state, SYSBOOT_CRUMB_REFUSED);
    EXPECT_EQ(crumb.status, SYSBOOT_ERR_WATCHDOG);
}

TEST_F(Handoff, WatchdogRefusalHoldsBeforeEscalating) {
    g_watchdog = true;
    opt.refuse_with_watchdog = true;
    port.control_v = cm7::control::nPRIV;
    static bool escalated = false;
    escalated = false;
    opt.escalate = [](const sysboot_device_t*, void*) { escalated = true; };
    EXPECT_EQ(check_with(port, dev, opt).verdict, SYSBOOT_ERR_WATCHDOG);
    EXPECT_EQ(enter_with(port, dev, opt, ni), Status::watchdog);
    EXPECT_FALSE(escalated) << "the privileged side would reset without the option";
}

TEST_F(Handoff, RunningWatchdogIsAcceptedUnlessRefused) {
    g_watchdog = true;
    port.ipsr_v = 16 + 5;
    EXPECT_EQ(enter_with(port, dev, opt, ni), Status::reset_failed);
    EXPECT_NE(port.find_write(scb::AIRCR), -1) << "default options: the ROM refreshes the IWDG";
}

TEST_F(Handoff, UnprivilegedWithoutEscalationIsRefusedWithoutTouchingTheScs) {
    port.control_v = cm7::control::nPRIV;
    EXPECT_EQ(enter_with(port, dev, opt, ni), Status::unprivileged);
    EXPECT_EQ(port.writes(), 0u);
}

TEST_F(Handoff, UnprivilegedCallsTheEscalation) {
    port.control_v = cm7::control::nPRIV | cm7::control::SPSEL;
    static const Device* seen = nullptr;
    opt.escalate = [](const sysboot_device_t* d, void*) { seen = d; };
    EXPECT_EQ(enter_with(port, dev, opt, ni), Status::unprivileged);
    EXPECT_EQ(seen, &dev);
    EXPECT_EQ(port.writes(), 0u);
}

TEST_F(Handoff, EarlyHandlerJumpsOnSoftwareResetWithRequest) {
    ni.set_request(kRom);
    g_reset_flags = SYSBOOT_RESET_SOFTWARE;
    try {
        handle_request_early_with(port, dev, ni);
        FAIL() << "no jump";
    } catch (const Launched& l) {
        EXPECT_EQ(l.msp, kRomSp);
        EXPECT_EQ(l.pc, kRomPc);
    }
    EXPECT_EQ(port.read(scb::VTOR), kRom);
    std::uint32_t t = 0;
    EXPECT_FALSE(ni.take_request(t)) << "request consumed before the jump";
}

TEST_F(Handoff, EarlyHandlerIgnoresStaleRequestAfterPowerCycle) {
    ni.set_request(kRom);
    g_reset_flags = SYSBOOT_RESET_OTHER | SYSBOOT_RESET_SOFTWARE;
    handle_request_early_with(port, dev, ni);  // returns: normal boot
    EXPECT_EQ(port.find(Op::launch), -1);
    sysboot_breadcrumb_t crumb{};
    ASSERT_TRUE(ni.breadcrumb(crumb));
    EXPECT_EQ(crumb.state, SYSBOOT_CRUMB_REFUSED);
}

TEST_F(Handoff, EarlyHandlerIgnoresHalfWrittenRequest) {
    ni.set_request(kRom);
    ni.request_check = 0;
    g_reset_flags = SYSBOOT_RESET_SOFTWARE;
    handle_request_early_with(port, dev, ni);
    EXPECT_EQ(port.find(Op::launch), -1);
}

TEST_F(Handoff, AppStartedByRomGoIsResetOnce) {
    ni.set_breadcrumb(SYSBOOT_CRUMB_ENTERED_ROM, Status::ok, SYSBOOT_PATH_DIRECT);
    g_reset_flags = 0;  // no reset since the hand-off cleared the flags
    handle_request_early_with(port, dev, ni);
    EXPECT_NE(port.find_write(scb::AIRCR), -1);
    sysboot_breadcrumb_t crumb{};
    ASSERT_TRUE(ni.breadcrumb(crumb));
    EXPECT_EQ(crumb.state, SYSBOOT_CRUMB_RETURNED);
}

TEST_F(Handoff, AppAfterRealResetIsNotResetAgain) {
    ni.set_breadcrumb(SYSBOOT_CRUMB_ENTERED_ROM, Status::ok, SYSBOOT_PATH_DIRECT);
    g_reset_flags = SYSBOOT_RESET_OTHER;
    handle_request_early_with(port, dev, ni);
    EXPECT_EQ(port.find_write(scb::AIRCR), -1);
}

TEST_F(Handoff, CheckReportsContextWithoutWriting) {
    port.control_v = cm7::control::SPSEL | cm7::control::FPCA;
    const auto before = port.regs;
    const Report r = check_with(port, dev, opt);
    EXPECT_EQ(port.regs, before);
    EXPECT_TRUE(r.on_psp);
    EXPECT_TRUE(r.privileged);
    EXPECT_TRUE(r.fp_context_active);
    EXPECT_TRUE(r.fp_lazy_pending);
    EXPECT_TRUE(r.mpu_enabled);
    EXPECT_TRUE(r.dcache_enabled);
    EXPECT_EQ(r.path, SYSBOOT_PATH_DIRECT);
    EXPECT_EQ(r.verdict, SYSBOOT_OK);
    EXPECT_EQ(r.rom_stack_pointer, kRomSp);
    port.ipsr_v = 20;
    EXPECT_EQ(check_with(port, dev, opt).path, SYSBOOT_PATH_RESET);
}

TEST(Status, NamesAreDistinctAndCApiMatches) {
    for (int i = 0; i < SYSBOOT_STATUS_COUNT_; ++i) {
        const char* name = to_string(static_cast<Status>(i));
        EXPECT_STRNE(name, "unknown_status") << i;
        EXPECT_STREQ(name, sysboot_status_name(static_cast<sysboot_status_t>(i)));
        for (int j = 0; j < i; ++j) {
            EXPECT_STRNE(name, to_string(static_cast<Status>(j)));
        }
    }
}

TEST(CacheMath, SetWayOperandMatchesArmEncoding) {
    // F76x: 16 KiB, 4 ways, 32-byte lines -> 128 sets; way in [31:30], set in [11:5].
    const auto g = cm7::cache::decode_ccsidr((127u << 13) | (3u << 3) | 1u);
    EXPECT_EQ(g.sets, 128u);
    EXPECT_EQ(g.ways, 4u);
    EXPECT_EQ(g.line_bytes, 32u);
    EXPECT_EQ(cm7::cache::set_way_operand(g, 127, 3), (3u << 30) | (127u << 5));
}

}  // namespace
}  // namespace sysboot
