// UART1 as the USB cable of the stand-in ROM. A host-side relay (tests/dfu/rig
// usb_relay.cpp) turns each control transfer libusb makes into a Control frame; the ROM runs
// it through its DFU device and answers with a Reply frame. Attach says the device is on the
// bus (the relay then enumerates it), Detach that it left (Leave, or a reset after Read
// Unprotect or an option-byte write, after which it attaches again).
#include "usb_cable.hpp"

#include <cstdint>
#include <span>

#include "dfu_device.hpp"
#include "rig.hpp"
#include "rom_protocol.hpp"
#include "sysboot/cm7/nvic.hpp"
#include "sysboot/dfuse/cable.hpp"
#include "sysboot/mmio.hpp"

namespace rom {
namespace {

namespace cable = sysboot::dfuse::cable;
namespace dfu = sysboot::dfuse;
using sysboot::mmio::reg32;

// The cable UART of the board (rig.hpp; CMSDK APB UART, DDI0479 §4.3).
using U = rig::usb_cable;
constexpr std::uint32_t kIrqBit = 1u << (U::kRxIrq % 32);
constexpr std::uint32_t word(std::uint32_t base) {
    return sysboot::cm7::nvic::word(base, U::kRxIrq / 32);
}
constexpr std::uint32_t kTxSpin = 100000;  // bounded wait per byte, like the console

cable::FrameReader g_reader;
std::uint8_t g_in[dfu::kMaxTransferSize];

void put(std::uint8_t b) {
    for (std::uint32_t i = 0; i < kTxSpin; ++i) {
        if ((reg32(U::STATE) & U::STATE_TXFULL) == 0) {
            reg32(U::DATA) = b;
            return;
        }
    }
}

void send(cable::Type type, std::uint8_t sequence, std::span<const std::uint8_t> a,
          std::span<const std::uint8_t> b = {}) {
    cable::send_frame(put, type, sequence, a, b);
}

void send_attach() {
    const std::uint8_t speed = cable::kFullSpeed;
    send(cable::Type::Attach, 0, {&speed, 1});
}

// After the answer that ended DFU has gone out: Leave jumps to the new application (from
// Thread mode, go.cpp); a reset comes back in DFU mode and attaches again.
void after_reply() {
    const dfu::Event event = dfu_event();
    if (event == dfu::Event::None) {
        return;
    }
    const bool leave = event == dfu::Event::Leave;
    const std::uint8_t reason =
        static_cast<std::uint8_t>(leave ? cable::DetachReason::Leave : cable::DetachReason::Reset);
    send(cable::Type::Detach, 0, {&reason, 1});
    if (leave) {
        request_go(dfu_leave_address());
    } else {
        dfu_bus_reset();
        send_attach();
    }
}

void on_control(std::uint8_t sequence, std::span<const std::uint8_t> payload) {
    std::uint8_t status = static_cast<std::uint8_t>(cable::ReplyStatus::Stall);
    if (payload.size() < cable::kSetupLength) {
        send(cable::Type::Reply, sequence, {&status, 1});
        return;
    }
    const dfu::Setup setup = cable::parse_setup(payload.first<cable::kSetupLength>());
    const bool in = (setup.request_type & 0x80) != 0;
    const auto out = payload.subspan(cable::kSetupLength);
    const dfu::Reply r =
        dfu_control(setup, in ? std::span<const std::uint8_t>{} : out,
                    in ? std::span<std::uint8_t>(g_in) : std::span<std::uint8_t>{});
    if (!r.stall) {
        status = static_cast<std::uint8_t>(cable::ReplyStatus::Ok);
    }
    const std::size_t n = r.stall || !in ? 0 : r.length;
    send(cable::Type::Reply, sequence, {&status, 1}, {g_in, n});
    after_reply();
}

void on_frame() {
    const std::uint8_t ok = static_cast<std::uint8_t>(cable::ReplyStatus::Ok);
    switch (g_reader.type()) {
        case cable::Type::Control:
            on_control(g_reader.sequence(), g_reader.payload());
            break;
        case cable::Type::BusReset:
            dfu_bus_reset();
            send(cable::Type::Reply, g_reader.sequence(), {&ok, 1});
            break;
        default:
            break;  // a board -> host type: not for the device
    }
}

}  // namespace

void cable_init() {
    reg32(U::BAUDDIV) = 16;  // DDI0479: minimum divider; QEMU ignores the rate
    reg32(U::CTRL) = U::CTRL_TXEN | U::CTRL_RXEN | U::CTRL_RXINTEN;
    reg32(word(sysboot::cm7::nvic::ISER0)) = kIrqBit;
    // As for UART0 (rom_uart_cmsdk.cpp): a byte that arrived before RXINTEN raises no interrupt, so
    // pend the line to drain it; otherwise read DATA so QEMU asks its chardev for input again.
    if ((reg32(U::STATE) & U::STATE_RXFULL) != 0) {
        reg32(word(sysboot::cm7::nvic::ISPR0)) = kIrqBit;
    } else {
        const std::uint32_t discard = reg32(U::DATA);
        (void)discard;
    }
    send_attach();
}

void cable_rx_interrupt() {
    // Clear before draining, as on UART0 (an interrupt for a byte in between is not lost).
    reg32(U::INTSTATUS) = U::INT_RX;
    while ((reg32(U::STATE) & U::STATE_RXFULL) != 0) {
        if (g_reader.feed(static_cast<std::uint8_t>(reg32(U::DATA) & 0xFFu))) {
            on_frame();
        }
    }
}

void cable_stop() {
    reg32(word(sysboot::cm7::nvic::ICER0)) = kIrqBit;
    reg32(word(sysboot::cm7::nvic::ICPR0)) = kIrqBit;
    reg32(U::CTRL) = 0;
}

}  // namespace rom
