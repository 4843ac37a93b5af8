# The chip libraries the package offers, one sysboot::<chip> each, and their library
# sources in firmware/chips/<chip>/src. The example boards' board_kit.cpp and auth_kit.cpp
# are not among them: they are the examples' code, not the library's.
set(SYSBOOT_PKG_CHIPS stm32f7 stm32f4)
set(SYSBOOT_PKG_CHIP_SOURCES_stm32f7 device.cpp hooks.cpp c_api.cpp rng.cpp)
set(SYSBOOT_PKG_CHIP_SOURCES_stm32f4 device.cpp hooks.cpp c_api.cpp)
