// The Device of every row of one STM32 family, built at compile time from the part table
// (protocol/stm32/include/sysboot/stm32/families/<family>.hpp; docs/families.md lists each
// value with its source), and detect(). The family is fixed by SYSBOOT_STM32_FAMILY, the rows
// a build serves optionally by SYSBOOT_STM32_DEV_IDS (chip.cmake). Everything here is const
// (.rodata): detect() and the hooks use no .data/.bss, so they may run first in Reset_Handler.
#include "sysboot/stm32_family/device.hpp"

#include <array>
#include <cstddef>
#include <span>
#include <utility>

#include "sysboot/core/caps.hpp"
#include "sysboot/mmio.hpp"
#include "sysboot/stm32_family/rows.hpp"

#ifndef SYSBOOT_STM32_FAMILY
#error "SYSBOOT_STM32_FAMILY must name the family (C0, F0, ... WL): chip.cmake sets it"
#endif

namespace sysboot::stm32_family {

namespace {

using stm32::PartInfo;

constexpr stm32::Family kFamily = stm32::Family::SYSBOOT_STM32_FAMILY;
constexpr std::span<const PartInfo> kParts = stm32::parts_of(kFamily);

#ifdef SYSBOOT_STM32_DEV_IDS
constexpr std::uint16_t kSelected[] = {SYSBOOT_STM32_DEV_IDS};
constexpr bool selected(std::uint16_t dev_id) {
    for (const std::uint16_t s : kSelected) {
        if (s == dev_id) {
            return true;
        }
    }
    return false;
}
// A selected DEV_ID that no servable row of the family has is a build error, not a part the
// layer would later refuse without a word.
constexpr bool selection_is_servable() {
    for (const std::uint16_t s : kSelected) {
        bool found = false;
        for (const PartInfo& p : kParts) {
            found = found || (p.dev_id == s && enterable(p));
        }
        if (!found) {
            return false;
        }
    }
    return true;
}
static_assert(selection_is_servable(),
              "SYSBOOT_STM32_DEV_IDS names a DEV_ID without a servable row in this family");
#else
constexpr bool selected(std::uint16_t) {
    return true;
}
#endif

// One IDCODE address per family: detect() reads it before it knows the row.
constexpr std::uint32_t kIdcode = kParts[0].idcode_address;
constexpr bool one_idcode_address() {
    for (const PartInfo& p : kParts) {
        if (p.idcode_address != kIdcode) {
            return false;
        }
    }
    return true;
}
static_assert(one_idcode_address(), "rows of one family with different IDCODE addresses");

// The build's -mcpu (sysboot/core/caps.hpp) is the family's core in the table: a G0 layer
// compiled for a Cortex-M4 is a build error.
constexpr bool same_text(const char* a, const char* b) {
    while (*a != '\0' && *a == *b) {
        ++a;
        ++b;
    }
    return *a == *b;
}
constexpr const char* core_name(stm32::Core c) {
    constexpr const char* kNames[] = {"cortex-m0", "cortex-m0plus", "cortex-m3",
                                      "cortex-m4", "cortex-m7",     "cortex-m33"};
    return kNames[static_cast<std::uint8_t>(c)];
}
constexpr bool built_for_the_family_core() {
    for (const PartInfo& p : kParts) {
        if (!same_text(core_name(p.core), core::kCaps.name)) {
            return false;
        }
    }
    return true;
}
static_assert(built_for_the_family_core(), "compiled for another core than the family's rows");

// The software-reset flag of row I (the row's software_reset_flag): the only cause the reset
// path must tell apart. Other causes are not decoded by this layer (docs/families.md).
template <std::size_t I>
std::uint32_t reset_flags() {
    constexpr stm32::FlagBit kFlag = kParts[I].software_reset_flag;
    return (mmio::read32(kFlag.address) & kFlag.mask()) != 0
               ? static_cast<std::uint32_t>(SYSBOOT_RESET_SOFTWARE)
               : 0u;
}

// RMVF (write 1) clears every reset flag of the register (rows.hpp: remove_flags_bit).
template <std::size_t I>
void clear_reset_flags() {
    constexpr stm32::FlagBit kFlag = kParts[I].software_reset_flag;
    mmio::set_bits32(kFlag.address, 1u << remove_flags_bit(kFamily));
}

// STM32F0 (Cortex-M0, no VTOR): the ROM's vectors are taken from address 0 once system memory
// is mapped there, SYSCFG_CFGR1.MEM_MODE = 01 with the SYSCFG clock on (RM0091 "SYSCFG
// configuration register 1"; CMSIS cmsis_device_f0: SYSCFG_BASE 0x40010000, CFGR1 at offset
// 0, MEM_MODE in [1:0]; RCC_APB2ENR at 0x40021018, SYSCFGCOMPEN bit 0).
constexpr std::uint32_t kF0RccApb2enr = 0x40021018;
constexpr std::uint32_t kF0SyscfgEn = 1u << 0;
constexpr std::uint32_t kF0SyscfgCfgr1 = 0x40010000;
constexpr std::uint32_t kF0MemModeMask = 0x3u;
constexpr std::uint32_t kF0MemModeSystemFlash = 0x1u;

void map_system_memory_f0() {
    mmio::set_bits32(kF0RccApb2enr, kF0SyscfgEn);
    (void)mmio::read32(kF0RccApb2enr);  // the clock is on before the first SYSCFG access
    mmio::modify32(kF0SyscfgCfgr1, kF0MemModeMask, kF0MemModeSystemFlash);
}

// The table's interfaces as SYSBOOT_IF_* bits. The table says "USART" without a number;
// AN2606 lists USART1 for the ROM of every family in it.
constexpr std::uint32_t interfaces_of(const PartInfo& p) {
    struct Map {
        std::uint16_t table;
        std::uint32_t sysboot;
    };
    constexpr Map kMap[] = {
        {stm32::kUsart, SYSBOOT_IF_USART1}, {stm32::kUsbDfu, SYSBOOT_IF_USB_DFU},
        {stm32::kI2c, SYSBOOT_IF_I2C},      {stm32::kSpi, SYSBOOT_IF_SPI},
        {stm32::kCan, SYSBOOT_IF_CAN},      {stm32::kFdcan, SYSBOOT_IF_CAN},
    };
    std::uint32_t out = 0;
    for (const Map& m : kMap) {
        out |= (p.interfaces & m.table) != 0 ? m.sysboot : 0u;
    }
    return out;
}

// Only STM32F0 has a Cortex-M0 (docs/families.md); its remap is the one above.
constexpr bool m0_only_on_f0() {
    for (const PartInfo& p : kParts) {
        if (p.core == stm32::Core::M0 && kFamily != stm32::Family::F0) {
            return false;
        }
    }
    return true;
}
static_assert(m0_only_on_f0(), "a Cortex-M0 row outside STM32F0 needs its own remap hook");

struct Entry {
    bool serves;
    Device device;
};

template <std::size_t I>
constexpr Entry entry() {
    constexpr const PartInfo& p = kParts[I];
    if constexpr (enterable(p) && selected(p.dev_id)) {
        sysboot_chip_hooks_t hooks{};
        hooks.reset_flags = &reset_flags<I>;
        hooks.clear_reset_flags = &clear_reset_flags<I>;
        if constexpr (p.core == stm32::Core::M0) {
            hooks.map_system_memory = &map_system_memory_f0;
        }
        // AAPCS: the ROM's initial MSP is 8-byte aligned (docs/handoff.md, validate_vectors).
        return {true, Device{p.name,
                             p.dev_id,
                             {rom_of(p).base, rom_of(p).size},
                             {p.rom_ram.base, p.rom_ram.size},
                             {p.sram.base, p.sram.size},
                             8,
                             interfaces_of(p),
                             hooks}};
    } else {
        return {false, Device{}};
    }
}

template <std::size_t... I>
constexpr std::array<Entry, sizeof...(I)> entries(std::index_sequence<I...>) {
    return {entry<I>()...};
}

constexpr std::array kEntries = entries(std::make_index_sequence<kParts.size()>());

}  // namespace

std::uint16_t read_dev_id() {
    return static_cast<std::uint16_t>(mmio::read32(kIdcode) & kIdcodeDevIdMask);
}

const Device* device_for(std::uint16_t dev_id) {
    for (const Entry& e : kEntries) {
        if (e.serves && e.device.dev_id == dev_id) {
            return &e.device;
        }
    }
    return nullptr;
}

const Device* detect(Status& why) {
    const Device* d = device_for(read_dev_id());
    why = d != nullptr ? Status::ok : Status::unknown_device;
    return d;
}

}  // namespace sysboot::stm32_family
