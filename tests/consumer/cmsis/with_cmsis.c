/* The C side of with_cmsis.cpp: a C application file with its CMSIS-style vendor header and
 * sysboot's C headers, in both orders (CMSIS_FIRST), compiled with -Wall -Wextra -Wpedantic
 * -Werror as C99. */
#if CMSIS_FIRST
#include "cmsis_style.h"
#endif

#include "sysboot/auth.h"
#include "sysboot/stm32f7/stm32f7.h"
#include "sysboot/sysboot.h"

#if !CMSIS_FIRST
#include "cmsis_style.h"
#endif

sysboot_status_t app_enter_bootloader_c(void);

sysboot_status_t app_enter_bootloader_c(void) {
    sysboot_options_t options;
    sysboot_status_t why = SYSBOOT_OK;
    const sysboot_device_t* dev = sysboot_stm32f7_detect(&why);
    if (dev == 0) {
        return why;
    }
    if ((SCB->CCR & SCB_CCR_DC_Msk) != 0U) {
        __DSB();
    }
    sysboot_default_options(&options);
    return sysboot_enter(dev, &options);
}
