#include "console.hpp"

namespace app::console {

namespace {

bool equal(const char* a, const char* b) {
    while (*a != '\0' && *a == *b) {
        ++a;
        ++b;
    }
    return *a == *b;
}

// Non-null when `line` starts with `prefix`: the rest of the line.
const char* after(const char* line, const char* prefix) {
    while (*prefix != '\0') {
        if (*line != *prefix) {
            return nullptr;
        }
        ++line;
        ++prefix;
    }
    return line;
}

int hex_value(char c) {
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

}  // namespace

LineReader::Event LineReader::feed(int byte) {
    if (byte < 0) {
        return Event::none;
    }
    if (byte == '\r' || byte == '\n') {
        const bool lf_after_cr = byte == '\n' && last_cr_;
        last_cr_ = byte == '\r';
        if (lf_after_cr) {
            return Event::none;  // the \n of a \r\n pair
        }
        const bool dropped = overflow_;
        buf_[len_] = '\0';
        len_ = 0;
        overflow_ = false;
        return dropped ? Event::overflow : Event::line;
    }
    last_cr_ = false;
    if (byte < 0x20 || byte >= 0x7F) {
        return Event::none;  // control bytes and 8-bit data are not command text
    }
    if (len_ >= kMaxLine) {
        overflow_ = true;
        return Event::none;
    }
    buf_[len_++] = static_cast<char>(byte);
    return Event::echo;
}

bool decode_hex(const char* text, std::uint8_t* out, std::size_t capacity, std::size_t& out_size) {
    out_size = 0;
    std::size_t n = 0;
    for (; text[0] != '\0'; text += 2) {
        const int hi = hex_value(text[0]);
        const int lo = text[1] == '\0' ? -1 : hex_value(text[1]);
        if (hi < 0 || lo < 0 || n == capacity) {
            return false;
        }
        out[n++] = static_cast<std::uint8_t>(hi << 4 | lo);
    }
    out_size = n;
    return true;
}

Command parse(const char* line) {
    Command c;
    const char* rest = nullptr;
    if (line[0] == '\0') {
        c.kind = Kind::empty;
    } else if (equal(line, "help")) {
        c.kind = Kind::help;
    } else if (equal(line, "info")) {
        c.kind = Kind::info;
    } else if (equal(line, "bootloader")) {
        c.kind = Kind::bootloader;
    } else if (equal(line, "bootloader reset")) {
        c.kind = Kind::bootloader_reset;
    } else if (equal(line, "reset")) {
        c.kind = Kind::reset;
    } else if ((rest = after(line, "exit")) != nullptr && (*rest == '\0' || *rest == ' ')) {
        c.kind = Kind::exit;
        for (; *rest != '\0'; ++rest) {
            if (*rest >= '0' && *rest <= '9') {
                c.exit_code = c.exit_code * 10 + static_cast<std::uint32_t>(*rest - '0');
            }
        }
    } else if ((rest = after(line, "auth-response ")) != nullptr) {
        c.kind = Kind::auth_response;
        if (!decode_hex(rest, c.response, sizeof c.response, c.response_size)) {
            c.response_size = 0;
        }
    } else {
        c.kind = Kind::unknown;
    }
    return c;
}

}  // namespace app::console
