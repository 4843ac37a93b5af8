// Unit tests of what the target engine (protocol/an3155) knows about the part it poses as:
// write alignment, protection commands and the system resets they end with, the option
// bytes and flash-size register it serves, sector maps of every pose, bank erases.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "sysboot/an3155/flash_model.hpp"
#include "sysboot/an3155/layout.hpp"
#include "sysboot/an3155/pose.hpp"
#include "sysboot/an3155/target.hpp"

#include "an3155_frames.hpp"

namespace an = sysboot::an3155;
using sysboot::test::addr;
using sysboot::test::Bytes;
using sysboot::test::cat;
using sysboot::test::cmd;

namespace {

constexpr uint8_t ACK = an::kAck;
constexpr uint8_t NACK = an::kNack;
constexpr uint32_t kBase = 0x08000000;

struct VecSink final : an::Sink {
    Bytes bytes;
    void put(uint8_t b) override { bytes.push_back(b); }
};

struct Resets {
    int calls = 0;
    an::OptionBytes last{};
    static void on_reset(void* self, const an::OptionBytes& o) {
        auto* r = static_cast<Resets*>(self);
        ++r->calls;
        r->last = o;
    }
};

// An engine posing as `pose`, over a buffer of the pose's flash size.
struct Rig {
    explicit Rig(an::Pose pose = an::kPoses[0], an::Config cfg = {}) {
        an::FlashConfig fc;
        EXPECT_TRUE(an::apply_pose(pose, cfg, fc));
        cfg.on_reset = &Resets::on_reset;
        cfg.reset_context = &resets;
        flash.assign(fc.sectors.total_size(), 0xFF);
        memory = std::make_unique<an::FlashModel>(fc, flash, ram, 0x20000000);
        target = std::make_unique<an::Target>(cfg, *memory, sink);
        feed({0x7F});
    }
    Bytes feed(const Bytes& in) {
        sink.bytes.clear();
        for (uint8_t b : in) {
            target->on_byte(b);
        }
        return sink.bytes;
    }

    Resets resets;
    Bytes flash;
    Bytes ram = Bytes(4096, 0);
    std::unique_ptr<an::FlashModel> memory;
    VecSink sink;
    std::unique_ptr<an::Target> target;
};

Bytes write_cmd(uint32_t address, std::size_t n, uint8_t value = 0x5A) {
    Bytes d(n, value);
    Bytes f{static_cast<uint8_t>(n - 1)};
    f.insert(f.end(), d.begin(), d.end());
    f.push_back(an::xor_of(d, f[0]));
    return cat({cmd(an::Command::WriteMemory), addr(address), f});
}

Bytes read_cmd(uint32_t address, uint8_t n) {
    const auto n1 = static_cast<uint8_t>(n - 1);
    return cat({cmd(an::Command::ReadMemory), addr(address), {n1, static_cast<uint8_t>(~n1)}});
}

Bytes erase_cmd(std::vector<uint16_t> sectors) {
    Bytes f;
    const auto n1 = static_cast<uint16_t>(sectors.size() - 1);
    f = {static_cast<uint8_t>(n1 >> 8), static_cast<uint8_t>(n1)};
    for (auto s : sectors) {
        f.push_back(static_cast<uint8_t>(s >> 8));
        f.push_back(static_cast<uint8_t>(s));
    }
    f.push_back(an::xor_of(f));
    return cat({cmd(an::Command::ExtendedErase), f});
}

Bytes special_erase(uint16_t code) {
    const Bytes f{static_cast<uint8_t>(code >> 8), static_cast<uint8_t>(code),
                  static_cast<uint8_t>((code >> 8) ^ code)};
    return cat({cmd(an::Command::ExtendedErase), f});
}

Bytes protect_cmd(const Bytes& sectors) {
    Bytes f{static_cast<uint8_t>(sectors.size() - 1)};
    f.insert(f.end(), sectors.begin(), sectors.end());
    f.push_back(an::xor_of(sectors, f[0]));
    return cat({cmd(an::Command::WriteProtect), f});
}

const Bytes kAck3{ACK, ACK, ACK};

}  // namespace

