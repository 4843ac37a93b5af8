// C entry points of the STM32H7 chip support (sysboot/stm32h7/stm32h7.h).
#include "sysboot/stm32h7/stm32h7.h"

#include "sysboot/stm32h7/device.hpp"

extern "C" const sysboot_device_t* sysboot_stm32h7_detect(sysboot_status_t* why) {
    sysboot::Status s{};
    const sysboot::Device* dev = sysboot::stm32h7::detect(s);
    if (why != nullptr) {
        *why = sysboot::to_c(s);
    }
    return dev;
}
