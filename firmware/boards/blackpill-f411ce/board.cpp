// WeAct "Black Pill" STM32F411CEU6: 25 MHz crystal, console on USART1 PA9 (TX) / PA10 (RX),
// AF7, through a USB-serial adapter. Those are the pins the F411 ROM listens on too (AN2606
// Table 83: USART1 PA9/PA10; its USART2 is on PD5/PD6, not bonded on the 48-pin package), so
// the same adapter talks to the ROM. USB DFU on the USB-C connector (PA11/PA12) needs the
// HSE: the ROM measures it against the HSI, and AN2606 advises a low crystal frequency
// because a 25 MHz HSE is detected with the least margin.
#include "sysboot/stm32/gpio.hpp"
#include "sysboot/stm32f4/board_kit.hpp"
#include "sysboot/stm32f4/rcc.hpp"
#include "sysboot/stm32f4/usart.hpp"

namespace sysboot::stm32f4::kit {

// 25 MHz / 25 x 192 / 2 = 96 MHz, /4 = 48 MHz for USB. 3 wait states at 96 MHz and
// 2.7-3.6 V (RM0383 §3.4.1 Table 5); APB1 48 MHz (max 50), APB2 96 MHz (max 100, RM0383 §6.2).
const BoardConfig kBoard = {
    .name = "blackpill-f411ce",
    .hse_hz = 25'000'000,
    .hse_bypass = false,
    .pllm = 25,
    .plln = 192,
    .pllp = 2,
    .pllq = 4,
    .overdrive = false,
    .flash_latency = 3,
    .ppre1 = rcc::CFGR_PPRE_DIV2,
    .ppre2 = rcc::CFGR_PPRE_DIV1,
    .flash_log2 = 19,
    .sram_log2 = 17,
    .usart_base = usart::USART1_BASE,
    .usart_on_apb2 = true,
    .usart_enable_bit = rcc::APB2_USART1,
    .usart_irq = usart::USART1_IRQ,
    .tx = {stm32::gpio::PORT_A, 9, stm32::gpio::AF7_USART},
    .rx = {stm32::gpio::PORT_A, 10, stm32::gpio::AF7_USART},
    .baud = 115200,
};

}  // namespace sysboot::stm32f4::kit