// AN2606 "Programming constraints" (STM32F7): an unaligned start fails, and so does every
// program operation after it until a reset.
TEST(EngineAlignment, UnalignedFlashWriteFailsAndLatchesUntilReset) {
    Rig r;
    EXPECT_EQ(r.feed(write_cmd(kBase + 0x108, 8)), kAck3);  // 8-aligned: fine
    EXPECT_EQ(r.feed(write_cmd(kBase + 0x204, 8)), (Bytes{ACK, ACK, NACK}));
    EXPECT_EQ(r.flash[0x204], 0xFF);
    EXPECT_EQ(r.feed(write_cmd(kBase + 0x300, 16)), (Bytes{ACK, ACK, NACK}));  // aligned too
    EXPECT_EQ(r.flash[0x300], 0xFF);
    EXPECT_TRUE(r.memory->program_failed());
    // Reads and RAM writes are not program operations.
    EXPECT_EQ(r.feed(write_cmd(0x20000004, 8)), kAck3);
    r.target->reset();
    r.feed({0x7F});
    EXPECT_EQ(r.feed(write_cmd(kBase + 0x300, 16)), kAck3);
}

TEST(EngineGet, V31ListByDefaultAndV33AddsGetChecksum) {
    Rig v31;
    EXPECT_EQ(v31.feed(cmd(an::Command::Get)), (Bytes{ACK, 11, 0x31, 0x00, 0x01, 0x02, 0x11, 0x21,
                                                      0x31, 0x44, 0x63, 0x73, 0x82, 0x92, ACK}));
    EXPECT_EQ(v31.feed(cmd(an::Command::GetChecksum)), Bytes{NACK});
    an::Config c;
    c.version = 0x33;
    c.get_checksum = true;
    Rig v33(an::kPoses[0], c);
    const Bytes list = v33.feed(cmd(an::Command::Get));
    ASSERT_EQ(list.size(), 16u);
    EXPECT_EQ(list[2], 0x33);
    EXPECT_EQ(list[14], 0xA1);
}

TEST(EngineRdp, ServesOnlyGetVersionIdAndReadoutCommands) {
    an::Config c;
    c.rdp_level1 = true;
    Rig r(an::kPoses[0], c);
    EXPECT_EQ(r.feed(cmd(an::Command::Get)).front(), ACK);
    EXPECT_EQ(r.feed(cmd(an::Command::GetVersion)).front(), ACK);
    EXPECT_EQ(r.feed(cmd(an::Command::GetId)).front(), ACK);
    for (auto cm :
         {an::Command::ReadMemory, an::Command::WriteMemory, an::Command::Go,
          an::Command::ExtendedErase, an::Command::WriteProtect, an::Command::WriteUnprotect}) {
        EXPECT_EQ(r.feed(cmd(cm)), Bytes{NACK}) << int(an::code(cm));
    }
    // Readout Protect is served even when already protected: ACK, ACK, reset.
    EXPECT_EQ(r.feed(cmd(an::Command::ReadoutProtect)), (Bytes{ACK, ACK}));
    EXPECT_EQ(r.resets.calls, 1);
    EXPECT_EQ(r.target->state(), an::State::NotSynced);
}

TEST(EngineRdp, ReadoutUnprotectMassErasesAcksTwiceAndResets) {
    an::Config c;
    c.rdp_level1 = true;
    Rig r(an::kPoses[0], c);
    r.flash[0x1000] = 0x12;
    EXPECT_EQ(r.feed(cmd(an::Command::ReadoutUnprotect)), (Bytes{ACK, ACK}));
    EXPECT_EQ(r.flash[0x1000], 0xFF);
    EXPECT_EQ(r.resets.calls, 1);
    EXPECT_FALSE(r.resets.last.readout_protected());
    EXPECT_EQ(r.target->state(), an::State::NotSynced);
    EXPECT_EQ(r.target->counters().system_resets, 1u);
    // After the reset: sync again, memory commands are served.
    EXPECT_EQ(r.feed({0x7F}), Bytes{ACK});
    EXPECT_EQ(r.feed(read_cmd(kBase + 0x1000, 4)), (Bytes{ACK, ACK, ACK, 0xFF, 0xFF, 0xFF, 0xFF}));
}

