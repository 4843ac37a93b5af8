// Authorized entry (firmware/sysboot/src/auth.cpp, nonce_counter.cpp) on the host: a
// challenge is accepted at most once, only for the key, UID and purpose it was issued for,
// and the counter nonce never repeats while its RAM is kept.
#include <gtest/gtest.h>

#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "sysboot/auth.hpp"
#include "sysboot/sha256.hpp"

namespace {

constexpr std::uint8_t kKey[32] = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 16,
                                   17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};
constexpr std::uint8_t kUid[12] = {0x55, 0x49, 0x44, 0, 1, 2, 3, 4, 5, 6, 7, 8};

struct Rig {
    sysboot_nonce_counter_t counter{};
    sysboot_counter_nonce_t source{&counter, kUid, sizeof kUid, nullptr, 0, nullptr};
    sysboot_auth_config_t config{kKey,        sizeof kKey,           kUid,
                                 sizeof kUid, sysboot_counter_nonce, &source};
    sysboot_auth_session_t session{};
    std::uint8_t challenge[SYSBOOT_AUTH_CHALLENGE_SIZE]{};

    sysboot_auth_status_t issue(const char* purpose = "bootloader") {
        return sysboot_auth_issue(&session, &config, purpose, challenge);
    }
    std::vector<std::uint8_t> answer(const char* purpose = "bootloader",
                                     const std::uint8_t* uid = kUid) const {
        std::vector<std::uint8_t> r(SYSBOOT_AUTH_RESPONSE_SIZE);
        sysboot_auth_response(kKey, sizeof kKey, challenge, uid, sizeof kUid, purpose,
                              std::strlen(purpose), r.data());
        return r;
    }
    sysboot_auth_status_t verify(const std::vector<std::uint8_t>& r) {
        return sysboot_auth_verify(&session, &config, r.data(), r.size());
    }
};

TEST(Auth, CorrectResponseIsAcceptedOnce) {
    Rig rig;
    ASSERT_EQ(rig.issue(), SYSBOOT_AUTH_OK);
    const auto r = rig.answer();
    EXPECT_EQ(rig.verify(r), SYSBOOT_AUTH_OK);
    EXPECT_EQ(rig.verify(r), SYSBOOT_AUTH_NO_CHALLENGE) << "replay of the same response";
}

TEST(Auth, ResponseIsTheRfc2104MacOfChallengeUidPurpose) {
    // Independent of sysboot_auth_response: HMAC over the concatenation built here.
    Rig rig;
    ASSERT_EQ(rig.issue(), SYSBOOT_AUTH_OK);
    std::vector<std::uint8_t> msg(rig.challenge, rig.challenge + sizeof rig.challenge);
    msg.insert(msg.end(), kUid, kUid + sizeof kUid);
    const std::string purpose = "bootloader";
    msg.insert(msg.end(), purpose.begin(), purpose.end());
    std::vector<std::uint8_t> mac(32);
    sysboot::crypto::hmac_sha256(kKey, sizeof kKey, msg.data(), msg.size(), mac.data());
    EXPECT_EQ(rig.verify(mac), SYSBOOT_AUTH_OK);
}

TEST(Auth, WrongResponseUsesTheChallengeUp) {
    Rig rig;
    ASSERT_EQ(rig.issue(), SYSBOOT_AUTH_OK);
    auto r = rig.answer();
    r[31] ^= 1;
    EXPECT_EQ(rig.verify(r), SYSBOOT_AUTH_BAD_RESPONSE);
    r[31] ^= 1;
    EXPECT_EQ(rig.verify(r), SYSBOOT_AUTH_NO_CHALLENGE) << "second try on the same challenge";
}

TEST(Auth, ResponseForAnotherUidOrPurposeIsRefused) {
    Rig rig;
    std::uint8_t other_uid[12];
    std::memcpy(other_uid, kUid, sizeof kUid);
    other_uid[11] ^= 0x01;
    ASSERT_EQ(rig.issue(), SYSBOOT_AUTH_OK);
    EXPECT_EQ(rig.verify(rig.answer("bootloader", other_uid)), SYSBOOT_AUTH_BAD_RESPONSE);
    ASSERT_EQ(rig.issue(), SYSBOOT_AUTH_OK);
    EXPECT_EQ(rig.verify(rig.answer("bootloader reset")), SYSBOOT_AUTH_BAD_RESPONSE);
}

TEST(Auth, TruncatedOversizedAndMissingResponsesAreRefused) {
    Rig rig;
    for (std::size_t size : {0u, 16u, 31u, 33u, 64u}) {
        ASSERT_EQ(rig.issue(), SYSBOOT_AUTH_OK);
        auto r = rig.answer();
        r.resize(size, 0);
        EXPECT_EQ(rig.verify(r), SYSBOOT_AUTH_BAD_RESPONSE) << size;
    }
    ASSERT_EQ(rig.issue(), SYSBOOT_AUTH_OK);
    EXPECT_EQ(sysboot_auth_verify(&rig.session, &rig.config, nullptr, 32),
              SYSBOOT_AUTH_BAD_RESPONSE);
}

TEST(Auth, NoChallengeNoEntry) {
    Rig rig;
    EXPECT_EQ(rig.verify(rig.answer()), SYSBOOT_AUTH_NO_CHALLENGE);
    ASSERT_EQ(rig.issue(), SYSBOOT_AUTH_OK);
    const auto r = rig.answer();
    sysboot_auth_cancel(&rig.session);
    EXPECT_EQ(rig.verify(r), SYSBOOT_AUTH_NO_CHALLENGE);
}

