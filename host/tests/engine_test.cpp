// Unit tests of the portable AN3155 target engine (protocol/an3155) and its F7 flash model.
#include <gtest/gtest.h>

#include <vector>

#include "sysboot/an3155/flash_model.hpp"
#include "sysboot/an3155/protocol.hpp"
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

struct Rig {
    explicit Rig(an::Config cfg = {}, an::FlashConfig fc = {})
        : flash(fc.sectors.total_size(), 0xFF),
          ram(4096, 0),
          memory(fc, flash, ram, 0x20000000),
          target(cfg, memory, sink) {}

    Bytes feed(const Bytes& in) {
        sink.bytes.clear();
        for (uint8_t b : in) {
            target.on_byte(b);
        }
        return sink.bytes;
    }
    Bytes synced() { return feed({0x7F}); }

    Bytes flash;
    Bytes ram;
    an::FlashModel memory;
    VecSink sink;
    an::Target target;
};

Bytes write_frame(const Bytes& data) {
    Bytes f{static_cast<uint8_t>(data.size() - 1)};
    f.insert(f.end(), data.begin(), data.end());
    f.push_back(an::xor_of(data, f[0]));
    return f;
}

Bytes erase_frame(const std::vector<uint16_t>& sectors) {
    Bytes f;
    const auto n1 = static_cast<uint16_t>(sectors.size() - 1);
    f.push_back(static_cast<uint8_t>(n1 >> 8));
    f.push_back(static_cast<uint8_t>(n1));
    for (auto s : sectors) {
        f.push_back(static_cast<uint8_t>(s >> 8));
        f.push_back(static_cast<uint8_t>(s));
    }
    f.push_back(an::xor_of(f));
    return f;
}

Bytes data_of(std::size_t n, uint8_t seed) {
    Bytes d(n);
    for (std::size_t i = 0; i < n; ++i) {
        d[i] = static_cast<uint8_t>(seed + i * 7);
    }
    return d;
}

// Reference CRC-32/MPEG-2 (poly 0x04C11DB7, init 0xFFFFFFFF, no reflection, no xorout),
// computed byte-wise, MSB first.
uint32_t crc32_mpeg2(const Bytes& bytes) {
    uint32_t crc = 0xFFFFFFFF;
    for (uint8_t b : bytes) {
        crc ^= static_cast<uint32_t>(b) << 24;
        for (int i = 0; i < 8; ++i) {
            crc = (crc & 0x80000000u) ? (crc << 1) ^ 0x04C11DB7u : crc << 1;
        }
    }
    return crc;
}

}  // namespace

TEST(Crc32, MatchesCrc32Mpeg2OnByteSwappedWords) {
    const Bytes check{'1', '2', '3', '4', '5', '6', '7', '8', '9'};
    EXPECT_EQ(crc32_mpeg2(check), 0x0376E6E7u);  // the catalogued check value
    // The STM32 CRC unit takes little-endian words MSB first: word "1234" is 0x34333231.
    const Bytes data{'1', '2', '3', '4', '5', '6', '7', '8'};
    const Bytes swapped{'4', '3', '2', '1', '8', '7', '6', '5'};
    EXPECT_EQ(an::Crc32::of(data), crc32_mpeg2(swapped));
    // Feeding in pieces gives the same value.
    an::Crc32 c;
    c.update(std::span<const uint8_t>(data.data(), 3));
    c.update(std::span<const uint8_t>(data.data() + 3, 5));
    EXPECT_EQ(c.value(), an::Crc32::of(data));
    EXPECT_EQ(an::Crc32::of({}), 0xFFFFFFFFu);
}

TEST(SectorMap, F7Layouts) {
    EXPECT_EQ(an::kF76xSingleBank.total_size(), 2u * 1024 * 1024);
    EXPECT_EQ(an::kF74x.total_size(), 1024u * 1024);
    EXPECT_EQ(an::kF72x.total_size(), 512u * 1024);
    EXPECT_EQ(an::kF76xSingleBank.count(), 12);
    EXPECT_EQ(an::kF72x.size_of(0), 16u * 1024);
    EXPECT_EQ(an::kF72x.size_of(4), 64u * 1024);
    EXPECT_EQ(an::kF72x.size_of(7), 128u * 1024);
    EXPECT_EQ(an::kF72x.size_of(8), 0u);
    EXPECT_EQ(an::kF74x.offset_of(5), 0x40000u);
    EXPECT_EQ(an::kF74x.index_of(0x3FFFF), 4);
    EXPECT_EQ(an::kF74x.index_of(0x40000), 5);
    EXPECT_EQ(an::kF74x.index_of(0x100000), -1);
}

