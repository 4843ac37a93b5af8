/* C API of the STM32 family chip layer (sysboot/stm32_family/device.hpp): the Device of the
 * part we run on, for the reset path (docs/families.md "Reset path per family"). */
#ifndef SYSBOOT_STM32_FAMILY_H
#define SYSBOOT_STM32_FAMILY_H

#include "sysboot/sysboot.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The Device of the row whose DEV_ID the part reports, or NULL with *why (when not NULL) =
 * SYSBOOT_ERR_UNKNOWN_DEVICE: never a guess. Uses no .data/.bss, so it may run first in
 * Reset_Handler, before sysboot_handle_request_early(). */
const sysboot_device_t* sysboot_stm32_family_detect(sysboot_status_t* why);

#ifdef __cplusplus
}
#endif

#endif /* SYSBOOT_STM32_FAMILY_H */
