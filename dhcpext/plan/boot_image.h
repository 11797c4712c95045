/* boot_image.h: whether a file can be a first-stage image of a plan stage, judged from its
 * first bytes and its size, before pxebridge puts it where clients will load it. A UEFI stage
 * needs a UEFI application for that stage's CPU: a PE32/PE32+ image whose subsystem is "EFI
 * application" and whose machine is x64, IA32 or ARM64. The BIOS stage needs a PXE boot
 * program: raw real-mode code that the PXE ROM loads at 0000:7C00, so not a PE or ELF file,
 * and no larger than the conventional memory above that address. Portable, no I/O. */
#ifndef PXB_BOOT_IMAGE_H
#define PXB_BOOT_IMAGE_H

#include <stddef.h>

#include "boot_plan.h"
#include "pxb_error.h"

/* The bytes of a file's start that pxb_image_check reads at most. */
#define PXB_IMAGE_HEAD_MAX 4096
/* The largest PXE BIOS boot program: from 0000:7C00 to the end of conventional memory. */
#define PXB_IMAGE_BIOS_MAX (0xA0000ull - 0x7C00ull)

/* The PXE stage (BiosFile, UefiX64File, UefiIa32File, UefiArm64File; not the HTTP boot
 * URLs) whose image is name (compared as pxb_same_file_name in file_name.h does), or -1 if none is. */
int pxb_image_stage(const pxb_boot_plan *plan, const char *name);

/* Checks that a file of size bytes, whose first head_len bytes are head (at most
 * PXB_IMAGE_HEAD_MAX are read), can boot the clients of stage. Returns 0, or -1 with what
 * the file is and what the stage needs in err (like "a UEFI application for ARM64, but
 * UefiX64File needs one for x64"). */
int pxb_image_check(enum pxb_stage stage, const unsigned char *head, size_t head_len,
                    unsigned long long size, pxb_error *err);

#endif
