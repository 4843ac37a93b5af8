#include "cli/cli.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <fstream>

#include "an3155/client.hpp"
#include "auth/enter.hpp"
#include "device/part.hpp"
#include "image/image.hpp"
#include "ops/flash.hpp"
#include "ui/json.hpp"
#include "ui/progress.hpp"

namespace sysboot::host {

const char* exit_code_help() {
    return "Exit codes:\n"
           "  0  success\n"
           "  1  usage error: bad command, option or argument\n"
           "  2  image error: unreadable or invalid file, overlapping data, data outside\n"
           "     the part's flash (nothing is sent to the device)\n"
           "  3  transport error: the port cannot be opened, or the connection was lost\n"
           "  4  no answer: no sync with the ROM bootloader, or a timeout\n"
           "  5  protocol error: NACK or unexpected answer, or a command the ROM lacks\n"
           "  6  verify failed: the device content differs from the image\n"
           "  7  refused by the device: readout protection (RDP) is active\n";
}

std::optional<uint32_t> parse_number(const std::string& text) {
    if (text.empty()) {
        return std::nullopt;
    }
    std::string digits = text;
    uint64_t scale = 1;
    const char last = digits.back();
    const bool hex =
        digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X');
    if (!hex && (last == 'k' || last == 'K')) {
        scale = 1024;
        digits.pop_back();
    } else if (!hex && (last == 'm' || last == 'M')) {
        scale = 1024 * 1024;
        digits.pop_back();
    }
    if (digits.empty() || digits[0] == '-' || digits[0] == '+') {
        return std::nullopt;
    }
    std::size_t used = 0;
    uint64_t value = 0;
    try {
        value = std::stoull(digits, &used, 0);
    } catch (const std::exception&) {
        return std::nullopt;
    }
    if (used != digits.size() || value > 0xFFFFFFFFull / scale) {
        return std::nullopt;
    }
    return static_cast<uint32_t>(value * scale);
}

std::optional<std::vector<uint16_t>> parse_sector_list(const std::string& text) {
    std::vector<uint16_t> out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const auto comma = text.find(',', pos);
        const std::string item =
            text.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
        const auto dash = item.find('-');
        const auto a = parse_number(item.substr(0, dash));
        const auto b = dash == std::string::npos ? a : parse_number(item.substr(dash + 1));
        if (!a || !b || *a > *b || *b > 0xFFEF) {
            return std::nullopt;
        }
        for (uint32_t k = *a; k <= *b; ++k) {
            if (std::find(out.begin(), out.end(), k) == out.end()) {
                out.push_back(static_cast<uint16_t>(k));
            }
        }
        if (comma == std::string::npos) {
            break;
        }
        pos = comma + 1;
    }
    if (out.empty()) {
        return std::nullopt;
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string unescape(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\' || i + 1 == text.size()) {
            out += text[i];
            continue;
        }
        const char c = text[++i];
        switch (c) {
            case 'r':
                out += '\r';
                break;
            case 'n':
                out += '\n';
                break;
            case 't':
                out += '\t';
                break;
            case '\\':
                out += '\\';
                break;
            case 'x':
                if (i + 2 < text.size() + 0 &&
                    std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
                    std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
                    out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
                    i += 2;
                    break;
                }
                [[fallthrough]];
            default:
                out += '\\';
                out += c;
        }
    }
    return out;
}

