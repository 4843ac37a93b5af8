// Intel HEX and Motorola S-record input through srecord (libsrecord-dev).
//
// srecord reads named files and reports errors through a `quit` object that normally exits
// the process; here a quit that throws carries the message back as an Error. The bytes are
// handed to srecord through an anonymous memory file (memfd), so parsing never depends on
// the file system and the fuzz target can use the same path.
#include <sys/mman.h>
#include <unistd.h>

#include <fmt/format.h>
#include <srecord/input/file/intel.h>
#include <srecord/quit.h>
#include <srecord/record.h>
#include <cstdarg>
#include <cstdio>

#include "image/image.hpp"

// libsrecord-dev (1.64) ships the Motorola reader in the library but not its header; this
// declares the one static factory it exports (srecord::input_file_motorola::create).
namespace srecord {
class input_file_motorola {
  public:
    static boost::shared_ptr<input_file> create(const std::string& file_name);
};
}  // namespace srecord

namespace sysboot::host {

namespace {

struct ParseFailure {
    std::string message;
};

class ThrowingQuit final : public srecord::quit {
  public:
    void message_v(const char* format, va_list args) override {
        char buf[512];
        std::vsnprintf(buf, sizeof buf, format, args);
        last_ = buf;
    }
    void exit(int) override { throw ParseFailure{last_}; }

  private:
    std::string last_;
};

class MemFile {
  public:
    explicit MemFile(std::span<const uint8_t> bytes) {
        fd_ = ::memfd_create("sysboot-image", MFD_CLOEXEC);
        if (fd_ < 0) {
            return;
        }
        std::size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
            if (n <= 0) {
                ::close(fd_);
                fd_ = -1;
                return;
            }
            done += static_cast<std::size_t>(n);
        }
    }
    ~MemFile() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    MemFile(const MemFile&) = delete;
    MemFile& operator=(const MemFile&) = delete;
    [[nodiscard]] bool ok() const { return fd_ >= 0; }
    [[nodiscard]] std::string path() const { return fmt::format("/proc/self/fd/{}", fd_); }

  private:
    int fd_ = -1;
};

// srecord's messages read "<file>: <line>: <what>" with our memfd path as the file: name
// the user's file instead, and the byte of the file the line starts at (for a checksum
// error, the record's checksum byte: the last two hex digits of the line).
std::string rename_message(std::string msg, const std::string& from, const std::string& to,
                           std::span<const uint8_t> text) {
    if (msg.rfind(from, 0) != 0) {
        return msg;
    }
    std::string rest = msg.substr(from.size());
    unsigned line = 0;
    int used = 0;
    if (std::sscanf(rest.c_str(), ": %u: %n", &line, &used) != 1 || line == 0 || used == 0) {
        return to + rest;
    }
    const std::string what = rest.substr(static_cast<std::size_t>(used));
    std::size_t start = 0;
    for (unsigned l = 1; l < line && start < text.size(); ++start) {
        if (text[start] == '\n') {
            ++l;
        }
    }
    std::size_t end = start;
    while (end < text.size() && text[end] != '\n' && text[end] != '\r') {
        ++end;
    }
    if (what.find("checksum") != std::string::npos && end >= start + 2) {
        return fmt::format("{}: line {}, byte {} (the record's checksum): {}", to, line, end - 2,
                           what);
    }
    return fmt::format("{}: line {} (byte {}): {}", to, line, start, what);
}

}  // namespace

Result<Image> parse_records(std::span<const uint8_t> text, ImageFormat format,
                            const std::string& name) {
    MemFile file(text);
    if (!file.ok()) {
        return make_error(Phase::Image, Cause::Io, name + ": cannot buffer the file");
    }
    Image image;
    image.name = name;
    image.format = format;
    ThrowingQuit quit;
    try {
        auto input = format == ImageFormat::SRecord
                         ? srecord::input_file_motorola::create(file.path())
                         : srecord::input_file_intel::create(file.path());
        input->set_quit(quit);
        srecord::record rec;
        while (input->read(rec)) {
            switch (rec.get_type()) {
                case srecord::record::type_data: {
                    if (rec.get_length() == 0) {
                        break;
                    }
                    const uint64_t addr = rec.get_address();
                    auto& segs = image.segments;
                    // Records usually follow each other: extend the last segment.
                    if (!segs.empty() && segs.back().end() == addr) {
                        segs.back().data.insert(segs.back().data.end(), rec.get_data(),
                                                rec.get_data() + rec.get_length());
                    } else {
                        segs.push_back(
                            Segment{static_cast<uint32_t>(addr),
                                    std::vector<uint8_t>(rec.get_data(),
                                                         rec.get_data() + rec.get_length())});
                    }
                    break;
                }
                case srecord::record::type_execution_start_address:
                    image.entry = static_cast<uint32_t>(rec.get_address());
                    break;
                default:
                    break;  // headers, record counts
            }
        }
        input->reset_quit();
    } catch (const ParseFailure& f) {
        return make_error(Phase::Image, Cause::Invalid,
                          rename_message(f.message, file.path(), name, text));
    }
    if (auto s = normalize(image); !s) {
        return s.error();
    }
    return image;
}

}  // namespace sysboot::host
