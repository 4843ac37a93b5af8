#pragma once
// Memory-mapped register access: the one place that turns an address into a volatile
// access. Every access is exactly one load or store of the given width (a peripheral may
// react to the access itself, e.g. a read that clears a flag), so no helper here reads
// back or merges writes behind the caller's back except the explicit read-modify-writes.
#include <cstdint>

namespace sysboot::mmio {

template <class T>
inline volatile T& reg(std::uint32_t addr) {
    return *reinterpret_cast<volatile T*>(static_cast<std::uintptr_t>(addr));
}

// The register itself, for code that reads it like a variable: reg32(a) = v; reg32(a) & m.
inline volatile std::uint32_t& reg32(std::uint32_t addr) {
    return reg<std::uint32_t>(addr);
}
inline volatile std::uint8_t& reg8(std::uint32_t addr) {
    return reg<std::uint8_t>(addr);
}

inline std::uint32_t read32(std::uint32_t addr) {
    return reg<std::uint32_t>(addr);
}
inline void write32(std::uint32_t addr, std::uint32_t value) {
    reg<std::uint32_t>(addr) = value;
}
inline std::uint16_t read16(std::uint32_t addr) {
    return reg<std::uint16_t>(addr);
}
inline std::uint8_t read8(std::uint32_t addr) {
    return reg<std::uint8_t>(addr);
}
// Byte stores, e.g. one NVIC priority field (DDI0403E §B3.4.9: IPR is byte-accessible).
inline void write8(std::uint32_t addr, std::uint8_t value) {
    reg<std::uint8_t>(addr) = value;
}

// Read-modify-write of a 32-bit register: not atomic, call with the register's other
// writers (interrupts, DMA) quiet.
inline void modify32(std::uint32_t addr, std::uint32_t clear, std::uint32_t set) {
    write32(addr, (read32(addr) & ~clear) | set);
}
inline void set_bits32(std::uint32_t addr, std::uint32_t bits) {
    modify32(addr, 0, bits);
}
inline void clear_bits32(std::uint32_t addr, std::uint32_t bits) {
    modify32(addr, bits, 0);
}

}  // namespace sysboot::mmio
