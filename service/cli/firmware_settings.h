/* firmware_settings.h: the stored settings the firmware commands (and `explain`) work
 * from: the TFTP root, and with it the boot plan and the images in that root. */
#ifndef PXB_CLI_FIRMWARE_SETTINGS_H
#define PXB_CLI_FIRMWARE_SETTINGS_H

#include <stddef.h>

#include "boot_plan.h"
#include "config.h"
#include "firmware_images.h"
#include "pxb_error.h"

/* The stored service settings into cfg. Returns 0, or -1 with the reason in err. */
int cli_stored_config(pxb_config *cfg, pxb_error *err);
/* The TFTP root of the stored settings into root. Returns 0, or -1 with the reason in
 * err. */
int cli_stored_tftp_root(char *root, size_t root_len, pxb_error *err);

/* The stored settings (cfg, with the TFTP root) and boot plan, each value applied on its own
 * (the plan as a whole need not be usable yet), and the images in that root. Returns
 * CLI_OK, or CLI_FAILED after saying what could not be read and what to do. */
int cli_firmware_load(pxb_config *cfg, pxb_boot_plan *plan, cli_images *images);

#endif
