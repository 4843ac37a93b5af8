#pragma once
// The board's "USB cable": UART1 carries the framed control transfers of the ROM's DFU
// device (protocol/dfuse cable.hpp, docs/dfu.md "The USB cable of the emulated board").

namespace rom {
// UART1 on, its RX interrupt enabled in the NVIC, then the Attach frame. Like the AN3155
// side it never unmasks interrupts itself: a hand-off that left PRIMASK set gets no USB.
void cable_init();
// UART1 RX interrupt: collects frames and answers each one from the interrupt.
void cable_rx_interrupt();
// Before a jump to an application: interrupt off, UART1 back to its reset state.
void cable_stop();
}  // namespace rom