TEST(Auth, NewChallengeReplacesTheOldOne) {
    Rig rig;
    ASSERT_EQ(rig.issue(), SYSBOOT_AUTH_OK);
    const auto old_answer = rig.answer();
    ASSERT_EQ(rig.issue(), SYSBOOT_AUTH_OK);
    EXPECT_EQ(rig.verify(old_answer), SYSBOOT_AUTH_BAD_RESPONSE);
}

TEST(Auth, ShortOrMissingKeyIssuesNoChallenge) {
    Rig rig;
    rig.config.key_size = SYSBOOT_AUTH_MIN_KEY_SIZE - 1;
    EXPECT_EQ(rig.issue(), SYSBOOT_AUTH_NO_KEY);
    rig.config.key = nullptr;
    rig.config.key_size = 32;
    EXPECT_EQ(rig.issue(), SYSBOOT_AUTH_NO_KEY);
    EXPECT_FALSE(rig.session.pending);
}

TEST(Auth, BadArgumentsAreRefused) {
    Rig rig;
    EXPECT_EQ(rig.issue(std::string(SYSBOOT_AUTH_MAX_PURPOSE + 1, 'p').c_str()),
              SYSBOOT_AUTH_BAD_ARGUMENT);
    EXPECT_EQ(rig.issue(std::string(SYSBOOT_AUTH_MAX_PURPOSE, 'p').c_str()), SYSBOOT_AUTH_OK);
    rig.config.uid_size = SYSBOOT_AUTH_MAX_UID_SIZE + 1;
    EXPECT_EQ(rig.issue(), SYSBOOT_AUTH_BAD_ARGUMENT);
    EXPECT_EQ(sysboot_auth_issue(nullptr, &rig.config, "x", rig.challenge),
              SYSBOOT_AUTH_BAD_ARGUMENT);
}

TEST(Auth, FailingNonceSourceIssuesNoChallenge) {
    Rig rig;
    rig.counter.count = 0xFFFFFFFFu;
    rig.counter.check = 0;
    EXPECT_EQ(rig.issue(), SYSBOOT_AUTH_NONCE_FAILED);
    EXPECT_FALSE(rig.session.pending);
}

TEST(Auth, StatusNamesAreDistinct) {
    std::set<std::string> names;
    for (int i = 0; i < SYSBOOT_AUTH_STATUS_COUNT_; ++i) {
        names.insert(sysboot_auth_status_name(static_cast<sysboot_auth_status_t>(i)));
    }
    EXPECT_EQ(names.size(), static_cast<std::size_t>(SYSBOOT_AUTH_STATUS_COUNT_));
    EXPECT_EQ(names.count("unknown_status"), 0u);
}

TEST(CounterNonce, NeverRepeatsWhileTheCounterIsKept) {
    Rig rig;
    std::set<std::string> seen;
    for (int i = 0; i < 2000; ++i) {
        std::uint8_t n[16];
        ASSERT_TRUE(sysboot_counter_nonce(n, sizeof n, &rig.source));
        EXPECT_TRUE(seen.insert(std::string(n, n + 16)).second) << i;
    }
    // A reset keeps the counter: the next value is new too.
    sysboot_nonce_counter_t kept = {rig.counter.count, rig.counter.check};
    Rig after;
    after.counter.count = kept.count;
    after.counter.check = kept.check;
    std::uint8_t n[16];
    ASSERT_TRUE(sysboot_counter_nonce(n, sizeof n, &after.source));
    EXPECT_TRUE(seen.insert(std::string(n, n + 16)).second);
}

TEST(CounterNonce, PersistsBeforeTheNonceIsUsedAndBindsTheUid) {
    static int persisted = 0;
    Rig a;
    a.source.persist = [](const volatile void*, size_t) { ++persisted; };
    std::uint8_t na[16];
    ASSERT_TRUE(sysboot_counter_nonce(na, sizeof na, &a.source));
    EXPECT_EQ(persisted, 1);
    EXPECT_EQ(a.counter.check, ~a.counter.count);
    // Same counter value on another device: a different nonce.
    std::uint8_t other_uid[12] = {};
    Rig b;
    b.source.uid = other_uid;
    std::uint8_t nb[16];
    ASSERT_TRUE(sysboot_counter_nonce(nb, sizeof nb, &b.source));
    EXPECT_EQ(a.counter.count, b.counter.count);
    EXPECT_NE(std::memcmp(na, nb, 16), 0);
}

TEST(CounterNonce, SaltSeparatesPowerUpsWithTheSameCounter) {
    // After power loss the counter restarts; a salt that differs per power-up (e.g. a boot
    // count kept in flash) keeps the nonces apart.
    const std::uint8_t salt1[4] = {0, 0, 0, 1};
    const std::uint8_t salt2[4] = {0, 0, 0, 2};
    Rig p1;
    p1.source.salt = salt1;
    p1.source.salt_size = 4;
    Rig p2;
    p2.source.salt = salt2;
    p2.source.salt_size = 4;
    std::uint8_t n1[16];
    std::uint8_t n2[16];
    ASSERT_TRUE(sysboot_counter_nonce(n1, sizeof n1, &p1.source));
    ASSERT_TRUE(sysboot_counter_nonce(n2, sizeof n2, &p2.source));
    EXPECT_NE(std::memcmp(n1, n2, 16), 0);
}

}  // namespace
