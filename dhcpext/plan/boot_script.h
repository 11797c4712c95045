/* boot_script.h: the default iPXE boot script, boot.ipxe, made from the boot plan. iPXE
 * clients are handed tftp://<BootServer>/boot.ipxe (the plan's default ScriptUrl); when the
 * TFTP root has no file of that name, the PxeBridge service serves this one. It prints a
 * marker line naming the client, then chains to BootTarget, or shows a menu (BootTarget,
 * the WinPE images of the catalog through wimboot, local disk, iPXE shell) for MenuTimeout
 * seconds; BootTarget=winpe:NAME boots that image (at once without a menu). If the chain
 * fails, or there is no target, it boots the local disk: sanboot of drive 0x80 on BIOS,
 * exit to the firmware's next boot entry on UEFI. Uses only commands of iPXE builds since 2017 (no poweroff). */
#ifndef PXB_BOOT_SCRIPT_H
#define PXB_BOOT_SCRIPT_H

#include <stddef.h>

#include "menu_source.h"

/* The start of the line every generated script prints first; after it come the client's
 * MAC address, platform and architecture: "... for 52:54:00:12:34:56 (efi/x86_64)". */
#define PXB_SCRIPT_MARKER "pxebridge: boot script for"
/* The line it prints when it turns to the local disk. */
#define PXB_SCRIPT_LOCAL "pxebridge: booting from the local disk"

/* Writes the script for src (the plan, the WinPE catalog, the base URL) into out
 * (NUL-terminated when out_len > 0). Returns the length the whole script needs, NUL
 * excluded; it is complete when that is below out_len. */
size_t pxb_boot_script(const pxb_menu_source *src, char *out, size_t out_len);

#endif
