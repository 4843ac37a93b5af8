#include "sysboot/sysboot.hpp"

namespace sysboot {

const char* to_string(Status s) {
    switch (s) {
        case Status::ok:
            return "ok";
        case Status::unknown_device:
            return "unknown_device";
        case Status::bad_stack_pointer:
            return "bad_stack_pointer";
        case Status::bad_reset_vector:
            return "bad_reset_vector";
        case Status::rdp_level2:
            return "rdp_level2";
        case Status::handler_mode:
            return "handler_mode";
        case Status::unprivileged:
            return "unprivileged";
        case Status::clock_timeout:
            return "clock_timeout";
        case Status::peripheral_timeout:
            return "peripheral_timeout";
        case Status::reset_failed:
            return "reset_failed";
        case Status::bad_argument:
            return "bad_argument";
        case Status::dual_bank_boot:
            return "dual_bank_boot";
        case Status::watchdog:
            return "watchdog";
        case Status::rdp_level0:
            return "rdp_level0";
        case Status::nonsecure:
            return "nonsecure";
    }
    return "unknown_status";
}

}  // namespace sysboot

extern "C" const char* sysboot_status_name(sysboot_status_t status) {
    return sysboot::to_string(sysboot::from_c(status));
}
