// The host DfuSe client (host/src/dfu) through the real libusb-1.0 against the engine behind
// the umockdev rig: descriptors and layouts per F7 profile, erase + download + upload round
// trips checked in the engine's flash, leave, and the failures a ROM can produce (readout
// protection, a stall, a device that vanishes). dfu_host_driver runs the client.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>

#include "rig_test_util.hpp"
#include "usb_rig.hpp"

namespace sysboot::dfuse::rig {
namespace {

namespace fs = std::filesystem;

// A file with `bytes` that is removed when the test ends.
struct TempFile {
    fs::path path;
    TempFile(const std::string& name, const std::vector<uint8_t>& bytes) : path(temp_path(name)) {
        std::ofstream out(path, std::ios::binary);
        out.write(reinterpret_cast<const char*>(bytes.data()),
                  static_cast<std::streamsize>(bytes.size()));
    }
    ~TempFile() { fs::remove(path); }
};

std::string hex(uint32_t v) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08x", v);
    return text;
}

ClientResult flash(UsbRig& rig, uint32_t address, const TempFile& file, bool leave = false) {
    std::vector<std::string> argv{DFU_DRIVER, "-", "flash", hex(address), file.path.string()};
    if (leave) {
        argv.emplace_back("leave");
    }
    return rig.run_client(argv);
}

class HostClientProfile : public ::testing::TestWithParam<const Profile*> {};

TEST_P(HostClientProfile, ReadsTheFunctionalDescriptorAndEveryLayout) {
    const Profile& p = *GetParam();
    UsbRig rig(RigOptions{&p});
    const ClientResult r = rig.run_client({DFU_DRIVER, "0483:df11", "info"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    char line[96];
    std::snprintf(line, sizeof line, "functional attributes=0x%02x transfer=%u version=0x011a",
                  p.dfu_attributes, p.transfer_size);
    EXPECT_TRUE(has_line(r.output, line)) << r.output;
    // Flash sizes: RM0431 (F72x 512 KiB), RM0385 (F74x 1 MiB), RM0410 (F76x 2 MiB).
    const uint32_t kib = std::string(p.name) == "f72x"   ? 512
                         : std::string(p.name) == "f74x" ? 1024
                                                         : 2048;
    EXPECT_TRUE(has_line(r.output,
                         "alt0 name=Internal Flash segments=3 size=" + std::to_string(kib * 1024)))
        << r.output;
    EXPECT_TRUE(has_line(r.output, "alt1 name=Option Bytes segments=1 size=48")) << r.output;
    EXPECT_NE(r.output.find("alt2 name=OTP Memory segments=1 size="), std::string::npos);
}

TEST_P(HostClientProfile, ListsTheRomWithPathSerialAndAlternates) {
    const Profile& p = *GetParam();
    UsbRig rig(RigOptions{&p});
    const ClientResult r = rig.run_client({DFU_DRIVER, "-", "list"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(has_line(r.output, "devices=1")) << r.output;
    EXPECT_TRUE(has_line(r.output, "device=0483:df11 path=1-1 serial=STM32FxSTM32 bcd=0x2200"))
        << r.output;
    for (std::size_t a = 0; a < p.alternates.size(); ++a) {
        EXPECT_TRUE(has_line(r.output, "alt" + std::to_string(a) + "=" + p.alternates[a]))
            << r.output;
    }
}

INSTANTIATE_TEST_SUITE_P(Profiles, HostClientProfile, ::testing::ValuesIn(kProfiles),
                         [](const auto& info) { return std::string(info.param->name); });

TEST(HostClient, OpensByBusPathAndSerialAndNamesAMissingDevice) {
    UsbRig rig(RigOptions{&kF76x});
    EXPECT_EQ(rig.run_client({DFU_DRIVER, "1-1", "info"}).exit_code, 0);
    EXPECT_EQ(rig.run_client({DFU_DRIVER, "STM32FxSTM32", "info"}).exit_code, 0);
    const ClientResult r = rig.run_client({DFU_DRIVER, "1234:5678", "info"});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.output.find("no DFU device matches '1234:5678'"), std::string::npos) << r.output;
}

TEST(HostClient, Downloads256KiBVerifiesAndLeavesAtTheAddress) {
    RigOptions options{&kF76x};
    options.flash_fill = 0x5A;  // an old image: programming fails unless the client erases
    UsbRig rig(options);
    const auto payload = image(256 * 1024, 1);
    const TempFile file("host256.bin", payload);
    const ClientResult r = flash(rig, 0x08000000, file, true);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(has_line(r.output, "verified")) << r.output;
    EXPECT_TRUE(has_line(r.output, "left=0x08000000")) << r.output;
    EXPECT_TRUE(has_line(r.output, "after_leave=disconnected")) << r.output;
    auto lock = rig.lock();
    const auto& mem = rig.flash();
    EXPECT_TRUE(std::equal(payload.begin(), payload.end(), mem.begin()));
    // 256 KiB = F76x sectors 0-4 (RM0410 §3.3.1: 4 x 32 KiB + 128 KiB); the rest is untouched.
    EXPECT_TRUE(
        std::all_of(mem.begin() + payload.size(), mem.end(), [](uint8_t b) { return b == 0x5A; }));
    const Engine& e = rig.engine();
    EXPECT_EQ(e.counters().sectors_erased, 5u);
    EXPECT_EQ(e.counters().bytes_written, payload.size());
    EXPECT_EQ(e.event(), Event::Leave);
    EXPECT_EQ(e.leave_address(), 0x08000000u);
    const Traffic& t = rig.traffic();
    std::printf(
        "[ measured ] 256 KiB download + upload verify + leave through the host client: "
        "%u control transfers (%u DNLOAD, %u GETSTATUS, %u UPLOAD), %.3f s wall\n",
        t.control_transfers, t.class_requests.count(1) ? t.class_requests.at(1) : 0,
        t.class_requests.count(3) ? t.class_requests.at(3) : 0,
        t.class_requests.count(2) ? t.class_requests.at(2) : 0, r.wall.count());
}

// The same 256 KiB download with :leave through the host client and through dfu-util, each
// in a fresh rig: the client sets the address pointer once per run of blocks (AN3156 block
// numbering), dfu-util once per block, so the client needs fewer control transfers.
TEST(HostClient, NeedsFewerTransfersThanDfuUtilFor256KiB) {
    if (std::string(DFU_UTIL).empty() || !fs::exists(DFU_UTIL)) {
        GTEST_SKIP() << "dfu-util is not installed";
    }
    const auto payload = image(256 * 1024, 11);
    const TempFile file("compare256.bin", payload);
    const auto measure = [&](const std::vector<std::string>& argv) {
        UsbRig rig(RigOptions{&kF76x});
        const ClientResult r = rig.run_client(argv);
        EXPECT_EQ(r.exit_code, 0) << r.output;
        auto lock = rig.lock();
        EXPECT_TRUE(std::equal(payload.begin(), payload.end(), rig.flash().begin()));
        EXPECT_EQ(rig.engine().event(), Event::Leave);
        return std::make_pair(rig.traffic().control_transfers, r.wall.count());
    };
    const auto ours =
        measure({DFU_DRIVER, "-", "flash", "0x08000000", file.path.string(), "leave", "noverify"});
    const auto theirs = measure({DFU_UTIL, "-d", "0483:df11", "-a", "0", "-s", "0x08000000:leave",
                                 "-D", file.path.string()});
    std::printf(
        "[ measured ] 256 KiB download + leave: host client %u control transfers "
        "%.3f s, dfu-util %u control transfers %.3f s\n",
        ours.first, ours.second, theirs.first, theirs.second);
    EXPECT_LT(ours.first, theirs.first);
}

// Figure 6's image: 256 KiB with a 64 KiB hole of 0xFF at 128 KiB, over an old image. After
// the erase the hole already reads 0xFF, so its 32 wTransferSize blocks are not sent; the
// readback verify (the whole 256 KiB) and the flash content show nothing was lost. The
// blocks after the hole need their own Set Address Pointer (AN3156 block addressing): a
// client that skipped without one would write them into the hole.
TEST(HostClient, SkipsBlankBlocksAfterTheEraseAndStillVerifies) {
    RigOptions options{&kF76x};
    options.flash_fill = 0x5A;
    UsbRig rig(options);
    auto payload = image(256 * 1024, 12);
    std::fill(payload.begin() + 128 * 1024, payload.begin() + 192 * 1024, 0xFF);
    const TempFile file("host_hole.bin", payload);
    const ClientResult r = flash(rig, 0x08000000, file, true);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(has_line(r.output, "verified")) << r.output;
    EXPECT_TRUE(has_line(r.output, "blocks_written=96")) << r.output;
    EXPECT_TRUE(has_line(r.output, "blocks_blank=32")) << r.output;
    auto lock = rig.lock();
    EXPECT_TRUE(std::equal(payload.begin(), payload.end(), rig.flash().begin()));
    const Engine& e = rig.engine();
    EXPECT_EQ(e.counters().dnload_blocks, 96u);
    EXPECT_EQ(e.counters().bytes_written, 192u * 1024);
    const Traffic& t = rig.traffic();
    std::printf(
        "[ measured ] 256 KiB with a 64 KiB 0xFF hole, download + verify + leave: %u "
        "control transfers (%u DNLOAD, %u GETSTATUS, %u UPLOAD)\n",
        t.control_transfers, t.class_requests.count(1) ? t.class_requests.at(1) : 0,
        t.class_requests.count(3) ? t.class_requests.at(3) : 0,
        t.class_requests.count(2) ? t.class_requests.at(2) : 0);
}

TEST(HostClient, WritesAnUnalignedImageAtAnOffsetErasingOnlyItsSectors) {
    RigOptions options{&kF76x};
    options.flash_fill = 0x00;
    UsbRig rig(options);
    const auto payload = image(70001, 5);
    const TempFile file("host_offset.bin", payload);
    const ClientResult r = flash(rig, 0x08010000, file);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    auto lock = rig.lock();
    const auto& mem = rig.flash();
    EXPECT_TRUE(std::equal(payload.begin(), payload.end(), mem.begin() + 0x10000));
    // Sectors 2, 3 (32 KiB each) and 4 (128 KiB) hold 0x08010000 + 70001 bytes.
    EXPECT_EQ(rig.engine().counters().sectors_erased, 3u);
    EXPECT_TRUE(std::all_of(mem.begin(), mem.begin() + 0x10000, [](uint8_t b) { return b == 0; }));
    EXPECT_EQ(mem[0x10000 + payload.size()], 0xFF) << "the rest of sector 4 is erased";
    EXPECT_EQ(mem[0x40000], 0x00) << "sector 5 untouched";
}

TEST(HostClient, ReadsWhatTheFlashHolds) {
    UsbRig rig(RigOptions{&kF74x});
    const auto content = image(1024 * 1024, 7);
    {
        auto lock = rig.lock();
        std::copy(content.begin(), content.end(), rig.flash().begin());
    }
    const fs::path out = temp_path("host_read.bin");
    const ClientResult r =
        rig.run_client({DFU_DRIVER, "-", "read", "0x08010000", "70000", out.string()});
    std::ifstream in(out, std::ios::binary);
    const std::vector<uint8_t> got{std::istreambuf_iterator<char>(in), {}};
    fs::remove(out);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    ASSERT_EQ(got.size(), 70000u);
    EXPECT_TRUE(std::equal(got.begin(), got.end(), content.begin() + 0x10000));
}

TEST(HostClient, ReadProtectionIsReportedAsRefusedAndNothingChanges) {
    UsbRig rig(RigOptions{&kF76x});
    {
        auto lock = rig.lock();
        rig.engine().set_read_protection(true);
    }
    const TempFile file("host_rdp.bin", image(4096, 3));
    const ClientResult r = flash(rig, 0x08000000, file);
    EXPECT_EQ(r.exit_code, 7) << r.output;
    EXPECT_TRUE(has_line(r.output, "cause=refused")) << r.output;
    EXPECT_NE(r.output.find("errVENDOR"), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find("verified"), std::string::npos) << r.output;
    // An upload under RDP stalls (AN2662 §4.4.1); the client learns errVENDOR from GETSTATUS.
    const ClientResult read = rig.run_client(
        {DFU_DRIVER, "-", "read", "0x08000000", "16", temp_path("host_rdp_read.bin").string()});
    EXPECT_EQ(read.exit_code, 7) << read.output;
    EXPECT_TRUE(has_line(read.output, "cause=refused")) << read.output;
    auto lock = rig.lock();
    EXPECT_EQ(rig.engine().counters().bytes_written, 0u);
}

TEST(HostClient, AStallMidDownloadStopsWithoutVerified) {
    RigOptions options{&kF76x};
    // 16 KiB at 0x08000000: DNLOAD 1 erases sector 0, 2 sets the pointer, 3.. are data.
    options.stall_dnload = 5;
    UsbRig rig(options);
    const TempFile file("host_stall.bin", image(16 * 1024, 4));
    const ClientResult r = flash(rig, 0x08000000, file);
    EXPECT_EQ(r.exit_code, 5) << r.output;
    EXPECT_TRUE(has_line(r.output, "cause=nack")) << r.output;
    EXPECT_NE(r.output.find("stalled"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("0x08001000"), std::string::npos) << "block 3 at +2 x 2048";
    EXPECT_EQ(r.output.find("verified"), std::string::npos) << r.output;
    auto lock = rig.lock();
    EXPECT_EQ(rig.engine().counters().dnload_blocks, 2u);
}

TEST(HostClient, ADeviceThatVanishesMidDownloadIsReportedAsDisconnected) {
    RigOptions options{&kF76x};
    options.vanish_after_dnload = 4;
    UsbRig rig(options);
    const TempFile file("host_vanish.bin", image(16 * 1024, 6));
    const ClientResult r = flash(rig, 0x08000000, file);
    EXPECT_EQ(r.exit_code, 3) << r.output;
    EXPECT_TRUE(has_line(r.output, "cause=disconnected")) << r.output;
    EXPECT_EQ(r.output.find("verified"), std::string::npos) << r.output;
    EXPECT_LT(r.wall.count(), 10.0);
    for (int i = 0; i < 200 && !rig.unplugged(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    const ClientResult again = rig.run_client({DFU_DRIVER, "-", "info"});
    EXPECT_NE(again.exit_code, 0);
    EXPECT_NE(again.output.find("no DFU device 0483:df11 found"), std::string::npos)
        << again.output;
}

TEST(HostClient, ARangeOutsideTheWritableFlashErasesNothing) {
    UsbRig rig(RigOptions{&kF72x});
    const TempFile file("host_range.bin", image(4096, 8));
    // F72x flash ends at 0x08080000 (RM0431 §3.3.1): the last 2 KiB fit, 4 KiB do not.
    const ClientResult r = flash(rig, 0x0807F800, file);
    EXPECT_NE(r.exit_code, 0) << r.output;
    EXPECT_TRUE(has_line(r.output, "cause=invalid")) << r.output;
    auto lock = rig.lock();
    EXPECT_EQ(rig.engine().counters().sectors_erased, 0u);
    EXPECT_EQ(rig.engine().counters().bytes_written, 0u);
}

TEST(HostClient, MassErasesTheWholeFlash) {
    RigOptions options{&kF74x};
    options.flash_fill = 0x00;
    UsbRig rig(options);
    const ClientResult r = rig.run_client({DFU_DRIVER, "-", "mass-erase"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    auto lock = rig.lock();
    EXPECT_TRUE(
        std::all_of(rig.flash().begin(), rig.flash().end(), [](uint8_t b) { return b == 0xFF; }));
}

TEST(HostClient, AnAddressOutsideTheMemoryIsNamedAsErrTarget) {
    UsbRig rig(RigOptions{&kF76x});
    const fs::path out = temp_path("host_target.bin");
    // AN2662 Figure 58: Set Address Pointer outside the alternate's memory ends in errTARGET.
    const ClientResult r =
        rig.run_client({DFU_DRIVER, "-", "read", "0x09000000", "16", out.string()});
    fs::remove(out);
    EXPECT_EQ(r.exit_code, 5) << r.output;
    EXPECT_TRUE(has_line(r.output, "cause=nack")) << r.output;
    EXPECT_NE(r.output.find("errTARGET"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("0x09000000"), std::string::npos) << r.output;
    auto lock = rig.lock();
    EXPECT_EQ(rig.engine().state(), State::Idle) << "the client cleared dfuERROR";
}

TEST(HostClient, HonoursBwPollTimeout) {
    RigOptions options{&kF76x};
    options.poll_scale_percent = 100;
    UsbRig rig(options);
    // One 32 KiB sector erase (256 ms) and 16 blocks of 2048 bytes (8 ms each), plus the
    // readback: at least 0.38 s of requested waits (docs/dfu.md "bwPollTimeout").
    const TempFile file("host_poll.bin", image(32 * 1024, 2));
    const ClientResult r = flash(rig, 0x08000000, file);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_GE(r.wall.count(), 0.38);
}

TEST(SysbootList, ShowsTheRomWithItsBootloaderVersionAndAlternates) {
    UsbRig rig(RigOptions{&kF72x});
    const ClientResult r = rig.run_client({SYSBOOT_BIN, "list"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(has_line(r.output,
                         "  0483:df11 path 1-1 serial STM32FxSTM32 bootloader 2.2 "
                         "(bcdDevice 0x2200)"))
        << r.output;
    for (std::size_t a = 0; a < kF72x.alternates.size(); ++a) {
        EXPECT_TRUE(has_line(r.output, "    alt " + std::to_string(a) + ": " + kF72x.alternates[a]))
            << r.output;
    }
    const ClientResult j = rig.run_client({SYSBOOT_BIN, "--json", "list"});
    ASSERT_EQ(j.exit_code, 0) << j.output;
    EXPECT_NE(j.output.find("\"vid_pid\":\"0483:df11\",\"path\":\"1-1\""), std::string::npos)
        << j.output;
    EXPECT_NE(j.output.find("\"bootloader_version\":\"2.2\""), std::string::npos) << j.output;
}

TEST(SysbootList, SaysNoneWithoutADevice) {
    RigOptions options{&kF76x};
    options.vanish_after_dnload = 1;
    UsbRig rig(options);
    const TempFile file("list_gone.bin", image(2048, 1));
    ASSERT_NE(flash(rig, 0x08000000, file).exit_code, 0);  // the first DNLOAD unplugs it
    for (int i = 0; i < 200 && !rig.unplugged(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    const ClientResult r = rig.run_client({SYSBOOT_BIN, "list"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(has_line(r.output, "USB DFU devices: none")) << r.output;
}

}  // namespace
}  // namespace sysboot::dfuse::rig
