// What the command line promises before it touches a device: options are validated once at
// the boundary (a bad one sends nothing, not even the enter command), the whole plan is
// checked before the first erase, Go only starts a vector table, messages say truthfully
// what happened to the device, and Ctrl-C stops between blocks with a way to resume.
#include <gtest/gtest.h>

#include "cli/cli.hpp"
#include "cli_board.hpp"
#include "sysboot/an3155/pose.hpp"

using namespace sysboot;

namespace {

constexpr uint32_t kBase = 0x08000000;

using test::Board;

host::FakeRomOptions app_running() {
    host::FakeRomOptions o;
    o.start_in_app = true;
    return o;
}

bool has(const std::string& text, const std::string& what) {
    return text.find(what) != std::string::npos;
}

// ---------------------------------------------------------------- validation at the boundary

TEST(CliValidation, BadPidWithEnterSendsNothing) {
    for (const char* pid : {"banana", "0x999", "0x10000"}) {
        Board b(app_running());
        test::TempFile bin("fw.bin", test::firmware(256, kBase));
        auto r = b.run({"--pid", pid, "flash", "--enter", bin.path(), "--address", "0x08000000"});
        EXPECT_EQ(r.code, 1) << pid << ": " << r.err;
        EXPECT_TRUE(has(r.err, "sysboot: error:")) << r.err;
        EXPECT_TRUE(has(r.err, "--pid")) << r.err;
        EXPECT_EQ(b.rom.host_bytes(), 0u) << pid;
        EXPECT_TRUE(b.rom.in_app()) << pid << ": the application was sent away";
        EXPECT_EQ(b.rom.app_input(), "") << pid;
    }
}

TEST(CliValidation, BadFlashBaseIsAnErrorInEveryCommand) {
    test::TempFile bin("fw.bin", test::firmware(256, kBase));
    const std::vector<std::vector<std::string>> commands = {
        {"enter"},
        {"info"},
        {"read", "0x08000000", "16"},
        {"erase", "--sectors", "0"},
        {"verify", bin.path(), "--address", "0x08000000"},
        {"go"},
        {"flash", bin.path(), "--address", "0x08000000"},
    };
    for (const auto& cmd : commands) {
        Board b(app_running());
        std::vector<std::string> args = {"--flash-base", "0x6000000G"};
        args.insert(args.end(), cmd.begin(), cmd.end());
        auto r = b.run(args);
        EXPECT_EQ(r.code, 1) << cmd.front() << ": " << r.err;
        EXPECT_TRUE(has(r.err, "--flash-base")) << r.err;
        EXPECT_EQ(b.rom.host_bytes(), 0u) << cmd.front();
    }
}

TEST(CliValidation, NumbersBaudAndPidAreCheckedByTheParser) {
    Board b;
    for (const std::vector<std::string>& args :
         std::vector<std::vector<std::string>>{{"--baud", "12345", "info"},
                                               {"--baud", "0", "info"},
                                               {"read", "0x60000000", "0"},
                                               {"read", "0x60000000", "lots"},
                                               {"--pid", "banana", "info"},
                                               {"--enter-parity", "odd", "enter"},
                                               {"erase", "--sectors", "3-1"}}) {
        auto r = b.run(args);
        EXPECT_EQ(r.code, 1) << args.front() << " " << r.err;
        EXPECT_TRUE(has(r.err, "sysboot: error: ")) << r.err;
    }
    EXPECT_EQ(b.rom.host_bytes(), 0u);
    auto j = b.run({"--json", "--baud", "12345", "info"});
    EXPECT_EQ(j.code, 1);
    EXPECT_TRUE(has(j.out, "\"ok\":false")) << j.out;
    EXPECT_TRUE(has(j.out, "\"exit_code\":1")) << j.out;
    EXPECT_TRUE(has(j.out, "12345")) << j.out;
}

TEST(CliValidation, UnknownCommandIsNamed) {
    Board b;
    auto r = b.run({"bogus"});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(has(r.err, "unknown command 'bogus'")) << r.err;
    EXPECT_TRUE(has(r.err, "flash")) << r.err;
}

TEST(CliValidation, OptionOfAnotherCommandGetsASuggestion) {
    Board b;
    test::TempFile bin("fw.bin", test::firmware(256, kBase));
    auto r = b.run({"flash", bin.path(), "--address", "0x08000000", "--method", "crc"});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(has(r.err, "flash chooses its check with --verify")) << r.err;
    // verify --method crc against a V3.1 ROM (no Get Checksum): the right option is named.
    auto v = b.run({"verify", bin.path(), "--address", "0x08000000", "--method", "crc"});
    EXPECT_EQ(v.code, 5);
    EXPECT_TRUE(has(v.err, "verify --method readback")) << v.err;
}

TEST(CliValidation, PidOptionIsHonouredByInfo) {
    Board b;  // the fake answers Get ID with 0x451
    auto r = b.run({"--pid", "0x449", "info"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(has(r.out, "STM32F74xxx/75xxx (PID 0x449, from --pid)")) << r.out;
}

TEST(CliValidation, VersionIsTheProjectVersion) {
    Board b;
    auto r = b.run({"--version"});
    EXPECT_EQ(r.code, 0);
    EXPECT_EQ(r.out, std::string("sysboot ") + SYSBOOT_TEST_PROJECT_VERSION + "\n");
}

// Records the address of every Write Memory command that goes out (AN3155: 0x31 0xCE, then
// the address as 4 bytes big-endian and their XOR).
class RecordWrites final : public test::ForwardingTransport {
  public:
    RecordWrites(std::unique_ptr<host::Transport> inner, std::vector<uint32_t>& addresses)
        : ForwardingTransport(std::move(inner)), addresses_(addresses) {}
    host::Status write(std::span<const uint8_t> data) override {
        if (next_is_address_ && data.size() == 5) {
            addresses_.push_back(uint32_t{data[0]} << 24 | uint32_t{data[1]} << 16 |
                                 uint32_t{data[2]} << 8 | data[3]);
        }
        next_is_address_ = data.size() == 2 && data[0] == 0x31 && data[1] == 0xCE;
        return ForwardingTransport::write(data);
    }

  private:
    std::vector<uint32_t>& addresses_;
    bool next_is_address_ = false;
};

// ---------------------------------------------------------------- the plan before the erase

// The part's flash is at 0x60000000 (the emulated board), the user forgot --flash-base:
// the plan looks fine for an F76x at 0x08000000, but the ROM refuses to read there.
TEST(CliPlan, AddressTheRomCannotReadErasesNothing) {
    host::FakeRomOptions o;
    o.flash.base = 0x60000000;
    Board b(o);
    test::TempFile bin("small.bin", test::firmware(512, kBase));
    auto r = b.run({"flash", bin.path(), "--address", "0x08000000"});
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_TRUE(has(r.err, "--flash-base")) << r.err;
    EXPECT_TRUE(has(r.err, "nothing on the device was changed")) << r.err;
    EXPECT_EQ(b.erased(), 0u);
    EXPECT_EQ(b.written(), 0u);
}

// AN2606 "Programming constraints": on STM32F7 every Write Memory starts 8-byte aligned.
TEST(CliPlan, WritesStartEightByteAlignedOnF7) {
    Board b;
    // A segment that starts 4-aligned but not 8-aligned, and ends mid-word.
    auto data = test::pattern(0x1F6, 3);
    test::TempFile hex("odd.hex", test::make_ihex({{kBase + 0x8004, data}}));
    std::vector<uint32_t> writes;
    auto wrap =
        [&writes](std::unique_ptr<host::Transport> link) -> std::unique_ptr<host::Transport> {
        return std::make_unique<RecordWrites>(std::move(link), writes);
    };
    auto r = test::run_cli(b.rom, b.clock, {"--port", "fake", "flash", hex.path(), "--no-go"}, wrap,
                           nullptr);
    ASSERT_EQ(r.code, 0) << r.err;
    const auto got = std::vector<uint8_t>(b.rom.flash().begin() + 0x8004,
                                          b.rom.flash().begin() + 0x8004 + data.size());
    EXPECT_EQ(got, data);
    for (uint32_t a : writes) {
        EXPECT_EQ(a % 8, 0u) << std::hex << a;
    }
    EXPECT_EQ(writes.size(), 2u);  // 0x08008000 (padded) and 0x08008100
}

TEST(CliPlan, GoAddressThatIsNoVectorTableIsRefusedBeforeTheErase) {
    host::FakeRomOptions o = app_running();
    o.flash.base = 0x60000000;
    Board b(o);
    test::TempFile bin("small.bin", test::pattern(256, 5));
    auto r = b.run(
        {"--flash-base", "0x60000000", "flash", "--enter", "--address", "0x60000001", bin.path()});
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_TRUE(has(r.err, "not a vector table")) << r.err;
    EXPECT_TRUE(has(r.err, "has left for the ROM bootloader")) << r.err;
    EXPECT_EQ(b.erased(), 0u);
    EXPECT_FALSE(b.rom.go_address().has_value());
    // The override starts it anyway, for the rare user who needs it.
    Board c;
    test::TempFile raw("raw.bin", test::pattern(256, 5));
    auto f = c.run({"flash", raw.path(), "--address", "0x08000000", "--no-vector-check"});
    EXPECT_EQ(f.code, 0) << f.err;
    EXPECT_EQ(c.rom.go_address(), kBase);
}

TEST(CliPlan, GoCommandChecksTheVectorTableOnTheDevice) {
    Board b;  // erased flash: word 0 is 0xFFFFFFFF
    auto r = b.run({"go"});
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_TRUE(has(r.err, "stack pointer 0xFFFFFFFF")) << r.err;
    EXPECT_FALSE(b.rom.go_address().has_value());
    test::TempFile bin("fw.bin", test::firmware(256, kBase));
    ASSERT_EQ(b.run({"flash", bin.path(), "--address", "0x08000000", "--no-go"}).code, 0);
    auto g = b.run({"go"});
    EXPECT_EQ(g.code, 0) << g.err;
    EXPECT_EQ(b.rom.go_address(), kBase);
}

// ---------------------------------------------------------------- truthful messages

TEST(CliMessages, InfoPrintsWhatItLearnedBeforeAFailure) {
    Board b;
    b.rom.faults().nack_steps.push_back(
        {an3155::State::Complement, an3155::code(an3155::Command::GetId), 0, -1});
    auto r = b.run({"info"});
    EXPECT_EQ(r.code, 5) << r.err;
    EXPECT_TRUE(has(r.out, "bootloader   v3.1")) << r.out;
    EXPECT_TRUE(has(r.out, "commands     0x00 Get")) << r.out;
}

TEST(CliMessages, NothingSentOnlyWhenTrue) {
    Board b;
    test::TempFile big("big.bin", test::firmware(0x1000, kBase));
    // Past the end of every known part (the largest, STM32U59x/5Ax, has 4 MiB), so the image
    // is refused before the tool opens the port.
    auto before = b.run({"flash", big.path(), "--address", "0x083FF800"});
    EXPECT_EQ(before.code, 2);
    EXPECT_TRUE(has(before.err, "nothing was sent to the device")) << before.err;
    EXPECT_EQ(b.rom.host_bytes(), 0u);
}

// ---------------------------------------------------------------- Ctrl-C

// Sets the stop flag once `after` Write Memory commands have gone out.
class StopAfterWrites final : public test::ForwardingTransport {
  public:
    StopAfterWrites(std::unique_ptr<host::Transport> inner, std::atomic<bool>& stop, int after)
        : ForwardingTransport(std::move(inner)), stop_(stop), after_(after) {}
    host::Status write(std::span<const uint8_t> data) override {
        if (data.size() == 2 && data[0] == 0x31 && data[1] == 0xCE && --after_ == 0) {
            stop_ = true;
        }
        return ForwardingTransport::write(data);
    }

  private:
    std::atomic<bool>& stop_;
    int after_;
};

TEST(CliStop, CtrlCStopsAfterTheBlockAndResumeFinishes) {
    Board b;
    const auto fw = test::firmware(0x1000, kBase, 11);
    test::TempFile bin("fw.bin", fw);
    std::atomic<bool> stop{false};
    auto wrap = [&stop](std::unique_ptr<host::Transport> link) -> std::unique_ptr<host::Transport> {
        return std::make_unique<StopAfterWrites>(std::move(link), stop, 3);
    };
    auto r = test::run_cli(
        b.rom, b.clock,
        {"--port", "fake", "--json", "flash", bin.path(), "--address", "0x08000000"}, wrap, &stop);
    EXPECT_EQ(r.code, 8) << r.err;
    EXPECT_TRUE(has(r.err, "stopped after 3 of 16 blocks")) << r.err;
    EXPECT_TRUE(has(r.err, "--resume")) << r.err;
    EXPECT_TRUE(has(r.out, "\"cause\":\"interrupted\"")) << r.out;
    EXPECT_EQ(b.written(), 3u * 256);
    EXPECT_FALSE(b.rom.go_address().has_value());
    auto again = b.run({"flash", bin.path(), "--address", "0x08000000", "--resume"});
    ASSERT_EQ(again.code, 0) << again.err;
    EXPECT_TRUE(std::equal(fw.begin(), fw.end(), b.rom.flash().begin()));
    EXPECT_EQ(b.rom.go_address(), kBase);
}

TEST(CliStop, ExitCodeEightIsInTheHelp) {
    Board b;
    auto r = b.run({"--help"});
    EXPECT_TRUE(has(r.out, "8  interrupted")) << r.out;
}

}  // namespace

namespace {

// Forgetting --enter: the application's console answers the sync byte with text. The tool
// stops at once, sends nothing more, and says what to add.
TEST(CliForgotEnter, ConsoleTextStopsAtOnce) {
    host::FakeRomOptions o = app_running();
    o.app_answer_to_sync = "\r\nthis is the application console\r\n> ";
    Board b(o);
    const auto start = b.clock.now();
    auto r = b.run({"info"});
    EXPECT_EQ(r.code, 4) << r.err;
    EXPECT_TRUE(has(r.err, "the application answered")) << r.err;
    EXPECT_TRUE(has(r.err, "add --enter")) << r.err;
    EXPECT_EQ(b.rom.app_input(), "\x7F");  // one sync byte, nothing after it
    EXPECT_LT(b.clock.now() - start, std::chrono::seconds(1));
}

// A console that ignores 0x7F: after the sync attempts, no filler goes into it.
TEST(CliForgotEnter, SilentConsoleGetsNoFiller) {
    Board b(app_running());
    auto r = b.run({"info"});
    EXPECT_EQ(r.code, 4) << r.err;
    EXPECT_TRUE(has(r.err, "add --enter")) << r.err;
    EXPECT_EQ(b.rom.app_input(), std::string(5, '\x7F'));
}

}  // namespace

namespace {

TEST(CliMessages, DevNullAsAPortGetsATrueReason) {
    auto r = test::run_cli_real({"--port", "/dev/null", "info"});
    EXPECT_EQ(r.code, 3) << r.err;
    EXPECT_TRUE(has(r.err, "/dev/null: not a serial port: a character device")) << r.err;
    EXPECT_FALSE(has(r.err, "No such file")) << r.err;
}

}  // namespace

namespace {

// One DEV_ID, many flash sizes and an F76x in dual-bank mode: the tool plans on what the
// device says, not on the largest part of the line.
host::FakeRomOptions posing_as(unsigned pose) {
    host::FakeRomOptions o;
    EXPECT_TRUE(an3155::apply_pose(an3155::kPoses[pose], o.config, o.flash));
    return o;
}

TEST(CliLayout, InfoShowsTheLayoutOfEverySmallerPartAndTheDualBankMap) {
    const struct {
        unsigned pose;
        const char* flash;
    } cases[] = {
        {1, "1024 KiB, 8 sectors (4x32K, 1x128K, 3x256K)"},
        {2, "2048 KiB, 24 sectors"},
        {3, "512 KiB, 6 sectors"},
        {4, "256 KiB, 6 sectors"},
        {5, "64 KiB, 4 sectors"},
    };
    for (const auto& c : cases) {
        Board b(posing_as(c.pose));
        auto r = b.run({"info"});
        ASSERT_EQ(r.code, 0) << c.pose << r.err;
        EXPECT_TRUE(has(r.out, c.flash)) << c.pose << "\n" << r.out;
        EXPECT_TRUE(has(r.out, "read from the device")) << r.out;
    }
}

TEST(CliLayout, APlanPastTheEndOfASmallerPartErasesNothing) {
    Board b(posing_as(4));  // STM32F72x with 256 KiB: flash ends at 0x08040000
    test::TempFile bin("fw.bin", test::firmware(0x2000, 0x0803F000));
    auto r = b.run({"flash", bin.path(), "--address", "0x0803F000", "--no-go"});
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_TRUE(has(r.err, "outside the flash")) << r.err;
    EXPECT_TRUE(has(r.err, "0x0803FFFF")) << r.err;
    EXPECT_EQ(b.erased(), 0u);
}

TEST(CliLayout, DualBankErasesTheSectorsOfTheDualBankMap) {
    Board b(posing_as(2));  // 2 MiB F76x, nDBANK = 0: 16 KiB sectors at the start
    const auto fw = test::firmware(0x5000, kBase);  // 20 KiB: sectors 0 and 1 of 16 KiB
    test::TempFile bin("fw.bin", fw);
    auto r = b.run({"--json", "flash", bin.path(), "--address", "0x08000000", "--no-go"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(has(r.out, "\"erased_sectors\":[0,1]")) << r.out;
    EXPECT_TRUE(std::equal(fw.begin(), fw.end(), b.rom.flash().begin()));
}

TEST(CliLayout, FlashSizeMustMatchTheDeviceAndIsNeededWhenItCannotBeRead) {
    Board b(posing_as(3));
    auto wrong = b.run({"--flash-size", "1M", "info"});
    EXPECT_EQ(wrong.code, 0) << wrong.err;  // info still prints; the layout line says why
    EXPECT_TRUE(has(wrong.out, "but the device says 512 KiB")) << wrong.out;
    test::TempFile bin("fw.bin", test::firmware(256, kBase));
    auto f = b.run({"--flash-size", "1M", "flash", bin.path(), "--address", "0x08000000"});
    EXPECT_EQ(f.code, 1) << f.err;
    EXPECT_EQ(b.erased(), 0u);
}

}  // namespace
