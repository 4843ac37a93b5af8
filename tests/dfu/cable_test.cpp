// The USB-cable frames (protocol/dfuse cable.hpp) the stand-in ROM and the rig's relay share.
#include "sysboot/dfuse/cable.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace sysboot::dfuse::cable {
namespace {

std::vector<uint8_t> frame(Type type, uint8_t sequence, std::vector<uint8_t> a,
                           std::vector<uint8_t> b = {}) {
    std::vector<uint8_t> out;
    send_frame([&out](uint8_t byte) { out.push_back(byte); }, type, sequence, a, b);
    return out;
}

// Feeds bytes; returns how many frames completed.
int feed(FrameReader& r, const std::vector<uint8_t>& bytes) {
    int n = 0;
    for (uint8_t b : bytes) {
        n += r.feed(b) ? 1 : 0;
    }
    return n;
}

TEST(Cable, FrameLayoutIsSyncTypeSequenceLengthPayloadXor) {
    const auto f = frame(Type::Reply, 7, {0x00}, {0x12, 0x01});
    const std::vector<uint8_t> want = {
        0xA5, 0x81, 7, 3, 0, 0x00, 0x12, 0x01, static_cast<uint8_t>(0x81 ^ 7 ^ 3 ^ 0x12 ^ 0x01)};
    EXPECT_EQ(f, want);
}

TEST(Cable, ReaderSkipsNoiseAndDeliversTheFrame) {
    FrameReader r;
    std::vector<uint8_t> bytes = {0x00, 0x13, 0x37};
    const auto f = frame(Type::Control, 200, {0x21, 1, 2, 0, 0, 0, 3, 0}, {9, 8, 7});
    bytes.insert(bytes.end(), f.begin(), f.end());
    EXPECT_EQ(feed(r, bytes), 1);
    EXPECT_EQ(r.type(), Type::Control);
    EXPECT_EQ(r.sequence(), 200);
    ASSERT_EQ(r.payload().size(), 11u);
    const dfuse::Setup s = parse_setup(r.payload().first<kSetupLength>());
    EXPECT_EQ(s.request_type, 0x21);
    EXPECT_EQ(s.value, 2);
    EXPECT_EQ(s.length, 3);
    EXPECT_EQ(r.payload()[10], 7);
}

TEST(Cable, ABadCheckOrAnOversizedFrameIsDroppedAndTheNextOneStillArrives) {
    FrameReader r;
    auto bad = frame(Type::Attach, 0, {12});
    bad.back() ^= 0x01;
    EXPECT_EQ(feed(r, bad), 0);
    const std::vector<uint8_t> huge = {kSync, 0x01, 0, static_cast<uint8_t>(kMaxPayload + 1),
                                       static_cast<uint8_t>((kMaxPayload + 1) >> 8)};
    EXPECT_EQ(feed(r, huge), 0);
    EXPECT_EQ(r.dropped(), 2u);
    EXPECT_EQ(feed(r, frame(Type::Detach, 0, {1})), 1);
    EXPECT_EQ(r.type(), Type::Detach);
}

TEST(Cable, FullSizeDownloadFits) {
    FrameReader r;
    const std::vector<uint8_t> data(kMaxTransferSize, 0x5A);
    EXPECT_EQ(feed(r, frame(Type::Control, 1, std::vector<uint8_t>(kSetupLength, 0), data)), 1);
    EXPECT_EQ(r.payload().size(), kMaxPayload);
}

TEST(Cable, SetupRoundTrip) {
    const dfuse::Setup s{0xA1, 2, 0x1234, 0x0001, 2048};
    uint8_t bytes[kSetupLength];
    write_setup(s, bytes);
    const dfuse::Setup t = parse_setup(bytes);
    EXPECT_EQ(t.request_type, s.request_type);
    EXPECT_EQ(t.request, s.request);
    EXPECT_EQ(t.value, s.value);
    EXPECT_EQ(t.index, s.index);
    EXPECT_EQ(t.length, s.length);
}

}  // namespace
}  // namespace sysboot::dfuse::cable