namespace {

using an3155::BootloaderInfo;
using an3155::Client;
using an3155::Command;

struct Options {
    // global
    std::string port;
    unsigned baud = 57600;
    int timeout_ms = 500;
    int write_timeout_ms = 1000;
    int erase_timeout_ms = 5000;
    int mass_erase_timeout_ms = 35000;
    int sync_attempts = 5;
    int retries = 3;
    bool json = false;
    bool quiet = false;
    bool verbose = false;
    std::string flash_base;
    std::string pid;
    std::string enter_command = "bootloader\\r\\n";
    int enter_delay_ms = 200;
    std::string enter_port;  // the application's console when it is not the ROM's port
    unsigned enter_baud = 0;
    std::string enter_parity = "none";
    std::string key_file;  // --key: answer the application's challenge (auth/enter.hpp)
    // commands
    std::string file;
    std::string address;
    std::string verify = "auto";
    std::string method = "auto";
    bool go = true;
    bool enter = false;
    bool resume = false;
    std::string go_address;
    std::string read_address;
    std::string read_length;
    std::string output = "-";
    std::string sectors;
    bool all = false;
    std::string go_target;
};

const char* command_name(Command c) {
    switch (c) {
        case Command::Get:
            return "Get";
        case Command::GetVersion:
            return "Get Version";
        case Command::GetId:
            return "Get ID";
        case Command::ReadMemory:
            return "Read Memory";
        case Command::Go:
            return "Go";
        case Command::WriteMemory:
            return "Write Memory";
        case Command::Erase:
            return "Erase";
        case Command::ExtendedErase:
            return "Extended Erase";
        case Command::WriteProtect:
            return "Write Protect";
        case Command::WriteUnprotect:
            return "Write Unprotect";
        case Command::ReadoutProtect:
            return "Readout Protect";
        case Command::ReadoutUnprotect:
            return "Readout Unprotect";
        case Command::GetChecksum:
            return "Get Checksum";
    }
    return "?";
}

std::string hex32(uint32_t v) {
    return fmt::format("0x{:08X}", v);
}

std::string sector_list_text(const std::vector<uint16_t>& sectors) {
    if (sectors.empty()) {
        return "none";
    }
    std::string out;
    for (std::size_t i = 0; i < sectors.size(); ++i) {
        std::size_t j = i;
        while (j + 1 < sectors.size() && sectors[j + 1] == sectors[j] + 1) {
            ++j;
        }
        if (!out.empty()) {
            out += ',';
        }
        out += j > i ? fmt::format("{}-{}", sectors[i], sectors[j]) : fmt::format("{}", sectors[i]);
        i = j;
    }
    return out;
}

std::string sector_map_text(const an3155::SectorMap& map) {
    std::string out;
    for (const auto& g : map.groups) {
        if (!out.empty()) {
            out += ", ";
        }
        out += fmt::format("{}x{}K", g.count, g.size / 1024);
    }
    return out;
}

std::string json_u16_array(const std::vector<uint16_t>& v) {
    std::vector<std::string> items;
    for (auto x : v) {
        items.push_back(std::to_string(x));
    }
    return json_array(items);
}

class Runner {
  public:
    Runner(CliEnvironment& env, Options& o) : env_(env), o_(o) { start_ = env_.clock.now(); }

    int run(const std::string& command) {
        command_ = command;
        progress_ = make_progress();
        if (command == "enter") {
            return cmd_enter();
        }
        if (command == "info") {
            return cmd_info();
        }
        if (command == "flash") {
            return cmd_flash();
        }
        if (command == "read") {
            return cmd_read();
        }
        if (command == "erase") {
            return cmd_erase();
        }
        if (command == "verify") {
            return cmd_verify();
        }
        if (command == "go") {
            return cmd_go();
        }
        return fail(make_error(Phase::Usage, Cause::Invalid, "unknown command " + command));
    }

  private:
    std::unique_ptr<Progress> make_progress() {
        if (env_.err_is_tty && !o_.quiet && !o_.json) {
            return std::make_unique<BarProgress>(env_.err, env_.clock);
        }
        return std::make_unique<NullProgress>();
    }

    void note(const std::string& text) {
        if (!o_.quiet) {
            env_.err << text << '\n';
        }
    }

    void trace(const std::string& text) {
        if (o_.verbose) {
            env_.err << "sysboot: " << text << '\n';
        }
    }

    int fail(const Error& e) {
        const auto code = static_cast<int>(e.exit_code());
        env_.err << "sysboot: error: " << e.message() << '\n';
        if (o_.json) {
            JsonObject err;
            err.add("phase", to_string(e.phase)).add("cause", to_string(e.cause));
            if (e.address) {
                err.add("address", hex32(*e.address));
            }
            err.add("message", e.message());
            JsonObject top;
            top.add("ok", false).add("command", command_).add("exit_code", code);
            top.add_raw("error", err.str());
            add_wire(top);
            env_.out << top.str() << '\n';
        }
        return code;
    }

    void add_wire(JsonObject& obj) {
        if (tap_) {
            JsonObject wire;
            wire.add("tx", tap_->stats().tx).add("rx", tap_->stats().rx);
            obj.add_raw("wire", wire.str());
        }
        obj.add("seconds", std::chrono::duration<double>(env_.clock.now() - start_).count());
    }

    an3155::Timeouts timeouts() const {
        an3155::Timeouts t;
        t.read = Millis{o_.timeout_ms};
        t.write = Millis{o_.write_timeout_ms};
        t.erase_sector = Millis{o_.erase_timeout_ms};
        t.mass_erase = Millis{o_.mass_erase_timeout_ms};
        t.sync_attempts = o_.sync_attempts;
        return t;
    }

    Status open_port() {
        SerialSettings settings;
        settings.baud = o_.baud;
        settings.parity = Parity::Even;
        auto t = env_.open_port(o_.port, settings);
        if (!t) {
            Error e = t.error();
            if (e.phase != Phase::Usage) {
                e.phase = Phase::Open;
            }
            return e;
        }
        port_ = std::move(*t);
        TapTransport::Logger logger;
        if (o_.verbose) {
            logger = [this](const std::string& line) {
                const double t = std::chrono::duration<double>(env_.clock.now() - start_).count();
                env_.err << fmt::format("[{:9.3f}] {}\n", t, line);
            };
        }
        tap_ = std::make_unique<TapTransport>(*port_, std::move(logger));
        client_ = std::make_unique<Client>(*tap_, env_.clock, timeouts());
        trace("opened " + port_->name());
        return {};
    }

