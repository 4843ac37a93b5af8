/* A C application gating ROM entry with authorized entry and the RDP policy: auth.h must be
 * plain C (C99). Compiled by tests/CMakeLists.txt with the host and the cross C compiler. */
#include <stddef.h>
#include <stdint.h>

#include "sysboot/auth.h"
#include "sysboot/sysboot.h"

static const uint8_t kUid[12] = {0};
static sysboot_auth_session_t g_session;

/* The application's key, e.g. in OTP (docs/security.md). */
int sysboot_c_auth_consumer(const uint8_t* key, const sysboot_device_t* dev, const uint8_t* answer,
                            size_t answer_size) {
    sysboot_counter_nonce_t nonce = {NULL, kUid, sizeof kUid, NULL, 0, NULL};
    sysboot_auth_config_t config = {NULL, 32, kUid, sizeof kUid, sysboot_counter_nonce, NULL};
    uint8_t challenge[SYSBOOT_AUTH_CHALLENGE_SIZE];
    sysboot_options_t opt;
    nonce.counter = sysboot_noinit_nonce_counter();
    nonce.persist = sysboot_noinit_persist;
    config.key = key;
    config.nonce_ctx = &nonce;
    if (answer == NULL) {
        return (int)sysboot_auth_issue(&g_session, &config, "bootloader", challenge);
    }
    if (sysboot_auth_verify(&g_session, &config, answer, answer_size) != SYSBOOT_AUTH_OK) {
        return -1;
    }
    sysboot_default_options(&opt);
    opt.allow_rdp_level0 = false;
    return (int)sysboot_enter(dev, &opt) == SYSBOOT_ERR_RDP_LEVEL0 ? -2 : -3;
}
