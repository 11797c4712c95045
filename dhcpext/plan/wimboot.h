/* wimboot.h: wimboot, iPXE's boot loader for Windows PE, as the admin brings it (firmware
 * import, winpe add --wimboot): the fixed names it takes in the TFTP root, one per
 * architecture, which the generated menus load. */
#ifndef PXB_WIMBOOT_H
#define PXB_WIMBOOT_H

/* The x86 hybrid (BIOS bzImage and x64 UEFI): BIOS clients and x64 UEFI. */
#define PXB_WIMBOOT_X64 "wimboot"
/* 32-bit x86 UEFI. */
#define PXB_WIMBOOT_I386 "wimboot.i386"
/* ARM64 UEFI. */
#define PXB_WIMBOOT_ARM64 "wimboot.arm64"

#endif