    // Ask the running application to jump to the ROM (its console command), then switch
    // the line to the ROM's framing. The application's echo is discarded.
    // The application's console is often not wired to the ROM: on the Nucleo-144 boards the
    // ST-LINK VCP is USART3 on PD8/PD9, the ROM listens on PB10/PB11 (docs/boards.md). Then
    // the command goes to --enter-port and the ROM is reached on --port.
    Status send_enter_elsewhere(const std::string& command, const auth::EnterAuth& auth) {
        SerialSettings settings;
        settings.baud = o_.enter_baud != 0 ? o_.enter_baud : o_.baud;
        settings.parity = o_.enter_parity == "even" ? Parity::Even : Parity::None;
        auto console = env_.open_port(o_.enter_port, settings);
        if (!console) {
            Error e = console.error();
            e.phase = Phase::Enter;
            return e;
        }
        trace("opened " + (*console)->name() + " for the enter command");
        const std::vector<uint8_t> bytes(command.begin(), command.end());
        if (auto s = (*console)->write(bytes); !s) {
            Error e = s.error();
            e.phase = Phase::Enter;
            return e;
        }
        SYSBOOT_TRY(auth.answer(**console, env_.clock, [this](const auto& t) { trace(t); }));
        env_.clock.sleep_for(Millis{o_.enter_delay_ms});
        tap_->discard_input();
        return {};
    }

    Status send_enter() {
        const std::string command = unescape(o_.enter_command);
        trace(fmt::format("sending enter command \"{}\"", o_.enter_command));
        SYSBOOT_TRY_ASSIGN(const auto auth, auth::EnterAuth::from_option(o_.key_file));
        if (!o_.enter_port.empty()) {
            return send_enter_elsewhere(command, auth);
        }
        if (o_.enter_baud != 0) {
            if (auto s = tap_->set_baudrate(o_.enter_baud); !s) {
                return s;
            }
        }
        if (auto s = tap_->set_parity(o_.enter_parity == "even" ? Parity::Even : Parity::None);
            !s) {
            return s;
        }
        const std::vector<uint8_t> bytes(command.begin(), command.end());
        if (auto s = tap_->write(bytes); !s) {
            Error e = s.error();
            e.phase = Phase::Enter;
            return e;
        }
        SYSBOOT_TRY(auth.answer(*tap_, env_.clock, [this](const auto& t) { trace(t); }));
        env_.clock.sleep_for(Millis{o_.enter_delay_ms});
        if (o_.enter_baud != 0) {
            if (auto s = tap_->set_baudrate(o_.baud); !s) {
                return s;
            }
        }
        if (auto s = tap_->set_parity(Parity::Even); !s) {
            return s;
        }
        tap_->discard_input();
        return {};
    }

    // Open, (enter,) sync, Get; with `need_part` also Get ID and the part table.
    Status connect(bool enter_first, bool need_part) {
        if (auto s = open_port(); !s) {
            return s;
        }
        if (enter_first) {
            if (auto s = send_enter(); !s) {
                return s;
            }
        }
        auto sync = client_->sync();
        if (!sync) {
            Error e = sync.error();
            if (enter_first) {
                e.detail += "; did the application accept the enter command?";
            }
            return e;
        }
        trace(*sync == an3155::SyncResult::Fresh ? "ROM synchronised (ACK)"
                                                 : "ROM was already synchronised (NACK to 0x7F)");
        auto info = client_->get();
        if (!info) {
            return info.error();
        }
        info_ = *info;
        if (!need_part) {
            return {};
        }
        return identify();
    }

    Status identify() {
        if (!o_.pid.empty()) {
            const auto v = parse_number(o_.pid);
            if (!v || *v > 0xFFFF) {
                return make_error(Phase::Usage, Cause::Invalid, "--pid: not a 16-bit number");
            }
            pid_ = static_cast<uint16_t>(*v);
        } else {
            auto id = client_->get_id();
            if (!id) {
                return id.error();
            }
            pid_ = *id;
        }
        part_ = find_part(pid_);
        if (!part_) {
            return make_error(Phase::GetId, Cause::Unsupported,
                              fmt::format("unknown part PID 0x{:03X} (known: 0x449, 0x451, "
                                          "0x452); use --pid to name one",
                                          pid_));
        }
        if (!o_.flash_base.empty()) {
            const auto base = parse_number(o_.flash_base);
            if (!base) {
                return make_error(Phase::Usage, Cause::Invalid, "--flash-base: not a number");
            }
            part_->flash_base = *base;
        }
        trace(fmt::format("part {} (PID 0x{:03X}), flash 0x{:08X}, {} KiB", part_->name, pid_,
                          part_->flash_base, part_->flash_size() / 1024));
        return {};
    }

