// C entry points of the STM32F7 chip support (sysboot/stm32f7/stm32f7.h).
#include "sysboot/stm32f7/stm32f7.h"

#include "sysboot/stm32f7/device.hpp"

extern "C" const sysboot_device_t* sysboot_stm32f7_detect(sysboot_status_t* why) {
    sysboot::Status s{};
    const sysboot::Device* dev = sysboot::stm32f7::detect(s);
    if (why != nullptr) {
        *why = sysboot::to_c(s);
    }
    return dev;
}
