// Progress bar with throughput for a terminal (stderr). The CLI only uses it when stderr is
// a TTY and --quiet/--json are off.
#pragma once

#include <ostream>
#include <string>

#include "core/clock.hpp"
#include "ops/progress.hpp"

namespace sysboot::host {

class BarProgress final : public Progress {
  public:
    BarProgress(std::ostream& out, Clock& clock) : out_(out), clock_(clock) {}
    void begin(const std::string& label, uint64_t total) override;
    void advance(uint64_t bytes) override;
    void end() override;

  private:
    void draw(bool final);

    std::ostream& out_;
    Clock& clock_;
    std::string label_;
    uint64_t total_ = 0;
    uint64_t done_ = 0;
    bool active_ = false;
    Clock::time_point start_{};
    Clock::time_point last_draw_{};
};

// "12.5 KiB"
[[nodiscard]] std::string human_bytes(double bytes);

}  // namespace sysboot::host
