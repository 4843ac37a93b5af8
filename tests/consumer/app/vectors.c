/* A user's vector table for a Cortex-M application (core exceptions only): shared by the
 * consumer applications, whose startup.c has the Reset_Handler. */
#include <stdint.h>

extern uint32_t _estack;
void Reset_Handler(void);
void Default_Handler(void);

void Default_Handler(void) {
    for (;;) {
    }
}

/* Core exceptions only (DDI0403E §B1.5.2); this application enables no interrupt. */
__attribute__((section(".isr_vector"), used)) static void (*const g_vectors[16])(void) = {
    (void (*)(void))(uintptr_t)&_estack,
    Reset_Handler,
    Default_Handler,
    Default_Handler,
    Default_Handler,
    Default_Handler,
    Default_Handler,
    0,
    0,
    0,
    0,
    Default_Handler,
    Default_Handler,
    0,
    Default_Handler,
    Default_Handler};
