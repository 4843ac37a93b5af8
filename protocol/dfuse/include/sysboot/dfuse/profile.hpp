// What an ST ROM's DFU device looks like on the bus, per STM32F7 line: USB identity, the DFU
// functional descriptor and one memory-layout string per alternate setting (AN3156).
// Freestanding: constant data only.
#pragma once

#include <cstdint>
#include <span>

namespace sysboot::dfuse {

// How long the modelled flash takes; the engine turns these into bwPollTimeout (DFU 1.1
// §6.1.2). They are modelling values of the order of the F7 datasheets' "Flash memory
// programming" tables (docs/dfu.md), not measurements of a ROM.
struct FlashTiming {
    uint32_t program_us_per_word = 16;  // one 32-bit word (PSIZE x32, RM0410 §3.3.7)
    uint32_t erase_ms_per_kib = 8;      // sector erase, proportional to the sector size
    uint32_t mass_erase_ms = 16000;
};

struct Profile {
    const char* name;  // short id for tools: "f72x", "f74x", "f76x"
    uint16_t vendor_id;
    uint16_t product_id;
    // AN3156 §1: the MSB of bcdDevice is the bootloader version (0x2200 = "2.2").
    uint16_t bcd_device;
    // DFU functional descriptor (DFU 1.1 §4.1.3): bmAttributes, wDetachTimeOut, wTransferSize.
    uint8_t dfu_attributes;
    uint16_t detach_timeout_ms;
    uint16_t transfer_size;
    const char* manufacturer;
    const char* product;
    const char* serial;
    std::span<const char* const> alternates;  // alternate setting n = layout string n
    FlashTiming timing;
};

// The largest wTransferSize any profile declares (AN2662 §4.4.1: reads of up to 2048 bytes).
inline constexpr uint16_t kMaxTransferSize = 2048;

// STM32F72x/73x (512 KiB, RM0431 §3.3.1). Strings as an F72x ROM lists them to dfu-util.
inline constexpr const char* kF72xAlternates[] = {
    "@Internal Flash  /0x08000000/04*016Kg,01*64Kg,03*128Kg",
    "@Option Bytes  /0x1FFF0000/01*048 e",
    "@OTP Memory /0x1FF07800/01*528e",
    "@Device Feature/0xFFFF0000/01*004 e",
};
// STM32F74x/75x (1 MiB, RM0385 §3.3.1). Option bytes and OTP strings follow the F72x ROM's
// pattern with the F74x addresses (RM0385 §3.4 option bytes, §3.6 OTP: 1024 + 32 lock bytes).
inline constexpr const char* kF74xAlternates[] = {
    "@Internal Flash  /0x08000000/04*032Kg,01*128Kg,03*256Kg",
    "@Option Bytes  /0x1FFF0000/01*048 e",
    "@OTP Memory /0x1FF0F000/01*1056e",
};
// STM32F76x/77x single bank (2 MiB, nDBANK = 1, RM0410 §3.3.1 Table 4).
inline constexpr const char* kF76xAlternates[] = {
    "@Internal Flash  /0x08000000/04*032Kg,01*128Kg,07*256Kg",
    "@Option Bytes  /0x1FFF0000/01*048 e",
    "@OTP Memory /0x1FF0F000/01*1056e",
};

// DFU functional descriptor bmAttributes: bitCanDnload | bitCanUpload | bitWillDetach
// (DFU 1.1 §4.1.3). An assumption about the ROMs, not read from one (docs/dfu.md).
inline constexpr uint8_t kRomDfuAttributes = 0x0B;

// What the F7 ROMs share; only the memories differ between lines. bcdDevice 0x2200 and the
// serial string are what an F72x ROM reports (docs/dfu.md); F74x/F76x are assumed alike.
constexpr Profile st_rom_profile(const char* name, std::span<const char* const> alternates) {
    return Profile{.name = name,
                   .vendor_id = 0x0483,
                   .product_id = 0xDF11,
                   .bcd_device = 0x2200,
                   .dfu_attributes = kRomDfuAttributes,
                   .detach_timeout_ms = 255,
                   .transfer_size = 2048,
                   .manufacturer = "STMicroelectronics",
                   .product = "STM32  BOOTLOADER",
                   .serial = "STM32FxSTM32",
                   .alternates = alternates,
                   .timing = {}};
}

inline constexpr Profile kF72x = st_rom_profile("f72x", kF72xAlternates);
inline constexpr Profile kF74x = st_rom_profile("f74x", kF74xAlternates);
inline constexpr Profile kF76x = st_rom_profile("f76x", kF76xAlternates);

inline constexpr const Profile* kProfiles[] = {&kF72x, &kF74x, &kF76x};

}  // namespace sysboot::dfuse
