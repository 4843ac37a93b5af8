// NUCLEO-F722ZE (UM1974): STM32F722ZE at 216 MHz from the ST-LINK's 8 MHz MCO (HSE bypass),
// console on the ST-LINK virtual COM port = USART3 PD8 (TX) / PD9 (RX), AF7 — same
// Nucleo-144 wiring as the F767ZI. The ROM's USART3 pins (PB10/PB11, PC10/PC11) are not the
// VCP's; USB DFU on the user USB connector CN13 (PA11/PA12) reaches the ROM.
#include "sysboot/stm32f7/board_kit.hpp"
#include "sysboot/stm32f7/gpio.hpp"
#include "sysboot/stm32f7/rcc.hpp"
#include "sysboot/stm32f7/usart.hpp"

namespace sysboot::stm32f7::kit {

// 8 MHz / 4 x 216 / 2 = 216 MHz (RM0431 §5.3.2 limits as on F76x), /9 = 48 MHz.
const BoardConfig kBoard = {
    .name = "nucleo-f722ze",
    .hse_hz = 8'000'000,
    .hse_bypass = true,
    .pllm = 4,
    .plln = 216,
    .pllp = 2,
    .pllq = 9,
    .overdrive = true,
    .usart_base = usart::USART3_BASE,
    .usart_on_apb2 = false,
    .usart_enable_bit = rcc::APB1_USART3,
    .usart_irq = usart::USART3_IRQ,
    .tx = {gpio::PORT_D, 8, gpio::AF7_USART},
    .rx = {gpio::PORT_D, 9, gpio::AF7_USART},
    .baud = 115200,
};

}  // namespace sysboot::stm32f7::kit
