/* A C project using sysboot: the public headers must be plain C (C99) and the calls must
 * type-check. Compiled by tests/CMakeLists.txt with the host and the cross C compiler. */
#include <stddef.h>

#include "sysboot/stm32f7/stm32f7.h"
#include "sysboot/sysboot.h"

static void stop_drivers(void* ctx) {
    (void)ctx;
}

int sysboot_c_consumer(void) {
    sysboot_status_t why = SYSBOOT_OK;
    const sysboot_device_t* dev = sysboot_stm32f7_detect(&why);
    sysboot_options_t opt;
    sysboot_report_t report;
    sysboot_breadcrumb_t last;
    if (dev == NULL) {
        return (int)why;
    }
    sysboot_handle_request_early(dev);
    sysboot_default_options(&opt);
    opt.deinit = stop_drivers;
    opt.deinit_ctx = NULL;
    (void)sysboot_check(dev, &opt, &report);
    last = sysboot_last_result();
    if (last.state == SYSBOOT_CRUMB_REFUSED) {
        (void)sysboot_status_name(last.status);
    }
    return (int)sysboot_enter(dev, &opt);
}
