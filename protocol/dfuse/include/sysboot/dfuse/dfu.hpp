// USB DFU 1.1 and ST DfuSe (AN3156) constants shared by the device engine and the host client.
//
// Sources: USB Device Class Specification for Device Firmware Upgrade 1.1 (§3 requests,
// §6.1.2 DFU_GETSTATUS, Appendix A state diagram) and AN2662 §4.4-§4.5, which AN3156 repeats (ST's
// extension: commands carried by DFU_DNLOAD block 0, Get Commands by DFU_UPLOAD block 0).
// Freestanding: only <cstdint>.
#pragma once

#include <cstdint>

namespace sysboot::dfuse {

// DFU 1.1 §3 Table 3.2: class-specific requests (bRequest).
enum class Request : uint8_t {
    Detach = 0,
    Dnload = 1,
    Upload = 2,
    GetStatus = 3,
    ClrStatus = 4,
    GetState = 5,
    Abort = 6,
};

// bmRequestType of the class requests: class, interface recipient (USB 2.0 §9.3).
inline constexpr uint8_t kClassOut = 0x21;
inline constexpr uint8_t kClassIn = 0xA1;

// DFU 1.1 §6.1.2: bState values.
enum class State : uint8_t {
    AppIdle = 0,
    AppDetach = 1,
    Idle = 2,
    DnloadSync = 3,
    DnBusy = 4,
    DnloadIdle = 5,
    ManifestSync = 6,
    Manifest = 7,
    ManifestWaitReset = 8,
    UploadIdle = 9,
    Error = 10,
};

// DFU 1.1 §6.1.2: bStatus values.
enum class Status : uint8_t {
    Ok = 0x00,
    ErrTarget = 0x01,
    ErrFile = 0x02,
    ErrWrite = 0x03,
    ErrErase = 0x04,
    ErrCheckErased = 0x05,
    ErrProg = 0x06,
    ErrVerify = 0x07,
    ErrAddress = 0x08,
    ErrNotDone = 0x09,
    ErrFirmware = 0x0A,
    ErrVendor = 0x0B,
    ErrUsbr = 0x0C,
    ErrPor = 0x0D,
    ErrUnknown = 0x0E,
    ErrStalledPkt = 0x0F,
};

// AN2662 §4.5 (DFU_DNLOAD, wValue = 0): the first byte selects a DfuSe command.
namespace command {
inline constexpr uint8_t kGetCommands = 0x00;  // listed first by Get Commands (AN2662 §4.4.2)
inline constexpr uint8_t kSetAddressPointer = 0x21;
inline constexpr uint8_t kErase = 0x41;
inline constexpr uint8_t kReadUnprotect = 0x92;
}  // namespace command

// AN2662 §4.4-§4.5 and Figure 55: block 0 carries commands, block 1 is unused, data blocks start at
// 2 and address pointer + (wBlockNum - 2) * wTransferSize.
inline constexpr uint16_t kCommandBlock = 0;
inline constexpr uint16_t kFirstDataBlock = 2;

// DFU 1.1 §6.1.2: the DFU_GETSTATUS answer is 6 bytes.
inline constexpr uint16_t kStatusLength = 6;

// DFU 1.1 §4.1.3 Table 4.2: functional descriptor type; DfuSe devices report 0x011A.
inline constexpr uint8_t kFunctionalDescriptorType = 0x21;
inline constexpr uint16_t kDfuseVersion = 0x011A;

// DFU 1.1 §4.2.1 Table 4.4: DFU-mode interface class, subclass, protocol.
inline constexpr uint8_t kInterfaceClass = 0xFE;
inline constexpr uint8_t kInterfaceSubclass = 0x01;
inline constexpr uint8_t kInterfaceProtocolDfuMode = 0x02;

// One control request's setup stage (USB 2.0 §9.3).
struct Setup {
    uint8_t request_type = 0;
    uint8_t request = 0;
    uint16_t value = 0;
    uint16_t index = 0;
    uint16_t length = 0;
};

}  // namespace sysboot::dfuse
