// SHA-256 and HMAC-SHA256 (firmware/sysboot/src/sha256.cpp, the one implementation the
// firmware and the host tool share) against published vectors: FIPS 180-4 examples
// (NIST "SHA256.pdf" example values) and RFC 4231 test cases 1-7.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "sysboot/sha256.hpp"

namespace {

using sysboot::crypto::kSha256Size;

std::vector<std::uint8_t> bytes(const std::string& s) {
    return {s.begin(), s.end()};
}
std::vector<std::uint8_t> repeat(std::uint8_t b, std::size_t n) {
    return std::vector<std::uint8_t>(n, b);
}
std::string hex(const std::uint8_t* p, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out += "0123456789abcdef"[p[i] >> 4];
        out += "0123456789abcdef"[p[i] & 15];
    }
    return out;
}
std::string sha(const std::vector<std::uint8_t>& m) {
    std::uint8_t d[kSha256Size];
    sysboot::crypto::sha256(m.data(), m.size(), d);
    return hex(d, sizeof d);
}
std::string hmac(const std::vector<std::uint8_t>& k, const std::vector<std::uint8_t>& m) {
    std::uint8_t d[kSha256Size];
    sysboot::crypto::hmac_sha256(k.data(), k.size(), m.data(), m.size(), d);
    return hex(d, sizeof d);
}

TEST(Sha256, Fips180OneBlockAbc) {
    EXPECT_EQ(sha(bytes("abc")),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, Fips180TwoBlock448BitMessage) {
    EXPECT_EQ(sha(bytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, Fips180MillionA) {
    EXPECT_EQ(sha(repeat('a', 1000000)),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, StreamingInOddPiecesEqualsOneShot) {
    const auto m = repeat('a', 1000000);
    sysboot::crypto::Sha256 h;
    std::size_t at = 0;
    for (std::size_t piece = 1; at < m.size(); piece = piece * 7 % 131 + 1) {
        const std::size_t n = std::min(piece, m.size() - at);
        h.update(m.data() + at, n);
        at += n;
    }
    std::uint8_t d[kSha256Size];
    h.finish(d);
    EXPECT_EQ(hex(d, sizeof d), sha(m));
}

TEST(Sha256, EmptyMessage) {
    EXPECT_EQ(sha({}), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

struct HmacCase {
    std::vector<std::uint8_t> key;
    std::vector<std::uint8_t> data;
    std::string mac;  // truncated in case 5 (RFC 4231 §4.6 gives 128 bits)
};

std::vector<std::uint8_t> counting_key() {
    std::vector<std::uint8_t> k;
    for (std::uint8_t b = 1; b <= 0x19; ++b) {
        k.push_back(b);
    }
    return k;
}

TEST(HmacSha256, Rfc4231TestCases1To7) {
    const std::vector<HmacCase> cases = {
        {repeat(0x0b, 20), bytes("Hi There"),
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
        {bytes("Jefe"), bytes("what do ya want for nothing?"),
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
        {repeat(0xaa, 20), repeat(0xdd, 50),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
        {counting_key(), repeat(0xcd, 50),
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
        {repeat(0x0c, 20), bytes("Test With Truncation"), "a3b6167473100ee06e0c796c2955552b"},
        {repeat(0xaa, 131), bytes("Test Using Larger Than Block-Size Key - Hash Key First"),
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
        {repeat(0xaa, 131),
         bytes("This is a test using a larger than block-size key and a larger than block-size "
               "data. The key needs to be hashed before being used by the HMAC algorithm."),
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
    };
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const std::string got = hmac(cases[i].key, cases[i].data);
        EXPECT_EQ(got.substr(0, cases[i].mac.size()), cases[i].mac) << "RFC 4231 case " << i + 1;
    }
}

TEST(ConstantTimeCompare, EqualOnlyWhenEveryByteIs) {
    std::uint8_t a[32] = {};
    std::uint8_t b[32] = {};
    EXPECT_TRUE(sysboot::crypto::equal_constant_time(a, b, 32));
    for (int i : {0, 15, 31}) {
        b[i] = 0x80;
        EXPECT_FALSE(sysboot::crypto::equal_constant_time(a, b, 32)) << i;
        b[i] = 0;
    }
}

}  // namespace
