// The widely copied recipe, step for step (README "Scenarios" shows where it fails):
//   disable IRQs; HAL_RCC_DeInit(); HAL_DeInit(); SysTick off; disable I- and D-cache;
//   clear NVIC ICER/ICPR; VTOR = base; __set_MSP(word0); ((void(*)())word1)();
// qemu-an500 has no RCC, so the HAL de-init calls have nothing to do here. The caches are
// disabled the way the CMSIS helpers do it (C code, clean by set/way from C).
#include "recipe.hpp"

#include "sysboot/cm7/cache.hpp"
#include "sysboot/cm7/nvic.hpp"
#include "sysboot/cm7/scb.hpp"
#include "sysboot/cm7/systick.hpp"
#include "sysboot/mmio.hpp"

namespace scenario {
using sysboot::mmio::reg32;

[[noreturn]] void common_recipe(std::uint32_t base) {
    using namespace sysboot::cm7;
    asm volatile("cpsid i" ::: "memory");
    reg32(systick::CSR) = 0;
    reg32(systick::RVR) = 0;
    reg32(systick::CVR) = 0;
    // SCB_DisableICache / SCB_DisableDCache equivalents.
    asm volatile("dsb\n\tisb" ::: "memory");
    reg32(scb::CCR) = reg32(scb::CCR) & ~scb::CCR_IC;
    reg32(cache::ICIALLU) = 0;
    reg32(cache::CSSELR) = 0;
    asm volatile("dsb" ::: "memory");
    const auto g = cache::decode_ccsidr(reg32(cache::CCSIDR));
    reg32(scb::CCR) = reg32(scb::CCR) & ~scb::CCR_DC;
    for (std::uint32_t set = 0; set < g.sets; ++set) {
        for (std::uint32_t way = 0; way < g.ways; ++way) {
            reg32(cache::DCCISW) = cache::set_way_operand(g, set, way);
        }
    }
    asm volatile("dsb\n\tisb" ::: "memory");
    for (unsigned i = 0; i < 8; ++i) {
        reg32(nvic::word(nvic::ICER0, i)) = 0xFFFFFFFFu;
        reg32(nvic::word(nvic::ICPR0, i)) = 0xFFFFFFFFu;
    }
    reg32(scb::VTOR) = base;
    const std::uint32_t msp = reg32(base);
    asm volatile("msr msp, %0" ::"r"(msp) : "memory");  // __set_MSP
    const auto entry = reinterpret_cast<void (*)()>(reg32(base + 4));
    entry();
    for (;;) {
    }
}

}  // namespace scenario
