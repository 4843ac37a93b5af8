// NUCLEO-G071RB (UM2324): STM32G071RB at 64 MHz from HSI16 through the PLL (the board has no
// HSE crystal fitted by default), console on the ST-LINK virtual COM port = USART2 PA2 (TX) /
// PA3 (RX), AF1 (STM32G071 datasheet, alternate function table). Unlike the F4/F7 boards,
// the VCP reaches the ROM: the G07x ROM listens on USART2 PA2/PA3 as well as USART1 PA9/PA10
// (AN2606, STM32G07xxx/08xxx bootloader), so `sysboot --port /dev/ttyACM0 flash --enter`
// needs no adapter.
#include "sysboot/stm32g0/board_kit.hpp"
#include "sysboot/stm32g0/regs.hpp"

namespace sysboot::stm32g0::kit {

// HSI16 / 1 x 8 = 128 MHz VCO, / 2 = 64 MHz PLLRCLK, the G0's maximum (RM0444 §5.2.4); 2 wait
// states above 48 MHz in range 1 (RM0444 §3.3.4); AHB and APB at /1 (64 MHz each).
const BoardConfig kBoard = {
    .name = "nucleo-g071rb",
    .pllm = 1,
    .plln = 8,
    .pllr = 2,
    .flash_latency = 2,
    .flash_log2 = 17,
    .sram_log2 = 15,
    .usart_base = usart::USART2_BASE,
    .usart_on_apb2 = false,
    .usart_enable_bit = rcc::APB1_USART2,
    .usart_irq = usart::USART2_IRQ,
    .tx = {0, 2, 1},
    .rx = {0, 3, 1},
    .baud = 115200,
};

}  // namespace sysboot::stm32g0::kit