    Result<Image> load(const std::string& path) {
        std::optional<uint32_t> bin_address;
        if (!o_.address.empty()) {
            bin_address = parse_number(o_.address);
            if (!bin_address) {
                return make_error(Phase::Usage, Cause::Invalid, "--address: not a number");
            }
        }
        auto image = load_image(path, bin_address);
        if (image) {
            trace(fmt::format("{}: {} segment(s), {} bytes", path, image->segments.size(),
                              image->total_bytes()));
        }
        return image;
    }

    std::string image_json(const Image& image) const {
        std::vector<std::string> segs;
        for (const auto& s : image.segments) {
            JsonObject seg;
            seg.add("address", hex32(s.address)).add("size", uint64_t{s.data.size()});
            segs.push_back(seg.str());
        }
        JsonObject obj;
        obj.add("file", image.name)
            .add("format", to_string(image.format))
            .add("bytes", uint64_t{image.total_bytes()})
            .add_raw("segments", json_array(segs));
        return obj.str();
    }

    std::string part_json() const {
        JsonObject p;
        p.add("name", part_->name)
            .add("pid", fmt::format("0x{:03X}", pid_))
            .add("flash_base", hex32(part_->flash_base))
            .add("flash_size", uint64_t{part_->flash_size()});
        return p.str();
    }

    Session session() { return Session{*client_, info_, *part_, *progress_}; }

    // ---------------------------------------------------------------- commands

    int cmd_enter() {
        if (auto s = connect(true, false); !s) {
            return fail(s.error());
        }
        if (o_.json) {
            JsonObject top;
            top.add("ok", true).add("command", "enter").add("port", port_->name());
            top.add("bootloader_version", info_.version_string());
            add_wire(top);
            env_.out << top.str() << '\n';
        } else if (!o_.quiet) {
            env_.out << fmt::format("ROM bootloader v{} ready on {}\n", info_.version_string(),
                                    port_->name());
        }
        return 0;
    }

    int cmd_info() {
        if (auto s = connect(o_.enter, false); !s) {
            return fail(s.error());
        }
        auto version = client_->get_version();
        if (!version) {
            return fail(version.error());
        }
        auto id = client_->get_id();
        if (!id) {
            return fail(id.error());
        }
        pid_ = *id;
        const auto part = find_part(pid_);
        // Readout protection: a ROM at RDP level 1 NACKs Read Memory (AN3155 §3.4).
        std::string rdp = "unknown (Read Memory not offered)";
        bool readable = false;
        if (info_.has(Command::ReadMemory)) {
            uint32_t base = part ? part->flash_base : 0x08000000;
            if (!o_.flash_base.empty()) {
                if (auto b = parse_number(o_.flash_base)) {
                    base = *b;
                }
            }
            std::array<uint8_t, 4> word{};
            auto s = client_->read_memory(base, word);
            if (s) {
                rdp = "0 (flash readable)";
                readable = true;
            } else if (s.error().cause == Cause::Refused) {
                rdp = "1 or 2 (memory commands refused)";
            } else {
                return fail(s.error());
            }
        }
        std::vector<std::string> codes;
        std::vector<std::string> names;
        for (uint8_t c : info_.commands) {
            codes.push_back(fmt::format("0x{:02X}", c));
            names.push_back(fmt::format("0x{:02X} {}", c, command_name(static_cast<Command>(c))));
        }
        if (o_.json) {
            JsonObject top;
            top.add("ok", true).add("command", "info").add("port", port_->name());
            top.add("pid", fmt::format("0x{:03X}", pid_));
            top.add("part", part ? part->name : "unknown");
            if (part) {
                top.add("flash_size", uint64_t{part->flash_size()});
                top.add("sectors", uint64_t{part->sectors.count()});
            }
            top.add("bootloader_version", info_.version_string());
            top.add_raw("commands", json_string_array(codes));
            top.add("get_checksum", info_.has(Command::GetChecksum));
            top.add("option_bytes",
                    fmt::format("0x{:02X} 0x{:02X}", version->option1, version->option2));
            top.add("readable", readable).add("rdp", rdp);
            add_wire(top);
            env_.out << top.str() << '\n';
            return 0;
        }
        auto& out = env_.out;
        out << fmt::format("port         {}\n", port_->name());
        out << fmt::format("part         {} (PID 0x{:03X})\n", part ? part->name : "unknown", pid_);
        if (part) {
            out << fmt::format("flash        {} KiB, {} sectors ({})\n", part->flash_size() / 1024,
                               part->sectors.count(), sector_map_text(part->sectors));
        }
        out << fmt::format("bootloader   v{} (0x{:02X})\n", info_.version_string(), info_.version);
        out << fmt::format("commands     {}\n", fmt::join(names, ", "));
        out << fmt::format("option bytes 0x{:02X} 0x{:02X}\n", version->option1, version->option2);
        out << fmt::format("RDP level    {}\n", rdp);
        return 0;
    }

