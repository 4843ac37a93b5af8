#include "ui/progress.hpp"

#include <fmt/format.h>

namespace sysboot::host {

std::string human_bytes(double bytes) {
    if (bytes < 1024) {
        return fmt::format("{:.0f} B", bytes);
    }
    if (bytes < 1024 * 1024) {
        return fmt::format("{:.1f} KiB", bytes / 1024);
    }
    return fmt::format("{:.2f} MiB", bytes / (1024 * 1024));
}

void BarProgress::begin(const std::string& label, uint64_t total) {
    label_ = label;
    total_ = total;
    done_ = 0;
    active_ = true;
    start_ = clock_.now();
    last_draw_ = start_;
    draw(false);
}

void BarProgress::advance(uint64_t bytes) {
    done_ += bytes;
    if (clock_.now() - last_draw_ >= Millis{100}) {
        draw(false);
    }
}

void BarProgress::end() {
    if (!active_) {
        return;
    }
    draw(true);
    out_ << '\n';
    out_.flush();
    active_ = false;
}

void BarProgress::draw(bool final) {
    last_draw_ = clock_.now();
    const double secs = std::chrono::duration<double>(last_draw_ - start_).count();
    const double rate = secs > 0 ? static_cast<double>(done_) / secs : 0.0;
    constexpr int kWidth = 30;
    std::string bar;
    int pct = 100;
    if (total_ > 0) {
        const double f = std::min(1.0, static_cast<double>(done_) / static_cast<double>(total_));
        const int fill = static_cast<int>(f * kWidth);
        bar = std::string(fill, '#') + std::string(kWidth - fill, '.');
        pct = static_cast<int>(f * 100);
    } else {
        bar = std::string(kWidth, final ? '#' : '.');
    }
    out_ << fmt::format("\r{:<7}[{}] {:3d}%  {:>10} / {:<10} {:>10}/s ", label_, bar, pct,
                        human_bytes(static_cast<double>(done_)),
                        human_bytes(static_cast<double>(total_)), human_bytes(rate));
    out_.flush();
}

}  // namespace sysboot::host
