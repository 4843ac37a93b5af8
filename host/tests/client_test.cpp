// AN3155 client against the in-process fake ROM, with fault injection. Every fault ends in
// a documented Error (phase, cause, address) and exit code; nothing sleeps for real.
#include <gtest/gtest.h>

#include <array>
#include <chrono>

#include "an3155/client.hpp"
#include "fake_rom.hpp"
#include "sysboot/an3155/layout.hpp"
#include "sysboot/an3155/pose.hpp"
#include "test_util.hpp"

using namespace sysboot;
using an3155::Command;
using an3155::State;
using host::Cause;
using host::ExitCode;
using host::Phase;

namespace {

constexpr uint32_t kBase = 0x08000000;

struct Fixture {
    explicit Fixture(host::FakeRomOptions options = {})
        : rom(std::move(options), clock), link(rom.connect()), client(*link, clock) {}

    host::FakeClock clock;
    host::FakeRom rom;
    std::unique_ptr<host::Transport> link;
    an3155::Client client;

    void sync() { ASSERT_TRUE(client.sync().ok()); }
};

host::FakeRomOptions with_checksum() {
    host::FakeRomOptions o;
    o.config.get_checksum = true;
    return o;
}

// Wall-clock guard: a test of timeouts must not take real seconds.
struct NoRealSleep {
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
    ~NoRealSleep() { EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2)); }
};

}  // namespace

TEST(Client, SyncFreshThenAlreadySynced) {
    Fixture f;
    auto first = f.client.sync();
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(*first, an3155::SyncResult::Fresh);
    auto second = f.client.sync();
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(*second, an3155::SyncResult::AlreadySynced);
}

TEST(Client, SyncToleratesLeading0x00BeforeAck) {
    Fixture f;
    f.rom.faults().garbage_before_rom_byte = 0;
    f.rom.faults().garbage = {0x00};
    auto r = f.client.sync();
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, an3155::SyncResult::Fresh);
}

TEST(Client, SyncNeverAnsweredIsNoSyncExit4) {
    NoRealSleep guard;
    Fixture f;
    f.rom.faults().mute_after_rom_bytes = 0;
    const auto t0 = f.clock.now();
    auto r = f.client.sync();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().phase, Phase::Sync);
    EXPECT_EQ(r.error().cause, Cause::Timeout);
    EXPECT_EQ(r.error().exit_code(), ExitCode::NoSync);
    // 5 tries of 500 ms on the fake clock, plus the unstick bursts.
    EXPECT_GE(f.clock.now() - t0, std::chrono::milliseconds(2500));
}

TEST(Client, SyncOnlyGarbageIsNoSyncExit4) {
    NoRealSleep guard;
    Fixture f;
    f.rom.faults().scramble_rom_output = true;  // like a ROM at another baud rate
    auto r = f.client.sync();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().phase, Phase::Sync);
    EXPECT_EQ(r.error().cause, Cause::BadResponse);
    EXPECT_EQ(r.error().exit_code(), ExitCode::NoSync);
    EXPECT_NE(r.error().message().find("baud"), std::string::npos);
}

TEST(Client, SyncRecoversFromGarbageOnce) {
    Fixture f;
    f.rom.faults().garbage_before_rom_byte = 0;
    f.rom.faults().garbage = {0xE0, 0x3C};
    f.rom.faults().drop_rom_byte = 0;  // and the real ACK is lost
    auto r = f.client.sync();
    // The next 0x7F meets an already synchronised ROM.
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, an3155::SyncResult::AlreadySynced);
}

TEST(Client, IdentifiesTheRom) {
    Fixture f(with_checksum());
    f.sync();
    auto info = f.client.get();
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->version, 0x31);
    EXPECT_TRUE(info->has(Command::ExtendedErase));
    EXPECT_TRUE(info->has(Command::GetChecksum));
    EXPECT_FALSE(info->has(Command::Erase));
    EXPECT_EQ(info->version_string(), "3.1");
    auto v = f.client.get_version();
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(v->version, 0x31);
    auto id = f.client.get_id();
    ASSERT_TRUE(id.ok());
    EXPECT_EQ(*id, 0x451);
}

