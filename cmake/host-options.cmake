# Options every host target links: warnings as errors, and ASan+UBSan when
# SYSBOOT_SANITIZE is on (the `host` preset turns it on for the test build).
option(SYSBOOT_SANITIZE "Build host code with AddressSanitizer and UBSan" ON)
add_library(sysboot_host_options INTERFACE)
target_compile_options(sysboot_host_options INTERFACE -Wall -Wextra -Werror)
if(SYSBOOT_SANITIZE)
    target_compile_options(sysboot_host_options INTERFACE
        -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
    target_link_options(sysboot_host_options INTERFACE -fsanitize=address,undefined)
endif()
# The release build (SYSBOOT_HOST_TOOL_ONLY) has no tests, so it needs no GoogleTest.
if(NOT SYSBOOT_HOST_TOOL_ONLY)
    find_package(GTest REQUIRED)
endif()