    // Ok when the image fits the flash of at least one candidate part (the --pid one, or any
    // known part), with --flash-base applied; else the error for the largest candidate.
    Status fits_some_part(const Image& image) {
        std::optional<uint32_t> base;
        if (!o_.flash_base.empty()) {
            base = parse_number(o_.flash_base);
            if (!base) {
                return make_error(Phase::Usage, Cause::Invalid, "--flash-base: not a number");
            }
        }
        std::optional<uint32_t> pid;
        if (!o_.pid.empty()) {
            pid = parse_number(o_.pid);
        }
        std::optional<Error> largest_error;
        uint32_t largest = 0;
        for (Part part : known_parts()) {
            if (pid && part.pid != *pid) {
                continue;
            }
            if (base) {
                part.flash_base = *base;
            }
            auto plan = make_plan(image, part);
            if (plan) {
                return {};
            }
            if (part.flash_size() >= largest) {
                largest = part.flash_size();
                largest_error = plan.error();
            }
        }
        if (largest_error) {
            return *largest_error;
        }
        return {};  // no candidate (unknown --pid): identify() will say so
    }

    // flash and verify both start here: read the image (before touching the device), reach
    // the ROM and identify the part, then map the image onto its flash.
    struct Prepared {
        Image image;
        FlashPlan plan;
    };
    Result<Prepared> prepare() {
        auto image = load(o_.file);
        if (!image) {
            return image.error();
        }
        // The part is known only after Get ID, but an image that fits no part we could find
        // is refused now: before the application is told to enter the ROM, before any byte.
        if (auto fits = fits_some_part(*image); !fits) {
            return fits.error();
        }
        if (auto s = connect(o_.enter, true); !s) {
            return s.error();
        }
        auto plan = make_plan(*image, *part_);
        if (!plan) {
            return plan.error();
        }
        return Prepared{std::move(*image), std::move(*plan)};
    }

    int cmd_flash() {
        auto prepared = prepare();
        if (!prepared) {
            return fail(prepared.error());
        }
        const Image* image = &prepared->image;
        const FlashPlan* plan = &prepared->plan;
        trace(fmt::format("plan: {} blocks in sector(s) {}", plan->blocks.size(),
                          sector_list_text(plan->sectors)));
        FlashOptions options;
        options.verify = o_.verify == "crc"        ? VerifyMode::Crc
                         : o_.verify == "readback" ? VerifyMode::Readback
                         : o_.verify == "none"     ? VerifyMode::None
                                                   : VerifyMode::Auto;
        options.resume = o_.resume;
        options.retries = o_.retries;
        auto sess = session();
        auto report = flash(sess, *plan, options);
        if (!report) {
            return fail(report.error());
        }
        std::optional<uint32_t> go_address;
        if (o_.go) {
            go_address = image->lowest_address();
            if (!o_.go_address.empty()) {
                go_address = parse_number(o_.go_address);
                if (!go_address) {
                    return fail(
                        make_error(Phase::Usage, Cause::Invalid, "--go-address: not a number"));
                }
            }
            if (auto s = client_->go(*go_address); !s) {
                return fail(s.error());
            }
        }
        const double secs = std::chrono::duration<double>(env_.clock.now() - start_).count();
        if (o_.json) {
            JsonObject top;
            top.add("ok", true).add("command", "flash");
            top.add_raw("image", image_json(*image));
            top.add_raw("part", part_json());
            top.add_raw("erased_sectors", json_u16_array(report->erased));
            top.add_raw("kept_sectors", json_u16_array(report->kept));
            top.add("blocks_written", uint64_t{report->blocks_written});
            top.add("bytes_written", report->bytes_written);
            top.add("blocks_blank", uint64_t{report->blocks_blank});
            top.add("blocks_present", uint64_t{report->blocks_present});
            top.add("recoveries", uint64_t{report->recoveries});
            top.add("verify", to_string(report->verified_with));
            top.add("bytes_verified", report->bytes_verified);
            if (go_address) {
                top.add("go", hex32(*go_address));
            } else {
                top.add_raw("go", "null");
            }
            add_wire(top);
            env_.out << top.str() << '\n';
            return 0;
        }
        if (o_.quiet) {
            return 0;
        }
        auto& out = env_.out;
        uint64_t erased_bytes = 0;
        for (auto s : report->erased) {
            erased_bytes += part_->sectors.size_of(s);
        }
        out << fmt::format("flashed {} ({}, {} segment{}, {}) to {}\n", image->name,
                           to_string(image->format), image->segments.size(),
                           image->segments.size() == 1 ? "" : "s",
                           human_bytes(static_cast<double>(image->total_bytes())), part_->name);
        out << fmt::format("  erased   sector{} {} ({})\n", report->erased.size() == 1 ? "" : "s",
                           sector_list_text(report->erased),
                           human_bytes(static_cast<double>(erased_bytes)));
        if (!report->kept.empty()) {
            out << fmt::format("  resumed  sector{} {} kept, {} block{} already in place\n",
                               report->kept.size() == 1 ? "" : "s", sector_list_text(report->kept),
                               report->blocks_present, report->blocks_present == 1 ? "" : "s");
        }
        out << fmt::format("  wrote    {} block{} ({}), skipped {} blank\n", report->blocks_written,
                           report->blocks_written == 1 ? "" : "s",
                           human_bytes(static_cast<double>(report->bytes_written)),
                           report->blocks_blank);
        if (report->verified_with == VerifyMode::None) {
            out << "  verify   skipped (--verify none)\n";
        } else {
            out << fmt::format("  verified {} by {}\n",
                               human_bytes(static_cast<double>(report->bytes_verified)),
                               to_string(report->verified_with));
        }
        if (go_address) {
            out << fmt::format("  started  at 0x{:08X}\n", *go_address);
        }
        out << fmt::format("  wire     {} sent, {} received in {:.1f} s\n",
                           human_bytes(static_cast<double>(tap_->stats().tx)),
                           human_bytes(static_cast<double>(tap_->stats().rx)), secs);
        return 0;
    }

