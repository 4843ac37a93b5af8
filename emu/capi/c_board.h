/* The board for a C program on qemu-an500: what a C project's board support would offer
 * (console, the sysboot device, end of run). Implemented over the C++ board layer in
 * c_board.cpp. */
#ifndef SYSBOOT_EMU_C_BOARD_H
#define SYSBOOT_EMU_C_BOARD_H

#include <stdint.h>

#include "sysboot/sysboot.h"

#ifdef __cplusplus
extern "C" {
#endif

void c_board_init(void);
void c_board_put(const char* text);
/* "<label>0x%08X", then a new line */
void c_board_put_hex(const char* label, uint32_t value);
/* The board's device; never NULL on qemu-an500. */
const sysboot_device_t* c_board_device(void);
/* Ends the emulated run with `code` (semihosting exit). */
void c_board_exit(int code);

#ifdef __cplusplus
}
#endif

#endif /* SYSBOOT_EMU_C_BOARD_H */
