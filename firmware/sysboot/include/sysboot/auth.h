/* sysboot authorized entry: challenge-response before the application hands control to the
 * ROM bootloader. C API; auth.hpp adds C++ names. Design and threat model: docs/security.md.
 *
 *   device: sysboot_auth_issue()  -> challenge (fresh nonce), shown to the host
 *   host:   response = HMAC-SHA256(key, challenge || device unique ID || purpose)
 *   device: sysboot_auth_verify() -> SYSBOOT_AUTH_OK at most once per challenge
 *
 * The key comes from the application (a constant in flash, or the OTP area): the library
 * holds no key and never copies it. Freestanding: no heap, no exceptions, never prints. */
#ifndef SYSBOOT_AUTH_H
#define SYSBOOT_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SYSBOOT_AUTH_CHALLENGE_SIZE 16u /* 128-bit nonce */
#define SYSBOOT_AUTH_RESPONSE_SIZE 32u  /* HMAC-SHA256 output, never truncated */
#define SYSBOOT_AUTH_MIN_KEY_SIZE 16u   /* shorter keys are refused */
#define SYSBOOT_AUTH_MAX_UID_SIZE 16u   /* STM32 UIDs are 12 bytes */
#define SYSBOOT_AUTH_MAX_PURPOSE 32u    /* bytes of the purpose text, without terminator */

typedef enum sysboot_auth_status {
    SYSBOOT_AUTH_OK = 0,
    SYSBOOT_AUTH_NO_CHALLENGE = 1, /* none pending: never issued, already used or dropped */
    SYSBOOT_AUTH_BAD_RESPONSE = 2, /* wrong MAC or wrong length (the challenge is used up) */
    SYSBOOT_AUTH_NO_KEY = 3,       /* key missing or shorter than SYSBOOT_AUTH_MIN_KEY_SIZE */
    SYSBOOT_AUTH_NONCE_FAILED = 4, /* the nonce source failed: no challenge was issued */
    SYSBOOT_AUTH_BAD_ARGUMENT = 5, /* null pointer, UID or purpose too long */
    SYSBOOT_AUTH_STATUS_COUNT_ = 6
} sysboot_auth_status_t;

/* Fills out[0..size) with a value never returned before (see docs/security.md for what
 * each source guarantees); false when it cannot. */
typedef bool (*sysboot_nonce_fn)(uint8_t* out, size_t size, void* ctx);

typedef struct sysboot_auth_config {
    const uint8_t* key; /* application's secret, e.g. in flash or OTP */
    size_t key_size;
    const uint8_t* uid; /* device unique ID (binds a response to one chip) */
    size_t uid_size;
    sysboot_nonce_fn nonce;
    void* nonce_ctx;
} sysboot_auth_config_t;

/* One outstanding challenge. Keep it in ordinary RAM: a reset drops it. */
typedef struct sysboot_auth_session {
    uint8_t challenge[SYSBOOT_AUTH_CHALLENGE_SIZE];
    char purpose[SYSBOOT_AUTH_MAX_PURPOSE];
    uint8_t purpose_size;
    bool pending;
} sysboot_auth_session_t;

void sysboot_auth_init(sysboot_auth_session_t* session);

/* Draws a fresh challenge for `purpose` (a short text naming what the response authorizes,
 * e.g. "bootloader"); any earlier challenge is dropped. */
sysboot_auth_status_t sysboot_auth_issue(sysboot_auth_session_t* session,
                                         const sysboot_auth_config_t* config, const char* purpose,
                                         uint8_t challenge[SYSBOOT_AUTH_CHALLENGE_SIZE]);

/* Checks a response in constant time. The pending challenge is used up by this call
 * whatever the outcome, so no challenge is ever accepted twice. */
sysboot_auth_status_t sysboot_auth_verify(sysboot_auth_session_t* session,
                                          const sysboot_auth_config_t* config,
                                          const uint8_t* response, size_t response_size);

/* Drops the pending challenge (e.g. any other console input arrived). */
void sysboot_auth_cancel(sysboot_auth_session_t* session);

/* The expected response: what the host computes (shared with the host tool). */
void sysboot_auth_response(const uint8_t* key, size_t key_size,
                           const uint8_t challenge[SYSBOOT_AUTH_CHALLENGE_SIZE], const uint8_t* uid,
                           size_t uid_size, const char* purpose, size_t purpose_size,
                           uint8_t out[SYSBOOT_AUTH_RESPONSE_SIZE]);

const char* sysboot_auth_status_name(sysboot_auth_status_t status);

/* Fallback nonce source for chips without an RNG: a counter that survives resets in no-init
 * RAM, hashed with the device UID and an optional per-power-up salt. Guarantees: never the
 * same value twice while the counter's RAM keeps its content (within a boot, across
 * software, pin and watchdog resets, across ROM sessions). Not guaranteed: after power loss
 * the counter restarts and earlier challenges can repeat, unless `salt` differs on every
 * power-up (e.g. a boot count the application keeps in flash). docs/security.md. */
typedef struct sysboot_nonce_counter {
    volatile uint32_t count;
    volatile uint32_t check; /* ~count: tells a kept counter from power-on content */
} sysboot_nonce_counter_t;

typedef struct sysboot_counter_nonce {
    sysboot_nonce_counter_t* counter;
    const uint8_t* uid;
    size_t uid_size;
    const uint8_t* salt; /* may be NULL */
    size_t salt_size;
    /* Called after the counter changed and before the nonce is used: write it to RAM that a
     * reset keeps (clean the D-cache line). May be NULL. */
    void (*persist)(const volatile void* addr, size_t size);
} sysboot_counter_nonce_t;

/* A sysboot_nonce_fn; ctx is a sysboot_counter_nonce_t*. False when the counter is spent. */
bool sysboot_counter_nonce(uint8_t* out, size_t size, void* ctx);

/* Target builds: the counter in the .sysboot_auth_noinit section (linker script NOINIT) and
 * a persist function that cleans its D-cache line. */
sysboot_nonce_counter_t* sysboot_noinit_nonce_counter(void);
void sysboot_noinit_persist(const volatile void* addr, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* SYSBOOT_AUTH_H */
