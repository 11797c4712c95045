/* embedded_script_check.h: whether EmbeddedScript=1 is safe with the images in the TFTP
 * root: only if every first-stage image the boot plan hands out is known to have an
 * embedded script; iPXE without one, given no iPXE rule, loads itself again and again (the
 * chainload loop). `config set`, `firmware verify` and `firmware replace` share it. */
#ifndef PXB_CLI_EMBEDDED_SCRIPT_CHECK_H
#define PXB_CLI_EMBEDDED_SCRIPT_CHECK_H

#include <stddef.h>

#include "boot_plan.h"
#include "firmware_images.h"

/* With EmbeddedScript=1, checks each first-stage image the plan hands out in images' root.
 * Returns how many are known to have no embedded script (the bundled iPXE, an own build
 * recorded without one): with them clients loop. *unknown (if not NULL) gets how many cannot
 * be told (missing, altered, unreadable). With report, prints each as an error or a warning
 * that says what to do. 0 when the plan has EmbeddedScript=0. */
size_t cli_images_check_embedded(const cli_images *images, const pxb_boot_plan *plan,
                                 int report, size_t *unknown);

#endif
