// NUCLEO-G474RE (UM2505): STM32G474RE at 170 MHz from HSI16, console on the ST-LINK virtual
// COM port = LPUART1 PA2 (TX) / PA3 (RX), AF12 (UM2505 "Virtual COM port"; STM32G474 datasheet
// alternate function table). The G4 ROM listens on USART2 at the same two pins (AN2606
// STM32G4 configuration tables), so the VCP reaches the ROM once LPUART1 lets go of them
// (reset_peripherals resets LPUART1 and GPIOA): `sysboot` can enter and update over one cable.
#include "sysboot/stm32/l4g4/board_kit.hpp"
#include "sysboot/stm32/l4g4/regs.hpp"

namespace sysboot::stm32::l4g4::kit {

// HSI16 / 4 x 85 / 2 = 170 MHz (VCO input 4 MHz, VCO 340 MHz: RM0440 "PLL" ranges), no
// dependency on the board's HSE. Above 150 MHz: range 1 boost mode with 4 wait states
// (RM0440 "Read access latency" table, range 1 boost: 4 WS up to 170 MHz). APB1 and APB2 at
// 170 MHz, their maximum. LPUART1 clocked by PCLK1 (RCC_CCIPR at reset).
const BoardConfig kBoard = {
    .name = "nucleo-g474re",
    .pll_source = rcc::PLLCFGR_PLLSRC_HSI16,
    .hse_hz = 0,
    .hse_bypass = false,
    .pllm = 4,
    .plln = 85,
    .pllr = 2,
    .flash_latency = 4,
    .boost = true,
    .ppre1 = rcc::CFGR_PPRE_DIV1,
    .ppre2 = rcc::CFGR_PPRE_DIV1,
    .flash_log2 = 19,
    .sram_log2 = 17,
    .usart_base = usart::LPUART1_BASE,
    .usart_enr = rcc::APB1ENR2,
    .usart_enable_bit = rcc::APB1R2_LPUART1,
    .usart_on_apb2 = false,
    .lpuart = true,
    .usart_irq = 91,  // LPUART1_IRQn (CMSIS stm32g474xx.h)
    .tx = {gpio::PORT_A, 2, 12},
    .rx = {gpio::PORT_A, 3, 12},
    .baud = 115200,
};

}  // namespace sysboot::stm32::l4g4::kit
