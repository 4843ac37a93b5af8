/* A user's startup code for the STM32F767ZI: Reset_Handler (the vector table is
 * app/vectors.c). */
#include <stdint.h>

#include "sysboot/stm32f7/stm32f7.h"
#include "sysboot/sysboot.h"

extern uint32_t _sidata, _sdata, _edata, _sbss, _ebss;
int main(void);
void Reset_Handler(void);

#define REG(addr) (*(volatile uint32_t*)(addr))

static void barrier(void) {
    __asm volatile("dsb 0xF\n isb 0xF" ::: "memory");
}

/* L1 caches on, as an STM32F7 application's main() usually does first (SCB_EnableICache and
 * SCB_EnableDCache in ST's examples): invalidate, then set CCR.IC/CCR.DC (DDI0403E §B2.2.7,
 * §B3.2.8). Cortex-M7 lines are 32 bytes; CCSIDR gives the sets and ways (§B4.8.3). The
 * hand-off has to clean and switch them off again before the ROM runs. */
static void caches_on(void) {
    REG(0xE000EF50u) = 0; /* ICIALLU */
    barrier();
    REG(0xE000ED14u) |= 1u << 17; /* CCR.IC */
    barrier();
    REG(0xE000ED84u) = 0; /* CSSELR: L1 data cache */
    barrier();
    uint32_t ccsidr = REG(0xE000ED80u);
    uint32_t sets = ((ccsidr >> 13) & 0x7FFFu) + 1u;
    uint32_t ways = ((ccsidr >> 3) & 0x3FFu) + 1u;
    for (uint32_t set = 0; set < sets; ++set) {
        for (uint32_t way = 0; way < ways; ++way) {
            REG(0xE000EF60u) = (way << 30) | (set << 5); /* DCISW */
        }
    }
    barrier();
    REG(0xE000ED14u) |= 1u << 16; /* CCR.DC */
    barrier();
}

void Reset_Handler(void) {
    /* First, before .data/.bss exist: a hand-off requested before the reset continues into
     * the ROM from the reset state (docs/handoff.md, the reset path). */
    const sysboot_device_t* dev = sysboot_stm32f7_detect(0);
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
    REG(0xE000ED88u) |= 0xFu << 20;
    caches_on();
    main();
    for (;;) {
    }
}