TEST(Engine, SyncAcksFirst0x7FAndIgnoresNoiseBefore) {
    Rig r;
    EXPECT_EQ(r.feed({0x00, 0x55, 0xFF}), Bytes{});
    EXPECT_EQ(r.target.state(), an::State::NotSynced);
    EXPECT_EQ(r.synced(), Bytes{ACK});
    EXPECT_EQ(r.target.state(), an::State::Command);
}

TEST(Engine, Second0x7FWhenSyncedIsNacked) {
    Rig r;
    r.synced();
    EXPECT_EQ(r.feed({0x7F}), Bytes{NACK});
    EXPECT_EQ(r.target.state(), an::State::Command);
    EXPECT_EQ(r.feed(cmd(an::Command::GetId)), (Bytes{ACK, 0x01, 0x04, 0x51, ACK}));
}

TEST(Engine, GetListsServedCommands) {
    Rig r;
    r.synced();
    EXPECT_EQ(r.feed(cmd(an::Command::Get)), (Bytes{ACK, 11, 0x31, 0x00, 0x01, 0x02, 0x11, 0x21,
                                                    0x31, 0x44, 0x63, 0x73, 0x82, 0x92, ACK}));
}

TEST(Engine, GetListsChecksumOnlyWhenConfigured) {
    an::Config cfg;
    cfg.get_checksum = true;
    cfg.version = 0x33;
    Rig r(cfg);
    r.synced();
    EXPECT_EQ(r.feed(cmd(an::Command::Get)),
              (Bytes{ACK, 12, 0x33, 0x00, 0x01, 0x02, 0x11, 0x21, 0x31, 0x44, 0x63, 0x73, 0x82,
                     0x92, 0xA1, ACK}));
    Rig plain;
    plain.synced();
    EXPECT_EQ(plain.feed(cmd(an::Command::GetChecksum)), Bytes{NACK});
}

TEST(Engine, GetVersionAndId) {
    an::Config cfg;
    cfg.pid = 0x452;
    Rig r(cfg);
    r.synced();
    EXPECT_EQ(r.feed(cmd(an::Command::GetVersion)), (Bytes{ACK, 0x31, 0x00, 0x00, ACK}));
    EXPECT_EQ(r.feed(cmd(an::Command::GetId)), (Bytes{ACK, 0x01, 0x04, 0x52, ACK}));
}

TEST(Engine, WrongComplementNacksAndReturnsToCommandWait) {
    Rig r;
    r.synced();
    EXPECT_EQ(r.feed({0x00, 0x00}), Bytes{NACK});
    EXPECT_EQ(r.target.state(), an::State::Command);
    EXPECT_EQ(r.feed(cmd(an::Command::GetVersion)).front(), ACK);
}

TEST(Engine, UnservedCommandsAreNacked) {
    Rig r;
    r.synced();
    // Legacy Erase (F7 ROMs have Extended Erase) and the V3.3-only Get Checksum.
    for (auto c : {an::Command::Erase, an::Command::GetChecksum}) {
        EXPECT_EQ(r.feed(cmd(c)), Bytes{NACK}) << int(an::code(c));
    }
}

TEST(Engine, ReadMemory) {
    Rig r;
    const auto d = data_of(300, 3);
    std::copy(d.begin(), d.end(), r.flash.begin() + 0x100);
    r.synced();
    const Bytes out = r.feed(cat({cmd(an::Command::ReadMemory), addr(kBase + 0x100), {15, 0xF0}}));
    Bytes want{ACK, ACK, ACK};
    want.insert(want.end(), d.begin(), d.begin() + 16);
    EXPECT_EQ(out, want);
    // 256 bytes (N-1 = 0xFF).
    const Bytes full = r.feed(cat({cmd(an::Command::ReadMemory), addr(kBase), {0xFF, 0x00}}));
    EXPECT_EQ(full.size(), 3u + 256u);
}

