#include "sysboot/noinit.hpp"

namespace sysboot::detail {

// 32-byte aligned so it is exactly one D-cache line (Cortex-M7 TRM: 32-byte lines).
[[gnu::section(".sysboot_noinit"), gnu::used]] alignas(32) NoInit g_noinit;

}  // namespace sysboot::detail
