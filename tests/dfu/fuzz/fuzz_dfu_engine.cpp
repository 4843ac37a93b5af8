// libFuzzer target: any sequence of control requests (standard and DFU class) against the
// DfuSe device. The engine runs in the ROM and answers a USB host it cannot trust, so no
// sequence may crash it, answer more than wLength bytes or leave an undefined state.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "sysboot/an3155/flash_model.hpp"
#include "sysboot/dfuse/engine.hpp"
#include "sysboot/dfuse/region_memory.hpp"
#include "sysboot/dfuse/usb_device.hpp"

namespace {

using namespace sysboot;

// Small buffers behind the F76x layout: the model refuses what lies past them.
std::array<uint8_t, 64 * 1024> g_flash;
std::array<uint8_t, 48> g_option;
std::array<uint8_t, 1056> g_otp;
constexpr an3155::SectorGroup kOtp[] = {{1, 1056}};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    g_flash.fill(0xFF);
    g_otp.fill(0xFF);
    an3155::FlashModel flash(an3155::FlashConfig{}, g_flash);
    dfuse::RegionMemory option(0x1FFF0000, g_option);
    an3155::FlashModel otp(an3155::FlashConfig{0x1FF0F000, an3155::SectorMap{kOtp}}, g_otp);
    an3155::Memory* memories[] = {&flash, &option, &otp};
    dfuse::Engine engine(dfuse::kF76x, memories);
    dfuse::UsbDevice device(engine);
    if (size > 0) {
        engine.set_read_protection((data[0] & 1) != 0);
    }
    // Records: bmRequestType, bRequest, wValue (2), wLength (2), then OUT data.
    std::size_t at = 1;
    std::array<uint8_t, 4096> buffer{};
    while (at + 6 <= size) {
        const dfuse::Setup setup{data[at], data[at + 1],
                                 static_cast<uint16_t>(data[at + 2] | data[at + 3] << 8), 0,
                                 static_cast<uint16_t>((data[at + 4] | data[at + 5] << 8) & 0xFFF)};
        at += 6;
        const bool in = (setup.request_type & 0x80) != 0;
        std::size_t out_length = 0;
        if (!in) {
            out_length = setup.length < size - at ? setup.length : size - at;
        }
        const dfuse::Reply r = device.control(
            setup, std::span<const uint8_t>(data + at, out_length),
            in ? std::span<uint8_t>(buffer.data(), setup.length) : std::span<uint8_t>{});
        at += out_length;
        if (!r.stall && r.length > setup.length) {
            std::abort();
        }
        if (static_cast<uint8_t>(engine.state()) > static_cast<uint8_t>(dfuse::State::Error)) {
            std::abort();
        }
        if (engine.event() != dfuse::Event::None) {
            engine.reset();  // the board came back into the ROM
        }
    }
    return 0;
}
