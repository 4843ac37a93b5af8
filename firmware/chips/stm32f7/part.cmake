# SYSBOOT_STM32F7_PART: build the STM32F7 device table for one part (docs/footprint.md
# "Single-part build"): its line's row only, so detect() and the hooks it links are that
# line's. Empty (the default): every line, detect() picks the row by DEV_ID at run time.
# A part number (STM32F767ZI, F767, f746...) or a line (F74x, F76x, F72x) is accepted; a part
# of another line than the chip the image runs on makes detect() report unknown_device.
set(SYSBOOT_STM32F7_PART "" CACHE STRING
    "STM32F7 part (e.g. F767, F746, F722) for a one-line device table; empty: every line")

# sysboot_stm32f7_part_dev_id(<part> <out-var>): the DEV_ID of the part's line
# (RM0385/RM0410/RM0431 §40.6.1: 0x449 F74x/F75x, 0x451 F76x/F77x, 0x452 F72x/F73x), or ""
# for an empty part. Stops the configuration for anything else.
function(sysboot_stm32f7_part_dev_id part out_var)
    string(TOUPPER "${part}" p)
    string(REGEX REPLACE "^STM32" "" p "${p}")
    if(p STREQUAL "")
        set(id "")
    elseif(p MATCHES "^F(74[56]|75[06]|74X|75X)")
        set(id 0x449)
    elseif(p MATCHES "^F(76[5789]|77[789]|76X|77X)")
        set(id 0x451)
    elseif(p MATCHES "^F(72[23]|73[023]|72X|73X)")
        set(id 0x452)
    else()
        message(FATAL_ERROR "SYSBOOT_STM32F7_PART=${part}: not an STM32F7 part or line "
                            "(e.g. F767, STM32F746NG, F72x)")
    endif()
    set(${out_var} "${id}" PARENT_SCOPE)
endfunction()
