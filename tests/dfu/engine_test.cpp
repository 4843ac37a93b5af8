// DfuSe engine: every DFU 1.1 / AN3156 state transition and error the engine models.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

#include "engine_fixture.hpp"

namespace sysboot::dfuse::test {
namespace {

using Engine_ = EngineFixture;

TEST_F(Engine_, StartsIdleWithThePointerAtTheFlashStart) {
    const StatusAnswer s = get_status();
    EXPECT_FALSE(s.stalled);
    EXPECT_EQ(s.state, State::Idle);
    EXPECT_EQ(s.status, Status::Ok);
    EXPECT_EQ(get_state(), State::Idle);
    EXPECT_EQ(engine_.address_pointer(), kFlashBase);
}

TEST_F(Engine_, GetCommandsListsTheFourDfuseCommands) {
    std::vector<uint8_t> out;
    const Reply r = upload(0, 64, out);
    ASSERT_FALSE(r.stall);
    EXPECT_EQ(out, (std::vector<uint8_t>{0x00, 0x21, 0x41, 0x92}));
    EXPECT_EQ(get_state(), State::Idle);
}

TEST_F(Engine_, SetAddressPointerGoesThroughSyncBusyAndIdle) {
    ASSERT_FALSE(dnload(0, with_address(0x21, 0x08040000)).stall);
    EXPECT_EQ(get_state(), State::DnloadSync);
    const StatusAnswer busy = get_status();
    EXPECT_EQ(busy.state, State::DnBusy);
    EXPECT_EQ(busy.status, Status::Ok);
    const StatusAnswer idle = get_status();
    EXPECT_EQ(idle.state, State::DnloadIdle);
    EXPECT_EQ(idle.status, Status::Ok);
    EXPECT_EQ(engine_.address_pointer(), 0x08040000u);
}

TEST_F(Engine_, SetAddressOutsideTheAlternateIsErrTarget) {
    const StatusAnswer s = set_address(0x20000000);
    EXPECT_EQ(s.state, State::Error);
    EXPECT_EQ(s.status, Status::ErrTarget);
    EXPECT_EQ(engine_.address_pointer(), kFlashBase);
    EXPECT_FALSE(out_request(Request::ClrStatus).stall);
    EXPECT_EQ(get_status().state, State::Idle);
}

TEST_F(Engine_, SectorEraseErasesOnlyTheSectorHoldingTheAddress) {
    std::fill(flash_.begin(), flash_.end(), 0x00);
    engine_.set_poll_scale(100);
    ASSERT_FALSE(dnload(0, with_address(0x41, 0x0800A000)).stall);  // inside sector 1
    const StatusAnswer busy = get_status();
    EXPECT_EQ(busy.state, State::DnBusy);
    EXPECT_EQ(busy.poll_ms, 32u * kF76x.timing.erase_ms_per_kib);
    EXPECT_EQ(get_status().state, State::DnloadIdle);
    EXPECT_EQ(flash_[0x7FFF], 0x00);
    EXPECT_TRUE(std::all_of(flash_.begin() + 0x8000, flash_.begin() + 0x10000,
                            [](uint8_t b) { return b == 0xFF; }));
    EXPECT_EQ(flash_[0x10000], 0x00);
    EXPECT_EQ(flash_model_.erase_count(1), 1u);
    EXPECT_EQ(engine_.counters().sectors_erased, 1u);
}

TEST_F(Engine_, EraseOfTheLast256KSectorReportsItsTime) {
    const StatusAnswer s = [&] {
        EXPECT_FALSE(dnload(0, with_address(0x41, 0x081FFFFC)).stall);
        return get_status();
    }();
    EXPECT_EQ(s.poll_ms, 256u * kF76x.timing.erase_ms_per_kib);
    EXPECT_EQ(flash_model_.erase_count(11), 1u);
}

TEST_F(Engine_, MassEraseWithoutAddressErasesEverything) {
    std::fill(flash_.begin(), flash_.end(), 0x12);
    ASSERT_FALSE(dnload(0, {0x41}).stall);
    EXPECT_EQ(get_status().poll_ms, kF76x.timing.mass_erase_ms);
    EXPECT_EQ(get_status().state, State::DnloadIdle);
    EXPECT_TRUE(std::all_of(flash_.begin(), flash_.end(), [](uint8_t b) { return b == 0xFF; }));
    EXPECT_EQ(engine_.counters().mass_erases, 1u);
}

TEST_F(Engine_, EraseOutsideFlashIsErrTarget) {
    const StatusAnswer s = erase(0x08200000);
    EXPECT_EQ(s.state, State::Error);
    EXPECT_EQ(s.status, Status::ErrTarget);
}

TEST_F(Engine_, EraseOnAnAlternateThatIsNotErasableIsErrTarget) {
    ASSERT_TRUE(engine_.select_alternate(2));  // OTP: type 'e', readable + writable
    const StatusAnswer s = erase(kOtpBase);
    EXPECT_EQ(s.status, Status::ErrTarget);
}

TEST_F(Engine_, DataBlocksLandAtPointerPlusBlockOffset) {
    ASSERT_EQ(set_address(0x08020000).status, Status::Ok);
    const auto a = pattern(2048, 1);
    const auto b = pattern(2048, 99);
    engine_.set_poll_scale(100);
    ASSERT_FALSE(dnload(2, a).stall);
    EXPECT_EQ(get_status().poll_ms, 512u * kF76x.timing.program_us_per_word / 1000u);
    EXPECT_EQ(get_status().state, State::DnloadIdle);
    EXPECT_EQ(write_block(3, b).state, State::DnloadIdle);
    EXPECT_TRUE(std::equal(a.begin(), a.end(), flash_.begin() + 0x20000));
    EXPECT_TRUE(std::equal(b.begin(), b.end(), flash_.begin() + 0x20000 + 2048));
    EXPECT_EQ(engine_.counters().bytes_written, 4096u);
}

TEST_F(Engine_, WriteOverProgrammedWordsIsErrWrite) {
    flash_[0x100] = 0x00;
    const StatusAnswer s = write_block(2, pattern(512, 3));
    EXPECT_EQ(s.state, State::Error);
    EXPECT_EQ(s.status, Status::ErrWrite);
    EXPECT_EQ(flash_[0], 0xFF) << "a refused write changes nothing";
}

TEST_F(Engine_, WritePastTheEndOfFlashIsErrTarget) {
    ASSERT_EQ(set_address(0x081FFC00).status, Status::Ok);
    const StatusAnswer s = write_block(2, pattern(2048, 5));
    EXPECT_EQ(s.status, Status::ErrTarget);
    EXPECT_EQ(flash_[kFlashSize - 1], 0xFF);
}

// A memory whose programming silently drops bits: the read-back must catch it.
class LossyMemory final : public an3155::Memory {
  public:
    explicit LossyMemory(an3155::Memory& inner) : inner_(inner) {}
    bool readable(uint32_t a, uint32_t n) const override { return inner_.readable(a, n); }
    bool writable(uint32_t a, uint32_t n) const override { return inner_.writable(a, n); }
    bool can_jump(uint32_t a) const override { return inner_.can_jump(a); }
    bool read(uint32_t a, std::span<uint8_t> out) override { return inner_.read(a, out); }
    bool write(uint32_t a, std::span<const uint8_t> data) override {
        std::vector<uint8_t> copy(data.begin(), data.end());
        copy.back() ^= 0x01;
        return inner_.write(a, copy);
    }
    uint16_t sector_count() const override { return inner_.sector_count(); }
    bool has_sector(uint16_t s) const override { return inner_.has_sector(s); }
    bool erase_sector(uint16_t s) override { return inner_.erase_sector(s); }
    bool erase_bank(uint8_t b) override { return inner_.erase_bank(b); }
    bool erase_all() override { return inner_.erase_all(); }
    void set_write_protected(uint32_t s) override { inner_.set_write_protected(s); }
    void system_reset() override { inner_.system_reset(); }

