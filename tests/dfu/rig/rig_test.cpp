// Cross-checks through the real USB stack: the engine behind the umockdev rig, seen by
// libusb-1.0 (dfu_libusb_probe) and by dfu-util 0.11. The host DFU client will be tested
// against the same rig.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>
#include <thread>

#include "rig_test_util.hpp"
#include "usb_rig.hpp"

namespace sysboot::dfuse::rig {
namespace {

namespace fs = std::filesystem;

class LibusbProbe : public ::testing::TestWithParam<const Profile*> {};

TEST_P(LibusbProbe, SeesTheRomDescriptorsStringsAndStalls) {
    const Profile& p = *GetParam();
    UsbRig rig(RigOptions{&p});
    const ClientResult r = rig.run_client({DFU_PROBE});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const std::string& out = r.output;
    char line[128];
    std::snprintf(line, sizeof line, "device=%04x:%04x bcdDevice=0x%04x configurations=1",
                  p.vendor_id, p.product_id, p.bcd_device);
    EXPECT_TRUE(has_line(out, line)) << out;
    EXPECT_TRUE(has_line(out, std::string("manufacturer=") + p.manufacturer)) << out;
    EXPECT_TRUE(has_line(out, std::string("product=") + p.product)) << out;
    EXPECT_TRUE(has_line(out, std::string("serial=") + p.serial)) << out;
    EXPECT_TRUE(has_line(out, "interfaces=1 alternates=" + std::to_string(p.alternates.size())))
        << out;
    for (std::size_t a = 0; a < p.alternates.size(); ++a) {
        EXPECT_TRUE(has_line(out, "alt" + std::to_string(a) + " class=fe/01/02")) << out;
        EXPECT_TRUE(has_line(out, "alt" + std::to_string(a) + " name=" + p.alternates[a])) << out;
    }
    std::snprintf(line, sizeof line,
                  "functional attributes=0x%02x detach=%u transfer=%u version=0x011a",
                  p.dfu_attributes, p.detach_timeout_ms, p.transfer_size);
    EXPECT_TRUE(has_line(out, line)) << out;
    EXPECT_TRUE(has_line(out, "claim=ok")) << out;
    EXPECT_TRUE(has_line(out, "setalt1=ok")) << out;
    // GETSTATUS in dfuIDLE, the stall of CLRSTATUS there, dfuERROR/errSTALLEDPKT, recovery.
    const std::string expected =
        "getstatus status=0 state=2 poll=0\n"
        "clrstatus_in_idle=LIBUSB_ERROR_PIPE\n"
        "getstatus status=15 state=10 poll=0\n"
        "clrstatus_in_error=ok\n"
        "getstatus status=0 state=2 poll=0\n";
    EXPECT_NE(out.find(expected), std::string::npos) << out;
    auto lock = rig.lock();
    EXPECT_EQ(rig.engine().alternate(), 1) << "SET_INTERFACE reached the engine";
    EXPECT_EQ(rig.traffic().class_requests.at(3), 3u) << "three GETSTATUS";
}

INSTANTIATE_TEST_SUITE_P(Profiles, LibusbProbe, ::testing::ValuesIn(kProfiles),
                         [](const auto& info) { return std::string(info.param->name); });

class DfuUtil : public ::testing::Test {
  protected:
    void SetUp() override {
        if (std::string(DFU_UTIL).empty() || !fs::exists(DFU_UTIL)) {
            GTEST_SKIP() << "dfu-util is not installed";
        }
    }
};

TEST_F(DfuUtil, ListsEveryAlternateOfTheF72xRom) {
    UsbRig rig(RigOptions{&kF72x});
    const ClientResult r = rig.run_client({DFU_UTIL, "-l"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    for (std::size_t a = 0; a < kF72x.alternates.size(); ++a) {
        const std::string expect =
            "[0483:df11] ver=2200, devnum=2, cfg=1, intf=0, path=\"1-1\", "
            "alt=" +
            std::to_string(a) + ", name=\"" + kF72x.alternates[a] + "\", serial=\"STM32FxSTM32\"";
        EXPECT_NE(r.output.find(expect), std::string::npos) << expect << "\n" << r.output;
    }
}

TEST_F(DfuUtil, Downloads256KiBErasesOnlyWhatItNeedsAndLeaves) {
    RigOptions options{&kF76x};
    options.flash_fill = 0x5A;  // an old image: programming fails unless dfu-util erases
    UsbRig rig(options);
    const auto payload = image(256 * 1024, 1);
    const fs::path file = temp_path("download.bin");
    write_file(file, payload);
    const ClientResult r = rig.run_client(
        {DFU_UTIL, "-d", "0483:df11", "-a", "0", "-s", "0x08000000:leave", "-D", file.string()});
    fs::remove(file);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    auto lock = rig.lock();
    const auto& flash = rig.flash();
    EXPECT_TRUE(std::equal(payload.begin(), payload.end(), flash.begin()));
    // 256 KiB = sectors 0-4 (4 x 32 KiB + 128 KiB); sector 5 on must be untouched.
    EXPECT_TRUE(std::all_of(flash.begin() + payload.size(), flash.end(),
                            [](uint8_t b) { return b == 0x5A; }));
    const Engine& e = rig.engine();
    EXPECT_EQ(e.counters().sectors_erased, 5u);
    EXPECT_EQ(e.counters().bytes_written, payload.size());
    EXPECT_EQ(e.event(), Event::Leave);
    EXPECT_EQ(e.leave_address(), 0x08000000u);
    EXPECT_NE(r.output.find("Submitting leave request"), std::string::npos) << r.output;
    const Traffic& t = rig.traffic();
    std::printf(
        "[ measured ] 256 KiB download through dfu-util: %u control transfers "
        "(%u DNLOAD, %u GETSTATUS), %.3f s wall\n",
        t.control_transfers, t.class_requests.count(1) ? t.class_requests.at(1) : 0,
        t.class_requests.count(3) ? t.class_requests.at(3) : 0, r.wall.count());
    RecordProperty("control_transfers", static_cast<int>(t.control_transfers));
    RecordProperty("wall_ms", static_cast<int>(r.wall.count() * 1000));
}

TEST_F(DfuUtil, TheRomDropsOffTheBusAfterLeave) {
    UsbRig rig(RigOptions{&kF76x});
    const fs::path file = temp_path("leave.bin");
    write_file(file, image(2048, 9));
    const ClientResult r = rig.run_client(
        {DFU_UTIL, "-d", "0483:df11", "-a", "0", "-s", "0x08000000:leave", "-D", file.string()});
    fs::remove(file);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    for (int i = 0; i < 200 && !rig.unplugged(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_TRUE(rig.unplugged());
    const ClientResult list = rig.run_client({DFU_UTIL, "-l"});
    EXPECT_EQ(list.output.find("Found DFU"), std::string::npos) << list.output;
}

TEST_F(DfuUtil, UploadsWhatTheFlashHolds) {
    UsbRig rig(RigOptions{&kF74x});
    const auto content = image(1024 * 1024, 7);
    {
        auto lock = rig.lock();
        std::copy(content.begin(), content.end(), rig.flash().begin());
    }
    const fs::path file = temp_path("upload.bin");
    fs::remove(file);
    const ClientResult r = rig.run_client(
        {DFU_UTIL, "-d", "0483:df11", "-a", "0", "-s", "0x08010000:70000", "-U", file.string()});
    const auto got = read_file(file);
    fs::remove(file);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    ASSERT_EQ(got.size(), 70000u);
    EXPECT_TRUE(std::equal(got.begin(), got.end(), content.begin() + 0x10000));
    auto lock = rig.lock();
    EXPECT_EQ(rig.engine().counters().bytes_written, 0u);
}

TEST_F(DfuUtil, ReadProtectedRomRefusesTheDownload) {
    UsbRig rig(RigOptions{&kF76x});
    {
        auto lock = rig.lock();
        rig.engine().set_read_protection(true);
    }
    const fs::path file = temp_path("refused.bin");
    write_file(file, image(4096, 3));
    const ClientResult r = rig.run_client(
        {DFU_UTIL, "-d", "0483:df11", "-a", "0", "-s", "0x08000000", "-D", file.string()});
    fs::remove(file);
    EXPECT_NE(r.exit_code, 0) << r.output;
    auto lock = rig.lock();
    EXPECT_EQ(rig.engine().counters().bytes_written, 0u);
    EXPECT_EQ(rig.engine().status(), Status::ErrVendor) << r.output;
    EXPECT_TRUE(
        std::all_of(rig.flash().begin(), rig.flash().end(), [](uint8_t b) { return b == 0xFF; }));
}

}  // namespace
}  // namespace sysboot::dfuse::rig
