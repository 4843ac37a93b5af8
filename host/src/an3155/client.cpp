// AN3155 host protocol. Section numbers refer to AN3155; each command follows the order of
// bytes and ACKs in that command's figure.
#include "an3155/client.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <array>

namespace sysboot::an3155 {

using host::Cause;
using host::Error;
using host::make_error;
using host::Phase;

namespace {

bool is_memory_command(Command c) {
    return c == Command::ReadMemory || c == Command::WriteMemory || c == Command::Go ||
           c == Command::ExtendedErase || c == Command::Erase || c == Command::GetChecksum;
}

Error rephase(const Error& e, Phase phase, std::optional<uint32_t> addr) {
    Error out = e;
    out.phase = phase;
    if (!out.address) {
        out.address = addr;
    }
    return out;
}

enum class SyncAnswer { Ack, Nack, Timeout, Garbage, ConsoleText };

// The ROM answers 0x7F with one byte, ACK or NACK (AN3155 "Connection to the bootloader").
// Several bytes of printable text are a running application's console instead (its echo, a
// prompt, a hint): nothing more may be sent into it.
bool is_console_byte(uint8_t b) {
    return (b >= 0x20 && b < 0x7F) || b == '\r' || b == '\n' || b == '\t' || b == 0x08;
}
constexpr std::size_t kConsoleTextBytes = 3;

constexpr uint8_t kUnstickFiller = 0x02;

}  // namespace

bool BootloaderInfo::has(Command c) const {
    return std::find(commands.begin(), commands.end(), code(c)) != commands.end();
}

std::string BootloaderInfo::version_string() const {
    return fmt::format("{}.{}", version >> 4, version & 0x0F);
}

Client::Client(Transport& transport, Clock& clock, Timeouts timeouts)
    : transport_(transport), clock_(clock), timeouts_(timeouts) {}

Status Client::send(Phase phase, std::span<const uint8_t> bytes, std::optional<uint32_t> addr) {
    if (auto s = transport_.write(bytes); !s) {
        return rephase(s.error(), phase, addr);
    }
    return {};
}

Status Client::read_exact(Phase phase, std::span<uint8_t> out, Millis timeout,
                          std::optional<uint32_t> addr, const char* what) {
    std::size_t got = 0;
    // An inter-byte timeout: the deadline moves on while bytes keep arriving.
    auto deadline = clock_.now() + timeout;
    while (got < out.size()) {
        const auto now = clock_.now();
        if (now >= deadline) {
            return make_error(phase, Cause::Timeout,
                              fmt::format("no {} after {} ms (got {} of {} bytes)", what,
                                          timeout.count(), got, out.size()),
                              addr);
        }
        const auto left = std::max(Millis{1}, std::chrono::duration_cast<Millis>(deadline - now));
        auto r = transport_.read(out.subspan(got), left);
        if (!r) {
            return rephase(r.error(), phase, addr);
        }
        if (*r > 0) {
            got += *r;
            deadline = clock_.now() + timeout;
        }
    }
    return {};
}

Status Client::expect_ack(Phase phase, Millis timeout, std::optional<uint32_t> addr,
                          const char* step) {
    uint8_t b = 0;
    SYSBOOT_TRY(read_exact(phase, std::span<uint8_t>(&b, 1), timeout, addr,
                           fmt::format("ACK after {}", step).c_str()));
    if (b == kAck) {
        return {};
    }
    if (b == kNack) {
        return make_error(phase, Cause::Nack, fmt::format("ROM NACKed {}", step), addr);
    }
    return make_error(phase, Cause::BadResponse,
                      fmt::format("expected ACK (0x79) after {}, got 0x{:02X}", step, b), addr);
}

Status Client::command(Command c, Phase phase, std::optional<uint32_t> addr) {
    // Bytes left over from line noise must not be taken as this command's answer.
    transport_.discard_input();
    const std::array<uint8_t, 2> pair{code(c), static_cast<uint8_t>(code(c) ^ 0xFF)};
    SYSBOOT_TRY(send(phase, pair, addr));
    auto s =
        expect_ack(phase, timeouts_.read, addr, fmt::format("command 0x{:02X}", code(c)).c_str());
    if (!s && s.error().cause == Cause::Nack && is_memory_command(c)) {
        // AN3155 §3: with readout protection active the ROM NACKs memory commands.
        return make_error(phase, Cause::Refused,
                          fmt::format("ROM NACKed command 0x{:02X}", code(c)), addr);
    }
    return s;
}

Status Client::send_address(Phase phase, uint32_t address) {
    std::array<uint8_t, 5> frame{};
    put_be32(address, std::span<uint8_t, 4>(frame.data(), 4));
    frame[4] = xor_of(std::span<const uint8_t>(frame.data(), 4));
    SYSBOOT_TRY(send(phase, frame, address));
    return expect_ack(phase, timeouts_.read, address, "the address");
}

namespace {

// After an unexpected byte: collects what follows for a moment, to tell console text from
// line noise. `text` gets the printable bytes.
SyncAnswer classify_garbage(Transport& t, uint8_t first, std::string& text) {
    std::string seen(1, static_cast<char>(first));
    std::array<uint8_t, 64> more{};
    for (int i = 0; i < 8 && seen.size() < 256; ++i) {
        auto r = t.read(more, Millis{30});
        if (!r || *r == 0) {
            break;
        }
        seen.append(more.begin(), more.begin() + static_cast<std::ptrdiff_t>(*r));
    }
    std::size_t printable = 0;
    for (char c : seen) {
        if (!is_console_byte(static_cast<uint8_t>(c))) {
            return SyncAnswer::Garbage;
        }
        if (c >= 0x20 && c < 0x7F) {
            ++printable;
            text += c;
        } else if (!text.empty() && text.back() != ' ') {
            text += ' ';
        }
    }
    return printable >= kConsoleTextBytes ? SyncAnswer::ConsoleText : SyncAnswer::Garbage;
}

// Waits for the ROM's answer to a 0x7F: ACK, NACK, nothing, console text, or other bytes.
SyncAnswer await_sync_answer(Transport& t, Clock& clock, Millis timeout,
                             std::string* console_text = nullptr) {
    const auto deadline = clock.now() + timeout;
    for (;;) {
        const auto now = clock.now();
        if (now >= deadline) {
            return SyncAnswer::Timeout;
        }
        uint8_t b = 0;
        auto r = t.read(std::span<uint8_t>(&b, 1),
                        std::max(Millis{1}, std::chrono::duration_cast<Millis>(deadline - now)));
        if (!r) {
            return SyncAnswer::Garbage;  // caller re-checks the link with the next write
        }
        if (*r == 0) {
            continue;
        }
        if (b == kAck) {
            return SyncAnswer::Ack;
        }
        if (b == kNack) {
            return SyncAnswer::Nack;
        }
        if (b == 0x00) {
            continue;  // a stray 0x00 before the ACK: keep listening
        }
        std::string text;
        const SyncAnswer kind = classify_garbage(t, b, text);
        if (console_text != nullptr) {
            *console_text = text;
        }
        return kind;
    }
}

// Read and drop input until the line has been quiet for `quiet`.
void drain_quiet(Transport& t, Millis quiet) {
    std::array<uint8_t, 64> sink{};
    for (int i = 0; i < 64; ++i) {
        auto r = t.read(sink, quiet);
        if (!r || *r == 0) {
            return;
        }
    }
}

}  // namespace

Result<SyncResult> Client::sync_attempts(int attempts, int& garbage) {
    const std::array<uint8_t, 1> sync_byte{kSync};
    for (int i = 0; i < attempts; ++i) {
        SYSBOOT_TRY(send(Phase::Sync, sync_byte, std::nullopt));
        std::string text;
        const SyncAnswer answer = await_sync_answer(transport_, clock_, timeouts_.read, &text);
        if (answer == SyncAnswer::ConsoleText && !console_text_is_garbage_) {
            while (!text.empty() && text.back() == ' ') {
                text.pop_back();
            }
            return make_error(Phase::Sync, Cause::BadResponse,
                              fmt::format("the application answered (\"{}\"), not the ROM "
                                          "bootloader: add --enter to send it the enter command "
                                          "first; nothing more was sent",
                                          text.substr(0, 80)));
        }
        if ((answer == SyncAnswer::Ack || answer == SyncAnswer::Nack) && i > 0) {
            // More than one 0x7F went out: this answer may belong to an earlier one, and the
            // ROM answers every 0x7F (ACK first, then NACK once synced). Let the late answers
            // arrive and drop them, or the next command would read one as its own.
            drain_quiet(transport_, Millis{100});
        }
        switch (answer) {
            case SyncAnswer::Ack:
                return SyncResult::Fresh;
            case SyncAnswer::Nack:
                return SyncResult::AlreadySynced;
            case SyncAnswer::Garbage:
            case SyncAnswer::ConsoleText:
                ++garbage;
                drain_quiet(transport_, Millis{50});
                break;
            case SyncAnswer::Timeout:
                break;
        }
    }
    return make_error(
        Phase::Sync, Cause::Timeout,
        fmt::format("no answer to 0x7F after {} tries of {} ms", attempts, timeouts_.read.count()));
}

Result<SyncResult> Client::sync() {
    transport_.discard_input();
    int garbage = 0;
    auto first = sync_attempts(timeouts_.sync_attempts, garbage);
    if (first.ok() || first.error().cause != Cause::Timeout) {
        return first;
    }
    if (!unstick_) {
        return make_error(Phase::Sync, Cause::Timeout,
                          first.error().detail +
                              "; is the application still running (add --enter), or the ROM "
                              "on another port?");
    }
    // A ROM left in the middle of a frame (a broken transfer) takes each byte as part of
    // that frame. Complete it with a filler until the ROM answers, then synchronise again.
    // The filler is not 0x7F: a Write Memory frame made only of 0x7F is self-consistent
    // (N-1 = 0x7F, 128 x 0x7F, XOR = 0x7F) and would be programmed. With 0x02 a frame the
    // filler starts always fails: N-1 = 0x02 and three data bytes 0x02 XOR to 0x00, not to
    // the checksum 0x02 (and 3 bytes is no multiple of 4); five fillers are no valid
    // address; sector 0x0202 does not exist; two fillers are never a command pair.
    std::array<uint8_t, 32> burst{};
    burst.fill(kUnstickFiller);
    for (int sent = 0; sent < timeouts_.unstick_bytes; sent += static_cast<int>(burst.size())) {
        SYSBOOT_TRY(send(Phase::Sync, burst, std::nullopt));
        const auto answer =
            await_sync_answer(transport_, clock_, std::min(timeouts_.read, Millis{50}));
        if (answer == SyncAnswer::Ack || answer == SyncAnswer::Nack) {
            drain_quiet(transport_, Millis{50});
            auto again = sync_attempts(3, garbage);
            if (again.ok() || again.error().cause != Cause::Timeout) {
                return again;
            }
            break;
        }
    }
    if (garbage > 0) {
        return make_error(Phase::Sync, Cause::BadResponse,
                          fmt::format("no ACK to 0x7F, only unexpected bytes ({} times); wrong "
                                      "baud rate, or is the application still running?",
                                      garbage));
    }
    return first;
}

Status Client::resync() {
    drain_quiet(transport_, Millis{20});
    // The ROM answered before, so silence now means a frame left open: unstick it.
    const bool unstick = unstick_;
    unstick_ = true;
    auto r = sync();
    unstick_ = unstick;
    if (!r) {
        return r.error();
    }
    return {};
}

Result<BootloaderInfo> Client::get() {
    SYSBOOT_TRY(command(Command::Get, Phase::Get));
    uint8_t n = 0;
    SYSBOOT_TRY(read_exact(Phase::Get, std::span<uint8_t>(&n, 1), timeouts_.read, std::nullopt,
                           "command count"));
    // N+1 bytes follow: the version, then N command codes (AN3155 §3.1).
    std::vector<uint8_t> bytes(static_cast<std::size_t>(n) + 1);
    SYSBOOT_TRY(read_exact(Phase::Get, bytes, timeouts_.read, std::nullopt, "command list"));
    SYSBOOT_TRY(expect_ack(Phase::Get, timeouts_.read, std::nullopt, "the command list"));
    BootloaderInfo info;
    info.version = bytes[0];
    info.commands.assign(bytes.begin() + 1, bytes.end());
    return info;
}

Result<VersionInfo> Client::get_version() {
    SYSBOOT_TRY(command(Command::GetVersion, Phase::GetVersion));
    std::array<uint8_t, 3> b{};
    SYSBOOT_TRY(read_exact(Phase::GetVersion, b, timeouts_.read, std::nullopt, "version"));
    SYSBOOT_TRY(expect_ack(Phase::GetVersion, timeouts_.read, std::nullopt, "the version"));
    return VersionInfo{b[0], b[1], b[2]};
}

Result<uint16_t> Client::get_id() {
    SYSBOOT_TRY(command(Command::GetId, Phase::GetId));
    uint8_t n = 0;
    SYSBOOT_TRY(read_exact(Phase::GetId, std::span<uint8_t>(&n, 1), timeouts_.read, std::nullopt,
                           "ID length"));
    // AN3155 §3.3: N = number of bytes - 1; STM32 PIDs are 2 bytes (N = 1).
    if (n != 1) {
        return make_error(Phase::GetId, Cause::BadResponse,
                          fmt::format("ID length byte {} (expected 1)", n));
    }
    std::array<uint8_t, 2> pid{};
    SYSBOOT_TRY(read_exact(Phase::GetId, pid, timeouts_.read, std::nullopt, "PID"));
    SYSBOOT_TRY(expect_ack(Phase::GetId, timeouts_.read, std::nullopt, "the PID"));
    return static_cast<uint16_t>((pid[0] << 8) | pid[1]);
}

Status Client::read_memory(uint32_t address, std::span<uint8_t> out) {
    if (out.empty() || out.size() > kMaxBlock) {
        return make_error(Phase::Read, Cause::Invalid,
                          fmt::format("read of {} bytes (1..256 per command)", out.size()),
                          address);
    }
    SYSBOOT_TRY(command(Command::ReadMemory, Phase::Read, address));
    SYSBOOT_TRY(send_address(Phase::Read, address));
    const auto n1 = static_cast<uint8_t>(out.size() - 1);
    const std::array<uint8_t, 2> count{n1, static_cast<uint8_t>(n1 ^ 0xFF)};
    SYSBOOT_TRY(send(Phase::Read, count, address));
    SYSBOOT_TRY(expect_ack(Phase::Read, timeouts_.read, address, "the byte count"));
    return read_exact(Phase::Read, out, timeouts_.read, address, "data");
}

void Client::set_write_alignment(uint32_t bytes) {
    write_align_ = std::max(bytes, static_cast<uint32_t>(kWriteAlign));
}

Status Client::write_memory(uint32_t address, std::span<const uint8_t> data) {
    if (data.empty() || data.size() > kMaxBlock || data.size() % kWriteAlign != 0) {
        return make_error(Phase::Write, Cause::Invalid,
                          fmt::format("write of {} bytes (4..256, a multiple of 4)", data.size()),
                          address);
    }
    // AN2606 "Programming constraints": on STM32F7 an unaligned start address fails the
    // write and every later program operation until a reset, so it is never sent.
    if (address % write_align_ != 0) {
        return make_error(Phase::Write, Cause::Invalid,
                          fmt::format("write start not aligned to {} bytes, as this part needs "
                                      "(nothing was sent)",
                                      write_align_),
                          address);
    }
    SYSBOOT_TRY(command(Command::WriteMemory, Phase::Write, address));
    SYSBOOT_TRY(send_address(Phase::Write, address));
    // AN3155 §3.6: N-1, the N bytes, XOR of N-1 and the bytes; one write for the frame.
    std::vector<uint8_t> frame;
    frame.reserve(data.size() + 2);
    frame.push_back(static_cast<uint8_t>(data.size() - 1));
    frame.insert(frame.end(), data.begin(), data.end());
    frame.push_back(xor_of(data, frame[0]));
    SYSBOOT_TRY(send(Phase::Write, frame, address));
    return expect_ack(Phase::Write, timeouts_.write, address, "the data block");
}

Status Client::extended_erase(std::span<const uint16_t> sectors) {
    if (sectors.empty() || sectors.size() > 0xFFF0) {
        return make_error(Phase::Erase, Cause::Invalid, "empty or too long sector list");
    }
    SYSBOOT_TRY(command(Command::ExtendedErase, Phase::Erase));
    // AN3155 §3.8: N-1 on 2 bytes, N sector numbers on 2 bytes each (MSB first), XOR of all.
    std::vector<uint8_t> frame;
    const auto n1 = static_cast<uint16_t>(sectors.size() - 1);
    frame.push_back(static_cast<uint8_t>(n1 >> 8));
    frame.push_back(static_cast<uint8_t>(n1));
    for (uint16_t s : sectors) {
        frame.push_back(static_cast<uint8_t>(s >> 8));
        frame.push_back(static_cast<uint8_t>(s));
    }
    frame.push_back(xor_of(frame));
    SYSBOOT_TRY(send(Phase::Erase, frame, std::nullopt));
    const auto budget = timeouts_.erase_sector * static_cast<int>(sectors.size());
    auto s = expect_ack(Phase::Erase, budget, std::nullopt,
                        fmt::format("the erase of sector{} {}", sectors.size() > 1 ? "s" : "",
                                    fmt::join(sectors, ","))
                            .c_str());
    return s;
}

Status Client::erase(std::span<const uint16_t> pages) {
    // AN3155 §3.7: N-1 on one byte (0xFF would mean a global erase), N one-byte page numbers,
    // XOR of all. Pages above 255 cannot be named with this command.
    if (pages.empty() || pages.size() > 255) {
        return make_error(Phase::Erase, Cause::Invalid, "empty or too long page list");
    }
    for (uint16_t p : pages) {
        if (p > 0xFF) {
            return make_error(Phase::Erase, Cause::Unsupported,
                              fmt::format("page {} cannot be named by Erase (0x43), whose page "
                                          "numbers are one byte (AN3155 §3.7)",
                                          p));
        }
    }
    SYSBOOT_TRY(command(Command::Erase, Phase::Erase));
    std::vector<uint8_t> frame;
    frame.push_back(static_cast<uint8_t>(pages.size() - 1));
    for (uint16_t p : pages) {
        frame.push_back(static_cast<uint8_t>(p));
    }
    frame.push_back(xor_of(frame));
    SYSBOOT_TRY(send(Phase::Erase, frame, std::nullopt));
    const auto budget = timeouts_.erase_sector * static_cast<int>(pages.size());
    return expect_ack(
        Phase::Erase, budget, std::nullopt,
        fmt::format("the erase of page{} {}", pages.size() > 1 ? "s" : "", fmt::join(pages, ","))
            .c_str());
}

Status Client::mass_erase() {
    SYSBOOT_TRY(command(Command::ExtendedErase, Phase::Erase));
    const std::array<uint8_t, 3> frame{0xFF, 0xFF, 0x00};  // 0xFFFF + XOR (AN3155 §3.8)
    SYSBOOT_TRY(send(Phase::Erase, frame, std::nullopt));
    return expect_ack(Phase::Erase, timeouts_.mass_erase, std::nullopt, "the mass erase");
}

Status Client::go(uint32_t address) {
    SYSBOOT_TRY(command(Command::Go, Phase::Go, address));
    return send_address(Phase::Go, address);
}

Result<uint32_t> Client::get_checksum(uint32_t address, uint32_t length) {
    if (length == 0 || length % 4 != 0 || address % 4 != 0) {
        return make_error(Phase::Checksum, Cause::Invalid,
                          fmt::format("checksum of {} bytes (multiple of 4, aligned)", length),
                          address);
    }
    SYSBOOT_TRY(command(Command::GetChecksum, Phase::Checksum, address));
    SYSBOOT_TRY(send_address(Phase::Checksum, address));
    std::array<uint8_t, 5> frame{};
    put_be32(length, std::span<uint8_t, 4>(frame.data(), 4));
    frame[4] = xor_of(std::span<const uint8_t>(frame.data(), 4));
    SYSBOOT_TRY(send(Phase::Checksum, frame, address));
    // Two ACKs: the length is accepted, then the CRC is ready. This is the frame stm32flash
    // 0.7 expects (stm32.c, stm32_crc_memory); the AN3155 §3.13 text could not be checked,
    // see protocol.hpp. The stand-in ROM's engine answers the same frame.
    SYSBOOT_TRY(expect_ack(Phase::Checksum, timeouts_.write, address, "the length"));
    SYSBOOT_TRY(expect_ack(Phase::Checksum, timeouts_.write, address, "the CRC computation"));
    std::array<uint8_t, 5> answer{};
    SYSBOOT_TRY(read_exact(Phase::Checksum, answer, timeouts_.read, address, "CRC"));
    if (xor_of(std::span<const uint8_t>(answer.data(), 4)) != answer[4]) {
        return make_error(Phase::Checksum, Cause::BadResponse, "CRC answer fails its XOR check",
                          address);
    }
    return get_be32(std::span<const uint8_t, 4>(answer.data(), 4));
}

}  // namespace sysboot::an3155