TEST(EngineRdp, ReadoutProtectSurvivesTheReset) {
    Rig r;
    EXPECT_EQ(r.feed(read_cmd(kBase, 4)).front(), ACK);
    EXPECT_EQ(r.feed(cmd(an::Command::ReadoutProtect)), (Bytes{ACK, ACK}));
    EXPECT_TRUE(r.target->options().readout_protected());
    EXPECT_EQ(r.feed({0x7F}), Bytes{ACK});
    EXPECT_EQ(r.feed(cmd(an::Command::ReadMemory)), Bytes{NACK});
    EXPECT_EQ(r.feed(cmd(an::Command::GetId)).front(), ACK);
}

TEST(EngineWrp, WriteProtectRefusesEraseAndProgramOfTheSectorUntilUnprotect) {
    Rig r;
    EXPECT_EQ(r.feed(protect_cmd({1, 3})), (Bytes{ACK, ACK}));
    EXPECT_EQ(r.resets.calls, 1);
    EXPECT_EQ(r.resets.last.write_protected(), 0b1010);
    r.feed({0x7F});
    EXPECT_EQ(r.feed(erase_cmd({1})), (Bytes{ACK, NACK}));
    EXPECT_EQ(r.feed(write_cmd(kBase + 0x8000, 8)), (Bytes{ACK, ACK, NACK}));  // sector 1
    EXPECT_EQ(r.flash[0x8000], 0xFF);
    EXPECT_EQ(r.feed(special_erase(an::kMassErase)), (Bytes{ACK, NACK}));
    EXPECT_EQ(r.feed(write_cmd(kBase, 8)), kAck3);  // sector 0 is not protected
    // The option bytes show nWRP bits 1 and 3 cleared.
    const Bytes opt = r.feed(read_cmd(an::kOptionBytesAddress, 16));
    ASSERT_EQ(opt.size(), 3u + 16u);
    EXPECT_EQ(an::OptionBytes::decode(Bytes(opt.begin() + 3, opt.end())).write_protected(), 0b1010);
    EXPECT_EQ(r.feed(cmd(an::Command::WriteUnprotect)), (Bytes{ACK, ACK}));
    EXPECT_EQ(r.resets.calls, 2);
    r.feed({0x7F});
    EXPECT_EQ(r.feed(erase_cmd({1})), (Bytes{ACK, ACK}));
}

TEST(EngineWrp, InvalidSectorOrChecksumIsNackedWithoutReset) {
    Rig r;
    EXPECT_EQ(r.feed(protect_cmd({12})), (Bytes{ACK, NACK}));
    Bytes bad = protect_cmd({2});
    bad.back() ^= 1;
    EXPECT_EQ(r.feed(bad), (Bytes{ACK, NACK}));
    EXPECT_EQ(r.resets.calls, 0);
    EXPECT_EQ(r.target->options().write_protected(), 0);
    EXPECT_EQ(r.target->state(), an::State::Command);
}

