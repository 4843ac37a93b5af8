/* STM32G4 chip support for C projects: the Device of the part we run on. */
#ifndef SYSBOOT_STM32G4_STM32G4_H
#define SYSBOOT_STM32G4_STM32G4_H

#include "sysboot/sysboot.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Reads DBGMCU_IDCODE and returns the device table entry for DEV_ID 0x468 (G431/G441), 0x469
 * (G47x/G48x) or 0x479 (G491/G4A1); NULL with *why = SYSBOOT_ERR_UNKNOWN_DEVICE for any other
 * part (`why` may be NULL). Uses no .data/.bss: may run first in Reset_Handler. */
const sysboot_device_t* sysboot_stm32g4_detect(sysboot_status_t* why);

#ifdef __cplusplus
}
#endif

#endif /* SYSBOOT_STM32G4_STM32G4_H */
