#pragma once
// SHA-256 (FIPS 180-4 §6.2) and HMAC-SHA256 (FIPS 198-1, RFC 2104), written once for both the
// firmware (freestanding: no heap, no exceptions, no library calls) and the host tool, so
// the device and the host compute an authentication response with the same code.
#include <cstddef>
#include <cstdint>

namespace sysboot::crypto {

inline constexpr std::size_t kSha256Size = 32;       // digest bytes
inline constexpr std::size_t kSha256BlockSize = 64;  // message block bytes (FIPS 180-4 §1)

class Sha256 {
  public:
    Sha256() { reset(); }
    void reset();
    void update(const std::uint8_t* data, std::size_t size);
    // Pads, writes the digest, and leaves the object reset.
    void finish(std::uint8_t out[kSha256Size]);
    // Overwrites the internal state (message bytes may still be in the block buffer).
    void wipe();

  private:
    void compress(const std::uint8_t* block);

    std::uint32_t h_[8];
    std::uint8_t block_[kSha256BlockSize];
    std::uint64_t bytes_;  // message length so far
    std::size_t used_;     // bytes waiting in block_
};

class HmacSha256 {
  public:
    // Keys longer than a block are hashed first (FIPS 198-1 §4 step 2).
    HmacSha256(const std::uint8_t* key, std::size_t key_size);
    ~HmacSha256() { wipe(); }
    HmacSha256(const HmacSha256&) = delete;
    HmacSha256& operator=(const HmacSha256&) = delete;
    void update(const std::uint8_t* data, std::size_t size) { inner_.update(data, size); }
    void finish(std::uint8_t out[kSha256Size]);

  private:
    void wipe();

    Sha256 inner_;
    std::uint8_t outer_key_[kSha256BlockSize];  // K0 xor opad, kept until finish()
};

void sha256(const std::uint8_t* data, std::size_t size, std::uint8_t out[kSha256Size]);
void hmac_sha256(const std::uint8_t* key, std::size_t key_size, const std::uint8_t* data,
                 std::size_t size, std::uint8_t out[kSha256Size]);

// Compares in time that depends only on `size`, never on where the first difference is, so
// a wrong response tells an attacker nothing about the right one.
bool equal_constant_time(const std::uint8_t* a, const std::uint8_t* b, std::size_t size);

// Zeroes memory through a volatile pointer so the stores are not optimised away.
void secure_zero(void* p, std::size_t size);

}  // namespace sysboot::crypto
