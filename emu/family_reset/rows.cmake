# The reset-path probe of each STM32 family (probe.cpp), read by the cross build (the images)
# and by tests/family_reset (what each image must accept):
#   SYSBOOT_FAMILY_PROBE_CPU_<F>   -mcpu of the family's core; the chip layer refuses to build
#                                  when it is not the core of the family's rows in the table
#   SYSBOOT_FAMILY_PROBE_ROWS_<F>  the DEV_IDs the image serves; none: every row the reset path
#                                  can serve. Where one no-init address cannot be outside the
#                                  ROM's RAM of every row and inside the smallest SRAM,
#                                  stm32-family-ld says so and the image takes rows that share
#                                  one (docs/families.md "Reset path per family").
set(SYSBOOT_FAMILY_PROBE_CPU_C0 cortex-m0plus)
set(SYSBOOT_FAMILY_PROBE_ROWS_C0 0x453)
set(SYSBOOT_FAMILY_PROBE_CPU_F0 cortex-m0)
set(SYSBOOT_FAMILY_PROBE_ROWS_F0 0x440 0x442 0x448)
set(SYSBOOT_FAMILY_PROBE_CPU_F1 cortex-m3)
set(SYSBOOT_FAMILY_PROBE_CPU_F2 cortex-m3)
set(SYSBOOT_FAMILY_PROBE_CPU_F3 cortex-m4)
set(SYSBOOT_FAMILY_PROBE_CPU_F4 cortex-m4)
set(SYSBOOT_FAMILY_PROBE_CPU_F7 cortex-m7)
set(SYSBOOT_FAMILY_PROBE_CPU_G0 cortex-m0plus)
set(SYSBOOT_FAMILY_PROBE_ROWS_G0 0x460 0x467 0x456)
set(SYSBOOT_FAMILY_PROBE_CPU_G4 cortex-m4)
set(SYSBOOT_FAMILY_PROBE_CPU_H5 cortex-m33)
set(SYSBOOT_FAMILY_PROBE_CPU_H7 cortex-m7)
set(SYSBOOT_FAMILY_PROBE_CPU_L0 cortex-m0plus)
set(SYSBOOT_FAMILY_PROBE_ROWS_L0 0x425 0x417)
set(SYSBOOT_FAMILY_PROBE_CPU_L1 cortex-m3)
set(SYSBOOT_FAMILY_PROBE_CPU_L4 cortex-m4)
set(SYSBOOT_FAMILY_PROBE_CPU_L5 cortex-m33)
set(SYSBOOT_FAMILY_PROBE_CPU_U5 cortex-m33)
set(SYSBOOT_FAMILY_PROBE_CPU_WB cortex-m4)
set(SYSBOOT_FAMILY_PROBE_CPU_WL cortex-m4)
