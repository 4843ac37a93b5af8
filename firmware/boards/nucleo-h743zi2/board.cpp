// NUCLEO-H743ZI2 (UM2407): STM32H743ZI at 400 MHz from the ST-LINK's 8 MHz MCO (HSE bypass),
// console on the ST-LINK virtual COM port = USART3 PD8 (TX) / PD9 (RX), AF7. The VCP cannot
// talk to the ROM: the H74x ROM's USART3 is on PB10/PB11, its USART1 on PA9/PA10 (AN2606,
// STM32H74xxx/75xxx section); use a USB-serial adapter there, or USB DFU on the user USB
// connector CN13 (USB OTG FS, PA11/PA12).
#include "sysboot/stm32h7/board_kit.hpp"
#include "sysboot/stm32h7/regs.hpp"
#include "sysboot/stm32h7/usart.hpp"

namespace sysboot::stm32h7::kit {

// 8 MHz / 4 = 2 MHz PLL1 input (PLL1RGE 01: 2-4 MHz), x400 = 800 MHz wide-range VCO, /2 =
// 400 MHz CPU: the VOS1 maximum of revision V silicon (RM0433 "Voltage scaling"; 480 MHz needs
// VOS0). AXI/AHB 200 MHz (HPRE /2), every APB 100 MHz (their maxima). Flash: 2 wait states and
// WRHIGHFREQ 10 for a 185-210 MHz AXI clock at VOS1 (RM0433 "Read latency", "FLASH recommended
// number of wait states and programming delay" table). pll1_q = 100 MHz, unused.
const BoardConfig kBoard = {
    .name = "nucleo-h743zi2",
    .hse_hz = 8'000'000,
    .hse_bypass = true,
    .divm = 4,
    .pll1rge = 1,
    .n = 400,
    .p = 2,
    .q = 8,
    .vos = pwr::D3CR_VOS_SCALE1,
    .flash_acr = 2u | (2u << flash::ACR_WRHIGHFREQ_SHIFT),
    .hpre = rcc::HPRE_DIV2,
    .ppre = rcc::PPRE_DIV2,
    .flash_log2 = 21,
    .dtcm_log2 = 17,
    .usart_base = usart::USART3_BASE,
    .usart_on_apb2 = false,
    .usart_enable_bit = rcc::APB1L_USART3,
    .usart_irq = usart::USART3_IRQ,
    .tx = {gpio::PORT_D, 8, gpio::AF7_USART},
    .rx = {gpio::PORT_D, 9, gpio::AF7_USART},
    .baud = 115200,
};

}  // namespace sysboot::stm32h7::kit
