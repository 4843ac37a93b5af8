// C entry points of the STM32G0 chip support (sysboot/stm32g0/stm32g0.h).
#include "sysboot/stm32g0/stm32g0.h"

#include "sysboot/stm32g0/device.hpp"

extern "C" const sysboot_device_t* sysboot_stm32g0_detect(sysboot_status_t* why) {
    sysboot::Status s{};
    const sysboot::Device* dev = sysboot::stm32g0::detect(s);
    if (why != nullptr) {
        *why = sysboot::to_c(s);
    }
    return dev;
}