TEST(EngineSystemArea, ServesFlashSizeAndOptionBytesOfThePose) {
    Rig f76x;  // 2 MiB single bank
    EXPECT_EQ(f76x.feed(read_cmd(an::kF74xF76xFlashSizeAddress, 2)),
              (Bytes{ACK, ACK, ACK, 0x00, 0x08}));
    const Bytes opt = f76x.feed(read_cmd(an::kOptionBytesAddress, 16));
    ASSERT_EQ(opt.size(), 19u);
    const auto o = an::OptionBytes::decode(Bytes(opt.begin() + 3, opt.end()));
    EXPECT_EQ(o.rdp(), an::kRdpLevel0);
    EXPECT_FALSE(o.dual_bank());
    // Factory options, single bank: 0x5500AAFF, then 0x0000FFFF (RM0410 §3.4).
    EXPECT_EQ(Bytes(opt.begin() + 3, opt.begin() + 15),
              (Bytes{0xFF, 0xAA, 0x00, 0x55, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00}));
    Rig dual(an::kPoses[2]);
    const Bytes dopt = dual.feed(read_cmd(an::kOptionBytesAddress, 16));
    // nDBANK (bit 13 of the second word) cleared: 0x2000DFFF.
    EXPECT_EQ(Bytes(dopt.begin() + 11, dopt.begin() + 15), (Bytes{0xFF, 0xDF, 0x00, 0x20}));
    EXPECT_TRUE(an::OptionBytes::decode(Bytes(dopt.begin() + 3, dopt.end())).dual_bank());
    Rig f72x(an::kPoses[4]);  // 256 KiB F72x: its register is elsewhere
    EXPECT_EQ(f72x.feed(read_cmd(an::kF72xFlashSizeAddress, 2)),
              (Bytes{ACK, ACK, ACK, 0x00, 0x01}));
    EXPECT_EQ(f72x.feed(cat({cmd(an::Command::ReadMemory), addr(an::kF74xF76xFlashSizeAddress)})),
              (Bytes{ACK, NACK}));
    // Past the end of the area.
    EXPECT_EQ(f72x.feed(read_cmd(an::kF72xFlashSizeAddress, 4)), (Bytes{ACK, ACK, NACK}));
}

TEST(EngineLayout, WriteAndErasePastTheEndOfASmallerPartAreRefused) {
    Rig r(an::kPoses[4]);  // F72x 256 KiB: sectors 0..5
    ASSERT_EQ(r.flash.size(), 256u * 1024);
    EXPECT_EQ(r.feed(write_cmd(kBase + 256 * 1024 - 16, 8)), kAck3);
    EXPECT_EQ(r.feed(cat({cmd(an::Command::WriteMemory), addr(kBase + 256 * 1024)})),
              (Bytes{ACK, NACK}));
    EXPECT_EQ(r.feed(write_cmd(kBase + 256 * 1024 - 8, 16)), (Bytes{ACK, ACK, NACK}));
    EXPECT_EQ(r.feed(erase_cmd({5})), (Bytes{ACK, ACK}));
    EXPECT_EQ(r.feed(erase_cmd({6})), (Bytes{ACK, NACK}));
    Rig f750(an::kPoses[6]);  // 64 KiB F750: two 32 KiB sectors
    EXPECT_EQ(f750.feed(erase_cmd({1})), (Bytes{ACK, ACK}));
    EXPECT_EQ(f750.feed(erase_cmd({2})), (Bytes{ACK, NACK}));
}

TEST(EngineLayout, BankErasesOnlyOnADualBankPart) {
    Rig dual(an::kPoses[2]);
    dual.flash[0] = 0;         // bank 1, sector 0
    dual.flash[0x100000] = 0;  // bank 2, sector 12
    EXPECT_EQ(dual.feed(special_erase(an::kBank2Erase)), (Bytes{ACK, ACK}));
    EXPECT_EQ(dual.flash[0x100000], 0xFF);
    EXPECT_EQ(dual.flash[0], 0x00);
    EXPECT_EQ(dual.feed(special_erase(an::kBank1Erase)), (Bytes{ACK, ACK}));
    EXPECT_EQ(dual.flash[0], 0xFF);
    EXPECT_EQ(dual.feed(erase_cmd({23})), (Bytes{ACK, ACK}));
    EXPECT_EQ(dual.memory->erase_count(23), 2u);
    Rig single;
    EXPECT_EQ(single.feed(special_erase(an::kBank1Erase)), (Bytes{ACK, NACK}));
    EXPECT_EQ(single.feed(special_erase(an::kBank2Erase)), (Bytes{ACK, NACK}));
}

