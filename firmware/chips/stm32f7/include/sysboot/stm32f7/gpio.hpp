#pragma once
// General-purpose I/O: the F4/F7 block (sysboot/stm32/gpio.hpp) under its STM32F7 name.
#include "sysboot/stm32/gpio.hpp"

namespace sysboot::stm32f7 {
namespace gpio = stm32::gpio;
}  // namespace sysboot::stm32f7
