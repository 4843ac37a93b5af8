// The one table (Markdown, so the README can show it as is), the JSON and the sanity checks.
#include <cstdarg>
#include <cstdio>

#include "figures.hpp"

namespace bench {
namespace {

std::string fmt(const char* f, ...) __attribute__((format(printf, 1, 2)));
std::string fmt(const char* f, ...) {
    char buf[512];
    va_list ap;
    va_start(ap, f);
    std::vsnprintf(buf, sizeof buf, f, ap);
    va_end(ap);
    return buf;
}

std::string ratio(double a, double b) {
    return b > 0 ? fmt("%.2f×", a / b) : std::string("—");
}

std::string row(const std::string& fig, const std::string& what, const std::string& measured,
                const std::string& reference, const std::string& r) {
    return "| " + fig + " | " + what + " | " + measured + " | " + reference + " | " + r + " |\n";
}

std::string against(long long measured, long long target) {
    return measured <= target ? std::string("met")
                              : fmt("%lld over", static_cast<long long>(measured - target));
}

// The footprint targets (kTargets) next to what the probes of an STM32F7 board measured.
std::string target_row(const SizeRow& s) {
    const FootprintTargets& k = kTargets;
    return row(
        "1", "footprint targets, " + s.board + " (single part, -Os, no LTO)",
        fmt("direct + hooks %lld B, all three + hooks %lld B, reset path %lld B, early "
            "handler %lld B",
            static_cast<long long>(s.direct_with_hooks()),
            static_cast<long long>(s.all_with_hooks()), static_cast<long long>(s.reset()),
            static_cast<long long>(s.early())),
        fmt("target ≤ %lld B, ≤ %lld B, ≤ %lld B, ≤ %lld B",
            static_cast<long long>(k.direct_with_hooks), static_cast<long long>(k.all_with_hooks),
            static_cast<long long>(k.reset), static_cast<long long>(k.early)),
        against(s.direct_with_hooks(), k.direct_with_hooks) + ", " +
            against(s.all_with_hooks(), k.all_with_hooks) + ", " + against(s.reset(), k.reset) +
            ", " + against(s.early(), k.early));
}

const char* short_part(const ModelRow& m) {
    return m.board.find("f767") != std::string::npos   ? "F767"
           : m.board.find("f746") != std::string::npos ? "F746"
           : m.board.find("f722") != std::string::npos ? "F722"
           : m.board.find("f446") != std::string::npos ? "F446"
           : m.board.find("f411") != std::string::npos ? "F411"
           : m.board.find("g071") != std::string::npos ? "G071"
           : m.board.find("h743") != std::string::npos ? "H743"
           : m.board.find("g474") != std::string::npos ? "G474"
           : m.board.find("l476") != std::string::npos ? "L476"
                                                       : "?";
}

double per_byte(std::uint64_t bytes, std::uint64_t payload) {
    return payload == 0 ? 0 : static_cast<double>(bytes) / static_cast<double>(payload);
}

std::string json_str(const std::string& s) {
    std::string o = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') {
            o += '\\';
            o += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            o += fmt("\\u%04x", static_cast<unsigned>(c));
        } else {
            o += c;
        }
    }
    return o + "\"";
}

std::string json_failures(const std::vector<std::string>& f) {
    std::string o = "[";
    for (std::size_t i = 0; i < f.size(); ++i) {
        o += (i ? "," : "") + json_str(f[i]);
    }
    return o + "]";
}

std::string json_path(const PathRun& p) {
    return fmt("{\"ok\":%s,\"instructions\":%llu,\"from_command\":%llu,\"setway_loop\":%llu,"
               "\"floor\":%llu,\"setway_ops\":%u,"
               "\"reg_writes\":%u,\"required_writes\":%u,\"noinit_stores\":%u,"
               "\"core_instructions\":%u,",
               p.ok ? "true" : "false", static_cast<unsigned long long>(p.instructions),
               static_cast<unsigned long long>(p.from_command),
               static_cast<unsigned long long>(p.setway_loop),
               static_cast<unsigned long long>(p.floor()), p.setway_ops, p.reg_writes,
               p.required_writes, p.noinit_stores, p.core_instructions) +
           "\"failures\":" + json_failures(p.failures) + "}";
}

