#pragma once
// The few words that survive a reset and a ROM session: the reset-path request and the
// breadcrumb of the last hand-off. The linker script places them in a NOLOAD section
// (.sysboot_noinit) outside the RAM the ROM uses (AN2606: 0x20000000-0x20003FFF on STM32F7)
// and outside what startup code zeroes or copies. Each value is stored with its complement
// so that power-on garbage is never taken for a request.
#include <cstdint>

#include "sysboot/sysboot.hpp"

namespace sysboot {

struct NoInit {
    static constexpr std::uint32_t kRequestMagic = 0x5B007B00u;  // "SBOOTBOO"-ish, arbitrary

    volatile std::uint32_t request;
    volatile std::uint32_t request_check;  // ~request
    volatile std::uint32_t target;         // system-memory base the request is for
    volatile std::uint32_t crumb;          // state | status << 8 | path << 16
    volatile std::uint32_t crumb_check;    // ~crumb
    volatile std::uint32_t reserved[3];    // one 32-byte D-cache line in all (clean by line)

    void set_request(std::uint32_t base) {
        target = base;
        request = kRequestMagic;
        request_check = ~kRequestMagic;
    }
    void clear_request() {
        request = 0;
        request_check = 0;
    }
    // True (and the request cleared) when a complete request is present.
    bool take_request(std::uint32_t& base) {
        const bool valid = request == kRequestMagic && request_check == ~kRequestMagic;
        base = target;
        clear_request();
        return valid;
    }
    void set_breadcrumb(sysboot_breadcrumb_state_t state, Status status, sysboot_path_t path) {
        store_crumb(static_cast<std::uint32_t>(state) | (static_cast<std::uint32_t>(status) << 8) |
                    (static_cast<std::uint32_t>(path) << 16));
    }
    void store_crumb(std::uint32_t v) {
        crumb = v;
        crumb_check = ~v;
    }
    // True when the last breadcrumb is intact and says the hand-off entered the ROM.
    bool entered_rom() const {
        const std::uint32_t v = crumb;
        return crumb_check == ~v && (v & 0xFFu) == SYSBOOT_CRUMB_ENTERED_ROM;
    }
    // ENTERED_ROM -> RETURNED, same path (the status of ENTERED_ROM is always ok).
    void mark_returned() { store_crumb((crumb & 0xFF0000u) | SYSBOOT_CRUMB_RETURNED); }
    bool breadcrumb(sysboot_breadcrumb_t& out) const {
        const std::uint32_t v = crumb;
        if (crumb_check != ~v || (v & 0xFFu) > SYSBOOT_CRUMB_RETURNED ||
            ((v >> 8) & 0xFFu) >= SYSBOOT_STATUS_COUNT_ ||
            ((v >> 16) & 0xFFu) > SYSBOOT_PATH_REFUSE) {
            return false;
        }
        out.state = static_cast<sysboot_breadcrumb_state_t>(v & 0xFFu);
        out.status = static_cast<sysboot_status_t>((v >> 8) & 0xFFu);
        out.path = static_cast<sysboot_path_t>((v >> 16) & 0xFFu);
        return true;
    }
};
static_assert(sizeof(NoInit) == 32, "one D-cache line: request_on_reset cleans it by address");

// The one instance, in .sysboot_noinit (src/noinit.cpp). Inline, so each entry point addresses
// it directly instead of calling for it.
namespace detail {
extern NoInit g_noinit;
}  // namespace detail
inline NoInit& noinit() {
    return detail::g_noinit;
}

}  // namespace sysboot
