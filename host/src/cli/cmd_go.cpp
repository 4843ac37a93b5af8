// `sysboot go [ADDR]`: start the code whose vector table is at ADDR (AN3155 Go, 0x21; with
// --usb the DfuSe leave, AN3156), after
// checking that a vector table is there (ops/vector_check.hpp).
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "ops/vector_check.hpp"

namespace sysboot::host {

namespace {

struct GoOptions {
    std::optional<uint32_t> address;
    bool enter = false;
    bool unchecked = false;
};

int run_go(Context& ctx, const GoOptions& o) {
    if (auto s = ctx.connect(o.enter, true); !s) {
        return ctx.fail(s.error());
    }
    const uint32_t address = o.address.value_or(ctx.part().flash_base);
    if (!o.unchecked) {
        if (auto s = check_vector_table_on_device(ctx.target(), ctx.part(), address); !s) {
            return ctx.fail(s.error());
        }
    }
    ctx.mark_changed();
    if (auto s = ctx.target().start(address); !s) {
        return ctx.fail(s.error());
    }
    if (ctx.options().json) {
        JsonObject result;
        result.add("address", hex32(address)).add("checked", !o.unchecked);
        return ctx.succeed(result);
    }
    if (!ctx.options().quiet) {
        ctx.out() << fmt::format("started at 0x{:08X}\n", address);
    }
    return 0;
}

}  // namespace

void add_go_command(CLI::App& app, CommandRun& chosen) {
    auto o = std::make_shared<GoOptions>();
    auto* sub = app.add_subcommand("go", "Start the code whose vector table is at ADDR");
    sub->add_option_function<uint32_t>(
           "address", [o](uint32_t a) { o->address = a; },
           "Vector table address (default: flash base)")
        ->transform(number_arg());
    sub->add_flag("--no-vector-check", o->unchecked,
                  "Start ADDR even if no valid vector table is there (initial SP in RAM, Thumb "
                  "reset vector in flash)");
    add_enter_flag(*sub, o->enter);
    on_chosen(*sub, o, chosen, run_go);
}

}  // namespace sysboot::host