TEST(Client, WriteReadEraseChecksumRoundTrip) {
    Fixture f(with_checksum());
    f.sync();
    const auto d = test::pattern(256, 3);
    ASSERT_TRUE(f.client.write_memory(kBase + 0x200, d).ok());
    std::vector<uint8_t> back(256);
    ASSERT_TRUE(f.client.read_memory(kBase + 0x200, back).ok());
    EXPECT_EQ(back, d);
    auto crc = f.client.get_checksum(kBase + 0x200, 256);
    ASSERT_TRUE(crc.ok());
    EXPECT_EQ(*crc, an3155::Crc32::of(d));
    const uint16_t sectors[] = {0};
    ASSERT_TRUE(f.client.extended_erase(sectors).ok());
    ASSERT_TRUE(f.client.read_memory(kBase + 0x200, back).ok());
    EXPECT_EQ(back, std::vector<uint8_t>(256, 0xFF));
    ASSERT_TRUE(f.client.mass_erase().ok());
    ASSERT_TRUE(f.client.go(kBase).ok());
    EXPECT_EQ(f.rom.go_address(), kBase);
}

TEST(Client, RejectsInvalidRequestsWithoutSending) {
    Fixture f;
    f.sync();
    const auto before = f.rom.host_bytes();
    std::vector<uint8_t> six(6);
    auto s = f.client.write_memory(kBase, six);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().cause, Cause::Invalid);
    std::vector<uint8_t> big(257);
    EXPECT_FALSE(f.client.read_memory(kBase, big).ok());
    EXPECT_FALSE(f.client.get_checksum(kBase, 6).ok());
    EXPECT_EQ(f.rom.host_bytes(), before);
}

// AN2606 "Programming constraints": an F7 write from an address that is not 8-aligned fails,
// and every later program operation with it. Told the part's alignment, the client refuses
// such a write before sending anything.
TEST(Client, UnalignedWriteRefusedBeforeSendingOnceToldTheAlignment) {
    Fixture f;
    f.sync();
    const std::vector<uint8_t> data(8, 0x42);
    f.client.set_write_alignment(an3155::kF7WriteAlign);
    EXPECT_EQ(f.client.write_alignment(), 8u);
    const auto before = f.rom.host_bytes();
    auto s = f.client.write_memory(kBase + 4, data);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().cause, Cause::Invalid);
    EXPECT_EQ(s.error().address, kBase + 4);
    EXPECT_EQ(f.rom.host_bytes(), before);
    EXPECT_TRUE(f.client.write_memory(kBase + 8, data).ok());
    EXPECT_EQ(f.rom.flash()[8], 0x42);
}

// Without the alignment the write goes out, the F7 flash model fails it and every write
// after it, as AN2606 describes: the reason the planner must know the alignment.
TEST(Client, UnalignedWriteSentWithoutTheAlignmentPoisonsLaterWrites) {
    Fixture f;
    f.sync();
    const std::vector<uint8_t> data(8, 0x42);
    EXPECT_EQ(f.client.write_alignment(), 4u);
    EXPECT_EQ(f.client.write_memory(kBase + 4, data).error().cause, Cause::Nack);
    EXPECT_EQ(f.client.write_memory(kBase + 0x100, data).error().cause, Cause::Nack);
    EXPECT_EQ(f.rom.flash()[0x100], 0xFF);
}

// The host learns the layout through the ROM: Get ID, the flash-size register and the
// option bytes, decoded by an3155::decode_layout (layout.hpp).
TEST(Client, ReadsTheLayoutOfEveryPose) {
    for (unsigned i = 0; i < an3155::kPoseCount; ++i) {
        const auto& pose = an3155::kPoses[i];
        host::FakeRomOptions o;
        ASSERT_TRUE(an3155::apply_pose(pose, o.config, o.flash));
        Fixture f(o);
        f.sync();
        auto pid = f.client.get_id();
        ASSERT_TRUE(pid.ok());
        const auto* line = an3155::line_for_pid(*pid);
        ASSERT_NE(line, nullptr);
        std::array<uint8_t, 2> kib{};
        ASSERT_TRUE(f.client.read_memory(line->flash_size_address, kib).ok()) << i;
        std::array<uint8_t, an3155::kOptionBytesLength> opt{};
        ASSERT_TRUE(f.client.read_memory(an3155::kOptionBytesAddress, opt).ok()) << i;
        const auto layout = an3155::decode_layout(*pid, an3155::decode_flash_size(kib),
                                                  an3155::OptionBytes::decode(opt));
        ASSERT_TRUE(layout.valid()) << i;
        EXPECT_EQ(layout.size, pose.flash_kib * 1024u) << i;
        EXPECT_EQ(layout.dual_bank, pose.dual_bank) << i;
        EXPECT_EQ(layout.sectors.count(), f.rom.memory().sector_count()) << i;
        EXPECT_EQ(layout.write_align, 8u);
    }
}

// ---------------------------------------------------------------- NACK on each step

struct NackCase {
    const char* name;
    State state;
    Command command;
    Phase phase;
    Cause cause;
    ExitCode exit;
};

