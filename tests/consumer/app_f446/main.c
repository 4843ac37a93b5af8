/* A user's STM32F446 application: asks sysboot for the ROM bootloader at once. On success
 * sysboot_enter() does not return; the loop below is reached only when it refused. */
#include "sysboot/stm32f4/stm32f4.h"
#include "sysboot/sysboot.h"

volatile sysboot_status_t g_refused;

int main(void) {
    sysboot_options_t options;
    sysboot_status_t why = SYSBOOT_OK;
    const sysboot_device_t* dev = sysboot_stm32f4_detect(&why);
    sysboot_default_options(&options);
    if (dev != 0) {
        why = sysboot_enter(dev, &options);
    }
    g_refused = why;
    for (;;) {
    }
}
