// Progress of one long step, in bytes. The CLI draws a bar; tests ignore it.
#pragma once

#include <cstdint>
#include <string>

namespace sysboot::host {

class Progress {
  public:
    virtual ~Progress() = default;
    virtual void begin(const std::string& label, uint64_t total) = 0;
    virtual void advance(uint64_t bytes) = 0;
    virtual void end() = 0;
};

class NullProgress final : public Progress {
  public:
    void begin(const std::string&, uint64_t) override {}
    void advance(uint64_t) override {}
    void end() override {}
};

// begin() now, end() on every way out of the scope.
class ProgressScope {
  public:
    ProgressScope(Progress& progress, const std::string& label, uint64_t total)
        : progress_(progress) {
        progress_.begin(label, total);
    }
    ~ProgressScope() { progress_.end(); }
    ProgressScope(const ProgressScope&) = delete;
    ProgressScope& operator=(const ProgressScope&) = delete;

  private:
    Progress& progress_;
};

}  // namespace sysboot::host
