#include "auth/challenge.hpp"

#include <fmt/format.h>

#include <array>
#include <sstream>

#include "sysboot/auth.h"

namespace sysboot::host::auth {

namespace {

std::optional<std::vector<uint8_t>> decode_hex(const std::string& text) {
    if (text.size() % 2 != 0) {
        return std::nullopt;
    }
    std::vector<uint8_t> out;
    for (std::size_t i = 0; i < text.size(); i += 2) {
        unsigned v = 0;
        for (std::size_t j = i; j < i + 2; ++j) {
            const char c = text[j];
            const int d = c >= '0' && c <= '9'   ? c - '0'
                          : c >= 'a' && c <= 'f' ? c - 'a' + 10
                          : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                 : -1;
            if (d < 0) {
                return std::nullopt;
            }
            v = v << 4 | static_cast<unsigned>(d);
        }
        out.push_back(static_cast<uint8_t>(v));
    }
    return out;
}

std::string encode_hex(const uint8_t* p, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out += fmt::format("{:02x}", p[i]);
    }
    return out;
}

// Lines from the console, each waited for at most `timeout`.
class LineReader {
  public:
    LineReader(Transport& t, Clock& clock) : t_(t), clock_(clock) {}

    Result<std::optional<std::string>> next(Millis timeout) {
        const auto deadline = clock_.now() + timeout;
        for (;;) {
            if (const auto nl = pending_.find('\n'); nl != std::string::npos) {
                std::string line = pending_.substr(0, nl);
                pending_.erase(0, nl + 1);
                if (!line.empty() && line.back() == '\r') {
                    line.pop_back();
                }
                return std::optional<std::string>(std::move(line));
            }
            const auto left = std::chrono::duration_cast<Millis>(deadline - clock_.now());
            if (left <= Millis{0}) {
                return std::optional<std::string>();
            }
            std::array<uint8_t, 256> buf{};
            auto n = t_.read(buf, left);
            if (!n) {
                Error e = n.error();
                e.phase = Phase::Enter;
                return e;
            }
            if (*n == 0) {
                return std::optional<std::string>();  // the transport waited `left` in vain
            }
            pending_.append(reinterpret_cast<const char*>(buf.data()), *n);
        }
    }

  private:
    Transport& t_;
    Clock& clock_;
    std::string pending_;
};

std::string after(const std::string& line, const std::string& marker) {
    const auto at = line.find(marker);
    return at == std::string::npos ? std::string() : line.substr(at + marker.size());
}

Error refused(const std::string& what, const std::string& why) {
    return make_error(Phase::Enter, Cause::Refused, fmt::format("{}: {}", what, why));
}

Error no_answer(const std::string& what) {
    return make_error(Phase::Enter, Cause::Timeout, what);
}

// Reads lines until the challenge; nullopt (no error) when the application entered anyway.
Result<std::optional<Challenge>> wait_for_challenge(LineReader& lines, Millis timeout,
                                                    const Trace& trace) {
    for (;;) {
        SYSBOOT_TRY_ASSIGN(const auto line, lines.next(timeout));
        if (!line) {
            return no_answer(
                "no auth-challenge from the application; is it built with a key "
                "(SYSBOOT_APP_KEY_FILE) and is --enter-command right?");
        }
        if (auto c = parse_challenge(*line)) {
            trace(fmt::format("challenge for \"{}\" from device {}", c->purpose,
                              encode_hex(c->uid.data(), c->uid.size())));
            return std::optional<Challenge>(std::move(*c));
        }
        if (const auto why = after(*line, "auth: refused: "); !why.empty()) {
            return refused("the application issued no challenge", why);
        }
        if (const auto why = after(*line, "bootloader: refused: "); !why.empty()) {
            return refused("the application refused to enter the ROM", why);
        }
        if (line->find("bootloader: entering") != std::string::npos) {
            trace("the application entered the ROM without asking for a response");
            return std::optional<Challenge>();
        }
    }
}

}  // namespace

std::optional<Challenge> parse_challenge(const std::string& line) {
    const auto at = line.find("auth-challenge ");
    if (at == std::string::npos) {
        return std::nullopt;
    }
    std::istringstream words(line.substr(at + 15));
    std::string word;
    Challenge c;
    bool have_nonce = false;
    bool have_uid = false;
    bool have_purpose = false;
    while (words >> word) {
        if (have_purpose) {
            c.purpose += " " + word;  // the purpose is the rest of the line
        } else if (word.rfind("nonce=", 0) == 0) {
            auto v = decode_hex(word.substr(6));
            have_nonce = v && v->size() == SYSBOOT_AUTH_CHALLENGE_SIZE;
            c.nonce = v.value_or(std::vector<uint8_t>{});
        } else if (word.rfind("uid=", 0) == 0) {
            auto v = decode_hex(word.substr(4));
            have_uid = v && v->size() <= SYSBOOT_AUTH_MAX_UID_SIZE;
            c.uid = v.value_or(std::vector<uint8_t>{});
        } else if (word.rfind("purpose=", 0) == 0) {
            c.purpose = word.substr(8);
            have_purpose = true;
        }
    }
    if (!have_nonce || !have_uid || !have_purpose || c.purpose.empty() ||
        c.purpose.size() > SYSBOOT_AUTH_MAX_PURPOSE) {
        return std::nullopt;
    }
    return c;
}

std::string response_line(const Key& key, const Challenge& challenge) {
    std::array<uint8_t, SYSBOOT_AUTH_RESPONSE_SIZE> mac{};
    sysboot_auth_response(key.bytes().data(), key.bytes().size(), challenge.nonce.data(),
                          challenge.uid.data(), challenge.uid.size(), challenge.purpose.data(),
                          challenge.purpose.size(), mac.data());
    return "auth-response " + encode_hex(mac.data(), mac.size()) + "\r\n";
}

Status answer_challenge(Transport& console, const Key& key, Clock& clock, Millis timeout,
                        const Trace& trace) {
    LineReader lines(console, clock);
    SYSBOOT_TRY_ASSIGN(const auto challenge, wait_for_challenge(lines, timeout, trace));
    if (!challenge) {
        return {};
    }
    trace("answering the challenge with the " + key.describe());
    const std::string answer = response_line(key, *challenge);
    if (auto s = console.write({reinterpret_cast<const uint8_t*>(answer.data()), answer.size()});
        !s) {
        Error e = s.error();
        e.phase = Phase::Enter;
        return e;
    }
    for (;;) {
        SYSBOOT_TRY_ASSIGN(const auto line, lines.next(timeout));
        if (!line) {
            return no_answer("the application did not say whether it accepted the response");
        }
        if (line->find("auth: ok") != std::string::npos) {
            trace("the application accepted the response");
            return {};
        }
        if (const auto why = after(*line, "auth: refused: "); !why.empty()) {
            return refused("the application refused the response", why);
        }
        if (line->find("unknown command: auth-response") != std::string::npos) {
            return refused("the application refused the response", "it has no auth-response");
        }
    }
}

}  // namespace sysboot::host::auth
