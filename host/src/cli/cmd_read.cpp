// `sysboot read ADDR LEN [-o FILE]`: Read Memory (AN3155 0x11) or DfuSe UPLOAD (--usb,
// AN3156) into a file or stdout.
#include <fmt/format.h>

#include <fstream>

#include "cli/commands.hpp"
#include "ui/progress.hpp"

namespace sysboot::host {

namespace {

struct ReadOptions {
    uint32_t address = 0;
    uint32_t length = 0;
    std::string output = "-";
    bool enter = false;
};

// Far above any STM32 flash; the buffer is allocated before the device is asked.
constexpr uint32_t kMaxRead = 64u * 1024 * 1024;

Status write_output(const std::string& path, const std::vector<uint8_t>& data, Context& ctx) {
    if (path == "-") {
        ctx.out().write(reinterpret_cast<const char*>(data.data()),
                        static_cast<std::streamsize>(data.size()));
        ctx.out().flush();
        return {};
    }
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
    f.close();
    if (!f) {
        return make_error(Phase::Output, Cause::Io, fmt::format("{}: cannot write", path));
    }
    return {};
}

int run_read(Context& ctx, const ReadOptions& o) {
    if (o.length > kMaxRead || uint64_t{o.address} + o.length > (uint64_t{1} << 32)) {
        return ctx.fail(make_error(Phase::Usage, Cause::Invalid,
                                   "read: at most 64M, inside the 32-bit address space"));
    }
    if (ctx.options().json && o.output == "-") {
        return ctx.fail(
            make_error(Phase::Usage, Cause::Invalid, "--json with data on stdout: give -o FILE"));
    }
    if (auto s = ctx.connect(o.enter, false); !s) {
        return ctx.fail(s.error());
    }
    if (!ctx.target().has(Capability::Read)) {
        return ctx.fail(ctx.target().missing(Capability::Read, Phase::Read));
    }
    std::vector<uint8_t> data(o.length);
    {
        ProgressScope bar(ctx.progress(), "read", data.size());
        if (auto s = read_range(ctx.target(), ctx.progress(), o.address, data); !s) {
            return ctx.fail(s.error());
        }
    }
    if (auto s = write_output(o.output, data, ctx); !s) {
        return ctx.fail(s.error());
    }
    if (ctx.options().json) {
        JsonObject result;
        result.add("address", hex32(o.address))
            .add("bytes", uint64_t{data.size()})
            .add("output", o.output);
        return ctx.succeed(result);
    }
    ctx.note(fmt::format("read {} from 0x{:08X} to {}",
                         human_bytes(static_cast<double>(data.size())), o.address,
                         o.output == "-" ? "stdout" : o.output));
    return 0;
}

}  // namespace

void add_read_command(CLI::App& app, CommandRun& chosen) {
    auto o = std::make_shared<ReadOptions>();
    auto* sub = app.add_subcommand("read", "Read LEN bytes at ADDR into a file (or stdout)");
    sub->add_option("address", o->address, "Start address (0x08000000, ...)")
        ->required()
        ->transform(number_arg());
    sub->add_option("length", o->length, "Number of bytes, above 0 (e.g. 1024, 64K)")
        ->required()
        ->transform(positive_number_arg());
    sub->add_option("-o,--output", o->output, "Output file; - for stdout")->capture_default_str();
    add_enter_flag(*sub, o->enter);
    on_chosen(*sub, o, chosen, run_read);
}

}  // namespace sysboot::host
