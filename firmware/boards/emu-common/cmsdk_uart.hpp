#pragma once
// The CMSDK APB UART of every MPS2 FPGA image QEMU models (AN385, AN386, AN500, AN505):
// one register layout, placed at a board-specific base. Arm DDI0479 (Cortex-M System
// Design Kit TRM) §4.3 "APB UART"; QEMU wires RX of UART n to line 2n of the FPGA's
// interrupt inputs, TX to 2n + 1.
#include <cstdint>

namespace cmsdk {

template <std::uint32_t Base, unsigned RxIrq>
struct Uart {
    static constexpr std::uint32_t BASE = Base;
    static constexpr std::uint32_t DATA = Base + 0x00;
    static constexpr std::uint32_t STATE = Base + 0x04;      // bit0 TX full, bit1 RX full
    static constexpr std::uint32_t CTRL = Base + 0x08;       // bit0 TXEN, bit1 RXEN, bit3 RXINTEN
    static constexpr std::uint32_t INTSTATUS = Base + 0x0C;  // write 1 to clear (INTCLEAR)
    static constexpr std::uint32_t BAUDDIV = Base + 0x10;    // >= 16
    static constexpr std::uint32_t STATE_TXFULL = 1u << 0;
    static constexpr std::uint32_t STATE_RXFULL = 1u << 1;
    static constexpr std::uint32_t CTRL_TXEN = 1u << 0;
    static constexpr std::uint32_t CTRL_RXEN = 1u << 1;
    static constexpr std::uint32_t CTRL_RXINTEN = 1u << 3;
    static constexpr std::uint32_t INT_RX = 1u << 1;
    static constexpr unsigned kRxIrq = RxIrq;
    static constexpr unsigned kTxIrq = RxIrq + 1;
};

}  // namespace cmsdk
