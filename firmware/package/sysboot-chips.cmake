# The chip libraries the package offers, one sysboot::<chip> each, and their library
# sources in firmware/chips/<chip>/src. The example boards' board_kit.cpp and auth_kit.cpp
# are not among them: they are the examples' code, not the library's.
# The STM32G0, STM32H7, STM32G4 and STM32L4 layers build their devices from the family table
# (protocol/stm32, header-only), so the package carries those headers too.
set(SYSBOOT_PKG_CHIPS stm32f7 stm32f4 stm32g0 stm32h7 stm32g4 stm32l4)
set(SYSBOOT_PKG_CHIP_SOURCES_stm32f7 device.cpp hooks.cpp c_api.cpp rng.cpp)
set(SYSBOOT_PKG_CHIP_SOURCES_stm32f4 device.cpp hooks.cpp c_api.cpp)
set(SYSBOOT_PKG_CHIP_SOURCES_stm32g0 device.cpp hooks.cpp c_api.cpp)
set(SYSBOOT_PKG_CHIP_SOURCES_stm32h7 device.cpp hooks.cpp clocks.cpp c_api.cpp)
set(SYSBOOT_PKG_CHIP_SOURCES_stm32g4 device.cpp hooks.cpp c_api.cpp)
set(SYSBOOT_PKG_CHIP_SOURCES_stm32l4 device.cpp hooks.cpp c_api.cpp)