  private:
    an3155::Memory& inner_;
};

TEST_F(Engine_, ReadBackMismatchIsErrVerify) {
    LossyMemory lossy(flash_model_);
    memories_[0] = &lossy;  // the engine sees the memories through this array
    const StatusAnswer s = write_block(2, pattern(64, 7));
    EXPECT_EQ(s.state, State::Error);
    EXPECT_EQ(s.status, Status::ErrVerify);
}

TEST_F(Engine_, ReadProtectionRefusesEveryMemoryCommandWithErrVendor) {
    engine_.set_read_protection(true);
    EXPECT_EQ(set_address(0x08001000).status, Status::Ok) << "AN2662 §4.5.2: allowed under RDP";
    EXPECT_EQ(engine_.address_pointer(), 0x08001000u);
    EXPECT_EQ(erase(0x08000000).status, Status::ErrVendor);
    ASSERT_FALSE(out_request(Request::ClrStatus).stall);
    EXPECT_EQ(command({0x41}).status, Status::ErrVendor);
    ASSERT_FALSE(out_request(Request::ClrStatus).stall);
    EXPECT_EQ(write_block(2, pattern(16, 1)).status, Status::ErrVendor);
    ASSERT_FALSE(out_request(Request::ClrStatus).stall);
    std::vector<uint8_t> out;
    EXPECT_TRUE(upload(2, 16, out).stall);
    const StatusAnswer s = get_status();
    EXPECT_EQ(s.state, State::Error);
    EXPECT_EQ(s.status, Status::ErrVendor);
    EXPECT_EQ(engine_.counters().bytes_written, 0u);
}

TEST_F(Engine_, ReadUnprotectMassErasesClearsProtectionAndResets) {
    std::fill(flash_.begin(), flash_.end(), 0x34);
    engine_.set_read_protection(true);
    ASSERT_FALSE(dnload(0, {0x92}).stall);
    EXPECT_EQ(get_status().state, State::DnBusy);
    EXPECT_EQ(engine_.event(), Event::ResetAfterUnprotect);
    EXPECT_FALSE(engine_.read_protected());
    EXPECT_TRUE(std::all_of(flash_.begin(), flash_.end(), [](uint8_t b) { return b == 0xFF; }));
    EXPECT_TRUE(get_status().stalled) << "the device has reset and left the bus";
    engine_.reset();
    EXPECT_EQ(get_status().state, State::Idle);
}

TEST_F(Engine_, ReadUnprotectThatCannotEraseIsErrUnknown) {
    ASSERT_TRUE(engine_.select_alternate(1));  // option bytes: plain memory, no erase
    engine_.set_read_protection(true);
    const StatusAnswer s = command({0x92});
    EXPECT_EQ(s.state, State::Error);
    EXPECT_EQ(s.status, Status::ErrUnknown);
    EXPECT_TRUE(engine_.read_protected());
    EXPECT_EQ(engine_.event(), Event::None);
}

TEST_F(Engine_, UploadReadsAtPointerPlusBlockOffsetThenShortFrameEnds) {
    const auto image = pattern(kFlashSize, 11);
    std::copy(image.begin(), image.end(), flash_.begin());
    ASSERT_EQ(set_address(0x081FF000).status, Status::Ok);
    ASSERT_FALSE(out_request(Request::Abort).stall);
    std::vector<uint8_t> out;
    ASSERT_FALSE(upload(2, 2048, out).stall);
    EXPECT_TRUE(std::equal(out.begin(), out.end(), image.begin() + 0x1FF000));
    EXPECT_EQ(get_state(), State::UploadIdle);
    ASSERT_FALSE(upload(3, 2048, out).stall);
    ASSERT_EQ(out.size(), 2048u);
    EXPECT_TRUE(std::equal(out.begin(), out.end(), image.begin() + 0x1FF800));
    EXPECT_TRUE(upload(4, 2048, out).stall) << "block 4 starts past the end";
}

TEST_F(Engine_, UploadThatRunsPastTheEndIsAShortFrame) {
    ASSERT_EQ(set_address(0x081FFC00).status, Status::Ok);
    ASSERT_FALSE(out_request(Request::Abort).stall);
    std::vector<uint8_t> out;
    ASSERT_FALSE(upload(2, 2048, out).stall);
    EXPECT_EQ(out.size(), 1024u);
    EXPECT_EQ(get_state(), State::Idle);
}

TEST_F(Engine_, UploadOutsideMemoryStallsWithErrAddress) {
    ASSERT_EQ(set_address(0x081FF800).status, Status::Ok);
    ASSERT_FALSE(out_request(Request::Abort).stall);
    std::vector<uint8_t> out;
    EXPECT_TRUE(upload(3, 2048, out).stall);
    const StatusAnswer s = get_status();
    EXPECT_EQ(s.state, State::Error);
    EXPECT_EQ(s.status, Status::ErrAddress);
}

TEST_F(Engine_, RequestsInTheWrongStateStallAndEnterError) {
    std::vector<uint8_t> out;
    ASSERT_FALSE(upload(2, 16, out).stall);  // dfuUPLOAD-IDLE
    EXPECT_TRUE(dnload(2, pattern(16, 0)).stall);
    EXPECT_EQ(get_status().status, Status::ErrStalledPkt);
    EXPECT_EQ(get_state(), State::Error);
    EXPECT_TRUE(dnload(0, with_address(0x21, kFlashBase)).stall) << "dfuERROR takes no DNLOAD";
    EXPECT_TRUE(upload(2, 16, out).stall) << "nor UPLOAD";
    EXPECT_TRUE(out_request(Request::Abort).stall) << "nor ABORT";
    EXPECT_FALSE(out_request(Request::ClrStatus).stall);
    EXPECT_EQ(get_state(), State::Idle);
    EXPECT_TRUE(out_request(Request::ClrStatus).stall) << "CLRSTATUS only in dfuERROR";
}

TEST_F(Engine_, UploadDuringADownloadStalls) {
    ASSERT_EQ(set_address(kFlashBase).status, Status::Ok);  // dfuDNLOAD-IDLE
    std::vector<uint8_t> out;
    EXPECT_TRUE(upload(2, 16, out).stall);
    EXPECT_EQ(get_state(), State::Error);
}

TEST_F(Engine_, DnloadWhileSyncStallsAndDropsThePendingCommand) {
    ASSERT_FALSE(dnload(0, with_address(0x21, 0x08004000)).stall);
    EXPECT_TRUE(dnload(2, pattern(16, 0)).stall);
    ASSERT_FALSE(out_request(Request::ClrStatus).stall);
    const StatusAnswer s = get_status();
    EXPECT_EQ(s.state, State::Idle) << "the stalled exchange left nothing to run";
    EXPECT_EQ(engine_.address_pointer(), kFlashBase);
    EXPECT_EQ(flash_[0], 0xFF);
}

TEST_F(Engine_, GetStatusWithoutRoomForTheAnswerRunsNothing) {
    ASSERT_FALSE(dnload(0, with_address(0x21, 0x08004000)).stall);
    std::array<uint8_t, 6> small{};
    const dfuse::Setup setup{kClassIn, static_cast<uint8_t>(Request::GetStatus), 0, 0, 6};
    EXPECT_TRUE(engine_.control(setup, {}, std::span<uint8_t>(small).first(3)).stall);
    EXPECT_EQ(engine_.address_pointer(), kFlashBase);
}

TEST_F(Engine_, DetachIsNotValidInDfuMode) {
    EXPECT_TRUE(out_request(Request::Detach).stall);
    EXPECT_EQ(get_state(), State::Error);
}

TEST_F(Engine_, WrongDirectionOrUnknownRequestStalls) {
    const dfuse::Setup wrong_dir{kClassIn, static_cast<uint8_t>(Request::Dnload), 2, 0, 16};
    std::array<uint8_t, 16> buf{};
    EXPECT_TRUE(engine_.control(wrong_dir, {}, buf).stall);
    out_request(Request::ClrStatus);
    EXPECT_TRUE(engine_.control(dfuse::Setup{kClassOut, 7, 0, 0, 0}, {}, {}).stall);
}

TEST_F(Engine_, AbortReturnsToIdleFromDownloadAndUpload) {
    ASSERT_EQ(set_address(kFlashBase).status, Status::Ok);
    EXPECT_FALSE(out_request(Request::Abort).stall);
    EXPECT_EQ(get_state(), State::Idle);
    std::vector<uint8_t> out;
    ASSERT_FALSE(upload(2, 16, out).stall);
    EXPECT_FALSE(out_request(Request::Abort).stall);
    EXPECT_EQ(get_state(), State::Idle);
    ASSERT_FALSE(dnload(0, with_address(0x21, 0x08001000)).stall);
    EXPECT_FALSE(out_request(Request::Abort).stall) << "abort drops a pending DNLOAD";
    EXPECT_EQ(get_status().state, State::Idle);
    EXPECT_EQ(engine_.address_pointer(), kFlashBase);
}

TEST_F(Engine_, LeaveJumpsToThePointerOnTheGetStatusAfterAZeroLengthDnload) {
    ASSERT_EQ(set_address(0x08020000).status, Status::Ok);
    ASSERT_FALSE(dnload(2, {}).stall);
    EXPECT_EQ(get_state(), State::ManifestSync);
    EXPECT_EQ(engine_.event(), Event::None);
    const StatusAnswer s = get_status();
    EXPECT_EQ(s.state, State::Manifest);
    EXPECT_EQ(engine_.event(), Event::Leave);
    EXPECT_EQ(engine_.leave_address(), 0x08020000u);
    EXPECT_TRUE(get_status().stalled) << "the ROM has left DFU";
}

TEST_F(Engine_, OversizedDnloadAndBlockOneStall) {
    EXPECT_TRUE(dnload(2, pattern(2049, 0)).stall);
    out_request(Request::ClrStatus);
    EXPECT_TRUE(dnload(1, pattern(16, 0)).stall);
    out_request(Request::ClrStatus);
    std::vector<uint8_t> out;
    EXPECT_TRUE(upload(2, 4096, out).stall);
}

TEST_F(Engine_, UnknownOrMalformedCommandsAreErrStalledPkt) {
    EXPECT_EQ(command({0x55}).status, Status::ErrStalledPkt);
    out_request(Request::ClrStatus);
    EXPECT_EQ(command({0x21, 0x00}).status, Status::ErrStalledPkt);
    out_request(Request::ClrStatus);
    EXPECT_EQ(command({0x41, 0, 0}).status, Status::ErrStalledPkt);
    out_request(Request::ClrStatus);
    EXPECT_EQ(command({0x92, 0}).status, Status::ErrStalledPkt);
    EXPECT_EQ(engine_.event(), Event::None);
}

TEST_F(Engine_, PollScaleZeroReportsNoWait) {
    engine_.set_poll_scale(0);
    ASSERT_FALSE(dnload(0, {0x41}).stall);
    EXPECT_EQ(get_status().poll_ms, 0u);
}

TEST_F(Engine_, AlternateSelectsItsMemoryAndResetsThePointer) {
    EXPECT_FALSE(engine_.select_alternate(3));
    ASSERT_TRUE(engine_.select_alternate(1));
    EXPECT_EQ(engine_.address_pointer(), kOptionBase);
    EXPECT_EQ(set_address(kFlashBase).status, Status::ErrTarget) << "flash is alternate 0";
    ASSERT_FALSE(out_request(Request::ClrStatus).stall);
    option_bytes_[0] = 0xAA;
    const auto ob = pattern(48, 0x40);
    ASSERT_EQ(set_address(kOptionBase).status, Status::Ok);
    ASSERT_FALSE(dnload(2, ob).stall);
    EXPECT_EQ(get_status().state, State::DnBusy);
    EXPECT_TRUE(std::equal(ob.begin(), ob.end(), option_bytes_.begin()))
        << "option bytes are rewritten, not ORed";
    EXPECT_EQ(engine_.event(), Event::ResetAfterOptionBytes) << "AN2662 Figure 57";
    EXPECT_TRUE(get_status().stalled);
}

TEST_F(Engine_, OtpProgramsOnce) {
    ASSERT_TRUE(engine_.select_alternate(2));
    ASSERT_EQ(set_address(kOtpBase).status, Status::Ok);
    EXPECT_EQ(write_block(2, pattern(32, 1)).status, Status::Ok);
    ASSERT_FALSE(out_request(Request::Abort).stall);
    EXPECT_EQ(write_block(2, pattern(32, 2)).status, Status::ErrWrite);
    EXPECT_EQ(otp_[0], pattern(32, 1)[0]);
}

}  // namespace
}  // namespace sysboot::dfuse::test
