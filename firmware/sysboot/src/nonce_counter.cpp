// Fallback nonce source (auth.h sysboot_counter_nonce): the counter is the only thing that
// makes a nonce fresh; hashing it with a domain label, the UID and the salt gives a
// fixed-size value that differs between devices even when their counters agree.
#include "sysboot/auth.h"
#include "sysboot/sha256.hpp"

namespace {
constexpr char kDomain[] = "sysboot counter nonce v1";
}

extern "C" bool sysboot_counter_nonce(uint8_t* out, size_t size, void* ctx) {
    auto* src = static_cast<sysboot_counter_nonce_t*>(ctx);
    if (out == nullptr || src == nullptr || src->counter == nullptr ||
        size > sysboot::crypto::kSha256Size || (src->uid == nullptr && src->uid_size != 0) ||
        (src->salt == nullptr && src->salt_size != 0)) {
        return false;
    }
    sysboot_nonce_counter_t& c = *src->counter;
    std::uint32_t count = c.count;
    if (c.check != ~count) {
        // Power-on content (or a torn write): start over from what RAM holds. Only a salt
        // that changes per power-up keeps values issued before the power loss from coming
        // back (auth.h, docs/security.md).
        c.check = ~count;
    }
    if (count == 0xFFFFFFFFu) {
        return false;  // spent: wrapping would repeat a nonce
    }
    ++count;
    // Store the new value (and make it survive a reset) before the nonce is used, so no
    // reset between here and the host's answer can hand out the same value again.
    c.count = count;
    c.check = ~count;
    if (src->persist != nullptr) {
        src->persist(src->counter, sizeof *src->counter);
    }
    const std::uint8_t count_bytes[4] = {
        static_cast<std::uint8_t>(count >> 24), static_cast<std::uint8_t>(count >> 16),
        static_cast<std::uint8_t>(count >> 8), static_cast<std::uint8_t>(count)};
    sysboot::crypto::Sha256 h;
    h.update(reinterpret_cast<const std::uint8_t*>(kDomain), sizeof kDomain - 1);
    h.update(src->uid, src->uid_size);
    h.update(count_bytes, sizeof count_bytes);
    h.update(src->salt, src->salt_size);
    std::uint8_t digest[sysboot::crypto::kSha256Size];
    h.finish(digest);
    for (size_t i = 0; i < size; ++i) {
        out[i] = digest[i];
    }
    sysboot::crypto::secure_zero(digest, sizeof digest);
    return true;
}
