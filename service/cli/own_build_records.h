/* own_build_records.h: the records of the admin's own builds of boot images in the
 * registry, under Parameters\Firmware: one REG_SZ value per image, named as the image,
 * holding the record text of own_build_record.h. `firmware replace` and `firmware import`
 * write them, `firmware restore` deletes one, every firmware command reads them. */
#ifndef PXB_CLI_OWN_BUILD_RECORDS_H
#define PXB_CLI_OWN_BUILD_RECORDS_H

#include "pxb_error.h"

#define PXB_FIRMWARE_SUBKEY \
    "SYSTEM\\CurrentControlSet\\Services\\PxeBridge\\Parameters\\Firmware"

/* Called for each record read: the image name, its build's SHA-256 (hex) and whether the
 * build has an embedded script. */
typedef void (*cli_own_build_fn)(void *ctx, const char *name, const char *sha256,
                                 int embedded_script);

/* Calls fn for every record (a value that is no record this program wrote counts as none).
 * Returns 0, or -1 with the reason in err (the key cannot be read). */
int cli_own_builds_read(cli_own_build_fn fn, void *ctx, pxb_error *err);
/* Records name as the admin's own build with this SHA-256; 0, or -1 with err. */
int cli_image_record(const char *name, const char *sha256, int embedded_script,
                     pxb_error *err);
/* Deletes the record of name's own build; 0, or -1 with err. */
int cli_image_forget(const char *name, pxb_error *err);

#endif
