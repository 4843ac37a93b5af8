#pragma once
// What the register blocks need from the model around them: a place to report a broken
// hardware rule, the CPU's exception number, the system reset line and the console.
#include <cstdint>
#include <string>
#include <unordered_map>

#include "f7model/model.hpp"

namespace f7model::detail {

class Host {
  public:
    virtual void violation(const std::string& what) = 0;
    virtual std::uint32_t ipsr() const = 0;   // IPSR exception number (DDI0403E §B1.4.2)
    virtual void request_system_reset() = 0;  // AIRCR.SYSRESETREQ written
    // A byte left a USART; `baud_ok`: its baud rate is within 3 % of 115200.
    virtual void console_byte(std::uint8_t byte, bool baud_ok) = 0;
    virtual const Config& config() const = 0;
    virtual const PartInfo& part() const = 0;

  protected:
    ~Host() = default;
};

// A register store for a block: words the CPU wrote read back; unwritten words read 0.
class WordStore {
  public:
    std::uint32_t get(std::uint32_t addr) const;
    void set(std::uint32_t addr, std::uint32_t v) { words_[addr] = v; }
    void clear() { words_.clear(); }

  private:
    std::unordered_map<std::uint32_t, std::uint32_t> words_;
};

inline std::uint32_t WordStore::get(std::uint32_t addr) const {
    const auto it = words_.find(addr);
    return it == words_.end() ? 0 : it->second;
}

}  // namespace f7model::detail
