// An application file that already includes its vendor headers (CMSIS-style macros SCB, NVIC,
// RCC, FLASH, __DSB...) and then every public sysboot header, C++ and C. Compiled with
// -Wall -Wextra -Werror by the cross compiler: a sysboot name that collides with one of those
// macros, or a header that needs another first, fails the build. CMSIS_FIRST=0 includes the
// sysboot headers first.
#if CMSIS_FIRST
#include "cmsis_style.h"
#endif

#include "sysboot/auth.h"
#include "sysboot/auth.hpp"
#include "sysboot/cm7/cache.hpp"
#include "sysboot/cm7/control.hpp"
#include "sysboot/cm7/core.hpp"
#include "sysboot/cm7/fpu.hpp"
#include "sysboot/cm7/mpu.hpp"
#include "sysboot/cm7/nvic.hpp"
#include "sysboot/cm7/reset.hpp"
#include "sysboot/cm7/scb.hpp"
#include "sysboot/cm7/systick.hpp"
#include "sysboot/cortex_m_port.hpp"
#include "sysboot/handoff.hpp"
#include "sysboot/stm32f7/device.hpp"
#include "sysboot/stm32f7/flash.hpp"
#include "sysboot/stm32f7/pwr.hpp"
#include "sysboot/stm32f7/rcc.hpp"
#include "sysboot/stm32f7/rng.hpp"
#include "sysboot/stm32f7/stm32f7.h"
#include "sysboot/sysboot.h"
#include "sysboot/sysboot.hpp"

#if !CMSIS_FIRST
#include "cmsis_style.h"
#endif

// Both worlds in one function: the application's CMSIS access and sysboot's API.
extern "C" sysboot_status_t app_enter_bootloader(void) {
    SCB->CPACR |= 0xFu << 20;  // CP10/CP11 full access, as SystemInit does
    __DSB();
    __ISB();
    sysboot_status_t why = SYSBOOT_OK;
    const sysboot_device_t* dev = sysboot_stm32f7_detect(&why);
    if (dev == nullptr) {
        return why;
    }
    if (__get_PRIMASK() != 0U || (SysTick->CTRL & SysTick_CTRL_ENABLE_Msk) != 0U) {
        NVIC->ICER[0] = 0xFFFFFFFFu;
    }
    return static_cast<sysboot_status_t>(sysboot::enter(*dev));
}
