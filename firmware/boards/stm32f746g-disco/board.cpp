// STM32F746G-DISCO (UM1907): STM32F746NG at 216 MHz from the 25 MHz crystal X2 (HSE), console
// on the ST-LINK virtual COM port = USART1 PA9 (TX) / PB7 (RX), AF7. The ROM listens on
// USART1 RX = PA10, not PB7, so the VCP does not reach the ROM; USB DFU on the USB OTG FS
// connector CN13 (PA11/PA12) does.
#include "sysboot/stm32f7/board_kit.hpp"
#include "sysboot/stm32f7/gpio.hpp"
#include "sysboot/stm32f7/rcc.hpp"
#include "sysboot/stm32f7/usart.hpp"

namespace sysboot::stm32f7::kit {

// 25 MHz / 25 = 1 MHz VCO input, x432 = 432 MHz, /2 = 216 MHz SYSCLK, /9 = 48 MHz.
const BoardConfig kBoard = {
    .name = "stm32f746g-disco",
    .hse_hz = 25'000'000,
    .hse_bypass = false,
    .pllm = 25,
    .plln = 432,
    .pllp = 2,
    .pllq = 9,
    .overdrive = true,
    .usart_base = usart::USART1_BASE,
    .usart_on_apb2 = true,
    .usart_enable_bit = rcc::APB2_USART1,
    .usart_irq = usart::USART1_IRQ,
    .tx = {gpio::PORT_A, 9, gpio::AF7_USART},
    .rx = {gpio::PORT_B, 7, gpio::AF7_USART},
    .baud = 115200,
};

}  // namespace sysboot::stm32f7::kit
