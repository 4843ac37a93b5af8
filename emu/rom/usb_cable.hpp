#pragma once
// The board's "USB cable": a second UART that carries the framed control transfers of the
// ROM's DFU device (protocol/dfuse cable.hpp, docs/dfu.md "The USB cable of the emulated
// board"). Only a rig whose rig.hpp defines `usb_cable` has one (qemu-an500); for it
// emu/rom/CMakeLists.txt builds usb_cable.cpp and the DFU device and defines
// SYSBOOT_ROM_USB_CABLE. The other ROMs never call these functions (kHasUsbCable).

#if defined(SYSBOOT_ROM_USB_CABLE)
#include "rig.hpp"
#endif

namespace rom {
#if defined(SYSBOOT_ROM_USB_CABLE)
inline constexpr bool kHasUsbCable = true;
inline constexpr unsigned kUsbCableRxIrq = rig::usb_cable::kRxIrq;
#else
inline constexpr bool kHasUsbCable = false;
inline constexpr unsigned kUsbCableRxIrq = 0;  // not used: no cable, no vector
#endif

// The cable UART on, its RX interrupt enabled in the NVIC, then the Attach frame. Like the
// AN3155 side it never unmasks interrupts itself: a hand-off that left PRIMASK set gets no USB.
void cable_init();
// The cable's RX interrupt: collects frames and answers each one from the interrupt.
void cable_rx_interrupt();
// Before a jump to an application: interrupt off, the cable UART back to its reset state.
void cable_stop();
}  // namespace rom
