#include "core/error.hpp"

#include <fmt/format.h>

namespace sysboot::host {

const char* to_string(Phase phase) {
    switch (phase) {
        case Phase::Usage:
            return "usage";
        case Phase::Image:
            return "image";
        case Phase::Open:
            return "open";
        case Phase::Enter:
            return "enter";
        case Phase::Sync:
            return "sync";
        case Phase::Get:
            return "get";
        case Phase::GetVersion:
            return "get-version";
        case Phase::GetId:
            return "get-id";
        case Phase::Read:
            return "read";
        case Phase::Write:
            return "write";
        case Phase::Erase:
            return "erase";
        case Phase::Go:
            return "go";
        case Phase::Checksum:
            return "checksum";
        case Phase::Verify:
            return "verify";
        case Phase::Plan:
            return "plan";
        case Phase::Output:
            return "output";
    }
    return "?";
}

const char* to_string(Cause cause) {
    switch (cause) {
        case Cause::Timeout:
            return "timeout";
        case Cause::Nack:
            return "nack";
        case Cause::Refused:
            return "refused";
        case Cause::BadResponse:
            return "bad-response";
        case Cause::Disconnected:
            return "disconnected";
        case Cause::Io:
            return "io";
        case Cause::Mismatch:
            return "mismatch";
        case Cause::Invalid:
            return "invalid";
        case Cause::Unsupported:
            return "unsupported";
        case Cause::Interrupted:
            return "interrupted";
    }
    return "?";
}

namespace {

const char* describe(Cause cause) {
    switch (cause) {
        case Cause::Timeout:
            return "timeout";
        case Cause::Nack:
            return "NACK from the ROM";
        case Cause::Refused:
            return "refused by the ROM (readout protection active?)";
        case Cause::BadResponse:
            return "unexpected answer";
        case Cause::Disconnected:
            return "connection lost";
        case Cause::Io:
            return "I/O error";
        case Cause::Mismatch:
            return "content differs";
        case Cause::Invalid:
            return "invalid";
        case Cause::Unsupported:
            return "not supported";
        case Cause::Interrupted:
            return "interrupted";
    }
    return "?";
}

}  // namespace

std::string Error::message() const {
    std::string where = to_string(phase);
    if (address) {
        where += fmt::format(" at 0x{:08X}", *address);
    }
    if (detail.empty()) {
        return fmt::format("{}: {}", where, describe(cause));
    }
    return fmt::format("{}: {} ({})", where, describe(cause), detail);
}

ExitCode Error::exit_code() const {
    switch (cause) {
        case Cause::Disconnected:
        case Cause::Io:
            return phase == Phase::Image ? ExitCode::Image : ExitCode::Transport;
        case Cause::Mismatch:
            return ExitCode::VerifyMismatch;
        case Cause::Refused:
            return ExitCode::Refused;
        case Cause::Interrupted:
            return ExitCode::Interrupted;
        case Cause::Invalid:
            if (phase == Phase::Usage) {
                return ExitCode::Usage;
            }
            return phase == Phase::Image || phase == Phase::Plan ? ExitCode::Image
                                                                 : ExitCode::Protocol;
        case Cause::Timeout:
            return ExitCode::NoSync;
        case Cause::Nack:
        case Cause::BadResponse:
        case Cause::Unsupported:
            // A sync that only ever saw garbage is still "no sync".
            return phase == Phase::Sync ? ExitCode::NoSync : ExitCode::Protocol;
    }
    return ExitCode::Protocol;
}

}  // namespace sysboot::host
