#include "engine.hpp"

#include <cstdio>
#include <stdexcept>

namespace f7model::detail {

namespace {

std::string hex(std::uint64_t v) {
    char b[24];
    std::snprintf(b, sizeof b, "0x%08llX", static_cast<unsigned long long>(v));
    return b;
}

}  // namespace

void check_uc(uc_err err, const std::string& call) {
    if (err != UC_ERR_OK) {
        throw std::runtime_error("f7model: " + call + " failed: " + uc_strerror(err));
    }
}

Engine::Engine(int uc_cpu_model) {
    check_uc(uc_open(UC_ARCH_ARM, UC_MODE_THUMB, &uc_), "uc_open(UC_ARCH_ARM, UC_MODE_THUMB)");
    const uc_err err = uc_ctl_set_cpu_model(uc_, uc_cpu_model);
    if (err != UC_ERR_OK) {
        uc_close(uc_);
        check_uc(err, "uc_ctl_set_cpu_model(" + std::to_string(uc_cpu_model) + ")");
    }
}

Engine::~Engine() {
    uc_close(uc_);
}

void Engine::map_ram(std::uint32_t addr, std::vector<std::uint8_t>& backing, std::uint32_t prot) {
    check_uc(uc_mem_map_ptr(uc_, addr, backing.size(), prot, backing.data()),
             "uc_mem_map_ptr(" + hex(addr) + ")");
}

void Engine::map_mmio(std::uint32_t addr, std::uint32_t size, uc_cb_mmio_read_t read,
                      uc_cb_mmio_write_t write, void* user) {
    check_uc(uc_mmio_map(uc_, addr, size, read, user, write, user),
             "uc_mmio_map(" + hex(addr) + ")");
}

void Engine::add_hook(int type, void* callback, void* user, std::uint64_t begin,
                      std::uint64_t end) {
    uc_hook h = 0;
    check_uc(uc_hook_add(uc_, &h, type, callback, user, begin, end),
             "uc_hook_add(type " + std::to_string(type) + ")");
}

void Engine::forget_code(std::uint32_t begin, std::uint32_t end) {
    check_uc(uc_ctl_remove_cache(uc_, begin, end),
             "uc_ctl_remove_cache(" + hex(begin) + ", " + hex(end) + ")");
}

void Engine::fail_in_hook(uc_err err, const std::string& call) const {
    if (hook_error_.empty()) {
        hook_error_ = "f7model: " + call + " failed: " + uc_strerror(err);
    }
    uc_emu_stop(uc_);  // best effort: the run ends with the failure reported either way
}

std::uint32_t Engine::reg(int r) const {
    std::uint32_t v = 0;
    const uc_err err = uc_reg_read(uc_, r, &v);
    if (err != UC_ERR_OK) {
        const std::string call = "uc_reg_read(register " + std::to_string(r) + ")";
        if (!running_) {
            check_uc(err, call);
        }
        fail_in_hook(err, call);
        return 0;
    }
    return v;
}

void Engine::set_reg(int r, std::uint32_t v) {
    const uc_err err = uc_reg_write(uc_, r, &v);
    if (err != UC_ERR_OK) {
        const std::string call = "uc_reg_write(register " + std::to_string(r) + ")";
        if (!running_) {
            check_uc(err, call);
        }
        fail_in_hook(err, call);
    }
}

void Engine::stop() const {
    const uc_err err = uc_emu_stop(uc_);
    if (err != UC_ERR_OK) {
        fail_in_hook(err, "uc_emu_stop");
    }
}

uc_err Engine::start(std::uint32_t pc) {
    hook_error_.clear();
    running_ = true;
    const uc_err err = uc_emu_start(uc_, pc | 1u, 0xFFFFFFFEu, 0, 0);
    running_ = false;
    return err;
}

}  // namespace f7model::detail
