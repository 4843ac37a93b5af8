/* The C API run for real: a C99 program that uses sysboot only through sysboot.h, built into
 * the qemu-an500 image c-consumer-qemu-an500 (emu/capi) and run by
 * tests/scenario/c_api_emu_test.cpp, which reads this console and the exit status.
 *
 * It asks for three refusals and then a hand-off: enter(NULL) and enter() on a device
 * description that cannot be right (stack alignment 3) must return a status without
 * touching anything; check() reports the verdict for the real device; enter() on the real
 * device either jumps to the ROM (the stand-in ROM then reports what it found) or, when the
 * ROM's vectors are unusable, returns the refusal, which becomes the exit status. */
#include <stddef.h>

#include "c_board.h"
#include "sysboot/sysboot.h"

/* Exit status for a refused enter(): kExitBase + the sysboot_status_t value. */
enum { kExitBase = 100 };

static void put_status(const char* what, sysboot_status_t status) {
    c_board_put(what);
    c_board_put(sysboot_status_name(status));
    c_board_put("\n");
}

int main(void) {
    const sysboot_device_t* dev = NULL;
    sysboot_device_t bad;
    sysboot_options_t opt;
    sysboot_report_t report;
    sysboot_breadcrumb_t last;
    sysboot_status_t status = SYSBOOT_OK;

    c_board_init();
    dev = c_board_device();
    c_board_put("C-API START\n");
    sysboot_default_options(&opt);

    put_status("C-API enter(NULL)=", sysboot_enter(NULL, &opt));
    bad = *dev;
    bad.stack_alignment = 3; /* not a power of two: the description is inconsistent */
    put_status("C-API enter(bad device)=", sysboot_enter(&bad, &opt));

    status = sysboot_check(dev, &opt, &report);
    put_status("C-API check=", status);
    c_board_put_hex("C-API rom-sp=", report.rom_stack_pointer);
    c_board_put_hex("C-API rom-pc=", report.rom_reset_vector);
    c_board_put_hex("C-API path=", (uint32_t)report.path);

    status = sysboot_enter(dev, &opt); /* returns only when refused */
    put_status("C-API enter=", status);
    last = sysboot_last_result();
    put_status("C-API last=", last.status);
    c_board_exit(kExitBase + (int)status);
    return 0;
}