std::string json_run(const WireRun& r) {
    std::string sectors = "[";
    for (std::size_t i = 0; i < r.erased.size(); ++i) {
        sectors += fmt("%s%u", i ? "," : "", static_cast<unsigned>(r.erased[i]));
    }
    sectors += "]";
    return "{\"name\":" + json_str(r.name) + ",\"command\":" + json_str(r.command) +
           fmt(",\"ok\":%s,\"tx\":%llu,\"rx\":%llu,\"seconds\":%.3f,\"blocks_written\":%llu,",
               r.ok ? "true" : "false", static_cast<unsigned long long>(r.tx),
               static_cast<unsigned long long>(r.rx), r.seconds,
               static_cast<unsigned long long>(r.blocks_written)) +
           "\"erased_sectors\":" + sectors + ",\"verify\":" + json_str(r.verify) +
           fmt(",\"model\":{\"seconds\":%.2f,\"wire\":%.2f,\"program\":%.3f,\"erase\":%.3f}",
               r.model_seconds, r.model_wire, r.model_program, r.model_erase) +
           ",\"error\":" + json_str(r.error) + "}";
}

}  // namespace

std::string table(const Results& res) {
    std::string t;
    t += "| # | figure | measured | reference | ratio |\n";
    t += "|---|---|---|---|---|\n";
    // Figure 1: code size per board, and the direct path's stack (F7 model).
    for (const SizeRow& s : res.sizes) {
        if (!s.ok) {
            t += row("1", "hand-off code, " + s.board, "error: " + s.error, "—", "—");
            continue;
        }
        t += row(
            "1",
            "hand-off code (text+rodata), " + s.board +
                fmt(" (+ %lld B Device and chip hooks)", static_cast<long long>(s.chip_hooks())),
            fmt("direct %lld B, reset path %lld B, early handler %lld B, all three %lld B",
                static_cast<long long>(s.direct()), static_cast<long long>(s.reset()),
                static_cast<long long>(s.early()), static_cast<long long>(s.all_paths())),
            fmt("common recipe %lld B", static_cast<long long>(s.recipe())),
            ratio(static_cast<double>(s.direct()), static_cast<double>(s.recipe())) + ", " +
                ratio(static_cast<double>(s.reset()), static_cast<double>(s.recipe())) + ", " +
                ratio(static_cast<double>(s.early()), static_cast<double>(s.recipe())));
        if (s.board.find("f7") != std::string::npos) {
            t += target_row(s);
        }
    }
    for (const ModelRow& m : res.model) {
        t += row("1", "stack of the direct path, " + m.board + " (STM32 model, stores traced)",
                 fmt("%u B", m.direct.stack_bytes), "—", "—");
    }
    // Figure 2: instructions to the ROM against the floor.
    for (const ModelRow& m : res.model) {
        for (int p = 0; p < 2; ++p) {
            const PathRun& r = p == 0 ? m.direct : m.reset;
            const std::string what =
                fmt("instructions enter → ROM, %s path, %s (%s, %u KiB D-cache)",
                    p == 0 ? "direct" : "reset", m.board.c_str(), short_part(m), m.dcache_kib);
            if (!r.ok) {
                t += row("2", what, "failed: " + (r.failures.empty() ? "" : r.failures[0]), "—",
                         "—");
                continue;
            }
            std::string parts =
                fmt("floor %llu = %u set/way + %u register writes",
                    static_cast<unsigned long long>(r.floor()), r.setway_ops, r.required_writes);
            if (r.noinit_stores != 0) {
                parts += fmt(" + %u no-init stores", r.noinit_stores);
            }
            parts += fmt(" + %u core", r.core_instructions);
            std::string measured = fmt("%llu", static_cast<unsigned long long>(r.instructions));
            if (r.setway_loop != 0) {
                measured +=
                    fmt(" (set/way loop %llu)", static_cast<unsigned long long>(r.setway_loop));
            }
            if (r.from_command != 0) {
                measured += fmt("; from the command handler %llu",
                                static_cast<unsigned long long>(r.from_command));
            }
            std::string r_col =
                ratio(static_cast<double>(r.instructions), static_cast<double>(r.floor()));
            const std::string part = short_part(m);
            const std::uint64_t target = p != 0           ? 0
                                         : part == "F767" ? kTargets.f767_instructions
                                         : part == "F746" ? kTargets.f746_instructions
                                                          : 0;
            if (target != 0) {
                parts += fmt("; target ≤ %llu", static_cast<unsigned long long>(target));
                r_col += "; target " + against(static_cast<long long>(r.instructions),
                                               static_cast<long long>(target));
            }
            t += row("2", what, measured, parts, r_col);
        }
    }
    // Figure 7: per core class.
    for (const CoreRow& c : res.cores) {
        const std::string what = "hand-off per core, " + c.core + " (" + c.board + ")";
        if (!c.ok) {
            t += row("7", what, "error: " + c.error, "—", "—");
            continue;
        }
        t += row(
            "7", what,
            fmt("direct %lld B, %llu instructions", static_cast<long long>(c.direct_bytes),
                static_cast<unsigned long long>(c.direct_instructions)),
            fmt("common recipe %lld B, %llu instructions", static_cast<long long>(c.recipe_bytes),
                static_cast<unsigned long long>(c.recipe_instructions)),
            ratio(static_cast<double>(c.direct_bytes), static_cast<double>(c.recipe_bytes)) +
                " bytes, " +
                ratio(static_cast<double>(c.direct_instructions),
                      static_cast<double>(c.recipe_instructions)) +
                " instructions");
    }
    // Figures 3-5.
    const UpdateFigures& u = res.update;
    if (!u.ran) {
        t += row("3-5", "update on the emulator", "not run: " + u.skipped, "—", "—");
    } else {
        const double fl_tx = per_byte(u.floor_tx, u.payload);
        const double fl_rx = per_byte(u.floor_rx, u.payload);
        const WireRun& ref = u.stm32flash;
        const double ref_total = per_byte(ref.tx + ref.rx, u.payload);
        for (const WireRun* r : {&u.crc, &u.readback, &ref}) {
            const double tx = per_byte(r->tx, u.payload), rx = per_byte(r->rx, u.payload);
            const std::string what =
                fmt("wire per payload byte, %s (256 KiB, 64 KiB 0xFF hole)", r->name.c_str());
            if (!r->ok) {
                t += row("3", what, "failed: " + r->error, "—", "—");
                continue;
            }
            t += row("3", what, fmt("%.3f → + %.3f ← = %.3f", tx, rx, tx + rx),
                     (r == &ref ? std::string() : fmt("stm32flash %.3f; ", ref_total)) +
                         fmt("AN3155 write-only floor %.3f (268/256 per non-blank block)",
                             fl_tx + fl_rx),
                     (r == &ref ? std::string() : ratio(tx + rx, ref_total) + " stm32flash, ") +
                         ratio(tx + rx, fl_tx + fl_rx) + " floor");
        }
        t += row("3", "  " + u.pre_erase.name + " before stm32flash (not in its row)",
                 fmt("%llu B → + %llu B ←", static_cast<unsigned long long>(u.pre_erase.tx),
                     static_cast<unsigned long long>(u.pre_erase.rx)),
                 "—", "—");
        for (const WireRun* r : {&u.crc, &u.readback, &ref}) {
            if (!r->ok) {
                continue;
            }
            const bool is_ref = r == &ref;
            t += row(
                "4", "update time, " + r->name,
                fmt("%.2f s emulator; model %.1f s at 115200 (wire %.1f + program %.2f + "
                    "erase %.2f)",
                    r->seconds, r->model_seconds, r->model_wire, r->model_program, r->model_erase),
                (is_ref
                     ? std::string()
                     : fmt("stm32flash %.2f s, model %.1f s; ", ref.seconds, ref.model_seconds)) +
                    fmt("floor model %.1f s", u.floor.model_seconds),
                (is_ref ? std::string()
                        : ratio(r->seconds, ref.seconds) + " emulator, " +
                              ratio(r->model_seconds, ref.model_seconds) + " model; ") +
                    ratio(r->model_seconds, u.floor.model_seconds) + " floor");
        }
    }
    const WireRun& f = u.full;
    if (!f.name.empty()) {
        t += row("5", "command → new app: `" + f.command + "` on running v1 until the v2 banner",
                 f.ok ? fmt("%.2f s emulator (verify by %s; %llu B →, %llu B ←; model %.1f s at "
                            "115200)",
                            f.seconds, f.verify.c_str(), static_cast<unsigned long long>(f.tx),
                            static_cast<unsigned long long>(f.rx), f.model_seconds)
                      : "failed: " + f.error,
                 "—", "—");
    }
    return t + dfu_table(res);
}

