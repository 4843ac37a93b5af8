// NUCLEO-F767ZI (UM1974): STM32F767ZI at 216 MHz from the ST-LINK's 8 MHz MCO (HSE bypass,
// solder bridge SB148 default), console on the ST-LINK virtual COM port = USART3 PD8 (TX) /
// PD9 (RX), AF7. Note: the ROM bootloader's USART3 pins are PB10/PB11 and PC10/PC11, so the
// VCP does not reach the ROM; USB DFU on the user USB connector CN13 (PA11/PA12) does.
#include "sysboot/stm32f7/board_kit.hpp"
#include "sysboot/stm32f7/gpio.hpp"
#include "sysboot/stm32f7/rcc.hpp"
#include "sysboot/stm32f7/usart.hpp"

namespace sysboot::stm32f7::kit {

// 8 MHz / 4 = 2 MHz VCO input (RM0410 §5.3.2: 1..2 MHz), x216 = 432 MHz VCO, /2 = 216 MHz
// SYSCLK, /9 = 48 MHz for USB/SDMMC/RNG.
const BoardConfig kBoard = {
    .name = "nucleo-f767zi",
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
