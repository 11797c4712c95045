/* wimboot.h: wimboot, iPXE's boot loader for Windows PE, as the admin brings it (firmware
 * import, winpe add --wimboot): the check that a file is wimboot (a PE image for x64, i386
 * or ARM64 that is an EFI application, the x86 builds also a BIOS bzImage, carrying
 * wimboot's version string "wimboot vX.Y.Z"), and the fixed name each architecture's build
 * takes in the TFTP root, which the generated menus load. Portable, no I/O. */
#ifndef PXB_WIMBOOT_H
#define PXB_WIMBOOT_H

#include <stddef.h>

#include "pxb_error.h"

/* The x86 hybrid (BIOS bzImage and x64 UEFI): BIOS clients and x64 UEFI. */
#define PXB_WIMBOOT_X64 "wimboot"
/* 32-bit x86 (BIOS and IA32 UEFI). */
#define PXB_WIMBOOT_I386 "wimboot.i386"
/* ARM64 UEFI. */
#define PXB_WIMBOOT_ARM64 "wimboot.arm64"

#define PXB_WIMBOOT_VERSION_MAX 32

typedef struct pxb_wimboot_info {
    const char *name;                      /* its name in the TFTP root: PXB_WIMBOOT_X64... */
    const char *clients;                   /* "BIOS and x64 UEFI", "BIOS and IA32 UEFI", "ARM64 UEFI" */
    char version[PXB_WIMBOOT_VERSION_MAX]; /* "2.9.0" */
} pxb_wimboot_info;

/* Checks that data (len bytes) is wimboot and fills *out. Returns 0, or -1 with what it is
 * not ("has no wimboot version string ...") in err. */
int pxb_wimboot_check(const unsigned char *data, size_t len, pxb_wimboot_info *out,
                      pxb_error *err);
/* The clients of the wimboot of that name in the root ("BIOS and x64 UEFI"), or NULL when
 * name is none of the fixed names. */
const char *pxb_wimboot_clients(const char *name);

#endif
