// SHA-256 and HMAC-SHA256; see sha256.hpp. Constants and functions are those of FIPS 180-4
// §4.1.2 (Ch, Maj, Σ, σ), §4.2.2 (K), §5.3.3 (initial hash value) and §6.2.2 (compression).
#include "sysboot/sha256.hpp"

namespace sysboot::crypto {

namespace {

constexpr std::uint32_t kRoundConstants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr std::uint32_t kInitialHash[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                           0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

constexpr std::uint32_t rotr(std::uint32_t x, unsigned n) {
    return (x >> n) | (x << (32u - n));
}
constexpr std::uint32_t big_sigma0(std::uint32_t x) {
    return rotr(x, 2) ^ rotr(x, 13) ^ rotr(x, 22);
}
constexpr std::uint32_t big_sigma1(std::uint32_t x) {
    return rotr(x, 6) ^ rotr(x, 11) ^ rotr(x, 25);
}
constexpr std::uint32_t small_sigma0(std::uint32_t x) {
    return rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3);
}
constexpr std::uint32_t small_sigma1(std::uint32_t x) {
    return rotr(x, 17) ^ rotr(x, 19) ^ (x >> 10);
}

std::uint32_t load_be32(const std::uint8_t* p) {
    return (static_cast<std::uint32_t>(p[0]) << 24) | (static_cast<std::uint32_t>(p[1]) << 16) |
           (static_cast<std::uint32_t>(p[2]) << 8) | static_cast<std::uint32_t>(p[3]);
}
void store_be32(std::uint8_t* p, std::uint32_t v) {
    p[0] = static_cast<std::uint8_t>(v >> 24);
    p[1] = static_cast<std::uint8_t>(v >> 16);
    p[2] = static_cast<std::uint8_t>(v >> 8);
    p[3] = static_cast<std::uint8_t>(v);
}

constexpr std::uint8_t kInnerPad = 0x36;  // FIPS 198-1 §3 ipad
constexpr std::uint8_t kOuterPad = 0x5c;  // FIPS 198-1 §3 opad

}  // namespace

void Sha256::reset() {
    for (int i = 0; i < 8; ++i) {
        h_[i] = kInitialHash[i];
    }
    bytes_ = 0;
    used_ = 0;
}

void Sha256::compress(const std::uint8_t* block) {
    std::uint32_t w[64];
    for (int t = 0; t < 16; ++t) {
        w[t] = load_be32(block + 4 * t);
    }
    for (int t = 16; t < 64; ++t) {
        w[t] = small_sigma1(w[t - 2]) + w[t - 7] + small_sigma0(w[t - 15]) + w[t - 16];
    }
    std::uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3];
    std::uint32_t e = h_[4], f = h_[5], g = h_[6], h = h_[7];
    for (int t = 0; t < 64; ++t) {
        const std::uint32_t ch = (e & f) ^ (~e & g);
        const std::uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
        const std::uint32_t t1 = h + big_sigma1(e) + ch + kRoundConstants[t] + w[t];
        const std::uint32_t t2 = big_sigma0(a) + maj;
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    h_[0] += a;
    h_[1] += b;
    h_[2] += c;
    h_[3] += d;
    h_[4] += e;
    h_[5] += f;
    h_[6] += g;
    h_[7] += h;
    secure_zero(w, sizeof w);
}

void Sha256::update(const std::uint8_t* data, std::size_t size) {
    bytes_ += size;
    while (size > 0) {
        const std::size_t take = size < kSha256BlockSize - used_ ? size : kSha256BlockSize - used_;
        for (std::size_t i = 0; i < take; ++i) {
            block_[used_ + i] = data[i];
        }
        used_ += take;
        data += take;
        size -= take;
        if (used_ == kSha256BlockSize) {
            compress(block_);
            used_ = 0;
        }
    }
}

// FIPS 180-4 §5.1.1: a 1 bit, zeros up to 448 mod 512 bits, then the length in bits (64-bit
// big-endian).
void Sha256::finish(std::uint8_t out[kSha256Size]) {
    const std::uint64_t bits = bytes_ * 8u;
    block_[used_++] = 0x80;
    if (used_ > kSha256BlockSize - 8) {
        while (used_ < kSha256BlockSize) {
            block_[used_++] = 0;
        }
        compress(block_);
        used_ = 0;
    }
    while (used_ < kSha256BlockSize - 8) {
        block_[used_++] = 0;
    }
    store_be32(block_ + 56, static_cast<std::uint32_t>(bits >> 32));
    store_be32(block_ + 60, static_cast<std::uint32_t>(bits));
    compress(block_);
    for (int i = 0; i < 8; ++i) {
        store_be32(out + 4 * i, h_[i]);
    }
    wipe();
    reset();
}

void Sha256::wipe() {
    secure_zero(h_, sizeof h_);
    secure_zero(block_, sizeof block_);
    bytes_ = 0;
    used_ = 0;
}

HmacSha256::HmacSha256(const std::uint8_t* key, std::size_t key_size) {
    std::uint8_t k0[kSha256BlockSize] = {};
    if (key_size > kSha256BlockSize) {
        sha256(key, key_size, k0);
    } else {
        for (std::size_t i = 0; i < key_size; ++i) {
            k0[i] = key[i];
        }
    }
    std::uint8_t inner_key[kSha256BlockSize];
    for (std::size_t i = 0; i < kSha256BlockSize; ++i) {
        inner_key[i] = static_cast<std::uint8_t>(k0[i] ^ kInnerPad);
        outer_key_[i] = static_cast<std::uint8_t>(k0[i] ^ kOuterPad);
    }
    inner_.update(inner_key, sizeof inner_key);
    secure_zero(k0, sizeof k0);
    secure_zero(inner_key, sizeof inner_key);
}

void HmacSha256::finish(std::uint8_t out[kSha256Size]) {
    std::uint8_t inner_digest[kSha256Size];
    inner_.finish(inner_digest);
    Sha256 outer;
    outer.update(outer_key_, sizeof outer_key_);
    outer.update(inner_digest, sizeof inner_digest);
    outer.finish(out);
    secure_zero(inner_digest, sizeof inner_digest);
    wipe();
}

void HmacSha256::wipe() {
    inner_.wipe();
    secure_zero(outer_key_, sizeof outer_key_);
}

void sha256(const std::uint8_t* data, std::size_t size, std::uint8_t out[kSha256Size]) {
    Sha256 h;
    h.update(data, size);
    h.finish(out);
}

void hmac_sha256(const std::uint8_t* key, std::size_t key_size, const std::uint8_t* data,
                 std::size_t size, std::uint8_t out[kSha256Size]) {
    HmacSha256 mac(key, key_size);
    mac.update(data, size);
    mac.finish(out);
}

bool equal_constant_time(const std::uint8_t* a, const std::uint8_t* b, std::size_t size) {
    std::uint8_t diff = 0;
    for (std::size_t i = 0; i < size; ++i) {
        diff = static_cast<std::uint8_t>(diff | (a[i] ^ b[i]));
    }
    return diff == 0;
}

void secure_zero(void* p, std::size_t size) {
    volatile std::uint8_t* v = static_cast<volatile std::uint8_t*>(p);
    for (std::size_t i = 0; i < size; ++i) {
        v[i] = 0;
    }
}

}  // namespace sysboot::crypto
