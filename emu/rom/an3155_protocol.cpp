// The stand-in ROM's bootloader protocol: the portable AN3155 target engine (protocol/an3155)
// over the emulated board's memory. The board's flash range (rig.hpp: PSRAM at 0x60000000
// on qemu-an500) plays the STM32F7 flash; RAM above the ROM's own RAM is readable/writable
// like on the F7 ROM (AN2606: the bootloader's own RAM is not available to the host).
//
// Options come from two words QEMU may load at kConfigAddress, just past the ROM (tests use
// -device loader,addr=0x00310000,data=...,data-len=8 on qemu-an500): magic|flags, then the
// PID (0: the pose's). Flags:
//   bit 0      V3.3 ROM: version 0x33, Get lists and serves Get Checksum (0xA1). Without it
//              the ROM is V3.1 like every STM32F7 USART ROM (AN2606 "Bootloader versions").
//   bit 1      readout protection level 1 at power-on
//   bit 2      the DFU device shows the flash at the board's address (0x60000000 on
//              qemu-an500) instead of the F7's 0x08000000 (dfu_device.cpp; only the boards
//              with a USB cable, rig.hpp usb_cable)
//   bits 8-11  pose (protocol/an3155 pose.hpp pose_number): 0 = F76x 2 MiB single bank
//              (default), 1 = F76x 1 MiB, 2 = F76x 2 MiB dual bank, 3 = F74x 512 KiB,
//              4 = F72x 256 KiB, 5 = F730 64 KiB, 6 = F750 64 KiB, 7 = F76x 1 MiB dual bank;
//              other families (kFamilyPoses): 8 = F446, 9 = H743, 10 = G071, 11 = L476,
//              12 = F103 (Erase 0x43), 13 = U575 (Cortex-M33 class),
//              14 = F103 high density (Erase 0x43)
//
// The protection commands end in a system reset (AN3155 §3.9-§3.12). The ROM models it as a
// board whose BOOT0 pin selects system memory: the engine restarts (waits for 0x7F) and the
// option bytes survive in PSRAM just past the flash (kOptionStore), where QEMU keeps them
// across resets and a later entry into the ROM finds them again.
#include <cstdint>
#include <span>

#include "rig.hpp"
#include "rom_protocol.hpp"
#include "sysboot/an3155/flash_model.hpp"
#include "sysboot/an3155/pose.hpp"
#include "sysboot/an3155/target.hpp"
#include "sysboot/mmio.hpp"

namespace rom {
namespace {

namespace an = sysboot::an3155;

constexpr std::uint32_t kConfigAddress = rig::kRomConfigAddress;  // 0: none on this board
constexpr std::uint32_t kConfigMagic = 0x5B0C0000;
constexpr std::uint32_t kFlagV33 = 1u << 0;   // protocol V3.3: Get Checksum
constexpr std::uint32_t kFlagRdp1 = 1u << 1;  // read-out protection level 1
constexpr std::uint32_t kPoseShift = 8;
constexpr std::uint32_t kPoseMask = 0xFu;
constexpr std::uint32_t kAppRamBase = rig::kRamBase + rig::kRomRamSize;
constexpr std::uint32_t kAppRamSize =
    (rig::kRamSize < 0x00080000 ? rig::kRamSize : 0x00080000) - rig::kRomRamSize;
// Option bytes that survive a (modelled) system reset: magic, then low | high << 16.
constexpr std::uint32_t kOptionStore = rig::kOptionStore;
constexpr std::uint32_t kOptionMagic = 0x0B7E5AFEu;

class UartSink final : public an::Sink {
  public:
    void put(std::uint8_t b) override { put_(b); }
    PutByte put_ = nullptr;
};

UartSink g_sink;

volatile std::uint32_t* word(std::uint32_t a) {
    return &sysboot::mmio::reg32(a);
}

void on_go(void*, std::uint32_t address) {
    request_go(address);
}

void store_options(void*, const an::OptionBytes& options) {
    word(kOptionStore)[1] = options.low | (std::uint32_t{options.high} << 16);
    word(kOptionStore)[0] = kOptionMagic;
}

struct Setup {
    an::Config config;
    an::FlashConfig flash{rig::kFlashBase, an::kF76xSingleBank, an::kF7WriteAlign};
};

Setup make_setup() {
    Setup s;
    const std::uint32_t flags = kConfigAddress != 0 ? *word(kConfigAddress) : 0;
    if ((flags & 0xFFFF0000u) == kConfigMagic) {
        const bool v33 = (flags & kFlagV33) != 0;
        s.config.get_checksum = v33;
        s.config.version = v33 ? 0x33 : 0x31;
        s.config.rdp_level1 = (flags & kFlagRdp1) != 0;
        const std::uint32_t pose = (flags >> kPoseShift) & kPoseMask;
        if (const an::Pose* p = an::pose_number(pose); p != nullptr) {
            (void)an::apply_pose(*p, s.config, s.flash);
        }
        const std::uint32_t pid = *word(kConfigAddress + 4);
        if (pid != 0) {
            s.config.pid = static_cast<std::uint16_t>(pid);
        }
    }
    if (*word(kOptionStore) == kOptionMagic) {
        const std::uint32_t stored = word(kOptionStore)[1];
        s.config.options.low = static_cast<std::uint16_t>(stored);
        s.config.options.high = static_cast<std::uint16_t>(stored >> 16);
        s.config.rdp_level1 = false;  // the stored RDP byte decides
    }
    s.config.go = on_go;
    s.config.on_reset = store_options;
    return s;
}

Setup& setup() {
    static Setup s = make_setup();
    return s;
}

an::FlashModel& flash() {
    static an::FlashModel model(
        setup().flash,
        std::span<std::uint8_t>(reinterpret_cast<std::uint8_t*>(rig::kFlashBase), rig::kFlashSize),
        std::span<std::uint8_t>(reinterpret_cast<std::uint8_t*>(kAppRamBase), kAppRamSize),
        kAppRamBase, board_flash_cells());
    return model;
}

an::Target& engine() {
    static an::Target target(setup().config, flash(), g_sink);
    return target;
}

}  // namespace

void protocol_init(PutByte put) {
    g_sink.put_ = put;
    (void)engine();
}

void protocol_byte(std::uint8_t b) {
    engine().on_byte(b);
}

std::uint32_t config_flags() {
    const std::uint32_t word0 = kConfigAddress != 0 ? *word(kConfigAddress) : 0;
    return (word0 & 0xFFFF0000u) == kConfigMagic ? word0 & 0xFFFFu : 0;
}

an::FlashModel& board_flash() {
    return flash();
}

}  // namespace rom
