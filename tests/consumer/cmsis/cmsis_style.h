/* A stand-in for the vendor headers an STM32 application already includes (CMSIS core_cm7.h
 * and ST's stm32f7xx.h): the same macro and function names, written here so the test needs
 * no vendor package. Register layouts follow DDI0403E §B3.2-§B3.4 (SCB, SysTick, NVIC) and
 * RM0410 §5.3 (RCC). Defines what makes a clash likely: object-like macros named SCB, NVIC,
 * RCC, FLASH, PWR, MPU, FPU, SysTick, DBGMCU, RNG, USART3, GPIOB, and __DSB/__ISB/__set_MSP. */
#ifndef CMSIS_STYLE_H
#define CMSIS_STYLE_H

#include <stdint.h>

#ifdef __cplusplus
#define __I volatile
#else
#define __I volatile const
#endif
#define __O volatile
#define __IO volatile
#define __IM volatile const
#define __OM volatile
#define __IOM volatile
#define __ASM __asm
#define __STATIC_INLINE static inline
#define __STATIC_FORCEINLINE __attribute__((always_inline)) static inline
#define __NVIC_PRIO_BITS 4U
#define __FPU_PRESENT 1U
#define __MPU_PRESENT 1U
#define __ICACHE_PRESENT 1U
#define __DCACHE_PRESENT 1U

typedef struct {
    __IM uint32_t CPUID;
    __IOM uint32_t ICSR;
    __IOM uint32_t VTOR;
    __IOM uint32_t AIRCR;
    __IOM uint32_t SCR;
    __IOM uint32_t CCR;
    __IOM uint8_t SHPR[12U];
    __IOM uint32_t SHCSR;
    __IOM uint32_t CFSR;
    __IOM uint32_t HFSR;
    __IOM uint32_t DFSR;
    __IOM uint32_t MMFAR;
    __IOM uint32_t BFAR;
    __IOM uint32_t AFSR;
    __IM uint32_t ID_PFR[2U];
    __IM uint32_t ID_DFR;
    __IM uint32_t ID_AFR;
    __IM uint32_t ID_MFR[4U];
    __IM uint32_t ID_ISAR[5U];
    uint32_t RESERVED0[1U];
    __IM uint32_t CLIDR;
    __IM uint32_t CTR;
    __IM uint32_t CCSIDR;
    __IOM uint32_t CSSELR;
    __IOM uint32_t CPACR;
} SCB_Type;

typedef struct {
    __IOM uint32_t CTRL;
    __IOM uint32_t LOAD;
    __IOM uint32_t VAL;
    __IM uint32_t CALIB;
} SysTick_Type;

typedef struct {
    __IOM uint32_t ISER[8U];
    uint32_t RESERVED0[24U];
    __IOM uint32_t ICER[8U];
    uint32_t RESERVED1[24U];
    __IOM uint32_t ISPR[8U];
    uint32_t RESERVED2[24U];
    __IOM uint32_t ICPR[8U];
    uint32_t RESERVED3[24U];
    __IOM uint32_t IABR[8U];
    uint32_t RESERVED4[56U];
    __IOM uint8_t IP[240U];
    uint32_t RESERVED5[644U];
    __OM uint32_t STIR;
} NVIC_Type;

typedef struct {
    __IO uint32_t CR;
    __IO uint32_t PLLCFGR;
    __IO uint32_t CFGR;
    __IO uint32_t CIR;
    __IO uint32_t AHB1RSTR;
    __IO uint32_t AHB2RSTR;
    __IO uint32_t AHB3RSTR;
    uint32_t RESERVED0;
    __IO uint32_t APB1RSTR;
    __IO uint32_t APB2RSTR;
    uint32_t RESERVED1[2];
    __IO uint32_t AHB1ENR;
} RCC_TypeDef;

typedef struct {
    __IO uint32_t ACR;
    __IO uint32_t KEYR;
    __IO uint32_t OPTKEYR;
    __IO uint32_t SR;
    __IO uint32_t CR;
    __IO uint32_t OPTCR;
    __IO uint32_t OPTCR1;
} FLASH_TypeDef;

typedef struct {
    __IO uint32_t CR1;
    __IO uint32_t CSR1;
} PWR_TypeDef;

typedef struct {
    __IO uint32_t IDCODE;
    __IO uint32_t CR;
} DBGMCU_TypeDef;

typedef struct {
    __IO uint32_t CR;
    __IO uint32_t SR;
    __IO uint32_t DR;
} RNG_TypeDef;

typedef struct {
    __IO uint32_t CR1;
    __IO uint32_t CR2;
    __IO uint32_t CR3;
    __IO uint32_t BRR;
} USART_TypeDef;

typedef struct {
    __IO uint32_t MODER;
} GPIO_TypeDef;

typedef struct {
    __IM uint32_t TYPE;
    __IOM uint32_t CTRL;
} MPU_Type;

typedef struct {
    uint32_t RESERVED0[1U];
    __IOM uint32_t FPCCR;
    __IOM uint32_t FPCAR;
    __IOM uint32_t FPDSCR;
} FPU_Type;

#define SCS_BASE (0xE000E000UL)
#define SysTick_BASE (SCS_BASE + 0x0010UL)
#define NVIC_BASE (SCS_BASE + 0x0100UL)
#define SCB_BASE (SCS_BASE + 0x0D00UL)
#define MPU_BASE (SCS_BASE + 0x0D90UL)
#define FPU_BASE (SCS_BASE + 0x0F30UL)
#define SCB ((SCB_Type*)SCB_BASE)
#define SysTick ((SysTick_Type*)SysTick_BASE)
#define NVIC ((NVIC_Type*)NVIC_BASE)
#define MPU ((MPU_Type*)MPU_BASE)
#define FPU ((FPU_Type*)FPU_BASE)
#define SCB_CCR_DC_Msk (1UL << 16U)
#define SCB_CCR_IC_Msk (1UL << 17U)
#define SysTick_CTRL_ENABLE_Msk (1UL)

#define PERIPH_BASE 0x40000000UL
#define RCC ((RCC_TypeDef*)(PERIPH_BASE + 0x00023800UL))
#define FLASH ((FLASH_TypeDef*)(PERIPH_BASE + 0x00023C00UL))
#define PWR ((PWR_TypeDef*)(PERIPH_BASE + 0x00007000UL))
#define RNG ((RNG_TypeDef*)0x50060800UL)
#define USART3 ((USART_TypeDef*)(PERIPH_BASE + 0x00004800UL))
#define GPIOB ((GPIO_TypeDef*)(PERIPH_BASE + 0x00020400UL))
#define DBGMCU ((DBGMCU_TypeDef*)0xE0042000UL)

__STATIC_FORCEINLINE void __DSB(void) {
    __ASM volatile("dsb 0xF" ::: "memory");
}
__STATIC_FORCEINLINE void __ISB(void) {
    __ASM volatile("isb 0xF" ::: "memory");
}
__STATIC_FORCEINLINE void __disable_irq(void) {
    __ASM volatile("cpsid i" ::: "memory");
}
__STATIC_FORCEINLINE void __enable_irq(void) {
    __ASM volatile("cpsie i" ::: "memory");
}
__STATIC_FORCEINLINE void __set_MSP(uint32_t topOfMainStack) {
    __ASM volatile("MSR msp, %0" : : "r"(topOfMainStack) :);
}
__STATIC_FORCEINLINE uint32_t __get_PRIMASK(void) {
    uint32_t result;
    __ASM volatile("MRS %0, primask" : "=r"(result)::"memory");
    return result;
}

#endif /* CMSIS_STYLE_H */
