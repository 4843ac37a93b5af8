// NUCLEO-L476RG (UM1724): STM32L476RG at 80 MHz from HSI16, console on the ST-LINK virtual
// COM port = USART2 PA2 (TX) / PA3 (RX), AF7 (UM1724 "USART communication"). USART2 on PA2/PA3
// is also one of the L47x ROM's USARTs (AN2606 STM32L47xxx/48xxx configuration table), so
// the VCP reaches the ROM: `sysboot` can enter and update over the one ST-LINK cable.
#include "sysboot/stm32/l4g4/board_kit.hpp"
#include "sysboot/stm32/l4g4/regs.hpp"

namespace sysboot::stm32::l4g4::kit {

// HSI16 / 1 x 10 / 2 = 80 MHz (VCO input 16 MHz, VCO 160 MHz: RM0351 "PLL" ranges), the L476
// maximum, without the board's optional HSE. 4 wait states in range 1 (RM0351 "Read access
// latency": one per 16 MHz). APB1 and APB2 at 80 MHz; USART2 clocked by PCLK1 (CCIPR at
// reset).
const BoardConfig kBoard = {
    .name = "nucleo-l476rg",
    .pll_source = rcc::PLLCFGR_PLLSRC_HSI16,
    .hse_hz = 0,
    .hse_bypass = false,
    .pllm = 1,
    .plln = 10,
    .pllr = 2,
    .flash_latency = 4,
    .boost = false,
    .ppre1 = rcc::CFGR_PPRE_DIV1,
    .ppre2 = rcc::CFGR_PPRE_DIV1,
    .flash_log2 = 20,
    .sram_log2 = 17,
    .usart_base = usart::USART2_BASE,
    .usart_enr = rcc::APB1ENR1,
    .usart_enable_bit = rcc::APB1R1_USART2,
    .usart_on_apb2 = false,
    .lpuart = false,
    .usart_irq = 38,  // USART2_IRQn (CMSIS stm32l476xx.h)
    .tx = {gpio::PORT_A, 2, 7},
    .rx = {gpio::PORT_A, 3, 7},
    .baud = 115200,
};

}  // namespace sysboot::stm32::l4g4::kit
