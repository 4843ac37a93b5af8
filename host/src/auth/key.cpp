#include "auth/key.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>

#include "sysboot/auth.h"
#include "sysboot/sha256.hpp"

namespace sysboot::host::auth {

namespace {

constexpr std::size_t kMaxFileSize = 4096;  // a key file is one line of hex

Error key_error(const std::string& path, const std::string& why) {
    return make_error(Phase::Usage, Cause::Invalid, fmt::format("key file {}: {}", path, why));
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// Reads the whole file from an open descriptor (at most kMaxFileSize bytes).
Result<std::string> read_all(int fd, const std::string& path) {
    std::string text;
    char buf[512];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            return key_error(path, "cannot be read");
        }
        if (n == 0) {
            break;
        }
        text.append(buf, static_cast<std::size_t>(n));
        if (text.size() > kMaxFileSize) {
            sysboot::crypto::secure_zero(text.data(), text.size());
            return key_error(path, "too large for a key file");
        }
    }
    sysboot::crypto::secure_zero(buf, sizeof buf);
    return text;
}

}  // namespace

Key::Key(std::vector<uint8_t> bytes, std::string origin)
    : bytes_(std::move(bytes)), origin_(std::move(origin)) {}

Key::Key(Key&& other) noexcept
    : bytes_(std::move(other.bytes_)), origin_(std::move(other.origin_)) {
    other.bytes_.clear();
}

Key& Key::operator=(Key&& other) noexcept {
    if (this != &other) {
        wipe();
        bytes_ = std::move(other.bytes_);
        origin_ = std::move(other.origin_);
        other.bytes_.clear();
    }
    return *this;
}

Key::~Key() {
    wipe();
}

void Key::wipe() {
    if (!bytes_.empty()) {
        sysboot::crypto::secure_zero(bytes_.data(), bytes_.size());
    }
    bytes_.clear();
}

std::string Key::describe() const {
    return fmt::format("{}-byte key from {}", bytes_.size(), origin_);
}

Result<std::vector<uint8_t>> parse_key_text(const std::string& text) {
    std::vector<uint8_t> bytes;
    int high = -1;
    for (const char c : text) {
        if (std::isspace(static_cast<unsigned char>(c)) != 0) {
            continue;
        }
        const int v = hex_digit(c);
        if (v < 0) {
            // Never echo the character: it may be part of a key in another format.
            sysboot::crypto::secure_zero(bytes.data(), bytes.size());
            return make_error(Phase::Usage, Cause::Invalid, "not hex text");
        }
        if (high < 0) {
            high = v;
        } else {
            bytes.push_back(static_cast<uint8_t>(high << 4 | v));
            high = -1;
        }
    }
    if (high >= 0 || bytes.size() < SYSBOOT_AUTH_MIN_KEY_SIZE || bytes.size() > 64) {
        sysboot::crypto::secure_zero(bytes.data(), bytes.size());
        return make_error(
            Phase::Usage, Cause::Invalid,
            fmt::format("expected {} to 64 bytes as hex text", SYSBOOT_AUTH_MIN_KEY_SIZE));
    }
    return bytes;
}

Result<Key> load_key(const std::string& path) {
    // Open first, then inspect what was opened: no window in which the file can be swapped.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        return key_error(path, "cannot be opened (missing, unreadable, or a symbolic link)");
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return key_error(path, "not a regular file");
    }
    if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        ::close(fd);
        return key_error(path, fmt::format("group or others may access it (mode {:04o}); a key "
                                           "must be private: chmod 600 {}",
                                           st.st_mode & 07777, path));
    }
    auto text = read_all(fd, path);
    ::close(fd);
    if (!text) {
        return text.error();
    }
    auto bytes = parse_key_text(*text);
    sysboot::crypto::secure_zero(text->data(), text->size());
    if (!bytes) {
        return key_error(path, bytes.error().detail);
    }
    return Key(std::move(*bytes), path);
}

}  // namespace sysboot::host::auth