// RM0410 §3.3.1: dual-bank mode, two banks of 4 x 16 KiB, 64 KiB, 7 x 128 KiB; bank 2 =
// sectors 12..23 from 0x08100000.
TEST(Layout, DualBankF76xMap) {
    an::OptionBytes o;
    o.set_dual_bank(true);
    const auto l = an::decode_layout(0x451, 2048, o);
    ASSERT_TRUE(l.valid());
    EXPECT_TRUE(l.dual_bank);
    EXPECT_EQ(l.sectors.count(), 24);
    EXPECT_EQ(l.sectors.size_of(0), 16u * 1024);
    EXPECT_EQ(l.sectors.size_of(4), 64u * 1024);
    EXPECT_EQ(l.sectors.size_of(11), 128u * 1024);
    EXPECT_EQ(l.sectors.offset_of(12), 0x100000u);
    EXPECT_EQ(l.sectors.size_of(12), 16u * 1024);
    EXPECT_EQ(l.sectors.index_of(0x1FFFFF), 23);
    EXPECT_EQ(l.sectors.bank_of(11), 1);
    EXPECT_EQ(l.sectors.bank_of(12), 2);
    // 1 MiB dual bank: bank 2 starts at 0x08080000 with sector 12 (sectors 8..11 do not exist).
    const auto m = an::decode_layout(0x451, 1024, o);
    ASSERT_TRUE(m.valid());
    EXPECT_EQ(m.sectors.index_of(0x7FFFF), 7);
    EXPECT_EQ(m.sectors.index_of(0x80000), 12);
    EXPECT_FALSE(m.sectors.contains(8));
    EXPECT_EQ(m.sectors.offset_of(19), 0xE0000u);
}

struct SizeCase {
    uint16_t pid;
    uint16_t kib;
    std::vector<uint32_t> sector_kib;
};

// Smaller parts keep the start of their line's map (RM0385/RM0410/RM0431 §3.3.1).
TEST(Layout, SmallerSizesTruncateTheLineMap) {
    const std::vector<SizeCase> cases = {
        {0x451, 2048, {32, 32, 32, 32, 128, 256, 256, 256, 256, 256, 256, 256}},
        {0x451, 1024, {32, 32, 32, 32, 128, 256, 256, 256}},
        {0x449, 1024, {32, 32, 32, 32, 128, 256, 256, 256}},
        {0x449, 512, {32, 32, 32, 32, 128, 256}},
        {0x452, 512, {16, 16, 16, 16, 64, 128, 128, 128}},
        {0x452, 256, {16, 16, 16, 16, 64, 128}},
        {0x452, 64, {16, 16, 16, 16}},
        {0x449, 64, {32, 32}},
    };
    for (const auto& c : cases) {
        const auto l = an::decode_layout(c.pid, c.kib, an::OptionBytes{});
        ASSERT_TRUE(l.valid()) << c.pid << " " << c.kib;
        EXPECT_EQ(l.size, c.kib * 1024u);
        EXPECT_EQ(l.sectors.total_size(), c.kib * 1024u);
        EXPECT_EQ(l.write_align, 8u);
        ASSERT_EQ(l.sectors.count(), c.sector_kib.size()) << c.pid << " " << c.kib;
        for (uint16_t k = 0; k < c.sector_kib.size(); ++k) {
            EXPECT_EQ(l.sectors.size_of(k), c.sector_kib[k] * 1024u) << c.kib << " sector " << k;
        }
    }
}

TEST(Layout, RefusesWhatNoF7Has) {
    an::OptionBytes dual;
    dual.set_dual_bank(true);
    EXPECT_FALSE(an::decode_layout(0x413, 1024, {}).valid());  // an F4 PID
    EXPECT_FALSE(an::decode_layout(0x452, 1024, {}).valid());  // F72x has at most 512 KiB
    EXPECT_FALSE(an::decode_layout(0x451, 0, {}).valid());
    EXPECT_FALSE(an::decode_layout(0x451, 1536, {}).valid());
    EXPECT_FALSE(an::decode_layout(0x451, 512, dual).valid());
    // nDBANK means nothing on an F74x: the single-bank map.
    EXPECT_FALSE(an::decode_layout(0x449, 1024, dual).dual_bank);
    const uint8_t kib[2] = {0x00, 0x02};
    EXPECT_EQ(an::decode_flash_size(kib), 512);
}

