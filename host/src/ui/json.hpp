// Minimal JSON output for --json (objects, arrays, strings, numbers, booleans).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sysboot::host {

[[nodiscard]] std::string json_quote(std::string_view s);

class JsonObject {
  public:
    JsonObject& add(std::string_view key, std::string_view value);
    JsonObject& add(std::string_view key, const char* value) {
        return add(key, std::string_view(value));
    }
    JsonObject& add(std::string_view key, const std::string& value) {
        return add(key, std::string_view(value));
    }
    JsonObject& add(std::string_view key, bool value);
    JsonObject& add(std::string_view key, int64_t value);
    JsonObject& add(std::string_view key, uint64_t value);
    JsonObject& add(std::string_view key, int value) { return add(key, int64_t{value}); }
    JsonObject& add(std::string_view key, unsigned value) { return add(key, uint64_t{value}); }
    JsonObject& add(std::string_view key, double value);
    // `json` must already be valid JSON (an object or array built with these helpers).
    JsonObject& add_raw(std::string_view key, std::string json);
    // Appends every member of `other`, in its order.
    JsonObject& append(const JsonObject& other);
    [[nodiscard]] std::string str() const { return "{" + body_ + "}"; }

  private:
    void key(std::string_view k);
    std::string body_;
};

[[nodiscard]] std::string json_array(const std::vector<std::string>& raw_items);
[[nodiscard]] std::string json_string_array(const std::vector<std::string>& items);

}  // namespace sysboot::host
