#include "sysboot/dfuse/layout.hpp"

#include <cstring>

namespace sysboot::dfuse {
namespace {

// A cursor over the layout text; every read is bounds-checked (the text comes from a device).
class Cursor {
  public:
    explicit Cursor(std::span<const char> text) : text_(text) {}

    [[nodiscard]] bool at_end() const { return pos_ >= text_.size(); }
    [[nodiscard]] char peek() const { return at_end() ? '\0' : text_[pos_]; }
    void advance() { ++pos_; }
    [[nodiscard]] bool accept(char c) {
        if (peek() != c || at_end()) {
            return false;
        }
        ++pos_;
        return true;
    }
    [[nodiscard]] std::size_t position() const { return pos_; }

  private:
    std::span<const char> text_;
    std::size_t pos_ = 0;
};

constexpr int hex_value(char c) {
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

// "0x" followed by 1-8 hex digits.
bool read_address(Cursor& in, uint32_t& out) {
    if (!in.accept('0') || !(in.accept('x') || in.accept('X'))) {
        return false;
    }
    uint32_t value = 0;
    int digits = 0;
    while (hex_value(in.peek()) >= 0) {
        if (++digits > 8) {
            return false;
        }
        value = (value << 4) | static_cast<uint32_t>(hex_value(in.peek()));
        in.advance();
    }
    out = value;
    return digits > 0;
}

// Decimal, at most 10 digits and below 2^32.
bool read_decimal(Cursor& in, uint32_t& out) {
    uint64_t value = 0;
    int digits = 0;
    while (in.peek() >= '0' && in.peek() <= '9') {
        value = value * 10 + static_cast<uint64_t>(in.peek() - '0');
        if (++digits > 10 || value > 0xFFFFFFFFull) {
            return false;
        }
        in.advance();
    }
    out = static_cast<uint32_t>(value);
    return digits > 0;
}

uint32_t unit_multiplier(char c) {
    switch (c) {
        case 'K':
            return 1024;
        case 'M':
            return 1024 * 1024;
        case ' ':
        case 'B':
            return 1;
        default:
            return 0;
    }
}

ParseResult fail(LayoutError error, const Cursor& in) {
    return {error, in.position()};
}

// One "<count>*<size><unit><type>" group; `next` is where it starts and is advanced past it.
ParseResult read_group(Cursor& in, uint64_t& next, Layout& out) {
    uint32_t count = 0;
    uint32_t size = 0;
    if (!read_decimal(in, count)) {
        return fail(LayoutError::BadNumber, in);
    }
    if (!in.accept('*')) {
        return fail(LayoutError::BadGroup, in);
    }
    if (!read_decimal(in, size)) {
        return fail(LayoutError::BadNumber, in);
    }
    // The unit may be left out (an F72x ROM reports "01*528e"): then the size is in bytes.
    if (const uint32_t multiplier = unit_multiplier(in.peek()); multiplier != 0) {
        in.advance();
        const uint64_t scaled = static_cast<uint64_t>(size) * multiplier;
        if (scaled > 0xFFFFFFFFull) {
            return fail(LayoutError::Overflow, in);
        }
        size = static_cast<uint32_t>(scaled);
    }
    const char type = in.peek();
    if (type < 'a' || type > 'g') {
        return fail(LayoutError::BadType, in);
    }
    in.advance();
    if (count == 0 || size == 0) {
        return fail(LayoutError::BadGroup, in);
    }
    if (out.segment_count == Layout::kMaxSegments) {
        return fail(LayoutError::TooManySegments, in);
    }
    const uint64_t end = next + static_cast<uint64_t>(count) * size;
    if (end > 0x100000000ull) {
        return fail(LayoutError::Overflow, in);
    }
    out.segment_storage[out.segment_count++] =
        Segment{static_cast<uint32_t>(next), size, count, static_cast<uint8_t>(type - 'a' + 1)};
    next = end;
    return {};
}

ParseResult read_name(Cursor& in, Layout& out) {
    if (!in.accept('@')) {
        return fail(LayoutError::MissingAt, in);
    }
    std::size_t length = 0;
    while (!in.at_end() && in.peek() != '/') {
        if (length == Layout::kMaxName) {
            return fail(LayoutError::NameTooLong, in);
        }
        out.name_storage[length++] = in.peek();
        in.advance();
    }
    while (length > 0 && out.name_storage[length - 1] == ' ') {
        --length;
    }
    out.name_length = length;
    return {};
}

// The text up to the first NUL, without trailing spaces.
std::span<const char> trimmed(std::span<const char> text) {
    std::size_t n = 0;
    while (n < text.size() && text[n] != '\0') {
        ++n;
    }
    while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t')) {
        --n;
    }
    return text.first(n);
}

}  // namespace

ParseResult parse_layout(std::span<const char> text, Layout& out) {
    out = Layout{};
    Cursor in(trimmed(text));
    if (const ParseResult r = read_name(in, out); !r.ok()) {
        return r;
    }
    // One or more "/0x<address>/<groups>" blocks.
    do {
        uint32_t address = 0;
        if (!in.accept('/') || !read_address(in, address) || !in.accept('/')) {
            return fail(LayoutError::MissingAddress, in);
        }
        uint64_t next = address;
        do {
            if (const ParseResult r = read_group(in, next, out); !r.ok()) {
                return r;
            }
        } while (in.accept(','));
    } while (!in.at_end() && in.peek() == '/');
    if (!in.at_end()) {
        return fail(LayoutError::TrailingGarbage, in);
    }
    return {};
}

ParseResult parse_layout(const char* text, Layout& out) {
    return parse_layout(std::span<const char>(text, std::strlen(text)), out);
}

uint64_t Layout::total_size() const {
    uint64_t total = 0;
    for (const Segment& s : segments()) {
        total += s.size();
    }
    return total;
}

bool Layout::find_sector(uint32_t address, Sector& out) const {
    uint32_t index = 0;
    for (const Segment& s : segments()) {
        if (address >= s.address && address < s.end()) {
            const uint32_t k = (address - s.address) / s.sector_size;
            out = Sector{s.address + k * s.sector_size, s.sector_size, index + k, s.access};
            return true;
        }
        index += s.sector_count;
    }
    return false;
}

bool Layout::covers(uint32_t address, uint32_t length, uint8_t bits) const {
    // Walk forward from `address`: each step must land in a segment with the access bits.
    uint64_t at = address;
    const uint64_t end = static_cast<uint64_t>(address) + (length == 0 ? 1 : length);
    while (at < end) {
        bool found = false;
        for (const Segment& s : segments()) {
            if (at >= s.address && at < s.end() && s.has(bits)) {
                at = s.end();
                found = true;
                break;
            }
        }
        if (!found) {
            return false;
        }
    }
    return true;
}

}  // namespace sysboot::dfuse
