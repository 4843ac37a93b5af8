// C API of the STM32 family chip layer (include/sysboot/stm32_family/stm32_family.h).
#include "sysboot/stm32_family/stm32_family.h"

#include "sysboot/stm32_family/device.hpp"

extern "C" const sysboot_device_t* sysboot_stm32_family_detect(sysboot_status_t* why) {
    sysboot::Status status = sysboot::Status::ok;
    const sysboot::Device* dev = sysboot::stm32_family::detect(status);
    if (why != nullptr) {
        *why = sysboot::to_c(status);
    }
    return dev;
}