    int cmd_read() {
        const auto address = parse_number(o_.read_address);
        const auto length = parse_number(o_.read_length);
        if (!address || !length || *length == 0) {
            return fail(make_error(Phase::Usage, Cause::Invalid,
                                   "read ADDR LEN: numbers like 0x08000000 and 64K expected"));
        }
        constexpr uint32_t kMaxRead = 64u * 1024 * 1024;  // far above any STM32 flash
        if (*length > kMaxRead || uint64_t{*address} + *length > (uint64_t{1} << 32)) {
            return fail(make_error(Phase::Usage, Cause::Invalid,
                                   "read: at most 64M, inside the 32-bit address space"));
        }
        if (o_.json && o_.output == "-") {
            return fail(make_error(Phase::Usage, Cause::Invalid,
                                   "--json with data on stdout: give -o FILE"));
        }
        if (auto s = connect(o_.enter, false); !s) {
            return fail(s.error());
        }
        if (!info_.has(Command::ReadMemory)) {
            return fail(make_error(Phase::Read, Cause::Unsupported,
                                   "the ROM does not list Read Memory (0x11)"));
        }
        std::vector<uint8_t> data(*length);
        progress_->begin("read", data.size());
        auto s = read_range(*client_, *progress_, *address, data);
        progress_->end();
        if (!s) {
            return fail(s.error());
        }
        if (o_.output == "-") {
            env_.out.write(reinterpret_cast<const char*>(data.data()),
                           static_cast<std::streamsize>(data.size()));
            env_.out.flush();
        } else {
            std::ofstream f(o_.output, std::ios::binary | std::ios::trunc);
            f.write(reinterpret_cast<const char*>(data.data()),
                    static_cast<std::streamsize>(data.size()));
            f.close();
            if (!f) {
                return fail(make_error(Phase::Output, Cause::Io,
                                       fmt::format("{}: cannot write", o_.output)));
            }
        }
        if (o_.json) {
            JsonObject top;
            top.add("ok", true).add("command", "read").add("address", hex32(*address));
            top.add("bytes", uint64_t{data.size()}).add("output", o_.output);
            add_wire(top);
            env_.out << top.str() << '\n';
        } else {
            note(fmt::format("read {} from 0x{:08X} to {}",
                             human_bytes(static_cast<double>(data.size())), *address,
                             o_.output == "-" ? "stdout" : o_.output));
        }
        return 0;
    }

    int cmd_erase() {
        if (o_.all == !o_.sectors.empty()) {
            return fail(make_error(Phase::Usage, Cause::Invalid,
                                   "erase: give exactly one of --sectors LIST and --all"));
        }
        std::vector<uint16_t> sectors;
        if (!o_.all) {
            auto list = parse_sector_list(o_.sectors);
            if (!list) {
                return fail(make_error(Phase::Usage, Cause::Invalid,
                                       "--sectors: expected a list like 0,1,4-6"));
            }
            sectors = *list;
        }
        if (auto s = connect(o_.enter, true); !s) {
            return fail(s.error());
        }
        for (auto k : sectors) {
            if (k >= part_->sectors.count()) {
                return fail(make_error(Phase::Usage, Cause::Invalid,
                                       fmt::format("sector {}: {} has sectors 0..{}", k,
                                                   part_->name, part_->sectors.count() - 1)));
            }
        }
        auto sess = session();
        if (o_.all) {
            if (!info_.has(Command::ExtendedErase)) {
                return fail(make_error(Phase::Erase, Cause::Unsupported,
                                       "the ROM does not list Extended Erase (0x44)"));
            }
            progress_->begin("erase", part_->flash_size());
            auto s = client_->mass_erase();
            progress_->end();
            if (!s) {
                return fail(s.error());
            }
        } else if (auto s = erase_sectors(sess, sectors); !s) {
            return fail(s.error());
        }
        if (o_.json) {
            JsonObject top;
            top.add("ok", true).add("command", "erase").add("mass_erase", o_.all);
            top.add_raw("sectors", json_u16_array(sectors));
            add_wire(top);
            env_.out << top.str() << '\n';
        } else if (!o_.quiet) {
            env_.out << (o_.all
                             ? std::string("erased all flash (mass erase)\n")
                             : fmt::format("erased sector{} {}\n", sectors.size() == 1 ? "" : "s",
                                           sector_list_text(sectors)));
        }
        return 0;
    }