TEST(Engine, ReadMemoryRefusals) {
    Rig r;
    r.synced();
    Bytes bad_xor = addr(kBase);
    bad_xor[4] ^= 1;
    EXPECT_EQ(r.feed(cat({cmd(an::Command::ReadMemory), bad_xor})), (Bytes{ACK, NACK}));
    EXPECT_EQ(r.feed(cat({cmd(an::Command::ReadMemory), addr(0x10000000)})), (Bytes{ACK, NACK}));
    EXPECT_EQ(r.feed(cat({cmd(an::Command::ReadMemory), addr(kBase), {3, 3}})),
              (Bytes{ACK, ACK, NACK}));
    // Runs past the end of flash.
    EXPECT_EQ(r.feed(cat({cmd(an::Command::ReadMemory), addr(kBase + 0x1FFFF0), {31, 0xE0}})),
              (Bytes{ACK, ACK, NACK}));
    EXPECT_EQ(r.target.state(), an::State::Command);
}

TEST(Engine, WriteMemoryProgramsErasedFlash) {
    Rig r;
    r.synced();
    const auto d = data_of(256, 9);
    EXPECT_EQ(r.feed(cat({cmd(an::Command::WriteMemory), addr(kBase + 0x400), write_frame(d)})),
              (Bytes{ACK, ACK, ACK}));
    EXPECT_TRUE(std::equal(d.begin(), d.end(), r.flash.begin() + 0x400));
    EXPECT_EQ(r.target.counters().bytes_written, 256u);
}

TEST(Engine, WriteMemoryRefusals) {
    Rig r;
    r.synced();
    const auto d = data_of(8, 1);
    // Address not a multiple of 4: NACK at the address.
    EXPECT_EQ(r.feed(cat({cmd(an::Command::WriteMemory), addr(kBase + 2)})), (Bytes{ACK, NACK}));
    // N not a multiple of 4.
    EXPECT_EQ(r.feed(cat({cmd(an::Command::WriteMemory), addr(kBase), write_frame(data_of(6, 1))})),
              (Bytes{ACK, ACK, NACK}));
    // Bad data checksum.
    Bytes frame = write_frame(d);
    frame.back() ^= 0x40;
    EXPECT_EQ(r.feed(cat({cmd(an::Command::WriteMemory), addr(kBase), frame})),
              (Bytes{ACK, ACK, NACK}));
    EXPECT_EQ(r.flash[0], 0xFF);
    // Outside flash and RAM.
    EXPECT_EQ(r.feed(cat({cmd(an::Command::WriteMemory), addr(0x30000000)})), (Bytes{ACK, NACK}));
    // Programming a word twice: the second write is refused and changes nothing.
    EXPECT_EQ(r.feed(cat({cmd(an::Command::WriteMemory), addr(kBase), write_frame(d)})),
              (Bytes{ACK, ACK, ACK}));
    const auto other = data_of(8, 77);
    EXPECT_EQ(r.feed(cat({cmd(an::Command::WriteMemory), addr(kBase), write_frame(other)})),
              (Bytes{ACK, ACK, NACK}));
    EXPECT_TRUE(std::equal(d.begin(), d.end(), r.flash.begin()));
    // Overlapping a programmed word by one word is refused as a whole.
    EXPECT_EQ(r.feed(cat({cmd(an::Command::WriteMemory), addr(kBase + 0x28), write_frame(d)})),
              (Bytes{ACK, ACK, ACK}));
    EXPECT_EQ(r.feed(cat({cmd(an::Command::WriteMemory), addr(kBase + 0x20),
                          write_frame(data_of(12, 5))})),
              (Bytes{ACK, ACK, NACK}));
    EXPECT_EQ(r.flash[0x20], 0xFF);
}

TEST(Engine, WriteMemoryToMappedRam) {
    Rig r;
    r.synced();
    const auto d = data_of(16, 5);
    EXPECT_EQ(r.feed(cat({cmd(an::Command::WriteMemory), addr(0x20000010), write_frame(d)})),
              (Bytes{ACK, ACK, ACK}));
    EXPECT_TRUE(std::equal(d.begin(), d.end(), r.ram.begin() + 0x10));
    // RAM can be written again (no flash semantics).
    EXPECT_EQ(r.feed(cat({cmd(an::Command::WriteMemory), addr(0x20000010), write_frame(d)})),
              (Bytes{ACK, ACK, ACK}));
}