std::string json(const Results& res) {
    const FootprintTargets& g = kTargets;
    std::string j =
        fmt("{\n\"targets\":{\"direct_with_hooks\":%lld,\"all_with_hooks\":%lld,"
            "\"reset\":%lld,\"early\":%lld,\"f767_instructions\":%llu,"
            "\"f746_instructions\":%llu},\n\"sizes\":[",
            static_cast<long long>(g.direct_with_hooks), static_cast<long long>(g.all_with_hooks),
            static_cast<long long>(g.reset), static_cast<long long>(g.early),
            static_cast<unsigned long long>(g.f767_instructions),
            static_cast<unsigned long long>(g.f746_instructions));
    for (std::size_t i = 0; i < res.sizes.size(); ++i) {
        const SizeRow& s = res.sizes[i];
        j += (i ? ",\n" : "\n") + std::string("{\"board\":") + json_str(s.board) +
             fmt(",\"ok\":%s,\"probes\":[%llu,%llu,%llu,%llu,%llu,%llu,%llu],\"chip_hooks\":%lld,"
                 "\"direct\":%lld,\"reset\":%lld,\"early\":%lld,\"all_paths\":%lld,"
                 "\"recipe\":%lld,",
                 s.ok ? "true" : "false", static_cast<unsigned long long>(s.probe[0]),
                 static_cast<unsigned long long>(s.probe[1]),
                 static_cast<unsigned long long>(s.probe[2]),
                 static_cast<unsigned long long>(s.probe[3]),
                 static_cast<unsigned long long>(s.probe[4]),
                 static_cast<unsigned long long>(s.probe[5]),
                 static_cast<unsigned long long>(s.probe[6]),
                 static_cast<long long>(s.chip_hooks()), static_cast<long long>(s.direct()),
                 static_cast<long long>(s.reset()), static_cast<long long>(s.early()),
                 static_cast<long long>(s.all_paths()), static_cast<long long>(s.recipe())) +
             "\"direct_symbols\":[";
        for (std::size_t k = 0; k < s.direct_symbols.size(); ++k) {
            j +=
                (k ? "," : "") + std::string("{\"name\":") + json_str(s.direct_symbols[k].name) +
                fmt(",\"bytes\":%llu}", static_cast<unsigned long long>(s.direct_symbols[k].bytes));
        }
        j += "],\"error\":" + json_str(s.error) + "}";
    }
    j += "],\n\"model\":[";
    for (std::size_t i = 0; i < res.model.size(); ++i) {
        const ModelRow& m = res.model[i];
        j += (i ? ",\n" : "\n") + std::string("{\"board\":") + json_str(m.board) +
             ",\"part\":" + json_str(m.part) +
             fmt(",\"dcache_kib\":%u,\"stack_bytes\":%u,", m.dcache_kib, m.direct.stack_bytes) +
             "\"direct\":" + json_path(m.direct) + ",\"reset\":" + json_path(m.reset) + "}";
    }
    j += "],\n\"cores\":[";
    for (std::size_t i = 0; i < res.cores.size(); ++i) {
        const CoreRow& c = res.cores[i];
        j += (i ? ",\n" : "\n") + std::string("{\"board\":") + json_str(c.board) +
             ",\"core\":" + json_str(c.core) +
             fmt(",\"ok\":%s,\"direct_bytes\":%lld,\"recipe_bytes\":%lld,"
                 "\"direct_instructions\":%llu,\"recipe_instructions\":%llu,",
                 c.ok ? "true" : "false", static_cast<long long>(c.direct_bytes),
                 static_cast<long long>(c.recipe_bytes),
                 static_cast<unsigned long long>(c.direct_instructions),
                 static_cast<unsigned long long>(c.recipe_instructions)) +
             "\"error\":" + json_str(c.error) + "}";
    }
    const UpdateFigures& u = res.update;
    j += "],\n\"update\":{" +
         fmt("\"ran\":%s,\"payload\":%llu,\"blank\":%llu,\"floor_tx\":%llu,\"floor_rx\":%llu,",
             u.ran ? "true" : "false", static_cast<unsigned long long>(u.payload),
             static_cast<unsigned long long>(u.blank), static_cast<unsigned long long>(u.floor_tx),
             static_cast<unsigned long long>(u.floor_rx)) +
         "\"skipped\":" + json_str(u.skipped) + ",\n\"crc\":" + json_run(u.crc) +
         ",\n\"readback\":" + json_run(u.readback) + ",\n\"stm32flash\":" + json_run(u.stm32flash) +
         ",\n\"pre_erase\":" + json_run(u.pre_erase) + ",\n\"floor\":" + json_run(u.floor) +
         ",\n\"full\":" + json_run(u.full) + ",\"full_banner\":" + json_str(u.full_banner) + "},\n";
    const TimeModel& k = kTimeModel;
    j += fmt(
        "\"time_model\":{\"baud\":%.0f,\"bits_per_byte\":%.0f,\"word_program_s\":%g,"
        "\"erase_32k_s\":%g,\"erase_128k_s\":%g,\"erase_256k_s\":%g},\n",
        k.baud, k.bits_per_byte, k.word_program_s, k.erase_32k_s, k.erase_128k_s, k.erase_256k_s);
    j += "\"dfu\":" + dfu_json(res.dfu) + ",\n";
    j += fmt("\"total_seconds\":%.1f\n}\n", res.total_seconds);
    return j;
}

