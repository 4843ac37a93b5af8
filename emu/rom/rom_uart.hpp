#pragma once
// The UART the stand-in ROM serves its protocol on, per board family: the CMSDK UART0 of
// the MPS2 rigs (rom_uart_cmsdk.cpp) or the nRF51 UART of the micro:bit (rom_uart_nrf51.cpp).
#include <cstdint>

namespace rom::uart {
void init();           // polled transmit and receive, as the ROM sets the UART up
void enable_rx_irq();  // RX interrupt on, NVIC line enabled (no CPSIE: see rom.cpp)
void on_rx_irq(void (*byte)(std::uint8_t));  // from the RX handler: drain every waiting byte
void shutdown();  // before Go: interrupt off and un-pended, UART back to reset state
}  // namespace rom::uart
