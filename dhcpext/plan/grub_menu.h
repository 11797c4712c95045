/* grub_menu.h: the GRUB network menu of the bundled signed chains, made from the boot plan,
 * as boot_script.h makes boot.ipxe. Debian's signed network GRUB (served as
 * secureboot/grubx64.efi, or grubaa64.efi for ARM64, beside the shim) has the prefix /grub
 * on the TFTP server it was loaded from and reads $prefix/x86_64-efi/grub.cfg (ARM64:
 * $prefix/arm64-efi/grub.cfg) if there is one, else $prefix/grub.cfg: when the TFTP root has
 * none of them, the PxeBridge service serves this one as grub/grub.cfg, for both CPUs.
 * It prints a marker, then, by GRUB's $grub_cpu, boots GrubKernel (with GrubInitrd and
 * GrubArgs) on x64 or GrubKernelArm64 (GrubInitrdArm64, GrubArgsArm64) on ARM64 or, given
 * no kernel, when the kernel fails, or when chosen from the menu (MenuTimeout), the local
 * disk: leaving GRUB makes the firmware try its next boot entry. It offers no WinPE image:
 * Debian's signed GRUB 2.06 cannot start wimboot with its files (`linux` refuses it as a
 * kernel too old; `chainloader` starts it with no files: tests/e2e/winpe.sh), so WinPE
 * boots through iPXE's menu only. */
#ifndef PXB_GRUB_MENU_H
#define PXB_GRUB_MENU_H

#include <stddef.h>

#include "menu_source.h"

/* Where the service serves the menu, relative to the TFTP root. */
#define PXB_GRUB_MENU_NAME "grub/grub.cfg"
/* The line the menu prints first, then the client's MAC address. */
#define PXB_GRUB_MARKER "pxebridge: GRUB menu for"
/* The line it prints when it turns to the local disk. */
#define PXB_GRUB_LOCAL "pxebridge: booting from the local disk"

/* Writes the menu for src (the plan, the WinPE catalog) into out (NUL-terminated when
 * out_len > 0). Returns the length the whole menu needs, NUL excluded; it is complete when
 * that is below out_len. */
size_t pxb_grub_menu(const pxb_menu_source *src, char *out, size_t out_len);

#endif
