// The DFU device of the stand-in ROM. It shows the STM32F76x ROM's alternate settings
// (protocol/dfuse profile.hpp kF76x), so its internal flash is at 0x08000000 as on silicon
// (AN3156; RM0410 §2.2 memory map). QEMU has nothing at 0x08000000 on mps2-an500
// (docs/emulated-board.md), so an alias turns those addresses into the PSRAM that plays the
// flash, and every access goes through the same FlashModel that the AN3155 side programs.
// Configuration flag bit 2 (an3155_protocol.cpp) shows the flash at the board's address
// instead, 0x60000000, where the applications are linked: then a host can write an ELF as it
// is, as `--flash-base 0x60000000` does over AN3155.
// Only alternate 0 (internal flash) has memory behind it; the option-byte and OTP alternates
// answer errTARGET (the engine's rule for an alternate without memory).
#include "dfu_device.hpp"

#include "rig.hpp"
#include "rom_protocol.hpp"
#include "sysboot/dfuse/profile.hpp"
#include "sysboot/dfuse/usb_device.hpp"

namespace rom {
namespace {

namespace an = sysboot::an3155;
namespace dfu = sysboot::dfuse;

constexpr std::uint32_t kF7FlashBase = 0x08000000;  // RM0410 §2.2: main flash on AXIM

// The F76x ROM's alternates with the flash at the board's address (same sector map).
constexpr const char* kBoardAlternates[] = {
    "@Internal Flash  /0x60000000/04*032Kg,01*128Kg,07*256Kg",
    "@Option Bytes  /0x1FFF0000/01*048 e",
    "@OTP Memory /0x1FF0F000/01*1056e",
};
constexpr dfu::Profile kBoardProfile = dfu::st_rom_profile("f76x-board", kBoardAlternates);

// The board flash seen at the F7 flash address. Addresses outside the F7 flash pass through
// unchanged, so the model's own range checks refuse them.
class F7FlashAlias final : public an::Memory {
  public:
    explicit F7FlashAlias(an::Memory& flash) : flash_(flash) {}
    bool readable(std::uint32_t a, std::uint32_t n) const override {
        return flash_.readable(map(a), n);
    }
    bool writable(std::uint32_t a, std::uint32_t n) const override {
        return flash_.writable(map(a), n);
    }
    bool can_jump(std::uint32_t a) const override { return flash_.can_jump(map(a)); }
    bool read(std::uint32_t a, std::span<std::uint8_t> out) override {
        return flash_.read(map(a), out);
    }
    bool write(std::uint32_t a, std::span<const std::uint8_t> data) override {
        return flash_.write(map(a), data);
    }
    std::uint16_t sector_count() const override { return flash_.sector_count(); }
    bool has_sector(std::uint16_t s) const override { return flash_.has_sector(s); }
    bool erase_sector(std::uint16_t s) override { return flash_.erase_sector(s); }
    bool erase_bank(std::uint8_t bank) override { return flash_.erase_bank(bank); }
    bool erase_all() override { return flash_.erase_all(); }
    void set_write_protected(std::uint32_t sectors) override {
        flash_.set_write_protected(sectors);
    }
    void system_reset() override { flash_.system_reset(); }

    static std::uint32_t map(std::uint32_t a) {
        const bool in_flash = a >= kF7FlashBase && a - kF7FlashBase < rig::kFlashSize;
        return in_flash ? a - kF7FlashBase + rig::kFlashBase : a;
    }

  private:
    an::Memory& flash_;
};

bool at_board_address() {
    return (config_flags() & kFlagDfuAtBoardAddress) != 0;
}

struct Device {
    F7FlashAlias alias{board_flash()};
    an::Memory* memories[1] = {at_board_address() ? static_cast<an::Memory*>(&board_flash())
                                                  : &alias};
    dfu::Engine engine{at_board_address() ? kBoardProfile : dfu::kF76x, memories};
    dfu::UsbDevice usb{engine};
    // The emulated flash programs at once: bwPollTimeout 0 keeps hosts from sleeping for
    // modelled silicon times (docs/dfu.md "bwPollTimeout").
    Device() { engine.set_poll_scale(0); }
};

Device& device() {
    static Device d;
    return d;
}

}  // namespace

dfu::Reply dfu_control(const dfu::Setup& setup, std::span<const std::uint8_t> data_out,
                       std::span<std::uint8_t> data_in) {
    return device().usb.control(setup, data_out, data_in);
}

void dfu_bus_reset() {
    device().engine.reset();
}

dfu::Event dfu_event() {
    return device().engine.event();
}

std::uint32_t dfu_leave_address() {
    return F7FlashAlias::map(device().engine.leave_address());
}

}  // namespace rom