    int cmd_verify() {
        auto prepared = prepare();
        if (!prepared) {
            return fail(prepared.error());
        }
        const Image* image = &prepared->image;
        const FlashPlan* plan = &prepared->plan;
        const VerifyMode mode = o_.method == "crc"        ? VerifyMode::Crc
                                : o_.method == "readback" ? VerifyMode::Readback
                                                          : VerifyMode::Auto;
        auto sess = session();
        auto report = verify(sess, *plan, mode, false);
        if (!report) {
            return fail(report.error());
        }
        if (o_.json) {
            JsonObject top;
            top.add("ok", true).add("command", "verify");
            top.add_raw("image", image_json(*image));
            top.add("method", to_string(report->mode)).add("bytes_verified", report->bytes);
            add_wire(top);
            env_.out << top.str() << '\n';
        } else if (!o_.quiet) {
            env_.out << fmt::format("verified {}: {} match (by {})\n", image->name,
                                    human_bytes(static_cast<double>(report->bytes)),
                                    to_string(report->mode));
        }
        return 0;
    }

    int cmd_go() {
        std::optional<uint32_t> address;
        if (!o_.go_target.empty()) {
            address = parse_number(o_.go_target);
            if (!address) {
                return fail(make_error(Phase::Usage, Cause::Invalid, "go ADDR: not a number"));
            }
        }
        if (auto s = connect(o_.enter, !address.has_value()); !s) {
            return fail(s.error());
        }
        if (!address) {
            address = part_->flash_base;
        }
        if (auto s = client_->go(*address); !s) {
            return fail(s.error());
        }
        if (o_.json) {
            JsonObject top;
            top.add("ok", true).add("command", "go").add("address", hex32(*address));
            add_wire(top);
            env_.out << top.str() << '\n';
        } else if (!o_.quiet) {
            env_.out << fmt::format("started at 0x{:08X}\n", *address);
        }
        return 0;
    }

    CliEnvironment& env_;
    Options& o_;
    std::string command_;
    Clock::time_point start_;
    std::unique_ptr<Progress> progress_;
    std::unique_ptr<Transport> port_;
    std::unique_ptr<TapTransport> tap_;
    std::unique_ptr<Client> client_;
    BootloaderInfo info_;
    std::optional<Part> part_;
    uint16_t pid_ = 0;
};

}  // namespace

