/* sysboot: hand control from a running STM32 application to the ST system-memory
 * (ROM) bootloader. C API; the C++ API in sysboot.hpp uses the same types.
 *
 * Freestanding: no heap, no exceptions, no vendor HAL. The library never prints.
 */
#ifndef SYSBOOT_SYSBOOT_H
#define SYSBOOT_SYSBOOT_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Why a hand-off did not happen. 0 is success; the values are stable (the host tool and
 * the breadcrumb report them as numbers). */
typedef enum sysboot_status {
    SYSBOOT_OK = 0,
    SYSBOOT_ERR_UNKNOWN_DEVICE = 1,     /* DEV_ID not in the device table */
    SYSBOOT_ERR_BAD_STACK_POINTER = 2,  /* ROM word 0 not in RAM or misaligned */
    SYSBOOT_ERR_BAD_RESET_VECTOR = 3,   /* ROM word 1 even, or outside system memory */
    SYSBOOT_ERR_RDP_LEVEL2 = 4,         /* read-out protection level 2: ROM unusable */
    SYSBOOT_ERR_HANDLER_MODE = 5,       /* called from an exception, reset path not allowed */
    SYSBOOT_ERR_UNPRIVILEGED = 6,       /* unprivileged caller and no way to escalate */
    SYSBOOT_ERR_CLOCK_TIMEOUT = 7,      /* a clock ready/switch flag never came */
    SYSBOOT_ERR_PERIPHERAL_TIMEOUT = 8, /* a peripheral reset never completed */
    SYSBOOT_ERR_RESET_FAILED = 9,       /* SYSRESETREQ did not reset the core */
    SYSBOOT_ERR_BAD_ARGUMENT = 10,      /* null device or inconsistent description */
    SYSBOOT_ERR_DUAL_BANK_BOOT = 11,    /* F76x/F77x nDBOOT/nDBANK state the ROM cannot use */
    SYSBOOT_ERR_WATCHDOG = 12,          /* IWDG running and options forbid entering */
    SYSBOOT_ERR_RDP_LEVEL0 = 13,        /* RDP level 0 (or unknown) and options require >= 1 */
    SYSBOOT_ERR_NONSECURE = 14,         /* Armv8-M: called from Non-secure state */
    SYSBOOT_STATUS_COUNT_ = 15
} sysboot_status_t;

/* A contiguous address range [base, base + size). */
typedef struct sysboot_range {
    uint32_t base;
    uint32_t size;
} sysboot_range_t;

/* Interfaces the ROM bootloader serves on this device (AN2606, per-device table). */
enum {
    SYSBOOT_IF_USART1 = 1u << 0,
    SYSBOOT_IF_USART3 = 1u << 1,
    SYSBOOT_IF_USB_DFU = 1u << 2,
    SYSBOOT_IF_I2C = 1u << 3,
    SYSBOOT_IF_SPI = 1u << 4,
    SYSBOOT_IF_CAN = 1u << 5,
    SYSBOOT_IF_EMULATED_UART = 1u << 6, /* the stand-in ROM on qemu-an500 */
    SYSBOOT_IF_USART2 = 1u << 7         /* STM32F401/F411 ROMs (AN2606) */
};

/* Reset causes as the chip reports them (RCC_CSR on STM32F7, RM0385 §5.3.21). */
enum {
    SYSBOOT_RESET_SOFTWARE = 1u << 0, /* SYSRESETREQ */
    SYSBOOT_RESET_OTHER = 1u << 1     /* power-on, pin, watchdog, low-power... */
};

/* Chip-specific work the generic hand-off delegates. Any hook may be NULL (skipped).
 * Every hook must return in bounded time (no wait without an iteration limit). */
typedef struct sysboot_chip_hooks {
    /* Put the clock tree back to its reset state: HSI on and selected, PLLs off,
     * prescalers reset, flash latency back. Runs with interrupts masked. */
    sysboot_status_t (*restore_clocks)(void);
    /* Reset (via the RCC reset registers) every peripheral the ROM uses. */
    sysboot_status_t (*reset_peripherals)(void);
    /* Read-out protection level 0, 1 or 2; -1 when unknown. */
    int (*rdp_level)(void);
    /* True when an independent watchdog is running (it cannot be stopped). */
    bool (*watchdog_running)(void);
    /* SYSBOOT_RESET_* bits recorded by hardware since the last clear_reset_flags(). */
    uint32_t (*reset_flags)(void);
    void (*clear_reset_flags)(void);
    /* Device-specific refusal (e.g. dual-bank boot settings); SYSBOOT_OK when fine. */
    sysboot_status_t (*rom_usable)(void);
    /* Cores without VTOR (Cortex-M0) only: map system memory at address 0 so the ROM's
     * vector table is the one exceptions use (STM32F0: SYSCFG_CFGR1.MEM_MODE = 01). Required
     * there, unused elsewhere. Runs with interrupts masked, right before the jump. */
    void (*map_system_memory)(void);
} sysboot_chip_hooks_t;

/* Everything the hand-off needs to know about one part (or one emulated board). */
typedef struct sysboot_device {
    const char* name;              /* e.g. "STM32F76x/77x" */
    uint16_t dev_id;               /* DBGMCU_IDCODE DEV_ID, 0 when not applicable */
    sysboot_range_t system_memory; /* the ROM: word 0 = initial MSP, word 1 = Reset_Handler */
    sysboot_range_t rom_ram;       /* RAM the ROM uses: keep hand-over data out of it */
    sysboot_range_t ram;           /* all SRAM: where a valid initial MSP may point */
    uint32_t stack_alignment;      /* required alignment of ROM word 0 (8: AAPCS) */
    uint32_t interfaces;           /* SYSBOOT_IF_* */
    sysboot_chip_hooks_t hooks;
} sysboot_device_t;

