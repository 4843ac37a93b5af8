/* STM32H7 chip support for C projects: the Device of the part we run on. */
#ifndef SYSBOOT_STM32H7_STM32H7_H
#define SYSBOOT_STM32H7_STM32H7_H

#include "sysboot/sysboot.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Reads DBGMCU_IDCODE (0x5C001000) and returns the device table entry for DEV_ID 0x450
 * (STM32H74x/75x) or 0x483 (STM32H72x/73x); NULL with *why = SYSBOOT_ERR_UNKNOWN_DEVICE for
 * any other part (`why` may be NULL). The entry's system_memory starts at the ROM's vector
 * table, 0x1FF09800. Uses no .data/.bss: may run first in Reset_Handler. */
const sysboot_device_t* sysboot_stm32h7_detect(sysboot_status_t* why);

#ifdef __cplusplus
}
#endif

#endif /* SYSBOOT_STM32H7_STM32H7_H */