TEST(Layout, OptionBytesRoundTrip) {
    an::OptionBytes o;
    o.set_rdp(0x55);
    o.set_write_protected(0x0801);
    o.set_dual_bank(true);
    uint8_t bytes[an::kOptionBytesLength];
    ASSERT_TRUE(o.read(0, bytes));
    EXPECT_EQ(bytes[1], 0x55);  // RDP in bits 15:8 of the first halfword
    EXPECT_EQ(bytes[3], 0xAA);  // its complement in bits 31:24
    const auto back = an::OptionBytes::decode(bytes);
    EXPECT_TRUE(back.readout_protected());
    EXPECT_EQ(back.write_protected(), 0x0801);
    EXPECT_TRUE(back.dual_bank());
    EXPECT_EQ(back.high & (1u << 13), 0u);  // nDBANK = FLASH_OPTCR bit 29
}

// AN3155 §3.7/§3.8: a ROM lists Erase (0x43) or Extended Erase (0x44), never both, and NACKs
// the other. The F103 pose (protocol/stm32 row 0x410) has the legacy Erase.
TEST(EngineErase, ALegacyEraseRomListsAndServesOnly0x43) {
    Rig f103(*an::pose_number(12));
    const Bytes list = f103.feed(cmd(an::Command::Get));
    ASSERT_EQ(list.size(), 15u);
    EXPECT_EQ(list[9], 0x43);
    EXPECT_EQ(f103.feed(cmd(an::Command::ExtendedErase)), Bytes{NACK});
    Rig f7;
    EXPECT_EQ(f7.feed(cmd(an::Command::Erase)), Bytes{NACK});
}

TEST(EngineErase, LegacyErasePagesAndGlobalErase) {
    Rig r(*an::pose_number(12));  // F103 medium density: 128 pages of 1 KiB
    std::fill(r.flash.begin(), r.flash.begin() + 4096, uint8_t{0});
    // N-1 = 1, pages 1 and 3, XOR of all = 1 ^ 1 ^ 3 = 3.
    EXPECT_EQ(r.feed(cat({cmd(an::Command::Erase), {0x01, 0x01, 0x03, 0x03}})), (Bytes{ACK, ACK}));
    EXPECT_EQ(r.flash[0], 0x00);
    EXPECT_EQ(r.flash[1024], 0xFF);
    EXPECT_EQ(r.flash[2048], 0x00);
    EXPECT_EQ(r.flash[3072], 0xFF);
    // A wrong checksum or a page the part does not have: NACK, nothing erased.
    EXPECT_EQ(r.feed(cat({cmd(an::Command::Erase), {0x00, 0x02, 0x00}})), (Bytes{ACK, NACK}));
    EXPECT_EQ(r.feed(cat({cmd(an::Command::Erase), {0x00, 0xC8, 0xC8}})), (Bytes{ACK, NACK}));
    EXPECT_EQ(r.flash[2048], 0x00);
    // 0xFF 0x00: global erase.
    EXPECT_EQ(r.feed(cat({cmd(an::Command::Erase), {0xFF, 0x00}})), (Bytes{ACK, ACK}));
    EXPECT_EQ(r.flash[0], 0xFF);
    EXPECT_EQ(r.flash[2048], 0xFF);
}

// L476 1 MiB has 512 pages: Extended Erase reaches the pages of bank 2 (256..511).
TEST(EngineErase, ExtendedEraseReachesPagesAbove255) {
    Rig r(*an::pose_number(11));
    const uint32_t page511 = 511 * 2048;
    r.flash[page511] = 0;
    EXPECT_EQ(r.feed(cat({cmd(an::Command::ExtendedErase), {0x00, 0x00, 0x01, 0xFF, 0xFE}})),
              (Bytes{ACK, ACK}));
    EXPECT_EQ(r.flash[page511], 0xFF);
}
