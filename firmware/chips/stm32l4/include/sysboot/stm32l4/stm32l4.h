/* STM32L4 chip support for C projects: the Device of the part we run on. */
#ifndef SYSBOOT_STM32L4_STM32L4_H
#define SYSBOOT_STM32L4_STM32L4_H

#include "sysboot/sysboot.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Reads DBGMCU_IDCODE and returns the device table entry for DEV_ID 0x415 (L47x/L48x) or
 * 0x461 (L496/L4A6); NULL with *why = SYSBOOT_ERR_UNKNOWN_DEVICE for any other part (`why`
 * may be NULL). Uses no .data/.bss: may run first in Reset_Handler. */
const sysboot_device_t* sysboot_stm32l4_detect(sysboot_status_t* why);

#ifdef __cplusplus
}
#endif

#endif /* SYSBOOT_STM32L4_STM32L4_H */
