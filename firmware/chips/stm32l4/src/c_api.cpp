// C entry points of the STM32L4 chip support (sysboot/stm32l4/stm32l4.h).
#include "sysboot/stm32l4/stm32l4.h"

#include "sysboot/stm32l4/device.hpp"

extern "C" const sysboot_device_t* sysboot_stm32l4_detect(sysboot_status_t* why) {
    sysboot::Status s{};
    const sysboot::Device* dev = sysboot::stm32l4::detect(s);
    if (why != nullptr) {
        *why = sysboot::to_c(s);
    }
    return dev;
}
