// The public API on the target: the hand-off templates bound to the Cortex-M port of the core being
// compiled for.
#include "sysboot/cortex_m_port.hpp"
#include "sysboot/handoff.hpp"
#include "sysboot/sysboot.h"

namespace sysboot {

Report check(const Device& dev, const Options& options) {
    CortexMPort port;
    return check_with(port, dev, options);
}

Status enter(const Device& dev, const Options& options) {
    CortexMPort port;
    return enter_with(port, dev, options, noinit());
}

Status enter(const Device& dev) {
    CortexMPort port;
    return enter_with(port, dev, DefaultOptions{}, noinit());
}

Status request_on_reset(const Device& dev) {
    CortexMPort port;
    return request_on_reset_with(port, dev, noinit());
}

void handle_request_early(const Device& dev) {
    CortexMPort port;
    handle_request_early_with(port, dev, noinit());
}

Breadcrumb last_result() {
    Breadcrumb b{SYSBOOT_CRUMB_NONE, SYSBOOT_OK, SYSBOOT_PATH_DIRECT};
    (void)noinit().breadcrumb(b);
    return b;
}

}  // namespace sysboot

extern "C" {

void sysboot_default_options(sysboot_options_t* options) {
    if (options != nullptr) {
        *options = sysboot::default_options();
    }
}

sysboot_status_t sysboot_check(const sysboot_device_t* dev, const sysboot_options_t* options,
                               sysboot_report_t* report) {
    if (dev == nullptr || report == nullptr) {
        return SYSBOOT_ERR_BAD_ARGUMENT;
    }
    *report = sysboot::check(*dev, options != nullptr ? *options : sysboot::default_options());
    return report->verdict;
}

sysboot_status_t sysboot_enter(const sysboot_device_t* dev, const sysboot_options_t* options) {
    if (dev == nullptr) {
        return SYSBOOT_ERR_BAD_ARGUMENT;
    }
    return sysboot::to_c(
        sysboot::enter(*dev, options != nullptr ? *options : sysboot::default_options()));
}

sysboot_status_t sysboot_request_on_reset(const sysboot_device_t* dev) {
    if (dev == nullptr) {
        return SYSBOOT_ERR_BAD_ARGUMENT;
    }
    return sysboot::to_c(sysboot::request_on_reset(*dev));
}

void sysboot_handle_request_early(const sysboot_device_t* dev) {
    if (dev != nullptr) {
        sysboot::handle_request_early(*dev);
    }
}

sysboot_breadcrumb_t sysboot_last_result(void) {
    return sysboot::last_result();
}

}  // extern "C"
