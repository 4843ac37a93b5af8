// NUCLEO-F446RE (UM1724): STM32F446RE at 180 MHz from the ST-LINK's 8 MHz MCO (HSE bypass),
// console on the ST-LINK virtual COM port = USART2 PA2 (TX) / PA3 (RX), AF7. The F446 ROM
// does not listen on USART2 (AN2606 Table 93: USART1 PA9/PA10, USART3 PB10/PB11 and
// PC10/PC11), so the VCP cannot talk to the ROM: wire a USB-serial adapter to PA9/PA10 (CN10
// pins 21/33) or use USB DFU on PA11/PA12 (CN10 pins 14/12), which needs the 8 MHz HSE.
#include "sysboot/stm32/gpio.hpp"
#include "sysboot/stm32f4/board_kit.hpp"
#include "sysboot/stm32f4/rcc.hpp"
#include "sysboot/stm32f4/usart.hpp"

namespace sysboot::stm32f4::kit {

// 8 MHz / 4 x 180 / 2 = 180 MHz with over-drive (RM0390 §5.1.4: above 168 MHz); /8 = 45 MHz
// on the 48 MHz domain, which this app does not use. 5 wait states at 180 MHz and 2.7-3.6 V
// (RM0390 §3.4.1 Table 5); APB1 45 MHz and APB2 90 MHz, their maxima (RM0390 §6.2).
const BoardConfig kBoard = {
    .name = "nucleo-f446re",
    .hse_hz = 8'000'000,
    .hse_bypass = true,
    .pllm = 4,
    .plln = 180,
    .pllp = 2,
    .pllq = 8,
    .overdrive = true,
    .flash_latency = 5,
    .ppre1 = rcc::CFGR_PPRE_DIV4,
    .ppre2 = rcc::CFGR_PPRE_DIV2,
    .flash_log2 = 19,
    .sram_log2 = 17,
    .usart_base = usart::USART2_BASE,
    .usart_on_apb2 = false,
    .usart_enable_bit = rcc::APB1_USART2,
    .usart_irq = usart::USART2_IRQ,
    .tx = {stm32::gpio::PORT_A, 2, stm32::gpio::AF7_USART},
    .rx = {stm32::gpio::PORT_A, 3, stm32::gpio::AF7_USART},
    .baud = 115200,
};

}  // namespace sysboot::stm32f4::kit
