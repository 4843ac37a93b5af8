/* A user's startup code for the STM32F446RE: Reset_Handler (the vector table is
 * app/vectors.c). */
#include <stdint.h>

#include "sysboot/stm32f4/stm32f4.h"
#include "sysboot/sysboot.h"

extern uint32_t _sidata, _sdata, _edata, _sbss, _ebss;
int main(void);
void Reset_Handler(void);

void Reset_Handler(void) {
    /* First, before .data/.bss exist: a hand-off requested before the reset continues into
     * the ROM from the reset state (docs/handoff.md, the reset path). */
    const sysboot_device_t* dev = sysboot_stm32f4_detect(0);
    if (dev != 0) {
        sysboot_handle_request_early(dev);
    }
    for (uint32_t *src = &_sidata, *dst = &_sdata; dst < &_edata;) {
        *dst++ = *src++;
    }
    for (uint32_t* dst = &_sbss; dst < &_ebss;) {
        *dst++ = 0;
    }
    /* As a vendor SystemInit does: the FPU on (CPACR CP10/CP11 full access, DDI0403E
     * §B3.2.20). The hand-off must give the ROM CPACR at its reset value again. */
    *(volatile uint32_t*)0xE000ED88u |= 0xFu << 20;
    main();
    for (;;) {
    }
}
