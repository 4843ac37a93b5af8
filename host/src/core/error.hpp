// Errors of the host tool: every failure names the phase it happened in, the cause and,
// where there is one, the target address. The protocol layer returns these; only the CLI
// prints them and maps them to exit codes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace sysboot::host {

enum class Phase {
    Usage,
    Image,
    Open,
    Enter,
    Sync,
    Get,
    GetVersion,
    GetId,
    Read,
    Write,
    Erase,
    Go,
    Checksum,
    Verify,
    Plan,
    Output,
};

enum class Cause {
    Timeout,       // no (complete) answer in time
    Nack,          // the ROM answered NACK
    Refused,       // the ROM NACKed a memory command itself: readout protection
    BadResponse,   // an answer that is not what the protocol allows (garbage)
    Disconnected,  // the transport closed
    Io,            // open/read/write failure of the transport or a file
    Mismatch,      // verify found different content
    Invalid,       // bad input (image, arguments, plan)
    Unsupported,   // the ROM does not offer what is needed
    Interrupted,   // SIGINT/SIGTERM: stopped between two complete steps
};

[[nodiscard]] const char* to_string(Phase phase);
[[nodiscard]] const char* to_string(Cause cause);

// Documented process exit codes (see `sysboot --help` and host/README.md).
enum class ExitCode : int {
    Ok = 0,
    Usage = 1,
    Image = 2,
    Transport = 3,
    NoSync = 4,
    Protocol = 5,
    VerifyMismatch = 6,
    Refused = 7,
    Interrupted = 8,
};

struct Error {
    Phase phase;
    Cause cause;
    std::string detail;
    std::optional<uint32_t> address;

    // "write at 0x08000100: NACK (ROM refused the data block)"
    [[nodiscard]] std::string message() const;
    [[nodiscard]] ExitCode exit_code() const;
};

[[nodiscard]] inline Error make_error(Phase phase, Cause cause, std::string detail,
                                      std::optional<uint32_t> address = std::nullopt) {
    return Error{phase, cause, std::move(detail), address};
}

class [[nodiscard]] Status {
  public:
    Status() = default;
    Status(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design

    [[nodiscard]] bool ok() const { return !error_.has_value(); }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const Error& error() const { return *error_; }

  private:
    std::optional<Error> error_;
};

template <class T>
class [[nodiscard]] Result {
  public:
    Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
    Result(Error error) : v_(std::move(error)) {}  // NOLINT: implicit by design

    [[nodiscard]] bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] T& value() { return std::get<0>(v_); }
    [[nodiscard]] const T& value() const { return std::get<0>(v_); }
    [[nodiscard]] T& operator*() { return value(); }
    [[nodiscard]] const T& operator*() const { return value(); }
    [[nodiscard]] T* operator->() { return &value(); }
    [[nodiscard]] const T* operator->() const { return &value(); }
    [[nodiscard]] const Error& error() const { return std::get<1>(v_); }
    [[nodiscard]] Status status() const { return ok() ? Status{} : Status{error()}; }

  private:
    std::variant<T, Error> v_;
};

}  // namespace sysboot::host

// Error propagation without hand-written "if (!s) return s.error();" lines. Inside a function
// that returns Status or Result<U>:
//   SYSBOOT_TRY(client.write_memory(a, block));           // returns the error, if any
//   SYSBOOT_TRY_ASSIGN(const auto id, client.get_id());   // declares id from the value
#define SYSBOOT_TRY(expr)                                \
    do {                                                 \
        if (auto sysboot_try_ = (expr); !sysboot_try_) { \
            return sysboot_try_.error();                 \
        }                                                \
    } while (0)

#define SYSBOOT_TRY_CONCAT_INNER(a, b) a##b
#define SYSBOOT_TRY_CONCAT(a, b) SYSBOOT_TRY_CONCAT_INNER(a, b)
#define SYSBOOT_TRY_ASSIGN(lhs, expr) \
    SYSBOOT_TRY_ASSIGN_IMPL(SYSBOOT_TRY_CONCAT(sysboot_try_result_, __COUNTER__), lhs, expr)
#define SYSBOOT_TRY_ASSIGN_IMPL(tmp, lhs, expr) \
    auto tmp = (expr);                          \
    if (!tmp) {                                 \
        return tmp.error();                     \
    }                                           \
    lhs = std::move(*tmp)
