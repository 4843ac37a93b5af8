#pragma once
// Waiting for a descriptor to become readable, shared by the descriptor-based transports.
#include <poll.h>

#include <algorithm>
#include <cerrno>

#include "core/clock.hpp"

namespace sysboot::host {

// poll() for POLLIN up to `timeout`, restarted when a signal interrupts it. Returns poll's
// result: >0 readable (or hung up: see `revents`), 0 timed out, <0 error (errno set).
inline int wait_readable(int fd, Millis timeout, short* revents = nullptr) {
    pollfd p{fd, POLLIN, 0};
    int r;
    do {
        r = ::poll(&p, 1, static_cast<int>(std::max<Millis::rep>(timeout.count(), 0)));
    } while (r < 0 && errno == EINTR);
    if (revents != nullptr) {
        *revents = p.revents;
    }
    return r;
}

}  // namespace sysboot::host
