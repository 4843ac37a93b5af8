// `sysboot --usb`: the real binary, through the real libusb-1.0, against the DfuSe engine
// behind the umockdev rig. The same commands as over USART (info, read, erase, flash, verify,
// go) per F7 profile; plans that are refused before anything changes (checked in the rig's
// traffic and flash bytes); the failures a ROM can produce (stall, vanishing device,
// errVENDOR under readout protection); bwPollTimeout; and cross-checks with dfu-util.
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>

#include "rig_test_util.hpp"
#include "usb_rig.hpp"

namespace sysboot::dfuse::rig {
namespace {

namespace fs = std::filesystem;

constexpr uint32_t kBase = 0x08000000;
constexpr uint8_t kOld = 0x5A;  // an old image in flash: anything not erased stays 0x5A

// An application image: a vector table (SP in DTCM, Thumb reset vector inside the image,
// DDI0403E §B1.5.3) followed by content that does not repeat.
std::vector<uint8_t> app(std::size_t n, uint32_t seed, uint32_t reset = kBase + 0x201) {
    auto v = image(n, seed);
    const uint32_t words[2] = {0x20008000, reset};
    for (int i = 0; i < 8; ++i) {
        v[i] = static_cast<uint8_t>(words[i / 4] >> (8 * (i % 4)));
    }
    return v;
}

struct TempBin {
    fs::path path;
    TempBin(const std::string& name, const std::vector<uint8_t>& bytes) : path(temp_path(name)) {
        write_file(path, bytes);
    }
    ~TempBin() { fs::remove(path); }
    [[nodiscard]] std::string str() const { return path.string(); }
};

uint32_t count(const Traffic& t, Request r) {
    const auto it = t.class_requests.find(static_cast<uint8_t>(r));
    return it == t.class_requests.end() ? 0 : it->second;
}

bool contains(const std::string& text, const std::string& what) {
    return text.find(what) != std::string::npos;
}

ClientResult sysboot(UsbRig& rig, std::vector<std::string> args) {
    args.insert(args.begin(), SYSBOOT_BIN);
    return rig.run_client(args);
}

RigOptions old_flash(const Profile& p) {
    RigOptions o{&p};
    o.flash_fill = kOld;
    return o;
}

struct Expect {
    const Profile* profile;
    const char* part;
    uint32_t kib;
    uint32_t sectors_for_64k;
};

// Flash sizes and sector maps: RM0431 §3.3.1 (F72x: 4 x 16 KiB first), RM0385 §3.3.1 (F74x),
// RM0410 §3.3.1 (F76x single bank); 1 MiB of F76x has the F74x map, so both are named.
const Expect kExpect[] = {
    {&kF72x, "STM32F72xxx/73xxx", 512, 4},
    {&kF74x, "STM32F74xxx/75xxx or STM32F76xxx/77xxx", 1024, 2},
    {&kF76x, "STM32F76xxx/77xxx", 2048, 2},
};

class SysbootUsb : public ::testing::TestWithParam<Expect> {};

TEST_P(SysbootUsb, InfoPrintsWhatTheDescriptorsSay) {
    const Expect& e = GetParam();
    UsbRig rig(RigOptions{e.profile});
    const ClientResult r = sysboot(rig, {"--usb", "info"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(has_line(r.output, "usb          0483:df11 at 1-1, serial STM32FxSTM32"))
        << r.output;
    // AN3156: the bootloader version is the MSB of bcdDevice (the profiles' 0x2200).
    EXPECT_TRUE(has_line(r.output, "bootloader   v2.2 (bcdDevice 0x2200)")) << r.output;
    EXPECT_TRUE(contains(r.output, "wTransferSize 2048")) << r.output;
    EXPECT_TRUE(contains(
        r.output, "alt 0        Internal Flash (" + std::to_string(e.kib) + " KiB: 0x08000000 "))
        << r.output;
    EXPECT_TRUE(contains(r.output, "alt 1        Option Bytes")) << r.output;
    // A layout several lines share names them all (the family table has F2/F4 parts with the
    // F72x map): the part's own line must be among them.
    EXPECT_TRUE(contains(r.output, "part         ")) << r.output;
    EXPECT_TRUE(contains(r.output, std::string(e.part) + " (told by the flash")) << r.output;
    EXPECT_TRUE(has_line(r.output, "RDP level    0 (flash readable)")) << r.output;
    auto lock = rig.lock();
    EXPECT_EQ(count(rig.traffic(), Request::Dnload), 1u) << "one Set Address Pointer to read";
}

TEST_P(SysbootUsb, FlashWritesVerifiesAndLeavesIntoTheImage) {
    const Expect& e = GetParam();
    UsbRig rig(old_flash(*e.profile));
    const auto bytes = app(64 * 1024 + 100, 3);
    const TempBin file("usb_flash.bin", bytes);
    const ClientResult r = sysboot(rig, {"--usb", "flash", "-a", "0x08000000", file.str()});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, e.part)) << r.output;
    EXPECT_TRUE(contains(r.output, "verified 64.1 KiB by readback")) << r.output;
    EXPECT_TRUE(contains(r.output, "started  at 0x08000000")) << r.output;
    EXPECT_TRUE(contains(r.output, "  usb      ")) << r.output;
    EXPECT_TRUE(contains(r.output, " control transfers in ")) << r.output;
    auto lock = rig.lock();
    const auto& mem = rig.flash();
    EXPECT_TRUE(std::equal(bytes.begin(), bytes.end(), mem.begin()));
    // Up to the end of the last touched sector erased, nothing after it.
    EXPECT_EQ(rig.engine().counters().sectors_erased, e.sectors_for_64k + 1);
    const std::size_t erased_end =
        e.profile == &kF72x ? 128 * 1024 : 32 * 1024 * 2 + 32 * 1024;  // sectors 0-4 / 0-2
    EXPECT_EQ(mem[bytes.size()], 0xFF);
    EXPECT_EQ(mem[erased_end], kOld) << "the next sector is untouched";
    EXPECT_EQ(rig.engine().event(), Event::Leave);
    EXPECT_EQ(rig.engine().leave_address(), kBase);
}

TEST_P(SysbootUsb, ReadVerifyAndEraseSeeTheFlash) {
    const Expect& e = GetParam();
    UsbRig rig(RigOptions{e.profile});
    const auto content = app(100 * 1024, 9);
    {
        auto lock = rig.lock();
        std::copy(content.begin(), content.end(), rig.flash().begin());
    }
    const fs::path out = temp_path("usb_read.bin");
    const ClientResult r =
        sysboot(rig, {"--usb", "read", "0x08000010", "70000", "-o", out.string()});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const auto got = read_file(out);
    fs::remove(out);
    ASSERT_EQ(got.size(), 70000u);
    EXPECT_TRUE(std::equal(got.begin(), got.end(), content.begin() + 0x10));

    const TempBin same("usb_same.bin", content);
    const ClientResult v = sysboot(rig, {"--usb", "verify", "-a", "0x08000000", same.str()});
    ASSERT_EQ(v.exit_code, 0) << v.output;
    EXPECT_TRUE(contains(v.output, "100.0 KiB match (by readback)")) << v.output;
    auto other = content;
    other[50000] ^= 0x01;
    const TempBin differs("usb_differs.bin", other);
    const ClientResult m = sysboot(rig, {"--usb", "verify", "-a", "0x08000000", differs.str()});
    EXPECT_EQ(m.exit_code, 6) << m.output;
    EXPECT_TRUE(contains(m.output, "0x0800C350")) << m.output;

    const ClientResult x = sysboot(rig, {"--usb", "erase", "--sectors", "1"});
    ASSERT_EQ(x.exit_code, 0) << x.output;
    auto lock = rig.lock();
    const uint32_t s1 = e.profile == &kF72x ? 16 * 1024 : 32 * 1024;
    EXPECT_TRUE(std::equal(content.begin(), content.begin() + s1, rig.flash().begin()));
    EXPECT_TRUE(std::all_of(rig.flash().begin() + s1, rig.flash().begin() + 2 * s1,
                            [](uint8_t b) { return b == 0xFF; }));
    EXPECT_EQ(rig.flash()[2 * s1], content[2 * s1]);
}

INSTANTIATE_TEST_SUITE_P(Profiles, SysbootUsb, ::testing::ValuesIn(kExpect),
                         [](const auto& info) { return std::string(info.param.profile->name); });

TEST(SysbootUsbGo, StartsAVectorTableAndRefusesAnythingElse) {
    UsbRig rig(RigOptions{&kF76x});
    const auto good = app(4096, 4);
    {
        auto lock = rig.lock();
        std::copy(good.begin(), good.end(), rig.flash().begin());
    }
    // 0x08001000 holds image bytes, not a vector table: refused, the ROM keeps running.
    const ClientResult bad = sysboot(rig, {"--usb", "go", "0x08001000"});
    EXPECT_EQ(bad.exit_code, 2) << bad.output;
    EXPECT_TRUE(contains(bad.output, "is not a vector table to start")) << bad.output;
    {
        auto lock = rig.lock();
        EXPECT_EQ(rig.engine().event(), Event::None);
    }
    const ClientResult r = sysboot(rig, {"--usb", "go"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(has_line(r.output, "started at 0x08000000")) << r.output;
    auto lock = rig.lock();
    EXPECT_EQ(rig.engine().event(), Event::Leave);
    EXPECT_EQ(rig.engine().leave_address(), kBase);
}

// Every refusal happens before the first DNLOAD: the flash keeps its old bytes.
void expect_refused(const Profile& p, const std::vector<std::string>& args, const char* why) {
    UsbRig rig(old_flash(p));
    const ClientResult r = sysboot(rig, args);
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_TRUE(contains(r.output, why)) << r.output;
    EXPECT_FALSE(contains(r.output, "verified")) << r.output;
    auto lock = rig.lock();
    EXPECT_EQ(count(rig.traffic(), Request::Dnload), 0u) << r.output;
    EXPECT_TRUE(
        std::all_of(rig.flash().begin(), rig.flash().end(), [](uint8_t b) { return b == kOld; }));
}

TEST(SysbootUsbRefused, AnImagePastTheEndOfTheDevicesFlash) {
    // 8 KiB at 0x0807F000 fits an F76x, but the F72x's layout string ends at 0x08080000.
    const TempBin file("usb_past.bin", app(8192, 5, 0x0807F201));
    expect_refused(kF72x, {"--usb", "flash", "-a", "0x0807F000", "--no-go", file.str()},
                   "0x0807F000..0x08080FFF is outside the flash of");
}

TEST(SysbootUsbRefused, AnUnalignedGoAddress) {
    const TempBin file("usb_unaligned.bin", app(4096, 6));
    expect_refused(kF76x,
                   {"--usb", "flash", "-a", "0x08000000", "--go-address", "0x08000004", file.str()},
                   "a vector table starts on a 128-byte boundary");
}

TEST(SysbootUsbRefused, AnImageWithoutAVectorTable) {
    const TempBin file("usb_novt.bin", app(4096, 7, kBase + 0x200));  // reset vector bit 0 clear
    expect_refused(kF76x, {"--usb", "flash", "-a", "0x08000000", file.str()},
                   "is not a Thumb address");
}

TEST(SysbootUsbFaults, AStallMidDownloadIsAnErrorNotVerified) {
    RigOptions o = old_flash(kF76x);
    // 16 KiB: DNLOAD 1 erases sector 0, then pairs of Set Address Pointer + data block.
    o.stall_dnload = 6;
    UsbRig rig(o);
    const TempBin file("usb_stall.bin", app(16 * 1024, 8));
    const ClientResult r = sysboot(rig, {"--usb", "flash", "-a", "0x08000000", file.str()});
    EXPECT_EQ(r.exit_code, 5) << r.output;
    EXPECT_TRUE(contains(r.output, "sysboot: error: write at 0x08000800")) << r.output;
    EXPECT_TRUE(contains(r.output, "stalled")) << r.output;
    EXPECT_FALSE(contains(r.output, "verified")) << r.output;
    // Resume in the same device: the first two blocks are kept, the rest written.
    const ClientResult again =
        sysboot(rig, {"--usb", "flash", "--resume", "--no-go", "-a", "0x08000000", file.str()});
    ASSERT_EQ(again.exit_code, 0) << again.output;
    EXPECT_TRUE(contains(again.output, "resumed  sector 0 kept")) << again.output;
    auto lock = rig.lock();
    const auto want = app(16 * 1024, 8);
    EXPECT_TRUE(std::equal(want.begin(), want.end(), rig.flash().begin()));
}

TEST(SysbootUsbFaults, AVanishingDeviceIsADisconnect) {
    RigOptions o = old_flash(kF76x);
    o.vanish_after_dnload = 4;
    UsbRig rig(o);
    const TempBin file("usb_vanish.bin", app(16 * 1024, 10));
    const ClientResult r =
        sysboot(rig, {"--json", "--usb", "flash", "-a", "0x08000000", file.str()});
    EXPECT_EQ(r.exit_code, 3) << r.output;
    EXPECT_TRUE(contains(r.output, "the device left the bus")) << r.output;
    EXPECT_TRUE(contains(r.output, "\"device\":\"changed\"")) << r.output;
    EXPECT_FALSE(contains(r.output, "verified")) << r.output;
    EXPECT_LT(r.wall.count(), 10.0);
}

TEST(SysbootUsbFaults, ReadProtectionIsRefusedWithErrVendor) {
    UsbRig rig(old_flash(kF76x));
    {
        auto lock = rig.lock();
        rig.engine().set_read_protection(true);
    }
    const TempBin file("usb_rdp.bin", app(4096, 11));
    const ClientResult r = sysboot(rig, {"--usb", "flash", "-a", "0x08000000", file.str()});
    EXPECT_EQ(r.exit_code, 7) << r.output;
    EXPECT_TRUE(contains(r.output, "errVENDOR (readout protection active)")) << r.output;
    EXPECT_TRUE(contains(r.output, "nothing on the device was changed")) << r.output;
    EXPECT_FALSE(contains(r.output, "verified")) << r.output;
    const ClientResult info = sysboot(rig, {"--usb", "info"});
    EXPECT_EQ(info.exit_code, 0) << info.output;
    EXPECT_TRUE(has_line(info.output, "RDP level    1 or 2 (reads answered with errVENDOR)"))
        << info.output;
    auto lock = rig.lock();
    EXPECT_EQ(rig.engine().counters().bytes_written, 0u);
    EXPECT_EQ(rig.engine().counters().sectors_erased, 0u);
    EXPECT_EQ(rig.engine().state(), State::Idle) << "dfuERROR was cleared";
}

TEST(SysbootUsbFaults, HonoursBwPollTimeout) {
    // The same flash at bwPollTimeout 0 and at ten times the modelled timing: sector 0 erase
    // (10 x 256 ms) + 16 data blocks (10 x 8 ms each) ask for 3.8 s of waits, which only a
    // client that sleeps them adds to its run time (load on the machine affects both runs).
    const TempBin file("usb_poll.bin", app(32 * 1024, 12));
    const auto run = [&](uint32_t percent) {
        RigOptions o{&kF76x};
        o.poll_scale_percent = percent;
        UsbRig rig(o);
        const ClientResult r =
            sysboot(rig, {"--usb", "flash", "--no-go", "-a", "0x08000000", file.str()});
        EXPECT_EQ(r.exit_code, 0) << r.output;
        return r.wall.count();
    };
    const double fast = run(0);
    const double slow = run(1000);
    std::printf("[ measured ] 32 KiB flash: %.2f s at bwPollTimeout 0, %.2f s at 1000 %%\n", fast,
                slow);
    EXPECT_GE(slow - fast, 3.0);
}

// A device that takes a request and never completes it (no handshake: the URB stays
// pending in the rig until libusb discards it after its timeout): a bounded failure that
// says the ROM stopped answering and how to go on, never "verified". DNLOADs of a 16 KiB
// flash: 1-2 Set Address Pointer of the two probe reads, 3 the erase of sector 0, then a Set
// Address Pointer and a data block per 2 KiB; 7 is the data block at 0x08000800.
TEST(SysbootUsbFaults, AHungDataBlockFailsWithinTheTransferTimeout) {
    RigOptions o = old_flash(kF76x);
    o.hold_dnload = 7;
    UsbRig rig(o);
    const auto bytes = app(16 * 1024, 18);
    const TempBin file("usb_hang.bin", bytes);
    const ClientResult r =
        sysboot(rig, {"--usb", "flash", "--no-go", "-a", "0x08000000", file.str()});
    EXPECT_EQ(r.exit_code, 4) << r.output;
    EXPECT_TRUE(contains(r.output, "sysboot: error: write at 0x08000800")) << r.output;
    EXPECT_TRUE(contains(r.output,
                         "did not complete the request within 5.0 s "
                         "(LIBUSB_ERROR_TIMEOUT): the ROM has stopped answering"))
        << r.output;
    EXPECT_TRUE(contains(r.output, "reset the board into the ROM")) << r.output;
    EXPECT_TRUE(contains(r.output, "--resume")) << r.output;
    EXPECT_FALSE(contains(r.output, "verified")) << r.output;
    EXPECT_GE(r.wall.count(), 4.5) << "it waited for the transfer";
    EXPECT_LT(r.wall.count(), 20.0) << "and not much longer";
    // The advice works: the first block is kept, the rest written.
    const ClientResult again =
        sysboot(rig, {"--usb", "flash", "--resume", "--no-go", "-a", "0x08000000", file.str()});
    ASSERT_EQ(again.exit_code, 0) << again.output;
    EXPECT_TRUE(contains(again.output, "verified")) << again.output;
    auto lock = rig.lock();
    EXPECT_TRUE(std::equal(bytes.begin(), bytes.end(), rig.flash().begin()));
}

// A device that answers every DFU_GETSTATUS after a data block with dfuDNBUSY: however
// short (200 ms) or long (0xFFFFFF ms, DFU 1.1 §6.1.2's largest) the bwPollTimeout it asks
// for, the wait ends at --erase-timeout-ms with a message that names the state.
TEST(SysbootUsbFaults, BusyForeverEndsAtTheDeadline) {
    for (const uint32_t poll : {200u, 0xFFFFFFu}) {
        RigOptions o = old_flash(kF76x);
        o.busy_after_dnload = 5;  // the first data block (0x08000000)
        o.busy_poll_ms = poll;
        UsbRig rig(o);
        const TempBin file("usb_busy.bin", app(8 * 1024, 19));
        const ClientResult r = sysboot(rig, {"--usb", "--erase-timeout-ms", "1500", "flash",
                                             "--no-go", "-a", "0x08000000", file.str()});
        EXPECT_EQ(r.exit_code, 4) << r.output;
        EXPECT_TRUE(contains(r.output, "sysboot: error: write at 0x08000000")) << r.output;
        EXPECT_TRUE(contains(r.output, "still reported dfuDNBUSY 1500 ms after the request"))
            << r.output;
        EXPECT_TRUE(contains(r.output, "asking for " + std::to_string(poll) + " ms more"))
            << r.output;
        EXPECT_TRUE(contains(r.output, "raise --erase-timeout-ms")) << r.output;
        EXPECT_TRUE(contains(r.output, "--resume")) << r.output;
        EXPECT_FALSE(contains(r.output, "verified")) << r.output;
        EXPECT_GE(r.wall.count(), 1.5) << poll;
        EXPECT_LT(r.wall.count(), 10.0) << poll;
    }
}

// Ctrl-C over USB: SIGINT after the 7th DNLOAD (the data block at 0x08000800). The tool
// finishes the block in flight, stops before the next Set Address Pointer, says where and
// how to go on, and exits 8 as over USART; everything before the reported address is the
// image, everything from it still erased; --resume then completes the same image.
TEST(SysbootUsbInterrupt, CtrlCStopsAfterABlockAndResumeCompletes) {
    RigOptions o = old_flash(kF76x);
    o.interrupt_after_dnload = 7;
    UsbRig rig(o);
    const auto bytes = app(32 * 1024, 20);
    const TempBin file("usb_ctrlc.bin", bytes);
    const ClientResult r =
        sysboot(rig, {"--usb", "flash", "--no-go", "-a", "0x08000000", file.str()});
    EXPECT_EQ(r.exit_code, 8) << r.output;
    EXPECT_TRUE(contains(r.output, "interrupted (stopped after ")) << r.output;
    EXPECT_TRUE(contains(r.output, "run the same command with --resume")) << r.output;
    EXPECT_FALSE(contains(r.output, "verified")) << r.output;
    EXPECT_LT(r.wall.count(), 10.0);
    const auto at = r.output.find("the next was 0x");
    ASSERT_NE(at, std::string::npos) << r.output;
    const uint32_t next =
        static_cast<uint32_t>(std::stoul(r.output.substr(at + 13, 10), nullptr, 16));
    ASSERT_GT(next, kBase);
    ASSERT_LT(next, kBase + bytes.size()) << "stopped before the end";
    {
        auto lock = rig.lock();
        const auto& mem = rig.flash();
        const std::size_t done = next - kBase;
        EXPECT_TRUE(std::equal(bytes.begin(), bytes.begin() + done, mem.begin()));
        EXPECT_TRUE(std::all_of(mem.begin() + done, mem.begin() + bytes.size(),
                                [](uint8_t b) { return b == 0xFF; }));
    }
    const ClientResult again =
        sysboot(rig, {"--usb", "flash", "--resume", "--no-go", "-a", "0x08000000", file.str()});
    ASSERT_EQ(again.exit_code, 0) << again.output;
    EXPECT_TRUE(contains(again.output, "resumed  sector 0 kept")) << again.output;
    auto lock = rig.lock();
    EXPECT_TRUE(std::equal(bytes.begin(), bytes.end(), rig.flash().begin()));
}

// Two ROM DFU devices on the bus (1-1 and 1-2, one engine behind both, the rig counting
// DFU requests per device): without a SPEC the tool refuses before any DFU request and lists
// both; a bus path or a serial number picks exactly that one.
uint32_t dfu_requests(UsbRig& rig, const std::string& path) {
    auto lock = rig.lock();
    const auto& m = rig.traffic().dfu_requests_by_path;
    const auto it = m.find(path);
    return it == m.end() ? 0 : it->second;
}

TEST(SysbootUsbSpec, SeveralDevicesAreListedAndOnlyTheNamedOneIsUsed) {
    RigOptions o = old_flash(kF76x);
    o.second_serial = "SECOND000042";
    UsbRig rig(o);
    const ClientResult none = sysboot(rig, {"--usb", "info"});
    EXPECT_EQ(none.exit_code, 1) << none.output;
    EXPECT_TRUE(contains(none.output,
                         "2 DFU devices match 0483:df11: 0483:df11 at 1-1 (serial "
                         "STM32FxSTM32); 0483:df11 at 1-2 (serial SECOND000042)"))
        << none.output;
    EXPECT_TRUE(contains(none.output, "Name one with --usb BUS-PATH or --usb SERIAL"))
        << none.output;
    EXPECT_EQ(dfu_requests(rig, "1-1") + dfu_requests(rig, "1-2"), 0u);

    const ClientResult by_path = sysboot(rig, {"--usb", "1-2", "info"});
    ASSERT_EQ(by_path.exit_code, 0) << by_path.output;
    EXPECT_TRUE(has_line(by_path.output, "usb          0483:df11 at 1-2, serial SECOND000042"))
        << by_path.output;
    EXPECT_EQ(dfu_requests(rig, "1-1"), 0u);
    const uint32_t after_info = dfu_requests(rig, "1-2");
    EXPECT_GT(after_info, 0u);

    const auto bytes = app(6000, 21);
    const TempBin file("usb_two.bin", bytes);
    const ClientResult by_serial =
        sysboot(rig, {"--usb=SECOND000042", "flash", "--no-go", "-a", "0x08000000", file.str()});
    ASSERT_EQ(by_serial.exit_code, 0) << by_serial.output;
    EXPECT_EQ(dfu_requests(rig, "1-1"), 0u);
    EXPECT_GT(dfu_requests(rig, "1-2"), after_info);

    const ClientResult first = sysboot(rig, {"--usb", "STM32FxSTM32", "info"});
    ASSERT_EQ(first.exit_code, 0) << first.output;
    EXPECT_TRUE(has_line(first.output, "usb          0483:df11 at 1-1, serial STM32FxSTM32"))
        << first.output;
    EXPECT_GT(dfu_requests(rig, "1-1"), 0u);

    const ClientResult list = sysboot(rig, {"list"});
    ASSERT_EQ(list.exit_code, 0) << list.output;
    EXPECT_TRUE(contains(list.output, "SECOND000042")) << list.output;
    EXPECT_TRUE(contains(list.output, "STM32FxSTM32")) << list.output;
}

TEST(SysbootUsbSpec, NamesTheDeviceByPathSerialOrIdsAndRefusesOthers) {
    UsbRig rig(RigOptions{&kF76x});
    EXPECT_EQ(sysboot(rig, {"--usb", "1-1", "info"}).exit_code, 0);
    EXPECT_EQ(sysboot(rig, {"--usb=STM32FxSTM32", "info"}).exit_code, 0);
    EXPECT_EQ(sysboot(rig, {"--usb", "0483:df11", "info"}).exit_code, 0);
    const ClientResult r = sysboot(rig, {"--usb", "1234:5678", "info"});
    EXPECT_EQ(r.exit_code, 3) << r.output;
    EXPECT_TRUE(contains(r.output, "no DFU device matches '1234:5678' attached")) << r.output;
}

// `sysboot flash --usb app.bin`: the word after a bare --usb is the image, not a SPEC.
TEST(SysbootUsbSpec, AnImageAfterABareUsbIsNotTakenForTheDevice) {
    UsbRig rig(old_flash(kF76x));
    const auto bytes = app(3000, 17);
    const TempBin file("usb_order.bin", bytes);
    const ClientResult r =
        sysboot(rig, {"flash", "--no-go", "--usb", file.str(), "-a", "0x08000000"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    auto lock = rig.lock();
    EXPECT_TRUE(std::equal(bytes.begin(), bytes.end(), rig.flash().begin()));
}

bool have_dfu_util() {
    return !std::string(DFU_UTIL).empty() && fs::exists(DFU_UTIL);
}

TEST(SysbootUsbDfuUtil, VerifiesWhatDfuUtilWrote) {
    if (!have_dfu_util()) {
        GTEST_SKIP() << "dfu-util is not installed";
    }
    UsbRig rig(old_flash(kF74x));
    const auto bytes = app(40000, 13);
    const TempBin file("usb_by_dfu_util.bin", bytes);
    const ClientResult w =
        rig.run_client({DFU_UTIL, "-a", "0", "-s", "0x08000000", "-D", file.str()});
    ASSERT_EQ(w.exit_code, 0) << w.output;
    const ClientResult v = sysboot(rig, {"--usb", "verify", "-a", "0x08000000", file.str()});
    EXPECT_EQ(v.exit_code, 0) << v.output;
    EXPECT_TRUE(contains(v.output, "match (by readback)")) << v.output;
}

TEST(SysbootUsbDfuUtil, DfuUtilUploadsWhatSysbootWrote) {
    if (!have_dfu_util()) {
        GTEST_SKIP() << "dfu-util is not installed";
    }
    UsbRig rig(old_flash(kF72x));
    const auto bytes = app(50000, 14);
    const TempBin file("usb_for_dfu_util.bin", bytes);
    const ClientResult w =
        sysboot(rig, {"--usb", "flash", "--no-go", "-a", "0x08000000", file.str()});
    ASSERT_EQ(w.exit_code, 0) << w.output;
    const fs::path up = temp_path("usb_uploaded.bin");
    fs::remove(up);
    const ClientResult u =
        rig.run_client({DFU_UTIL, "-a", "0", "-s", "0x08000000:50000", "-U", up.string()});
    const auto got = read_file(up);
    fs::remove(up);
    ASSERT_EQ(u.exit_code, 0) << u.output;
    EXPECT_EQ(got, bytes);
}

// The application's console as a UNIX socket (`--port unix:PATH`): it records what the host
// sends and, once the enter command arrived, lets the ROM's DFU device appear (or not).
class Console {
  public:
    Console(UsbRig& rig, bool rom_appears) : path_(temp_path("console.sock")) {
        fs::remove(path_);
        listener_ = socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        std::strncpy(addr.sun_path, path_.c_str(), sizeof addr.sun_path - 1);
        if (bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
            listen(listener_, 1) != 0) {
            ADD_FAILURE() << "console socket " << path_;
        }
        thread_ = std::thread([this, &rig, rom_appears] { serve(rig, rom_appears); });
    }
    ~Console() {
        thread_.join();
        close(listener_);
        fs::remove(path_);
    }
    [[nodiscard]] std::string port() const { return "unix:" + path_.string(); }
    [[nodiscard]] const std::string& received() const { return received_; }

  private:
    void serve(UsbRig& rig, bool rom_appears) {
        pollfd p{listener_, POLLIN, 0};
        if (poll(&p, 1, 20000) != 1) {
            return;
        }
        const int fd = accept(listener_, nullptr, nullptr);
        char buf[64];
        pollfd q{fd, POLLIN, 0};
        while (received_.find('\n') == std::string::npos && poll(&q, 1, 5000) == 1) {
            const ssize_t n = read(fd, buf, sizeof buf);
            if (n <= 0) {
                break;
            }
            received_.append(buf, static_cast<std::size_t>(n));
        }
        if (rom_appears && received_ == "bootloader\r\n") {
            // The application resets into the ROM, which enumerates a little later.
            std::this_thread::sleep_for(std::chrono::milliseconds(700));
            rig.plug_in();
        }
        close(fd);
    }

    fs::path path_;
    int listener_ = -1;
    std::string received_;
    std::thread thread_;
};

RigOptions not_yet_attached() {
    RigOptions o = old_flash(kF76x);
    o.plug_in_after = std::chrono::milliseconds(-1);
    return o;
}

TEST(SysbootUsbEnter, SendsTheEnterCommandWaitsForTheRomAndUpdates) {
    UsbRig rig(not_yet_attached());
    const auto bytes = app(20000, 15);
    const TempBin file("usb_enter.bin", bytes);
    ClientResult r;
    {
        Console console(rig, true);
        r = sysboot(rig, {"--port", console.port(), "--usb", "--usb-wait", "5", "flash", "--enter",
                          "-a", "0x08000000", file.str()});
        EXPECT_EQ(console.received(), "bootloader\r\n");
    }
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "verified")) << r.output;
    auto lock = rig.lock();
    EXPECT_TRUE(std::equal(bytes.begin(), bytes.end(), rig.flash().begin()));
    EXPECT_EQ(rig.engine().event(), Event::Leave);
}

TEST(SysbootUsbEnter, GivesUpAfterUsbWaitAndSaysWhatKeepsTheRomOffUsb) {
    UsbRig rig(not_yet_attached());
    const TempBin file("usb_never.bin", app(4096, 16));
    ClientResult r;
    {
        Console console(rig, false);
        r = sysboot(rig, {"--port", console.port(), "--usb", "--usb-wait", "1.5", "flash",
                          "--enter", "-a", "0x08000000", file.str()});
    }
    EXPECT_EQ(r.exit_code, 4) << r.output;
    EXPECT_TRUE(contains(r.output, "did not appear within 1.5 s")) << r.output;
    EXPECT_TRUE(contains(r.output, "HSE")) << r.output;
    EXPECT_TRUE(contains(r.output, "PA11/PA12")) << r.output;
    EXPECT_TRUE(contains(r.output, "the application has left for the ROM bootloader")) << r.output;
    EXPECT_GE(r.wall.count(), 1.5);
    EXPECT_LT(r.wall.count(), 5.0);
}

TEST(SysbootUsbEnter, AsksForTheConsoleWhenNoSerialPortCanBeChosen) {
    UsbRig rig(not_yet_attached());
    const ClientResult r = sysboot(rig, {"--usb", "enter"});
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_TRUE(contains(r.output,
                         "--enter without --port: 0 serial ports found, so sysboot "
                         "cannot tell which is the application's console"))
        << r.output;
}

}  // namespace
}  // namespace sysboot::dfuse::rig
