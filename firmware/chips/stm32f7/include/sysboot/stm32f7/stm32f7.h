/* STM32F7 chip support for C projects: the Device of the part we run on. */
#ifndef SYSBOOT_STM32F7_STM32F7_H
#define SYSBOOT_STM32F7_STM32F7_H

#include "sysboot/sysboot.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Reads DBGMCU_IDCODE and returns the device table entry for DEV_ID 0x449 (F74x/75x),
 * 0x451 (F76x/77x) or 0x452 (F72x/73x); NULL with *why = SYSBOOT_ERR_UNKNOWN_DEVICE for any
 * other part (`why` may be NULL). Uses no .data/.bss: may run first in Reset_Handler. */
const sysboot_device_t* sysboot_stm32f7_detect(sysboot_status_t* why);

#ifdef __cplusplus
}
#endif

#endif /* SYSBOOT_STM32F7_STM32F7_H */
