#pragma once
// The Unicorn engine under the model: a Cortex-M7 or Cortex-M4 (Armv7E-M) core, opened without
// UC_MODE_MCLASS because Unicorn 2.0.1 then ignores the CPU model and builds a Cortex-M33
// (docs/stm32-model.md). Every Unicorn call's result is checked and a failure names the call.
#include <unicorn/unicorn.h>

#include <cstdint>
#include <string>
#include <vector>

namespace f7model::detail {

// Throws std::runtime_error "f7model: <call> failed: <Unicorn's message>" unless err is OK.
void check_uc(uc_err err, const std::string& call);

class Engine {
  public:
    explicit Engine(int uc_cpu_model);  // UC_CPU_ARM_CORTEX_M7 or UC_CPU_ARM_CORTEX_M4
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // Maps `backing` (kept alive by the caller) at `addr`.
    void map_ram(std::uint32_t addr, std::vector<std::uint8_t>& backing, std::uint32_t prot);
    void map_mmio(std::uint32_t addr, std::uint32_t size, uc_cb_mmio_read_t read,
                  uc_cb_mmio_write_t write, void* user);
    void add_hook(int type, void* callback, void* user, std::uint64_t begin, std::uint64_t end);
    // Drops the translated code of [begin, end): needed after memory is changed behind the
    // engine's back (Unicorn would otherwise run the code it translated before).
    void forget_code(std::uint32_t begin, std::uint32_t end);

    // CPU registers (UC_ARM_REG_*). Outside a run a failure throws; inside a run (called from
    // a Unicorn callback, where an exception must not cross the engine's C frames) the first
    // failure is kept in hook_error(), the run is stopped and reg() returns 0.
    std::uint32_t reg(int r) const;
    void set_reg(int r, std::uint32_t v);
    // Stops the run from inside a callback (a failure is kept like reg()'s).
    void stop() const;

    // Runs from `pc` (Thumb) until a callback stops it. Returns Unicorn's result; a callback
    // failure is in hook_error() (cleared here first).
    uc_err start(std::uint32_t pc);
    const std::string& hook_error() const { return hook_error_; }

  private:
    void fail_in_hook(uc_err err, const std::string& call) const;

    uc_engine* uc_ = nullptr;
    bool running_ = false;
    mutable std::string hook_error_;
};

}  // namespace f7model::detail
