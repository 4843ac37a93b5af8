// The ROM's USB descriptors and the standard requests of the DFU device's control endpoint.
#include <gtest/gtest.h>

#include <array>
#include <string>

#include "engine_fixture.hpp"
#include "sysboot/dfuse/descriptors.hpp"
#include "sysboot/dfuse/usb_device.hpp"

namespace sysboot::dfuse::test {
namespace {

uint16_t le16(const uint8_t* p) {
    return static_cast<uint16_t>(p[0] | p[1] << 8);
}

std::string ascii_of_string_descriptor(const uint8_t* d, std::size_t n) {
    std::string s;
    for (std::size_t i = 2; i + 1 < n; i += 2) {
        s += static_cast<char>(d[i]);
    }
    return s;
}

TEST(Descriptors, DeviceDescriptorIdentifiesTheRom) {
    std::array<uint8_t, 64> d{};
    ASSERT_EQ(device_descriptor(kF76x, d), 18u);
    EXPECT_EQ(d[0], 18);
    EXPECT_EQ(d[1], 1);
    EXPECT_EQ(le16(&d[8]), 0x0483);
    EXPECT_EQ(le16(&d[10]), 0xDF11);
    EXPECT_EQ(le16(&d[12]), kF76x.bcd_device);
    EXPECT_EQ(d[17], 1);
    EXPECT_EQ(device_descriptor(kF76x, std::span<uint8_t>(d).first(17)), 0u);
}

TEST(Descriptors, ConfigurationHasOneDfuInterfacePerAlternateAndTheFunctionalDescriptor) {
    for (const Profile* profile : kProfiles) {
        std::array<uint8_t, 256> d{};
        const std::size_t n = configuration_descriptor(*profile, d);
        ASSERT_EQ(n, configuration_length(*profile));
        EXPECT_EQ(le16(&d[2]), n);
        EXPECT_EQ(d[4], 1) << "one interface";
        std::size_t alternates = 0;
        const uint8_t* functional = nullptr;
        for (std::size_t at = d[0]; at < n; at += d[at]) {
            ASSERT_GT(d[at], 0);
            if (d[at + 1] == kInterfaceDescriptor) {
                EXPECT_EQ(d[at + 3], alternates);
                EXPECT_EQ(d[at + 5], 0xFE);
                EXPECT_EQ(d[at + 6], 0x01);
                EXPECT_EQ(d[at + 7], 0x02);
                EXPECT_EQ(d[at + 8], kFirstAlternateString + alternates);
                ++alternates;
            } else if (d[at + 1] == 0x21) {
                functional = &d[at];
            }
        }
        EXPECT_EQ(alternates, profile->alternates.size());
        ASSERT_NE(functional, nullptr);
        EXPECT_EQ(le16(functional + 5), 2048) << "wTransferSize";
        EXPECT_EQ(le16(functional + 7), 0x011A) << "bcdDFUVersion (DfuSe)";
    }
}

TEST(Descriptors, StringsAreUtf16OfTheProfileText) {
    std::array<uint8_t, 256> d{};
    ASSERT_EQ(string_descriptor(kF76x, 0, d), 4u);
    EXPECT_EQ(le16(&d[2]), 0x0409);
    const std::size_t n = string_descriptor(kF76x, kFirstAlternateString, d);
    EXPECT_EQ(ascii_of_string_descriptor(d.data(), n), kF76x.alternates[0]);
    EXPECT_EQ(string_descriptor(kF76x, kFirstAlternateString + 3, d), 0u);
    const std::size_t m = string_descriptor(kF76x, kManufacturerString, d);
    EXPECT_EQ(ascii_of_string_descriptor(d.data(), m), "STMicroelectronics");
}

using UsbDevice_ = EngineFixture;

TEST_F(UsbDevice_, GetDescriptorIsTruncatedToWLength) {
    UsbDevice device(engine_);
    std::array<uint8_t, 255> in{};
    const dfuse::Setup first9{0x80, 6, 0x0200, 0, 9};
    const Reply r = device.control(first9, {}, in);
    ASSERT_FALSE(r.stall);
    EXPECT_EQ(r.length, 9);
    EXPECT_EQ(le16(&in[2]), configuration_length(kF76x));
    const dfuse::Setup str{0x80, 6, 0x0304, 0x0409, 255};
    const Reply s = device.control(str, {}, in);
    EXPECT_EQ(ascii_of_string_descriptor(in.data(), s.length), kF76x.alternates[0]);
    EXPECT_TRUE(device.control(dfuse::Setup{0x80, 6, 0x0310, 0x0409, 255}, {}, in).stall);
    EXPECT_EQ(engine_.state(), State::Idle) << "standard stalls leave DFU state alone";
}

TEST_F(UsbDevice_, SetInterfaceSelectsTheAlternate) {
    UsbDevice device(engine_);
    EXPECT_FALSE(device.control(dfuse::Setup{0x01, 11, 2, 0, 0}, {}, {}).stall);
    EXPECT_EQ(engine_.alternate(), 2);
    EXPECT_EQ(engine_.address_pointer(), kOtpBase);
    EXPECT_TRUE(device.control(dfuse::Setup{0x01, 11, 7, 0, 0}, {}, {}).stall);
    EXPECT_FALSE(device.set_interface(1, 0)) << "there is only interface 0";
    EXPECT_TRUE(device.set_interface(0, 1));
    std::array<uint8_t, 1> alt{};
    ASSERT_FALSE(device.control(dfuse::Setup{0x81, 10, 0, 0, 1}, {}, alt).stall);
    EXPECT_EQ(alt[0], 1);
}

TEST_F(UsbDevice_, ClassRequestsReachTheEngineOnlyOnInterfaceZero) {
    UsbDevice device(engine_);
    std::array<uint8_t, 6> st{};
    EXPECT_FALSE(device.control(dfuse::Setup{kClassIn, 3, 0, 0, 6}, {}, st).stall);
    EXPECT_EQ(st[4], static_cast<uint8_t>(State::Idle));
    EXPECT_TRUE(device.control(dfuse::Setup{kClassIn, 3, 0, 1, 6}, {}, st).stall);
    EXPECT_TRUE(device.control(dfuse::Setup{0x41, 0, 0, 0, 0}, {}, {}).stall) << "vendor requests";
}

}  // namespace
}  // namespace sysboot::dfuse::test
