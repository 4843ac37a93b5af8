// The three STM32F7 lines the model knows, one board part each.
#include "f7model/model.hpp"

namespace f7model {

namespace {

// DEV_ID: §40.6.1 of each RM. Flash size register: RM0385/RM0410 §45.2 0x1FF0F442, RM0431
// §45.2 0x1FF07A22. SRAM: §2.2.2 memory maps. Caches: RM §1 / Cortex-M7 TRM (F74x 4+4 KiB,
// F76x 16+16 KiB, F72x 8+8 KiB). IRQ lines: §10.1.2 vector tables. Bootloader ID: AN2606.
// OPTCR as shipped: RDP 0xAA, nWRP all 1, IWDG_SW/WWDG_SW/nRST_* 1, BOR off, OPTLOCK 1;
// F76x also nDBOOT/nDBANK = 1 (RM0410 §3.7.6).
// CPUID (DDI0403E §B3.2.3; Cortex-M7 TRM §3.2): implementer 0x41, variant [23:20],
// architecture 0xF, part 0xC27, revision [3:0]. F74x/F75x carry r0p1, F76x/F77x and F72x/F73x
// r1p0 (ST's CMSIS device headers: __CM7_REV 0x0001 and 0x0100).
constexpr std::uint32_t kCpuidR0p1 = 0x410FC271u, kCpuidR1p0 = 0x411FC270u;
const PartInfo kParts[] = {
    {Part::f74x, "STM32F746", 0x449, 1024, 0x1FF0F442, 320, 16, 4, 4, 98, 0x90, 0xC0FFAAFDu,
     kCpuidR0p1},
    {Part::f76x, "STM32F767", 0x451, 2048, 0x1FF0F442, 512, 16, 16, 16, 110, 0x93, 0xFFFFAAFDu,
     kCpuidR1p0},
    {Part::f72x, "STM32F722", 0x452, 512, 0x1FF07A22, 256, 16, 8, 8, 104, 0x90, 0xC0FFAAFDu,
     kCpuidR1p0},
};

}  // namespace

const PartInfo& part_info(Part p) {
    return kParts[static_cast<int>(p)];
}

}  // namespace f7model