int run_cli(int argc, const char* const* argv, CliEnvironment& env) {
    Options o;
    CLI::App app{
        "sysboot: update STM32F7 firmware through the ROM bootloader (AN3155, USART 8E1),\n"
        "from a running application to the new firmware in one command.",
        "sysboot"};
    app.set_version_flag("--version", "sysboot 0.1.0");
    app.require_subcommand(1);
    app.option_defaults()->always_capture_default();
    app.footer(std::string("\n") + exit_code_help() +
               "\nPorts: a serial device (/dev/ttyUSB0, 8E1), tcp:HOST:PORT or unix:/PATH (the\n"
               "emulator). Numbers: 0x08000000, 134217728, 64K, 2M.\n"
               "Data goes to stdout, diagnostics and progress to stderr.\n");

    app.add_option("-p,--port", o.port, "Serial device, tcp:HOST:PORT or unix:/PATH")
        ->envname("SYSBOOT_PORT");
    app.add_option("-b,--baud", o.baud, "Serial baud rate (8E1)");
    app.add_option("--timeout-ms", o.timeout_ms, "Read timeout for any answer")
        ->check(CLI::Range(1, 600000));
    app.add_option("--write-timeout-ms", o.write_timeout_ms, "Timeout for a Write Memory ACK")
        ->check(CLI::Range(1, 600000));
    app.add_option("--erase-timeout-ms", o.erase_timeout_ms, "Erase budget per sector")
        ->check(CLI::Range(1, 600000));
    app.add_option("--mass-erase-timeout-ms", o.mass_erase_timeout_ms,
                   "Erase budget for a mass erase")
        ->check(CLI::Range(1, 3600000));
    app.add_option("--sync-attempts", o.sync_attempts, "0x7F attempts before giving up")
        ->check(CLI::Range(1, 1000));
    app.add_option("--retries", o.retries, "Retries of a failed block write")
        ->check(CLI::Range(0, 100));
    app.add_option("--flash-base", o.flash_base,
                   "Override the part's flash base (the emulated board: 0x60000000)");
    app.add_option("--pid", o.pid, "Use this part (0x449, 0x451, 0x452) instead of Get ID");
    app.add_option("--enter-command", o.enter_command,
                   "Console command that makes the application enter the ROM (\\r \\n \\xHH)");
    app.add_option("--enter-delay-ms", o.enter_delay_ms,
                   "Wait after the enter command before syncing")
        ->check(CLI::Range(0, 60000));
    app.add_option("--enter-baud", o.enter_baud,
                   "Baud rate of the application console (0: same as --baud)");
    app.add_option("--enter-parity", o.enter_parity, "Parity of the application console")
        ->check(CLI::IsMember({"none", "even"}));
    app.add_option("--enter-port", o.enter_port,
                   "Send the enter command here (e.g. the ST-LINK VCP) when the application "
                   "console is not the port the ROM listens on");
    app.add_flag("--json", o.json, "Print the result as one JSON object on stdout");
    app.add_flag("-q,--quiet", o.quiet, "No progress and no summary (errors still printed)");
    app.add_flag("-v,--verbose", o.verbose, "Log every wire byte and step to stderr");
    app.add_option("--key", o.key_file,
                   "Key file (hex, mode 0600) to answer the application's challenge when "
                   "entering the ROM (docs/security.md)");

    auto add_enter_flag = [&o](CLI::App* sub) {
        sub->add_flag("--enter", o.enter, "First send the enter command to the application");
    };

    auto* enter = app.add_subcommand(
        "enter", "Send the application's enter command, wait for the ROM and sync");
    (void)enter;

    auto* info = app.add_subcommand(
        "info", "Show part, PID, bootloader version, supported commands and RDP level");
    add_enter_flag(info);

    auto* flash_cmd = app.add_subcommand(
        "flash", "Erase the sectors FILE needs, write it, verify, start it (.bin/.hex/.srec/.elf)");
    flash_cmd->add_option("file", o.file, "Image: .elf, .hex, .srec, or .bin with --address")
        ->required();
    flash_cmd->add_option("-a,--address", o.address, "Load address of a raw .bin image");
    flash_cmd
        ->add_option("--verify", o.verify,
                     "crc (Get Checksum), readback, none; auto = crc if the ROM lists "
                     "0xA1, else readback")
        ->check(CLI::IsMember({"auto", "crc", "readback", "none"}));
    flash_cmd->add_flag("--go,!--no-go", o.go,
                        "Start the image afterwards with Go (default); --no-go leaves the ROM "
                        "running");
    flash_cmd->add_option("--go-address", o.go_address,
                          "Vector table to start (default: the image's lowest address)");
    flash_cmd->add_flag("--resume", o.resume,
                        "Continue a broken transfer: keep sectors whose content already "
                        "matches, write only what is missing");
    add_enter_flag(flash_cmd);

    auto* read = app.add_subcommand("read", "Read LEN bytes at ADDR into a file (or stdout)");
    read->add_option("address", o.read_address, "Start address")->required();
    read->add_option("length", o.read_length, "Number of bytes (e.g. 1024, 64K)")->required();
    read->add_option("-o,--output", o.output, "Output file; - for stdout");
    add_enter_flag(read);

    auto* erase = app.add_subcommand("erase", "Erase sectors, or all of the flash");
    erase->add_option("--sectors", o.sectors, "Sector list, e.g. 0,1,4-6");
    erase->add_flag("--all", o.all, "Mass erase (Extended Erase 0xFFFF)");
    add_enter_flag(erase);

    auto* verify_cmd = app.add_subcommand("verify", "Compare the device with FILE without writing");
    verify_cmd->add_option("file", o.file, "Image to compare with")->required();
    verify_cmd->add_option("-a,--address", o.address, "Load address of a raw .bin image");
    verify_cmd->add_option("--method", o.method, "auto, crc or readback")
        ->check(CLI::IsMember({"auto", "crc", "readback"}));
    add_enter_flag(verify_cmd);

    auto* go = app.add_subcommand("go", "Start the code whose vector table is at ADDR");
    go->add_option("address", o.go_target, "Vector table address (default: flash base)");
    add_enter_flag(go);

    for (auto* sub : app.get_subcommands({})) {
        sub->fallthrough();
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e, env.out, env.err);
        return rc == 0 ? 0 : static_cast<int>(ExitCode::Usage);
    }
    if (o.enter_parity != "none" && o.enter_parity != "even") {
        return static_cast<int>(ExitCode::Usage);
    }
    const auto subs = app.get_subcommands();
    Runner runner(env, o);
    return runner.run(subs.front()->get_name());
}

}  // namespace sysboot::host
