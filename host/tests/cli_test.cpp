// The whole `sysboot` command line against the in-process fake ROM: flash flows, errors and
// their exit codes, --resume, --enter, JSON output.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "cli/cli.hpp"
#include "cli/parse.hpp"
#include "cli_board.hpp"

using namespace sysboot;
using test::run_cli;

namespace {

constexpr uint32_t kBase = 0x08000000;

using test::Board;

host::FakeRomOptions crc_rom() {
    host::FakeRomOptions o;
    o.config.get_checksum = true;
    return o;
}

// An ELF like the example application: vectors + code in sector 0, more code in sector 1,
// initialised data stored after the code, and a .bss.
struct AppElf {
    std::vector<uint8_t> text = test::firmware(0x9000, kBase, 7);  // spills into sector 1
    std::vector<uint8_t> data = test::pattern(0x100, 8);
    std::vector<uint8_t> file() const {
        std::vector<test::ElfSegment> segs;
        segs.push_back({1, kBase, kBase, text, 0});
        segs.push_back({1, kBase + 0x9000, 0x20000000, data, 0x400});
        return test::make_elf(segs, kBase + 0x1C1);
    }
};

std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) {
        ++n;
    }
    return n;
}

}  // namespace

TEST(Cli, HelpNamesEveryCommandAndExitCode) {
    Board b;
    auto r = b.run({"--help"});
    EXPECT_EQ(r.code, 0);
    for (const char* word :
         {"enter", "info", "flash", "read", "erase", "verify", "go", "--port", "--baud",
          "--timeout-ms", "--write-timeout-ms", "--erase-timeout-ms", "--json", "--quiet",
          "--verbose", "--flash-base", "Exit codes:", "7  refused"}) {
        EXPECT_NE(r.out.find(word), std::string::npos) << word;
    }
    auto f = b.run({"flash", "--help"});
    EXPECT_EQ(f.code, 0);
    for (const char* word : {"--address", "--verify", "--no-go", "--resume", "--enter"}) {
        EXPECT_NE(f.out.find(word), std::string::npos) << word;
    }
}

TEST(Cli, UsageErrorsExit1) {
    Board b;
    EXPECT_EQ(b.run({"frobnicate"}).code, 1);
    EXPECT_EQ(b.run({"flash"}).code, 1);  // FILE missing
    EXPECT_EQ(b.run({"flash", "x.elf", "--verify", "sometimes"}).code, 1);
    EXPECT_EQ(b.run({"erase"}).code, 1);  // neither --sectors nor --all
    EXPECT_EQ(b.run({"erase", "--sectors", "1-"}).code, 1);
    EXPECT_EQ(b.run({"read", "0x08000000", "lots"}).code, 1);
    EXPECT_EQ(b.run({"read", "0", "0xFFFFFFFF"}).code, 1);
    EXPECT_EQ(b.run({"read", "0xFFFFFF00", "0x200"}).code, 1);
    test::TempFile bin("u.bin", test::pattern(16));
    EXPECT_EQ(b.run({"flash", bin.path()}).code, 1);  // .bin without --address
    EXPECT_EQ(b.rom.host_bytes(), 0u);
}

