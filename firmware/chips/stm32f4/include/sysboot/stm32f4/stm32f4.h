/* STM32F4 chip support for C projects: the Device of the part we run on. */
#ifndef SYSBOOT_STM32F4_STM32F4_H
#define SYSBOOT_STM32F4_STM32F4_H

#include "sysboot/sysboot.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Reads DBGMCU_IDCODE and returns the device table entry for DEV_ID 0x413 (F405/407/415/417),
 * 0x423/0x433 (F401), 0x431 (F411) or 0x421 (F446); NULL with *why =
 * SYSBOOT_ERR_UNKNOWN_DEVICE for any other part (`why` may be NULL). Uses no .data/.bss: may
 * run first in Reset_Handler. */
const sysboot_device_t* sysboot_stm32f4_detect(sysboot_status_t* why);

#ifdef __cplusplus
}
#endif

#endif /* SYSBOOT_STM32F4_STM32F4_H */
