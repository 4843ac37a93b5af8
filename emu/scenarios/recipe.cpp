// The widely copied recipe, step for step (design.md "The problem"):
//   disable IRQs; HAL_RCC_DeInit(); HAL_DeInit(); SysTick off; disable I- and D-cache;
//   clear NVIC ICER/ICPR; VTOR = base; __set_MSP(word0); ((void(*)())word1)();
// qemu-an500 has no RCC, so the HAL de-init calls have nothing to do here. The caches are
// disabled the way the CMSIS helpers do it (C code, clean by set/way from C).
#include "recipe.hpp"

#include "sysboot/cm7/cache.hpp"
#include "sysboot/cm7/nvic.hpp"
#include "sysboot/cm7/scb.hpp"
#include "sysboot/cm7/systick.hpp"

namespace scenario {
namespace {
volatile std::uint32_t& reg(std::uint32_t a) {
    return *reinterpret_cast<volatile std::uint32_t*>(a);
}
}  // namespace

[[noreturn]] void common_recipe(std::uint32_t base) {
    using namespace sysboot::cm7;
    asm volatile("cpsid i" ::: "memory");
    reg(systick::CSR) = 0;
    reg(systick::RVR) = 0;
    reg(systick::CVR) = 0;
    // SCB_DisableICache / SCB_DisableDCache equivalents.
    asm volatile("dsb\n\tisb" ::: "memory");
    reg(scb::CCR) = reg(scb::CCR) & ~scb::CCR_IC;
    reg(cache::ICIALLU) = 0;
    reg(cache::CSSELR) = 0;
    asm volatile("dsb" ::: "memory");
    const auto g = cache::decode_ccsidr(reg(cache::CCSIDR));
    reg(scb::CCR) = reg(scb::CCR) & ~scb::CCR_DC;
    for (std::uint32_t set = 0; set < g.sets; ++set) {
        for (std::uint32_t way = 0; way < g.ways; ++way) {
            reg(cache::DCCISW) = cache::set_way_operand(g, set, way);
        }
    }
    asm volatile("dsb\n\tisb" ::: "memory");
    for (unsigned i = 0; i < 8; ++i) {
        reg(nvic::word(nvic::ICER0, i)) = 0xFFFFFFFFu;
        reg(nvic::word(nvic::ICPR0, i)) = 0xFFFFFFFFu;
    }
    reg(scb::VTOR) = base;
    const std::uint32_t msp = reg(base);
    asm volatile("msr msp, %0" ::"r"(msp) : "memory");  // __set_MSP
    const auto entry = reinterpret_cast<void (*)()>(reg(base + 4));
    entry();
    for (;;) {
    }
}

}  // namespace scenario
