// The stand-in ROM's bootloader protocol: the portable AN3155 target engine (protocol/an3155)
// over the emulated board's memory. PSRAM at 0x60000000 plays the STM32F76x flash (2 MiB,
// single-bank sector map); RAM above the ROM's 16 KiB is readable/writable like on the F7
// ROM (AN2606: the bootloader's own RAM is not available to the host).
//
// Options come from two words QEMU may load at kConfigAddress (tests use
// -device loader,addr=0x00310000,data=...,data-len=8): magic|flags, then the PID.
#include <cstdint>
#include <span>

#include "mps2.hpp"
#include "rom_protocol.hpp"
#include "sysboot/an3155/flash_model.hpp"
#include "sysboot/an3155/target.hpp"

namespace rom {
namespace {

constexpr std::uint32_t kConfigAddress = 0x00310000;
constexpr std::uint32_t kConfigMagic = 0x5B0C0000;
constexpr std::uint32_t kFlagChecksum = 1u << 0;  // advertise and serve Get Checksum
constexpr std::uint32_t kFlagRdp1 = 1u << 1;      // read-out protection level 1
constexpr std::uint32_t kAppRamBase = mps2::kRamBase + mps2::kRomRamSize;
constexpr std::uint32_t kAppRamSize = 0x00080000 - mps2::kRomRamSize;

class UartSink final : public sysboot::an3155::Sink {
  public:
    void put(std::uint8_t b) override { put_(b); }
    PutByte put_ = nullptr;
};

UartSink g_sink;
volatile bool g_go_pending = false;
volatile std::uint32_t g_go_address = 0;

void on_go(void*, std::uint32_t address) {
    g_go_address = address;
    g_go_pending = true;
}

sysboot::an3155::Config make_config() {
    sysboot::an3155::Config c;
    const auto* words = reinterpret_cast<const volatile std::uint32_t*>(kConfigAddress);
    if ((words[0] & 0xFFFF0000u) == kConfigMagic) {
        c.get_checksum = (words[0] & kFlagChecksum) != 0;
        c.rdp_level1 = (words[0] & kFlagRdp1) != 0;
        c.pid = static_cast<std::uint16_t>(words[1] != 0 ? words[1] : 0x451);
    }
    c.go = on_go;
    return c;
}

sysboot::an3155::FlashModel& flash() {
    static sysboot::an3155::FlashModel model(
        sysboot::an3155::FlashConfig{mps2::kFlashBase, sysboot::an3155::kF76xSingleBank},
        std::span<std::uint8_t>(reinterpret_cast<std::uint8_t*>(mps2::kFlashBase),
                                mps2::kFlashSize),
        std::span<std::uint8_t>(reinterpret_cast<std::uint8_t*>(kAppRamBase), kAppRamSize),
        kAppRamBase);
    return model;
}

sysboot::an3155::Target& engine() {
    static sysboot::an3155::Target target(make_config(), flash(), g_sink);
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

bool protocol_take_go(std::uint32_t& address) {
    if (!g_go_pending) {
        return false;
    }
    address = g_go_address;
    return true;
}

// AN3155 "Go command": the ROM puts the peripherals it used back to their reset state,
// loads the MSP from the application's vector table and jumps to its reset handler. It does
// not reset the core: that is what sysboot's early handler has to detect.
[[noreturn]] void protocol_go(std::uint32_t address) {
    auto reg = [](std::uint32_t a) -> volatile std::uint32_t& {
        return *reinterpret_cast<volatile std::uint32_t*>(a);
    };
    asm volatile("cpsid i" ::: "memory");
    reg(0xE000E180) = 1u << mps2::uart0::kRxIrq;  // NVIC ICER0
    reg(0xE000E280) = 1u << mps2::uart0::kRxIrq;  // NVIC ICPR0
    reg(mps2::uart0::CTRL) = 0;
    const std::uint32_t sp = reg(address);
    const std::uint32_t pc = reg(address + 4);
    asm volatile(
        "msr msp, %0\n\t"
        "cpsie i\n\t"
        "bx %1\n\t" ::"r"(sp),
        "r"(pc)
        : "memory");
    __builtin_unreachable();
}

}  // namespace rom
