# Install rules of the firmware library (component "library"): headers under include/sysboot,
# sources under share/sysboot/src, and a CMake package config that builds them with the
# consumer's toolchain. A Makefile project uses the same headers and sources (docs/install.md).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)
set(SYSBOOT_INSTALL_SRCDIR ${CMAKE_INSTALL_DATADIR}/sysboot/src)
set(SYSBOOT_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/sysboot)
set(fw ${CMAKE_SOURCE_DIR}/firmware)
include(${fw}/package/sysboot-chips.cmake)
set(chip_includes)
foreach(chip IN LISTS SYSBOOT_PKG_CHIPS)
    list(APPEND chip_includes ${fw}/chips/${chip}/include/)
endforeach()
# board_kit.hpp is the example boards' code, not the library's.
foreach(dir ${fw}/sysboot/include/ ${fw}/cortex-m/include/ ${fw}/chips/common/include/
            ${chip_includes})
    install(DIRECTORY ${dir} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT library
            PATTERN board_kit.hpp EXCLUDE)
endforeach()
# The family table the G0/H7 layers read, with the one AN3155 header it uses.
install(DIRECTORY ${CMAKE_SOURCE_DIR}/protocol/stm32/include/ DESTINATION
        ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT library)
install(FILES ${CMAKE_SOURCE_DIR}/protocol/an3155/include/sysboot/an3155/sector_map.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/sysboot/an3155 COMPONENT library)
install(DIRECTORY ${fw}/sysboot/src/ DESTINATION ${SYSBOOT_INSTALL_SRCDIR}/sysboot
        COMPONENT library)
# Only each chip's library sources (sysboot-chips.cmake), and a chip's single-part mapping
# (part.cmake, docs/footprint.md) where it has one.
foreach(chip IN LISTS SYSBOOT_PKG_CHIPS)
    list(TRANSFORM SYSBOOT_PKG_CHIP_SOURCES_${chip} PREPEND ${fw}/chips/${chip}/src/
         OUTPUT_VARIABLE chip_sources)
    if(EXISTS ${fw}/chips/${chip}/part.cmake)
        list(APPEND chip_sources ${fw}/chips/${chip}/part.cmake)
    endif()
    install(FILES ${chip_sources} DESTINATION ${SYSBOOT_INSTALL_SRCDIR}/${chip}
            COMPONENT library)
endforeach()
file(RELATIVE_PATH SYSBOOT_CONFIG_TO_PREFIX /prefix/${SYSBOOT_INSTALL_CMAKEDIR} /prefix)
configure_file(${fw}/package/sysbootConfig.cmake.in
               ${CMAKE_BINARY_DIR}/package/sysbootConfig.cmake @ONLY)
write_basic_package_version_file(${CMAKE_BINARY_DIR}/package/sysbootConfigVersion.cmake
    VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)
install(FILES ${CMAKE_BINARY_DIR}/package/sysbootConfig.cmake
              ${CMAKE_BINARY_DIR}/package/sysbootConfigVersion.cmake
              ${fw}/package/sysboot-targets.cmake ${fw}/package/sysboot-chips.cmake
        DESTINATION ${SYSBOOT_INSTALL_CMAKEDIR} COMPONENT library)
