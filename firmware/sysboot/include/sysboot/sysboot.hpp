#pragma once
// sysboot C++ API. The types are the C API's (sysboot.h) so C and C++ callers share one
// device table; Status adds names and [[nodiscard]].
#include <cstdint>

#include "sysboot/sysboot.h"

namespace sysboot {

using Device = sysboot_device_t;
using Options = sysboot_options_t;
using Report = sysboot_report_t;
using Breadcrumb = sysboot_breadcrumb_t;

enum class [[nodiscard]] Status : std::uint8_t{
    ok = SYSBOOT_OK,
    unknown_device = SYSBOOT_ERR_UNKNOWN_DEVICE,
    bad_stack_pointer = SYSBOOT_ERR_BAD_STACK_POINTER,
    bad_reset_vector = SYSBOOT_ERR_BAD_RESET_VECTOR,
    rdp_level2 = SYSBOOT_ERR_RDP_LEVEL2,
    handler_mode = SYSBOOT_ERR_HANDLER_MODE,
    unprivileged = SYSBOOT_ERR_UNPRIVILEGED,
    clock_timeout = SYSBOOT_ERR_CLOCK_TIMEOUT,
    peripheral_timeout = SYSBOOT_ERR_PERIPHERAL_TIMEOUT,
    reset_failed = SYSBOOT_ERR_RESET_FAILED,
    bad_argument = SYSBOOT_ERR_BAD_ARGUMENT,
    dual_bank_boot = SYSBOOT_ERR_DUAL_BANK_BOOT,
    watchdog = SYSBOOT_ERR_WATCHDOG,
    rdp_level0 = SYSBOOT_ERR_RDP_LEVEL0,
    nonsecure = SYSBOOT_ERR_NONSECURE,
};

constexpr sysboot_status_t to_c(Status s) {
    return static_cast<sysboot_status_t>(s);
}
constexpr Status from_c(sysboot_status_t s) {
    return static_cast<Status>(s);
}

// Short stable name, e.g. "bad_reset_vector" (never null).
const char* to_string(Status s);

constexpr Options default_options() {
    Options o{};
    o.allow_reset_path = true;
    o.prefer_reset_path = false;
    o.refuse_with_watchdog = false;
    o.deinit = nullptr;
    o.deinit_ctx = nullptr;
    o.escalate = nullptr;
    o.escalate_ctx = nullptr;
    o.allow_rdp_level0 = true;
    return o;
}

// default_options() as compile-time constants, for the hand-off templates (handoff.hpp): the
// calls without options use it, so code only other options reach is not linked into them.
struct DefaultOptions {
    static constexpr bool allow_reset_path = true;
    static constexpr bool prefer_reset_path = false;
    static constexpr bool refuse_with_watchdog = false;
    static constexpr void (*deinit)(void* ctx) = nullptr;
    static constexpr void* deinit_ctx = nullptr;
    static constexpr void (*escalate)(const sysboot_device_t* dev, void* ctx) = nullptr;
    static constexpr void* escalate_ctx = nullptr;
    static constexpr bool allow_rdp_level0 = true;
};
static_assert(DefaultOptions::allow_reset_path == default_options().allow_reset_path &&
                  DefaultOptions::prefer_reset_path == default_options().prefer_reset_path &&
                  DefaultOptions::refuse_with_watchdog == default_options().refuse_with_watchdog &&
                  DefaultOptions::deinit == default_options().deinit &&
                  DefaultOptions::escalate == default_options().escalate &&
                  DefaultOptions::allow_rdp_level0 == default_options().allow_rdp_level0,
              "DefaultOptions must say what default_options() says");

// See sysboot.h for the contract of each call. enter(dev) is enter(dev, default_options()).
Report check(const Device& dev, const Options& options = default_options());
Status enter(const Device& dev, const Options& options);
Status enter(const Device& dev);
Status request_on_reset(const Device& dev);
void handle_request_early(const Device& dev);
Breadcrumb last_result();

}  // namespace sysboot