class NackOnStep : public ::testing::TestWithParam<NackCase> {};

TEST_P(NackOnStep, EndsInDocumentedError) {
    const auto& c = GetParam();
    Fixture f(with_checksum());
    f.sync();
    f.rom.faults().nack_steps.push_back({c.state, an3155::code(c.command), 0, -1});
    std::vector<uint8_t> buf(16);
    const uint16_t sectors[] = {1};
    host::Status s;
    switch (c.command) {
        case Command::ReadMemory:
            s = f.client.read_memory(kBase + 0x40, buf);
            break;
        case Command::WriteMemory:
            s = f.client.write_memory(kBase + 0x40, buf);
            break;
        case Command::ExtendedErase:
            s = f.client.extended_erase(sectors);
            break;
        case Command::Go:
            s = f.client.go(kBase);
            break;
        case Command::GetChecksum:
            s = f.client.get_checksum(kBase, 64).status();
            break;
        case Command::Get:
            s = f.client.get().status();
            break;
        default:
            FAIL();
    }
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().phase, c.phase) << s.error().message();
    EXPECT_EQ(s.error().cause, c.cause) << s.error().message();
    EXPECT_EQ(s.error().exit_code(), c.exit);
    // The ROM is back waiting for a command: the link still works.
    f.rom.faults().nack_steps.clear();
    EXPECT_TRUE(f.client.get_id().ok());
    EXPECT_EQ(f.rom.target().counters().bytes_written, 0u);
    EXPECT_EQ(f.rom.target().counters().sectors_erased, 0u);
}

INSTANTIATE_TEST_SUITE_P(
    Steps, NackOnStep,
    ::testing::Values(
        // A NACKed memory command pair is what readout protection looks like: exit 7.
        NackCase{"read_command", State::Complement, Command::ReadMemory, Phase::Read,
                 Cause::Refused, ExitCode::Refused},
        NackCase{"read_address", State::Address, Command::ReadMemory, Phase::Read, Cause::Nack,
                 ExitCode::Protocol},
        NackCase{"read_count", State::ReadCount, Command::ReadMemory, Phase::Read, Cause::Nack,
                 ExitCode::Protocol},
        NackCase{"write_address", State::Address, Command::WriteMemory, Phase::Write, Cause::Nack,
                 ExitCode::Protocol},
        NackCase{"write_data", State::WriteChecksum, Command::WriteMemory, Phase::Write,
                 Cause::Nack, ExitCode::Protocol},
        NackCase{"erase_list", State::EraseChecksum, Command::ExtendedErase, Phase::Erase,
                 Cause::Nack, ExitCode::Protocol},
        NackCase{"go_address", State::Address, Command::Go, Phase::Go, Cause::Nack,
                 ExitCode::Protocol},
        NackCase{"checksum_length", State::ChecksumLength, Command::GetChecksum, Phase::Checksum,
                 Cause::Nack, ExitCode::Protocol},
        NackCase{"get_command", State::Complement, Command::Get, Phase::Get, Cause::Nack,
                 ExitCode::Protocol}),
    [](const auto& info) { return std::string(info.param.name); });

// ---------------------------------------------------------------- other faults

TEST(ClientFaults, LostHostByteInWriteIsTimeoutExit4) {
    NoRealSleep guard;
    Fixture f;
    f.sync();
    // 2 (command) + 5 (address) + 1 (N-1) + 4 data: drop the 3rd data byte.
    f.rom.faults().drop_host_byte = f.rom.host_bytes() + 2 + 5 + 1 + 2;
    auto s = f.client.write_memory(kBase, std::vector<uint8_t>(8, 0x11));
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().phase, Phase::Write);
    EXPECT_EQ(s.error().cause, Cause::Timeout);
    EXPECT_EQ(s.error().address, kBase);
    EXPECT_EQ(s.error().exit_code(), ExitCode::NoSync);
    // The ROM still waits for one byte; resync completes its frame and recovers.
    EXPECT_TRUE(f.client.resync().ok());
    EXPECT_TRUE(f.client.get_id().ok());
}

TEST(ClientFaults, LostAckIsTimeoutExit4) {
    Fixture f;
    f.sync();
    f.rom.faults().drop_rom_byte = f.rom.rom_bytes() + 1;  // the ACK after the address
    std::vector<uint8_t> buf(4);
    auto s = f.client.read_memory(kBase, buf);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().cause, Cause::Timeout);
    EXPECT_EQ(s.error().exit_code(), ExitCode::NoSync);
}

