// C entry points of the STM32G4 chip support (sysboot/stm32g4/stm32g4.h).
#include "sysboot/stm32g4/stm32g4.h"

#include "sysboot/stm32g4/device.hpp"

extern "C" const sysboot_device_t* sysboot_stm32g4_detect(sysboot_status_t* why) {
    sysboot::Status s{};
    const sysboot::Device* dev = sysboot::stm32g4::detect(s);
    if (why != nullptr) {
        *why = sysboot::to_c(s);
    }
    return dev;
}
