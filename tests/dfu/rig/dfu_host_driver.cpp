// Runs the host DfuSe client (host/src/dfu) as a separate process under the umockdev rig
// (the rig reaches client memory only from another process, docs/dfu.md) and prints what it
// saw as "key=value" lines; dfu_host_client_test.cpp checks them and the engine's state.
//
//   dfu_host_driver SPEC list | info | flash ADDR FILE [leave] [noverify] | read ADDR LEN FILE
//                   | mass-erase
// SPEC "-" = the default 0483:df11. Errors print "error=<message>" and "cause=<cause>" and
// exit with the tool's exit code.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "dfu/dfuse_client.hpp"
#include "dfu/program.hpp"
#include "dfu/usb_device.hpp"

namespace {

using namespace sysboot::host;

int fail(const Error& e) {
    std::printf("error=%s\ncause=%s\n", e.message().c_str(), to_string(e.cause));
    return static_cast<int>(e.exit_code());
}

int list(dfu::UsbSession& usb) {
    auto devices = usb.list();
    if (!devices) {
        return fail(devices.error());
    }
    std::printf("devices=%zu\n", devices->size());
    for (const auto& d : *devices) {
        std::printf("device=%04x:%04x path=%s serial=%s bcd=0x%04x\n", d.vendor_id, d.product_id,
                    d.bus_path.c_str(), d.serial.c_str(), d.bcd_device);
        for (const auto& a : d.alternates) {
            std::printf("alt%u=%s\n", a.setting, a.name.c_str());
        }
    }
    return 0;
}

void print_info(const dfu::DeviceInfo& info) {
    const auto& f = info.functional;
    std::printf("functional attributes=0x%02x transfer=%u version=0x%04x\n", f.attributes,
                f.transfer_size, f.dfu_version);
    for (const auto& a : info.alternates) {
        auto layout = dfu::parse_alternate(a);
        if (!layout) {
            std::printf("alt%u error=%s\n", a.setting, layout.error().message().c_str());
            continue;
        }
        std::printf("alt%u name=%.*s segments=%zu size=%llu\n", a.setting,
                    static_cast<int>(layout->name().size()), layout->name().data(),
                    layout->segments().size(),
                    static_cast<unsigned long long>(layout->total_size()));
    }
}

int leave_at(dfu::DfuseClient& client, uint32_t address, bool leave);

std::vector<uint8_t> read_file(const char* path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

int flash(dfu::DfuseClient& client, const dfu::Memory& mem, uint32_t address, const char* path,
          bool leave, bool verify) {
    const auto data = read_file(path);
    dfu::ProgramReport report;
    if (auto s = dfu::program(client, mem.layout, address, data, {}, &report); !s) {
        return fail(s.error());
    }
    std::printf("written=%zu\nblocks_written=%zu\nblocks_blank=%zu\n", data.size(),
                report.blocks_written, report.blocks_blank);
    if (!verify) {
        return leave_at(client, address, leave);
    }
    auto back = client.upload(address, static_cast<uint32_t>(data.size()));
    if (!back) {
        return fail(back.error());
    }
    if (*back != data) {
        std::printf("verify=mismatch\n");
        return 6;
    }
    std::printf("verified\n");
    return leave_at(client, address, leave);
}

int leave_at(dfu::DfuseClient& client, uint32_t address, bool leave) {
    if (leave) {
        if (auto s = client.leave(address); !s) {
            return fail(s.error());
        }
        std::printf("left=0x%08x\n", address);
        // The ROM has jumped: the next request must see the device gone, not hang.
        auto st = client.get_status(Phase::Go);
        std::printf("after_leave=%s\n", st ? "answered" : to_string(st.error().cause));
    }
    return 0;
}

int run(int argc, char** argv) {
    dfu::UsbSession usb;
    if (auto s = usb.init(); !s) {
        return fail(s.error());
    }
    const std::string spec = argv[1];
    const std::string cmd = argv[2];
    if (cmd == "list") {
        return list(usb);
    }
    if (auto s = usb.open({spec == "-" ? "" : spec}); !s) {
        return fail(s.error());
    }
    print_info(usb.info());
    if (cmd == "info") {
        return 0;
    }
    auto mem = dfu::find_memory(usb.info(), "Internal Flash");
    if (!mem) {
        return fail(mem.error());
    }
    dfu::DfuseClient client(usb.handle(), usb.info().interface_number,
                            usb.info().functional.transfer_size);
    int rc = 2;
    if (auto s = client.select_alternate(mem->alternate); !s) {
        return fail(s.error());
    }
    const auto number = [&](int i) {
        return static_cast<uint32_t>(std::strtoul(argv[i], nullptr, 0));
    };
    if (cmd == "flash" && argc >= 5) {
        const auto flag = [&](const char* word) {
            return std::find(argv + 5, argv + argc, std::string(word)) != argv + argc;
        };
        rc = flash(client, *mem, number(3), argv[4], flag("leave"), !flag("noverify"));
    } else if (cmd == "read" && argc >= 6) {
        auto data = client.upload(number(3), number(4));
        if (!data) {
            return fail(data.error());
        }
        std::ofstream(argv[5], std::ios::binary)
            .write(reinterpret_cast<const char*>(data->data()),
                   static_cast<std::streamsize>(data->size()));
        std::printf("read=%zu\n", data->size());
        rc = 0;
    } else if (cmd == "mass-erase") {
        auto s = client.mass_erase();
        rc = s ? 0 : fail(s.error());
    }
    std::printf("client_transfers=%u\n", client.control_transfers());
    return rc;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: dfu_host_driver SPEC list|info|flash|read|mass-erase ...\n");
        return 1;
    }
    return run(argc, argv);
}