TEST(Engine, ExtendedEraseListedSectors) {
    Rig r;
    std::fill(r.flash.begin(), r.flash.end(), 0x00);
    r.synced();
    EXPECT_EQ(r.feed(cat({cmd(an::Command::ExtendedErase), erase_frame({1, 4})})),
              (Bytes{ACK, ACK}));
    const auto& map = an::kF76xSingleBank;
    for (uint16_t s = 0; s < map.count(); ++s) {
        const uint8_t want = (s == 1 || s == 4) ? 0xFF : 0x00;
        EXPECT_EQ(r.flash[map.offset_of(s)], want) << s;
        EXPECT_EQ(r.flash[map.offset_of(s) + map.size_of(s) - 1], want) << s;
    }
    EXPECT_EQ(r.memory.erase_count(1), 1u);
    EXPECT_EQ(r.memory.erase_count(0), 0u);
    EXPECT_EQ(r.target.counters().sectors_erased, 2u);
}

TEST(Engine, ExtendedEraseRefusesInvalidSectorOrChecksumWithoutErasing) {
    Rig r;
    std::fill(r.flash.begin(), r.flash.end(), 0x00);
    r.synced();
    EXPECT_EQ(r.feed(cat({cmd(an::Command::ExtendedErase), erase_frame({0, 12})})),
              (Bytes{ACK, NACK}));
    Bytes frame = erase_frame({2});
    frame.back() ^= 1;
    EXPECT_EQ(r.feed(cat({cmd(an::Command::ExtendedErase), frame})), (Bytes{ACK, NACK}));
    EXPECT_EQ(r.flash[0], 0x00);
    EXPECT_EQ(r.flash[an::kF76xSingleBank.offset_of(2)], 0x00);
    EXPECT_EQ(r.target.counters().sectors_erased, 0u);
}

TEST(Engine, SpecialErases) {
    Rig r;
    std::fill(r.flash.begin(), r.flash.end(), 0x00);
    r.synced();
    // Bank erases do not exist on a single-bank part; 0xFFF0 is reserved.
    EXPECT_EQ(r.feed(cat({cmd(an::Command::ExtendedErase), {0xFF, 0xFE, 0x01}})),
              (Bytes{ACK, NACK}));
    EXPECT_EQ(r.feed(cat({cmd(an::Command::ExtendedErase), {0xFF, 0xFD, 0x02}})),
              (Bytes{ACK, NACK}));
    EXPECT_EQ(r.feed(cat({cmd(an::Command::ExtendedErase), {0xFF, 0xF0, 0x0F}})),
              (Bytes{ACK, NACK}));
    EXPECT_EQ(r.feed(cat({cmd(an::Command::ExtendedErase), {0xFF, 0xFF, 0x01}})),
              (Bytes{ACK, NACK}));  // bad checksum
    EXPECT_EQ(r.flash[5], 0x00);
    EXPECT_EQ(r.feed(cat({cmd(an::Command::ExtendedErase), {0xFF, 0xFF, 0x00}})),
              (Bytes{ACK, ACK}));
    EXPECT_TRUE(std::all_of(r.flash.begin(), r.flash.end(), [](uint8_t b) { return b == 0xFF; }));
    EXPECT_EQ(r.target.counters().mass_erases, 1u);
}

TEST(Engine, GoCallsHandlerAndStopsListening) {
    struct Seen {
        uint32_t address = 0;
        int calls = 0;
    } seen;
    an::Config cfg;
    cfg.go = [](void* ctx, uint32_t a) {
        auto* s = static_cast<Seen*>(ctx);
        s->address = a;
        ++s->calls;
    };
    cfg.go_context = &seen;
    Rig r(cfg);
    r.synced();
    EXPECT_EQ(r.feed(cat({cmd(an::Command::Go), addr(0x40000000)})), (Bytes{ACK, NACK}));
    EXPECT_EQ(seen.calls, 0);
    EXPECT_EQ(r.feed(cat({cmd(an::Command::Go), addr(kBase)})), (Bytes{ACK, ACK}));
    EXPECT_EQ(seen.calls, 1);
    EXPECT_EQ(seen.address, kBase);
    EXPECT_EQ(r.target.state(), an::State::Started);
    EXPECT_EQ(r.feed({0x7F, 0x00, 0xFF}), Bytes{});
    r.target.reset();
    EXPECT_EQ(r.feed({0x7F}), Bytes{ACK});
}

