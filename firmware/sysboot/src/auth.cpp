// Challenge-response entry (auth.h). The MAC input is challenge || UID || purpose: fixed-size
// challenge first, the UID (fixed size per chip family) next, the free-form purpose last, so
// no two different (challenge, UID, purpose) triples of one device give the same input.
#include "sysboot/auth.h"

#include "sysboot/sha256.hpp"

namespace {

using sysboot::crypto::secure_zero;

std::size_t bounded_length(const char* s, std::size_t limit) {
    std::size_t n = 0;
    while (n <= limit && s[n] != '\0') {
        ++n;
    }
    return n;
}

bool config_usable(const sysboot_auth_config_t* c) {
    return c != nullptr && (c->uid != nullptr || c->uid_size == 0) &&
           c->uid_size <= SYSBOOT_AUTH_MAX_UID_SIZE;
}

bool key_usable(const sysboot_auth_config_t* c) {
    return c->key != nullptr && c->key_size >= SYSBOOT_AUTH_MIN_KEY_SIZE;
}

}  // namespace

extern "C" {

void sysboot_auth_init(sysboot_auth_session_t* session) {
    if (session != nullptr) {
        secure_zero(session, sizeof *session);
    }
}

void sysboot_auth_cancel(sysboot_auth_session_t* session) {
    sysboot_auth_init(session);
}

sysboot_auth_status_t sysboot_auth_issue(sysboot_auth_session_t* session,
                                         const sysboot_auth_config_t* config, const char* purpose,
                                         uint8_t challenge[SYSBOOT_AUTH_CHALLENGE_SIZE]) {
    if (session == nullptr || challenge == nullptr || purpose == nullptr) {
        return SYSBOOT_AUTH_BAD_ARGUMENT;
    }
    sysboot_auth_cancel(session);
    if (!config_usable(config) || config->nonce == nullptr) {
        return SYSBOOT_AUTH_BAD_ARGUMENT;
    }
    const std::size_t purpose_size = bounded_length(purpose, SYSBOOT_AUTH_MAX_PURPOSE);
    if (purpose_size > SYSBOOT_AUTH_MAX_PURPOSE) {
        return SYSBOOT_AUTH_BAD_ARGUMENT;
    }
    // Without a key no response can ever be right: say so instead of issuing a challenge.
    if (!key_usable(config)) {
        return SYSBOOT_AUTH_NO_KEY;
    }
    if (!config->nonce(session->challenge, SYSBOOT_AUTH_CHALLENGE_SIZE, config->nonce_ctx)) {
        secure_zero(session->challenge, sizeof session->challenge);
        return SYSBOOT_AUTH_NONCE_FAILED;
    }
    for (std::size_t i = 0; i < purpose_size; ++i) {
        session->purpose[i] = purpose[i];
    }
    session->purpose_size = static_cast<uint8_t>(purpose_size);
    for (std::size_t i = 0; i < SYSBOOT_AUTH_CHALLENGE_SIZE; ++i) {
        challenge[i] = session->challenge[i];
    }
    session->pending = true;
    return SYSBOOT_AUTH_OK;
}

sysboot_auth_status_t sysboot_auth_verify(sysboot_auth_session_t* session,
                                          const sysboot_auth_config_t* config,
                                          const uint8_t* response, size_t response_size) {
    if (session == nullptr) {
        return SYSBOOT_AUTH_BAD_ARGUMENT;
    }
    if (!session->pending) {
        return SYSBOOT_AUTH_NO_CHALLENGE;
    }
    // Use the challenge up before anything can fail: one attempt per challenge.
    sysboot_auth_session_t used = *session;
    sysboot_auth_cancel(session);
    sysboot_auth_status_t result = SYSBOOT_AUTH_BAD_RESPONSE;
    if (!config_usable(config)) {
        result = SYSBOOT_AUTH_BAD_ARGUMENT;
    } else if (!key_usable(config)) {
        result = SYSBOOT_AUTH_NO_KEY;
    } else if (response != nullptr && response_size == SYSBOOT_AUTH_RESPONSE_SIZE) {
        uint8_t expected[SYSBOOT_AUTH_RESPONSE_SIZE];
        sysboot_auth_response(config->key, config->key_size, used.challenge, config->uid,
                              config->uid_size, used.purpose, used.purpose_size, expected);
        if (sysboot::crypto::equal_constant_time(expected, response, sizeof expected)) {
            result = SYSBOOT_AUTH_OK;
        }
        secure_zero(expected, sizeof expected);
    }
    secure_zero(&used, sizeof used);
    return result;
}

void sysboot_auth_response(const uint8_t* key, size_t key_size,
                           const uint8_t challenge[SYSBOOT_AUTH_CHALLENGE_SIZE], const uint8_t* uid,
                           size_t uid_size, const char* purpose, size_t purpose_size,
                           uint8_t out[SYSBOOT_AUTH_RESPONSE_SIZE]) {
    sysboot::crypto::HmacSha256 mac(key, key_size);
    mac.update(challenge, SYSBOOT_AUTH_CHALLENGE_SIZE);
    mac.update(uid, uid_size);
    mac.update(reinterpret_cast<const uint8_t*>(purpose), purpose_size);
    mac.finish(out);
}

const char* sysboot_auth_status_name(sysboot_auth_status_t status) {
    switch (status) {
        case SYSBOOT_AUTH_OK:
            return "ok";
        case SYSBOOT_AUTH_NO_CHALLENGE:
            return "no_challenge";
        case SYSBOOT_AUTH_BAD_RESPONSE:
            return "bad_response";
        case SYSBOOT_AUTH_NO_KEY:
            return "no_key";
        case SYSBOOT_AUTH_NONCE_FAILED:
            return "nonce_failed";
        case SYSBOOT_AUTH_BAD_ARGUMENT:
            return "bad_argument";
        case SYSBOOT_AUTH_STATUS_COUNT_:
            break;
    }
    return "unknown_status";
}

}  // extern "C"
