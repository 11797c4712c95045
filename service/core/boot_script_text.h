/* boot_script_text.h: the boot script made from a boot plan (dhcpext/boot_script.h) as one
 * malloc'd text, for the servers that serve it as boot.ipxe (the TFTP runtime, HTTP). */
#ifndef PXB_BOOT_SCRIPT_TEXT_H
#define PXB_BOOT_SCRIPT_TEXT_H

#include <stddef.h>

#include "boot_plan.h"

/* The script, NUL-terminated, its length in *len; free with free(). NULL when memory runs
 * out. */
char *pxb_boot_script_text(const pxb_boot_plan *plan, size_t *len);

#endif