std::vector<std::string> sanity(const Results& res) {
    std::vector<std::string> f;
    if (res.sizes.empty()) {
        f.push_back("figure 1: no size probes measured");
    }
    for (const SizeRow& s : res.sizes) {
        if (!s.ok) {
            f.push_back("figure 1: " + s.board + ": " + s.error);
        } else if (s.direct() <= 0 || s.reset() <= 0 || s.early() <= 0 || s.all_paths() <= 0 ||
                   s.recipe() <= 0) {
            f.push_back("figure 1: " + s.board + ": a path or the recipe has no bytes");
        }
    }
    if (res.model.empty()) {
        f.push_back("figure 2: no model runs");
    }
    for (const ModelRow& m : res.model) {
        for (const PathRun* p : {&m.direct, &m.reset}) {
            const std::string what =
                "figure 2: " + m.board + (p == &m.direct ? " direct" : " reset");
            if (!p->ok) {
                f.push_back(what + ": " + (p->failures.empty() ? "failed" : p->failures[0]));
            } else if (p->instructions < p->floor()) {
                f.push_back(what + ": fewer instructions than the floor");
            }
        }
        const std::uint32_t lines = m.dcache_kib * 1024u / 32u;
        if (m.direct.ok && m.direct.setway_ops != lines) {
            f.push_back(fmt("figure 2: %s: %u set/way operations, the geometry needs %u",
                            m.board.c_str(), m.direct.setway_ops, lines));
        }
        if (m.direct.ok && m.direct.stack_bytes == 0) {
            f.push_back("figure 1: " + m.board + ": no stack use measured");
        }
    }
    dfu_sanity(res.dfu, f);
    for (const CoreRow& c : res.cores) {
        if (!c.ok) {
            f.push_back("figure 7: " + c.core + ": " + c.error);
        } else if (c.direct_instructions == 0 || c.recipe_instructions == 0) {
            f.push_back("figure 7: " + c.core + ": no instructions counted");
        }
    }
    const UpdateFigures& u = res.update;
    if (!u.ran) {
        f.push_back("figures 3-4: " + u.skipped);
        return f;
    }
    for (const WireRun* r : {&u.crc, &u.readback, &u.stm32flash, &u.pre_erase}) {
        if (!r->ok) {
            f.push_back("figure 3: " + r->name + ": " + r->error);
        } else if (r != &u.pre_erase && (r->tx < u.floor_tx || r->rx < u.floor_rx)) {
            f.push_back("figure 3: " + r->name + ": fewer wire bytes than the AN3155 floor");
        }
    }
    if (!u.full.ok) {
        f.push_back("figure 5: " + u.full.error);
    }
    return f;
}

}  // namespace bench
