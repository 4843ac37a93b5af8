#include "ui/json.hpp"

#include <fmt/format.h>

namespace sysboot::host {

std::string json_quote(std::string_view s) {
    std::string out = "\"";
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (c < 0x20) {
                    out += fmt::format("\\u{:04x}", c);
                } else {
                    out += ch;
                }
        }
    }
    return out + "\"";
}

void JsonObject::key(std::string_view k) {
    if (!body_.empty()) {
        body_ += ',';
    }
    body_ += json_quote(k);
    body_ += ':';
}

JsonObject& JsonObject::add(std::string_view k, std::string_view value) {
    key(k);
    body_ += json_quote(value);
    return *this;
}

JsonObject& JsonObject::add(std::string_view k, bool value) {
    key(k);
    body_ += value ? "true" : "false";
    return *this;
}

JsonObject& JsonObject::add(std::string_view k, int64_t value) {
    key(k);
    body_ += std::to_string(value);
    return *this;
}

JsonObject& JsonObject::add(std::string_view k, uint64_t value) {
    key(k);
    body_ += std::to_string(value);
    return *this;
}

JsonObject& JsonObject::add(std::string_view k, double value) {
    key(k);
    body_ += fmt::format("{:.3f}", value);
    return *this;
}

JsonObject& JsonObject::add_raw(std::string_view k, std::string json) {
    key(k);
    body_ += json;
    return *this;
}

JsonObject& JsonObject::append(const JsonObject& other) {
    if (!other.body_.empty()) {
        if (!body_.empty()) {
            body_ += ',';
        }
        body_ += other.body_;
    }
    return *this;
}

std::string json_array(const std::vector<std::string>& raw_items) {
    std::string out = "[";
    for (std::size_t i = 0; i < raw_items.size(); ++i) {
        if (i > 0) {
            out += ',';
        }
        out += raw_items[i];
    }
    return out + "]";
}

std::string json_string_array(const std::vector<std::string>& items) {
    std::vector<std::string> quoted;
    quoted.reserve(items.size());
    for (const auto& s : items) {
        quoted.push_back(json_quote(s));
    }
    return json_array(quoted);
}

}  // namespace sysboot::host