TEST(ClientFaults, GarbageInsteadOfAckIsProtocolErrorExit5) {
    Fixture f;
    f.sync();
    f.rom.faults().garbage_before_rom_byte = f.rom.rom_bytes();
    auto id = f.client.get_id();
    ASSERT_FALSE(id.ok());
    EXPECT_EQ(id.error().phase, Phase::GetId);
    EXPECT_EQ(id.error().cause, Cause::BadResponse);
    EXPECT_EQ(id.error().exit_code(), ExitCode::Protocol);
    EXPECT_NE(id.error().message().find("0xA5"), std::string::npos) << id.error().message();
}

TEST(ClientFaults, NeverAnswersAfterSyncIsTimeoutExit4) {
    NoRealSleep guard;
    Fixture f;
    f.sync();
    f.rom.faults().mute_after_rom_bytes = f.rom.rom_bytes();
    auto info = f.client.get();
    ASSERT_FALSE(info.ok());
    EXPECT_EQ(info.error().phase, Phase::Get);
    EXPECT_EQ(info.error().cause, Cause::Timeout);
    EXPECT_EQ(info.error().exit_code(), ExitCode::NoSync);
}

TEST(ClientFaults, DisconnectMidWriteIsTransportErrorExit3) {
    Fixture f;
    f.sync();
    f.rom.faults().disconnect_after_host_bytes = f.rom.host_bytes() + 20;
    auto s = f.client.write_memory(kBase, std::vector<uint8_t>(64, 0x22));
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().phase, Phase::Write);
    EXPECT_EQ(s.error().cause, Cause::Disconnected);
    EXPECT_EQ(s.error().exit_code(), ExitCode::Transport);
    // Nothing was programmed: the ROM still waits for the rest of the frame.
    EXPECT_EQ(f.rom.flash()[0], 0xFF);
    EXPECT_EQ(f.rom.target().state(), State::WriteData);
}

TEST(ClientFaults, AckTurnedNackAfterWriteLeavesDataProgrammed) {
    Fixture f;
    f.sync();
    f.rom.faults().ack_to_nack = 3;  // ACKs: 0 sync, 1 command, 2 address, 3 data
    const auto d = test::pattern(16);
    auto s = f.client.write_memory(kBase, d);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().cause, Cause::Nack);
    EXPECT_TRUE(std::equal(d.begin(), d.end(), f.rom.flash().begin()));
}

TEST(ClientFaults, EraseWithinItsBudgetOnTheFakeClock) {
    NoRealSleep guard;
    host::FakeRomOptions o;
    o.sector_erase_time = std::chrono::milliseconds(4000);
    Fixture f(o);
    f.sync();
    const uint16_t three[] = {5, 6, 7};
    const auto t0 = f.clock.now();
    ASSERT_TRUE(f.client.extended_erase(three).ok());
    EXPECT_GE(f.clock.now() - t0, std::chrono::milliseconds(12000));
}

TEST(ClientFaults, EraseOverItsBudgetIsTimeoutExit4) {
    host::FakeRomOptions o;
    o.sector_erase_time = std::chrono::milliseconds(6000);
    Fixture f(o);
    f.sync();
    const uint16_t one[] = {5};
    auto s = f.client.extended_erase(one);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().phase, Phase::Erase);
    EXPECT_EQ(s.error().cause, Cause::Timeout);
    EXPECT_EQ(s.error().exit_code(), ExitCode::NoSync);
}

TEST(ClientFaults, SyncUnsticksARomLeftInTheMiddleOfAWriteFrame) {
    Fixture f;
    f.sync();
    // A previous tool died after sending half a Write Memory frame.
    const std::vector<uint8_t> half{0x31, 0xCE, 0x08, 0x00, 0x00, 0x00, 0x08, 0xFF, 1, 2, 3};
    ASSERT_TRUE(f.link->write(half).ok());
    f.link->discard_input();
    ASSERT_EQ(f.rom.target().state(), State::WriteData);
    auto r = f.client.sync();
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(f.rom.target().state(), State::Command);
    EXPECT_EQ(f.rom.flash()[0], 0xFF);  // the spoiled frame was NACKed, not programmed
    EXPECT_TRUE(f.client.get_id().ok());
}

TEST(ClientFaults, ReadoutProtectionIsRefusedExit7) {
    host::FakeRomOptions o;
    o.config.rdp_level1 = true;
    Fixture f(o);
    f.sync();
    EXPECT_TRUE(f.client.get().ok());
    std::vector<uint8_t> buf(4);
    auto s = f.client.read_memory(kBase, buf);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().cause, Cause::Refused);
    EXPECT_EQ(s.error().exit_code(), ExitCode::Refused);
}