TEST(Cli, InfoShowsPartVersionCommandsAndRdp) {
    Board b(crc_rom());
    auto r = b.run({"info"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("STM32F76xxx/77xxx (PID 0x451)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("v3.1"), std::string::npos);
    EXPECT_NE(r.out.find("0xA1 Get Checksum"), std::string::npos);
    EXPECT_NE(r.out.find("RDP level    0"), std::string::npos);
    auto j = b.run({"--json", "info"});
    ASSERT_EQ(j.code, 0);
    EXPECT_NE(j.out.find("\"pid\":\"0x451\""), std::string::npos) << j.out;
    EXPECT_NE(j.out.find("\"get_checksum\":true"), std::string::npos);
}

TEST(Cli, FlashElfEndToEndWithCrcVerify) {
    Board b(crc_rom());
    AppElf app;
    test::TempFile elf("app.elf", app.file());
    auto r = b.run({"--json", "flash", elf.path()});
    ASSERT_EQ(r.code, 0) << r.err << r.out;
    EXPECT_TRUE(b.flash_equals(kBase, app.text));
    EXPECT_TRUE(b.flash_equals(kBase + 0x9000, app.data));
    // Only sectors 0 and 1 were erased, once each.
    EXPECT_EQ(b.rom.memory().erase_count(0), 1u);
    EXPECT_EQ(b.rom.memory().erase_count(1), 1u);
    EXPECT_EQ(b.rom.memory().erase_count(2), 0u);
    EXPECT_EQ(b.rom.flash()[0x9100], 0xFF);  // .bss not programmed
    EXPECT_EQ(b.rom.go_address(), kBase);
    EXPECT_NE(r.out.find("\"ok\":true"), std::string::npos);
    EXPECT_NE(r.out.find("\"verify\":\"crc\""), std::string::npos);
    EXPECT_NE(r.out.find("\"erased_sectors\":[0,1]"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"go\":\"0x08000000\""), std::string::npos);
}

TEST(Cli, FlashHexWithReadbackVerifyAndSkippedBlankBlocks) {
    Board b;  // no Get Checksum: auto verify = readback
    auto a = test::pattern(0x200, 1);
    std::vector<uint8_t> blank(0x200, 0xFF);
    std::vector<uint8_t> all = a;
    all.insert(all.end(), blank.begin(), blank.end());
    test::TempFile hex("fw.hex", test::make_ihex({{kBase + 0x8000, all}}));
    auto r = b.run({"flash", hex.path(), "--no-go"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(b.flash_equals(kBase + 0x8000, all));
    EXPECT_NE(r.out.find("wrote    2 blocks"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("skipped 2 blank"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("by readback"), std::string::npos) << r.out;
    EXPECT_EQ(b.rom.target().counters().bytes_written, 0x200u);
    EXPECT_FALSE(b.rom.go_address().has_value());
    EXPECT_EQ(b.rom.memory().erase_count(1), 1u);
    EXPECT_EQ(b.rom.memory().erase_count(0), 0u);
}

TEST(Cli, FlashBinAtEmulatorFlashBase) {
    host::FakeRomOptions o;
    o.flash.base = 0x60000000;
    Board b(o);
    const auto fw = test::firmware(1000, 0x60000000, 4);
    test::TempFile bin("fw.bin", fw);
    auto r = b.run({"--flash-base", "0x60000000", "flash", bin.path(), "--address", "0x60000000"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(b.flash_equals(0x60000000, fw));
    EXPECT_EQ(b.rom.go_address(), 0x60000000u);
}

TEST(Cli, FlashWithEnterCommandFromTheRunningApplication) {
    host::FakeRomOptions o = crc_rom();
    o.start_in_app = true;
    Board b(o);
    AppElf app;
    test::TempFile elf("app.elf", app.file());
    auto r = b.run({"flash", elf.path(), "--enter"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(b.rom.app_input(), "");  // the new image runs and has not been spoken to
    EXPECT_TRUE(b.flash_equals(kBase, app.text));
    EXPECT_TRUE(b.rom.in_app());
    // The `enter` command on its own, with a custom console command.
    host::FakeRomOptions o2;
    o2.start_in_app = true;
    o2.enter_command = "boot\n";
    Board b2(o2);
    auto e = b2.run({"--enter-command", "boot\\n", "enter"});
    ASSERT_EQ(e.code, 0) << e.err;
    EXPECT_NE(e.out.find("ROM bootloader v3.1 ready"), std::string::npos);
    EXPECT_FALSE(b2.rom.in_app());
}

// Nucleo-144 wiring: the console (ST-LINK VCP) is not the ROM's port, so the enter command
// goes to --enter-port and the protocol to --port.
TEST(Cli, EnterCommandOnASeparateConsolePort) {
    host::FakeRomOptions o;
    o.start_in_app = true;
    Board b(o);
    auto r = b.run({"--enter-port", "vcp", "--enter-baud", "115200", "--verbose", "enter"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.err.find("for the enter command"), std::string::npos) << r.err;
    EXPECT_FALSE(b.rom.in_app());
}

// --enter without --port (nor --enter-port): the serial ports the environment lists decide.
// One is used for the console and the ROM (and the tool says which); none or several are
// refused with the list before any port is opened.
struct PortPick {
    host::FakeRomOptions options = [] {
        host::FakeRomOptions o = crc_rom();
        o.start_in_app = true;
        return o;
    }();
    host::FakeClock clock;
    host::FakeRom rom{options, clock};
    std::vector<std::string> opened;

    test::CliRun run(const std::vector<host::SerialPortInfo>& ports,
                     const std::vector<std::string>& args) {
        std::ostringstream out;
        std::ostringstream err;
        host::CliEnvironment env{
            out,
            err,
            clock,
            false,
            [this](const std::string& spec, const host::SerialSettings&) {
                opened.push_back(spec);
                return host::Result<std::unique_ptr<host::Transport>>(rom.connect());
            },
            nullptr,
            [ports] { return ports; }};
        std::vector<const char*> argv{"sysboot"};
        for (const auto& a : args) {
            argv.push_back(a.c_str());
        }
        test::CliRun r;
        r.code = host::run_cli(static_cast<int>(argv.size()), argv.data(), env);
        r.out = out.str();
        r.err = err.str();
        return r;
    }
};

TEST(CliPortPick, EnterUsesTheOnlySerialPortAndSaysSo) {
    PortPick p;
    AppElf app;
    test::TempFile elf("app.elf", app.file());
    auto r = p.run({{"/dev/ttyACM3", "STM32 STLink"}}, {"flash", "--enter", elf.path()});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.err.find("--port not given: using /dev/ttyACM3 (STM32 STLink), the only serial "
                         "port"),
              std::string::npos)
        << r.err;
    ASSERT_FALSE(p.opened.empty());
    EXPECT_TRUE(std::all_of(p.opened.begin(), p.opened.end(),
                            [](const std::string& s) { return s == "/dev/ttyACM3"; }));
    EXPECT_TRUE(p.rom.in_app());  // entered the ROM, flashed, started the new image
}

TEST(CliPortPick, NoneOrSeveralPortsAreRefusedWithTheList) {
    AppElf app;
    test::TempFile elf("app.elf", app.file());
    PortPick none;
    auto r0 = none.run({}, {"flash", "--enter", elf.path()});
    EXPECT_EQ(r0.code, 1) << r0.err;
    EXPECT_NE(r0.err.find("--enter without --port: 0 serial ports found, so sysboot cannot "
                          "tell which is the application's console and the ROM's port"),
              std::string::npos)
        << r0.err;
    EXPECT_TRUE(none.opened.empty());
    PortPick two;
    auto r2 = two.run({{"/dev/ttyACM0", "STLink"}, {"/dev/ttyUSB0", "CP2102"}},
                      {"flash", "--enter", elf.path()});
    EXPECT_EQ(r2.code, 1) << r2.err;
    EXPECT_NE(r2.err.find("2 serial ports found: /dev/ttyACM0 (STLink), /dev/ttyUSB0 (CP2102)"),
              std::string::npos)
        << r2.err;
    EXPECT_NE(r2.err.find("give it with --port"), std::string::npos) << r2.err;
    EXPECT_TRUE(two.opened.empty());
    EXPECT_EQ(two.rom.app_input(), "") << "nothing was sent to the application";
}

// Without --enter the ROM may be on any port: the opener gets the empty --port (and the real
// one refuses it, CliTransports.OpenErrorsAreExit3), not a guess.
TEST(CliPortPick, WithoutEnterNoPortIsPicked) {
    PortPick p;
    (void)p.run({{"/dev/ttyACM3", "STLink"}}, {"info"});
    EXPECT_EQ(p.opened, std::vector<std::string>{""});
}

TEST(Cli, UnopenableEnterPortIsExit3) {
    test::RomServer rom;
    auto r =
        test::run_cli_real({"--port", rom.listen_unix(), "--enter-port", "/dev/ttyNOPE", "enter"});
    EXPECT_EQ(r.code, 3) << r.err;
    EXPECT_NE(r.err.find("/dev/ttyNOPE"), std::string::npos) << r.err;
}

TEST(Cli, EnterWithoutApplicationAnswerIsNoSyncExit4) {
    host::FakeRomOptions o;
    o.start_in_app = true;
    o.enter_command = "dfu\r\n";  // the application does not know our command
    Board b(o);
    auto r = b.run({"enter"});
    EXPECT_EQ(r.code, 4);
    EXPECT_NE(r.err.find("did the application accept the enter command?"), std::string::npos)
        << r.err;
}

TEST(Cli, ImageProblemsStopBeforeTheDeviceIsTouched) {
    Board b;
    std::string text = test::hex_record(0x04, 0, {0x08, 0x00});
    text += test::hex_record(0x00, 0x0000, {1, 2, 3, 4, 5, 6, 7, 8});
    text += test::hex_record(0x00, 0x0004, {1, 2, 3, 4});
    text += test::hex_record(0x01, 0, {});
    test::TempFile overlap("ovl.hex", text);
    auto r = b.run({"flash", overlap.path()});
    EXPECT_EQ(r.code, 2);
    EXPECT_EQ(b.rom.host_bytes(), 0u);  // the port was never opened
    // Data beyond the part's 2 MiB: refused after Get ID, before any erase or write.
    test::TempFile big("big.bin", test::pattern(0x1000));
    auto o = b.run({"flash", big.path(), "--address", "0x081FF800"});
    EXPECT_EQ(o.code, 2);
    EXPECT_NE(o.err.find("outside the flash"), std::string::npos) << o.err;
    EXPECT_EQ(b.rom.target().counters().sectors_erased, 0u);
    EXPECT_EQ(b.rom.target().counters().bytes_written, 0u);
}

TEST(Cli, PersistentWriteNackIsExit5NamingTheAddress) {
    Board b;
    b.rom.faults().nack_steps.push_back(
        {an3155::State::WriteChecksum, an3155::code(an3155::Command::WriteMemory), 1, -1});
    test::TempFile bin("fw.bin", test::firmware(1024, kBase));
    auto r = b.run({"--json", "flash", bin.path(), "--address", "0x08000000"});
    EXPECT_EQ(r.code, 5);
    EXPECT_NE(r.err.find("write at 0x08000100"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("after 3 retries"), std::string::npos) << r.err;
    EXPECT_NE(r.out.find("\"ok\":false"), std::string::npos);
    EXPECT_NE(r.out.find("\"cause\":\"nack\""), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"address\":\"0x08000100\""), std::string::npos) << r.out;
    EXPECT_FALSE(b.rom.go_address().has_value());
}

TEST(Cli, TransientFaultsAreRecovered) {
    Board b(crc_rom());
    // One block's ACK arrives as NACK although the ROM programmed it; another block's frame
    // loses a byte; one answer is preceded by garbage.
    b.rom.faults().ack_to_nack = 40;
    b.rom.faults().drop_host_byte = 3000;
    b.rom.faults().garbage_before_rom_byte = 150;
    AppElf app;
    test::TempFile elf("app.elf", app.file());
    auto r = b.run({"--json", "flash", elf.path()});
    ASSERT_EQ(r.code, 0) << r.err << r.out;
    EXPECT_TRUE(b.flash_equals(kBase, app.text));
    EXPECT_EQ(r.out.find("\"recoveries\":0"), std::string::npos) << r.out;
}

TEST(Cli, DisconnectMidWriteThenResume) {
    Board b(crc_rom());
    AppElf app;
    test::TempFile elf("app.elf", app.file());
    b.rom.faults().disconnect_after_host_bytes = 20000;
    auto broken = b.run({"flash", elf.path()});
    EXPECT_EQ(broken.code, 3) << broken.err;
    EXPECT_NE(broken.err.find("connection lost"), std::string::npos) << broken.err;
    EXPECT_FALSE(b.flash_equals(kBase, app.text));
    // The ROM was left in the middle of a Write Memory frame; --resume resyncs, keeps the
    // sectors (no second erase) and writes only the missing blocks.
    auto resumed = b.run({"--json", "flash", elf.path(), "--resume", "--no-go"});
    ASSERT_EQ(resumed.code, 0) << resumed.err << resumed.out;
    EXPECT_TRUE(b.flash_equals(kBase, app.text));
    EXPECT_TRUE(b.flash_equals(kBase + 0x9000, app.data));
    EXPECT_EQ(b.rom.memory().erase_count(0), 1u);
    EXPECT_EQ(b.rom.memory().erase_count(1), 1u);
    EXPECT_NE(resumed.out.find("\"kept_sectors\":[0,1]"), std::string::npos) << resumed.out;
    EXPECT_EQ(resumed.out.find("\"blocks_present\":0,"), std::string::npos) << resumed.out;
    // Resuming a finished flash writes nothing.
    auto again = b.run({"--json", "flash", elf.path(), "--resume"});
    ASSERT_EQ(again.code, 0) << again.err;
    EXPECT_NE(again.out.find("\"blocks_written\":0"), std::string::npos) << again.out;
}

TEST(Cli, ResumeWithoutChecksumCommandUsesReadback) {
    Board b;
    AppElf app;
    test::TempFile elf("app.elf", app.file());
    b.rom.faults().disconnect_after_host_bytes = 15000;
    EXPECT_EQ(b.run({"flash", elf.path()}).code, 3);
    auto resumed = b.run({"flash", elf.path(), "--resume"});
    ASSERT_EQ(resumed.code, 0) << resumed.err;
    EXPECT_TRUE(b.flash_equals(kBase, app.text));
    EXPECT_EQ(b.rom.memory().erase_count(0), 1u);
}

TEST(Cli, ResumeErasesASectorHoldingOtherData) {
    Board b(crc_rom());
    AppElf app;
    test::TempFile elf("app.elf", app.file());
    // Sector 1 holds a different, older image: it must be erased again.
    std::fill(b.rom.flash().begin() + 0x8000, b.rom.flash().begin() + 0x9000, 0x00);
    auto r = b.run({"--json", "flash", elf.path(), "--resume"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("\"erased_sectors\":[1]"), std::string::npos) << r.out;
    EXPECT_TRUE(b.flash_equals(kBase + 0x8000,
                               std::vector<uint8_t>(app.text.begin() + 0x8000, app.text.end())));
}

TEST(Cli, FailedVerifyNeverReportsSuccess) {
    for (const char* mode : {"crc", "readback"}) {
        Board b(crc_rom());
        b.rom.faults().corrupt_flash_after_write = kBase + 0x1234;
        AppElf app;
        test::TempFile elf("app.elf", app.file());
        auto r = b.run({"flash", elf.path(), "--verify", mode});
        EXPECT_EQ(r.code, 6) << mode << r.err;
        EXPECT_NE(r.err.find("verify at 0x08001234"), std::string::npos) << r.err;
        EXPECT_EQ(r.out.find("flashed"), std::string::npos) << r.out;
        EXPECT_FALSE(b.rom.go_address().has_value());  // a bad image is not started
    }
}

TEST(Cli, VerifyCommand) {
    Board b(crc_rom());
    AppElf app;
    test::TempFile elf("app.elf", app.file());
    ASSERT_EQ(b.run({"flash", elf.path(), "--no-go"}).code, 0);
    for (const char* m : {"auto", "crc", "readback"}) {
        auto ok = b.run({"verify", elf.path(), "--method", m});
        EXPECT_EQ(ok.code, 0) << m << ok.err;
    }
    b.rom.flash()[0x8123] ^= 1;
    auto bad = b.run({"verify", elf.path()});
    EXPECT_EQ(bad.code, 6);
    EXPECT_NE(bad.err.find("0x08008123"), std::string::npos) << bad.err;
    // An odd-sized bin verifies against flash that holds other bytes around it.
    test::TempFile bin("odd.bin", std::vector<uint8_t>(app.text.begin() + 1, app.text.begin() + 6));
    auto odd = b.run({"verify", bin.path(), "--address", "0x08000001"});
    EXPECT_EQ(odd.code, 0) << odd.err;
}

TEST(Cli, ReadEraseGo) {
    Board b;
    const auto fw = test::firmware(0x300, kBase, 9);
    std::copy(fw.begin(), fw.end(), b.rom.flash().begin() + 0x100);
    const auto out = test::temp_dir() / "dump.bin";
    auto r = b.run({"read", "0x08000100", "0x300", "-o", out.string()});
    ASSERT_EQ(r.code, 0) << r.err;
    std::ifstream f(out, std::ios::binary);
    std::vector<uint8_t> got((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    EXPECT_EQ(got, fw);
    auto stdout_read = b.run({"read", "0x08000100", "16"});
    ASSERT_EQ(stdout_read.code, 0);
    EXPECT_EQ(stdout_read.out, std::string(fw.begin(), fw.begin() + 16));

    auto e = b.run({"erase", "--sectors", "0,2-3"});
    ASSERT_EQ(e.code, 0) << e.err;
    EXPECT_NE(e.out.find("erased sectors 0,2-3"), std::string::npos) << e.out;
    EXPECT_EQ(b.rom.flash()[0x100], 0xFF);
    EXPECT_EQ(b.rom.memory().erase_count(1), 0u);
    EXPECT_EQ(b.run({"erase", "--sectors", "12"}).code, 1);  // F76x has 0..11
    auto all = b.run({"erase", "--all"});
    ASSERT_EQ(all.code, 0) << all.err;
    EXPECT_EQ(b.rom.target().counters().mass_erases, 1u);

    std::copy(fw.begin(), fw.end(), b.rom.flash().begin());
    auto g = b.run({"go"});
    ASSERT_EQ(g.code, 0) << g.err;
    EXPECT_EQ(b.rom.go_address(), kBase);
}

TEST(Cli, DeviceRefusalsAndSilence) {
    host::FakeRomOptions o;
    o.config.rdp_level1 = true;
    Board rdp(o);
    test::TempFile bin("fw.bin", test::firmware(64, kBase));
    auto r = rdp.run({"flash", bin.path(), "--address", "0x08000000"});
    EXPECT_EQ(r.code, 7);
    EXPECT_NE(r.err.find("readout protection"), std::string::npos) << r.err;
    auto info = rdp.run({"info"});
    EXPECT_EQ(info.code, 0);
    EXPECT_NE(info.out.find("RDP level    1 or 2"), std::string::npos) << info.out;

    Board silent;
    silent.rom.faults().mute_after_rom_bytes = 0;
    auto s = silent.run({"info"});
    EXPECT_EQ(s.code, 4);
    EXPECT_NE(s.err.find("sync: timeout"), std::string::npos) << s.err;

    Board unknown([] {
        host::FakeRomOptions u;
        u.config.pid = 0x123;  // no STM32 line (0x413, an F40x, is a known part now)
        return u;
    }());
    auto u = unknown.run({"flash", bin.path(), "--address", "0x08000000"});
    EXPECT_EQ(u.code, 5);
    EXPECT_NE(u.err.find("unknown part PID 0x123"), std::string::npos) << u.err;
    auto forced = unknown.run({"--pid", "0x451", "flash", bin.path(), "--address", "0x08000000"});
    EXPECT_EQ(forced.code, 0) << forced.err;
}

TEST(Cli, VerboseLogsTheWire) {
    Board b;
    auto r = b.run({"--verbose", "info"});
    ASSERT_EQ(r.code, 0);
    EXPECT_NE(r.err.find("> 7F"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("< 79"), std::string::npos);
    EXPECT_GE(count(r.err, "> 00 FF"), 1u);
}

TEST(Cli, QuietPrintsNothingOnSuccess) {
    Board b;
    test::TempFile bin("fw.bin", test::firmware(64, kBase));
    auto r = b.run({"--quiet", "flash", bin.path(), "--address", "0x08000000"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "");
}

TEST(CliParsing, NumbersSectorsEscapes) {
    EXPECT_EQ(host::parse_number("0x08000000"), 0x08000000u);
    EXPECT_EQ(host::parse_number("64K"), 65536u);
    EXPECT_EQ(host::parse_number("2M"), 2u * 1024 * 1024);
    EXPECT_EQ(host::parse_number("4096"), 4096u);
    EXPECT_FALSE(host::parse_number("0x100000000"));
    EXPECT_FALSE(host::parse_number("-1"));
    EXPECT_FALSE(host::parse_number("12abc"));
    EXPECT_FALSE(host::parse_number("8192M"));
    EXPECT_EQ(host::parse_sector_list("0,2-4,1"), (std::vector<uint16_t>{0, 1, 2, 3, 4}));
    EXPECT_FALSE(host::parse_sector_list("3-1"));
    EXPECT_FALSE(host::parse_sector_list(""));
    EXPECT_EQ(host::unescape("bootloader\\r\\n"), "bootloader\r\n");
    EXPECT_EQ(host::unescape("a\\x41\\\\"), "aA\\");
}

// ---------------------------------------------------------------- real transports, real time

TEST(CliTransports, FlashOverUnixTcpAndPty) {
    AppElf app;
    test::TempFile elf("app.elf", app.file());
    for (const char* kind : {"unix", "tcp", "pty"}) {
        an3155::Config cfg;
        cfg.get_checksum = std::string(kind) == "tcp";
        test::RomServer rom(cfg);
        const std::string port = std::string(kind) == "unix"  ? rom.listen_unix()
                                 : std::string(kind) == "tcp" ? rom.listen_tcp()
                                                              : rom.open_pty();
        auto r = test::run_cli_real({"--port", port, "--json", "flash", elf.path(), "--no-go"});
        ASSERT_EQ(r.code, 0) << kind << ": " << r.err << r.out;
        auto v = test::run_cli_real({"--port", port, "verify", elf.path()});
        EXPECT_EQ(v.code, 0) << kind << ": " << v.err;
        rom.stop();
        EXPECT_TRUE(std::equal(app.text.begin(), app.text.end(), rom.flash().begin())) << kind;
    }
}

TEST(CliTransports, OpenErrorsAreExit3) {
    auto r = test::run_cli_real({"--port", "unix:/nonexistent/sock", "info"});
    EXPECT_EQ(r.code, 3);
    EXPECT_NE(r.err.find("open"), std::string::npos) << r.err;
    auto s = test::run_cli_real({"--port", "/dev/nonexistent-tty", "info"});
    EXPECT_EQ(s.code, 3) << s.err;
    auto t = test::run_cli_real({"--port", "tcp:127.0.0.1", "info"});
    EXPECT_EQ(t.code, 1) << t.err;  // malformed spec
    auto n = test::run_cli_real({"info"});
    EXPECT_EQ(n.code, 1) << n.err;  // no --port at all
}
