// Time source for everything that waits. Injected so tests run on a fake clock and never
// sleep for real: the in-process fake transport advances it instead of blocking.
#pragma once

#include <chrono>
#include <thread>

namespace sysboot::host {

using Millis = std::chrono::milliseconds;

class Clock {
  public:
    using time_point = std::chrono::steady_clock::time_point;
    virtual ~Clock() = default;
    [[nodiscard]] virtual time_point now() = 0;
    virtual void sleep_for(Millis duration) = 0;
};

class SystemClock final : public Clock {
  public:
    [[nodiscard]] time_point now() override { return std::chrono::steady_clock::now(); }
    void sleep_for(Millis duration) override { std::this_thread::sleep_for(duration); }
};

// Starts at an arbitrary epoch and only moves when told to.
class FakeClock final : public Clock {
  public:
    [[nodiscard]] time_point now() override { return now_; }
    void sleep_for(Millis duration) override { advance(duration); }
    void advance(std::chrono::steady_clock::duration d) { now_ += d; }
    void advance_to(time_point t) {
        if (t > now_) {
            now_ = t;
        }
    }

  private:
    time_point now_ = time_point{} + std::chrono::hours(1);
};

[[nodiscard]] inline Millis since(Clock& clock, Clock::time_point start) {
    return std::chrono::duration_cast<Millis>(clock.now() - start);
}

}  // namespace sysboot::host