/* What enter() may do when the direct path is not possible from the calling context. */
typedef struct sysboot_options {
    /* Allow the reset path (request_on_reset + SYSRESETREQ) when called from Handler
     * mode or an unprivileged thread. Default true. */
    bool allow_reset_path;
    /* Always use the reset path, even from a privileged thread. Default false. */
    bool prefer_reset_path;
    /* Refuse while an independent watchdog runs. Default false: the ROM refreshes the
     * IWDG (AN2606, "IWDG" notes in the STM32F7 sections). */
    bool refuse_with_watchdog;
    /* Called with interrupts masked before the peripheral resets, so the application
     * can stop its own drivers (DMA, USB...). Must not wait for interrupts. */
    void (*deinit)(void* ctx);
    void* deinit_ctx;
    /* Unprivileged callers: a function that gets privilege (e.g. the RTOS's SVC) and
     * calls sysboot_request_on_reset(dev) from there. NULL: SYSBOOT_ERR_UNPRIVILEGED. */
    void (*escalate)(const sysboot_device_t* dev, void* ctx);
    void* escalate_ctx;
    /* Protection policy: allow entry while read-out protection is at level 0, where the
     * ROM serves the whole flash to anyone on its interface (AN3155 "Read Memory").
     * false: refuse with SYSBOOT_ERR_RDP_LEVEL0 unless the chip reports level 1 or 2, so a
     * product can require RDP >= 1 before anyone may update it (docs/security.md). An
     * unknown level (no rdp_level hook) counts as level 0. Default true (development). */
    bool allow_rdp_level0;
} sysboot_options_t;

/* Which path enter() would take from the current context. */
typedef enum sysboot_path {
    SYSBOOT_PATH_DIRECT = 0,
    SYSBOOT_PATH_RESET = 1,
    SYSBOOT_PATH_ESCALATE = 2,
    SYSBOOT_PATH_REFUSE = 3
} sysboot_path_t;

/* Preflight report: what enter() would find and do. */
typedef struct sysboot_report {
    uint32_t rom_stack_pointer; /* ROM word 0 */
    uint32_t rom_reset_vector;  /* ROM word 1 */
    sysboot_status_t vectors;   /* SYSBOOT_OK or why the vectors are unusable */
    uint32_t ipsr;              /* 0 = Thread mode, else the active exception number */
    bool privileged;
    bool on_psp;
    bool primask;
    uint32_t basepri;
    bool faultmask;
    bool mpu_enabled;
    bool dcache_enabled;
    bool icache_enabled;
    bool fp_context_active; /* CONTROL.FPCA */
    bool fp_lazy_pending;   /* FPCCR.LSPACT */
    int rdp_level;          /* -1 unknown */
    bool watchdog_running;
    sysboot_path_t path;      /* what enter() would do with the given options */
    sysboot_status_t verdict; /* SYSBOOT_OK when enter() would hand off */
} sysboot_report_t;

/* The last hand-off attempt, kept in no-init RAM across resets and ROM sessions. */
typedef enum sysboot_breadcrumb_state {
    SYSBOOT_CRUMB_NONE = 0,
    SYSBOOT_CRUMB_RESET_REQUESTED = 1, /* request_on_reset() wrote the flag, reset pending */
    SYSBOOT_CRUMB_ENTERED_ROM = 2,     /* jumped to the ROM */
    SYSBOOT_CRUMB_REFUSED = 3,         /* did not jump; status says why */
    SYSBOOT_CRUMB_RETURNED = 4         /* app was started by the ROM (Go) and reset cleanly */
} sysboot_breadcrumb_state_t;

typedef struct sysboot_breadcrumb {
    sysboot_breadcrumb_state_t state;
    sysboot_status_t status;
    sysboot_path_t path;
} sysboot_breadcrumb_t;

void sysboot_default_options(sysboot_options_t* options);
const char* sysboot_status_name(sysboot_status_t status);

/* Preflight: never changes state. */
sysboot_status_t sysboot_check(const sysboot_device_t* dev, const sysboot_options_t* options,
                               sysboot_report_t* report);

/* Hand off to the ROM. Returns only when it must not (the reason); never faults.
 * Safety: see docs/handoff.md. */
sysboot_status_t sysboot_enter(const sysboot_device_t* dev, const sysboot_options_t* options);

/* Store the request in no-init RAM and reset; returns only on failure. Privileged only. */
sysboot_status_t sysboot_request_on_reset(const sysboot_device_t* dev);

/* First call of Reset_Handler, before .data/.bss/clocks/FPU: jumps to the ROM when a
 * request is pending; resets once when the app was started by the ROM's Go. Uses no
 * .data/.bss and no floating point. Returns when there is nothing to do. */
void sysboot_handle_request_early(const sysboot_device_t* dev);

/* The last hand-off result (valid after handle_request_early ran at boot). */
sysboot_breadcrumb_t sysboot_last_result(void);

#ifdef __cplusplus
}
#endif

#endif /* SYSBOOT_SYSBOOT_H */