TEST(Engine, GetChecksumIsCrcOfTheRegion) {
    an::Config cfg;
    cfg.get_checksum = true;
    Rig r(cfg);
    const auto d = data_of(1024, 11);
    std::copy(d.begin(), d.end(), r.flash.begin() + 0x800);
    r.synced();
    Bytes len{0x00, 0x00, 0x04, 0x00};
    len.push_back(an::xor_of(len));
    const Bytes out = r.feed(cat({cmd(an::Command::GetChecksum), addr(kBase + 0x800), len}));
    // Command, address, length accepted, CRC ready (stm32flash 0.7's two ACKs), CRC + XOR.
    ASSERT_EQ(out.size(), 4u + 5u);
    EXPECT_EQ(Bytes(out.begin(), out.begin() + 4), (Bytes{ACK, ACK, ACK, ACK}));
    const uint32_t crc =
        (uint32_t{out[4]} << 24) | (uint32_t{out[5]} << 16) | (uint32_t{out[6]} << 8) | out[7];
    EXPECT_EQ(crc, an::Crc32::of(d));
    EXPECT_EQ(out[8], static_cast<uint8_t>(out[4] ^ out[5] ^ out[6] ^ out[7]));
    // Length not a multiple of 4, zero, past the end, unaligned address: NACK.
    for (uint32_t bad : {6u, 0u, 0x300000u}) {
        Bytes l{static_cast<uint8_t>(bad >> 24), static_cast<uint8_t>(bad >> 16),
                static_cast<uint8_t>(bad >> 8), static_cast<uint8_t>(bad)};
        l.push_back(an::xor_of(l));
        EXPECT_EQ(r.feed(cat({cmd(an::Command::GetChecksum), addr(kBase), l})),
                  (Bytes{ACK, ACK, NACK}))
            << bad;
    }
    EXPECT_EQ(r.feed(cat({cmd(an::Command::GetChecksum), addr(kBase + 2)})), (Bytes{ACK, NACK}));
}

TEST(Engine, ReadoutProtectionLevel1RefusesMemoryCommands) {
    an::Config cfg;
    cfg.rdp_level1 = true;
    cfg.get_checksum = true;
    Rig r(cfg);
    r.synced();
    EXPECT_EQ(r.feed(cmd(an::Command::Get)).front(), ACK);
    EXPECT_EQ(r.feed(cmd(an::Command::GetVersion)).front(), ACK);
    EXPECT_EQ(r.feed(cmd(an::Command::GetId)).front(), ACK);
    for (auto c : {an::Command::ReadMemory, an::Command::WriteMemory, an::Command::Go,
                   an::Command::ExtendedErase, an::Command::GetChecksum}) {
        EXPECT_EQ(r.feed(cmd(c)), Bytes{NACK}) << int(an::code(c));
        EXPECT_EQ(r.target.state(), an::State::Command);
    }
}

TEST(Engine, CountsBytesInAndOut) {
    Rig r;
    r.synced();
    r.feed(cmd(an::Command::GetId));
    EXPECT_EQ(r.target.counters().bytes_in, 3u);
    EXPECT_EQ(r.target.counters().bytes_out, 6u);
    EXPECT_EQ(r.target.counters().commands, 1u);
    EXPECT_EQ(r.target.counters().acks, 3u);
}

TEST(Engine, ExposesFrameProgressForFaultInjection) {
    Rig r;
    r.synced();
    r.feed({an::code(an::Command::WriteMemory)});
    EXPECT_EQ(r.target.state(), an::State::Complement);
    EXPECT_EQ(r.target.frame_remaining(), 1u);
    r.feed({static_cast<uint8_t>(~an::code(an::Command::WriteMemory))});
    EXPECT_EQ(r.target.state(), an::State::Address);
    EXPECT_EQ(r.target.frame_remaining(), 5u);
    r.feed(addr(kBase));
    r.feed({3, 1, 2, 3});
    EXPECT_EQ(r.target.state(), an::State::WriteData);
    r.feed({4});
    EXPECT_EQ(r.target.state(), an::State::WriteChecksum);
    EXPECT_EQ(r.target.command(), an::code(an::Command::WriteMemory));
}

TEST(FlashModel, MapsOnlyFlashAndRam) {
    Bytes flash(an::kF72x.total_size(), 0xFF);
    an::FlashModel m({0x60000000, an::kF72x}, flash);
    EXPECT_TRUE(m.readable(0x60000000, 512 * 1024));
    EXPECT_FALSE(m.readable(0x60000000, 512 * 1024 + 1));
    EXPECT_FALSE(m.readable(0x5FFFFFFF, 2));
    EXPECT_FALSE(m.readable(0xFFFFFFF0, 0x20));  // wraps around
    EXPECT_FALSE(m.can_jump(0x20000000));
    EXPECT_EQ(m.sector_count(), 8);
    EXPECT_FALSE(m.erase_sector(8));
    uint8_t b[4];
    EXPECT_FALSE(m.read(0x08000000, b));
}
