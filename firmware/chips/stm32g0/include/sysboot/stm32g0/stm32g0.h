/* STM32G0 chip support for C projects: the Device of the part we run on. */
#ifndef SYSBOOT_STM32G0_STM32G0_H
#define SYSBOOT_STM32G0_STM32G0_H

#include "sysboot/sysboot.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Reads DBG_IDCODE and returns the device table entry for DEV_ID 0x466 (G03x/G04x), 0x460
 * (G07x/G08x), 0x467 (G0B0/G0B1/G0C1) or 0x456 (G05x/G061); NULL with *why =
 * SYSBOOT_ERR_UNKNOWN_DEVICE for any other part (`why` may be NULL). Uses no .data/.bss: may
 * run first in Reset_Handler. */
const sysboot_device_t* sysboot_stm32g0_detect(sysboot_status_t* why);

#ifdef __cplusplus
}
#endif

#endif /* SYSBOOT_STM32G0_STM32G0_H */
