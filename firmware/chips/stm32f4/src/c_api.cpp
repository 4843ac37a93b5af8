// C entry points of the STM32F4 chip support (sysboot/stm32f4/stm32f4.h).
#include "sysboot/stm32f4/stm32f4.h"

#include "sysboot/stm32f4/device.hpp"

extern "C" const sysboot_device_t* sysboot_stm32f4_detect(sysboot_status_t* why) {
    sysboot::Status s{};
    const sysboot::Device* dev = sysboot::stm32f4::detect(s);
    if (why != nullptr) {
        *why = sysboot::to_c(s);
    }
    return dev;
}
