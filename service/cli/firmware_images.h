/* firmware_images.h: the boot images pxebridge knows in the TFTP root. They are the images
 * this build ships, pinned by SHA-256: Debian's iPXE (firmware/ipxe.lock, built in as
 * ipxe_pins.h), the project's own pxbinfo (its sums as built, own_pins.h) and Debian's
 * signed chain in secureboot/ (firmware/signed.lock, signed_pins.h); and the admin's own
 * builds that `pxebridge firmware replace` put in place and recorded (own_build_records.h).
 * Each image's copy in the root is hashed (file_sha256.h) and given a state
 * (image_state.h); a UEFI image's signatures are read. */
#ifndef PXB_CLI_FIRMWARE_IMAGES_H
#define PXB_CLI_FIRMWARE_IMAGES_H

#include <stddef.h>

#include "authenticode.h"
#include "boot_plan.h"
#include "config.h"
#include "file_sha256.h"
#include "image_state.h"
#include "pxb_error.h"

/* Images listed at most: the pinned ones and the own builds recorded. */
#define CLI_IMAGES_MAX 32
/* The largest image taken: far above any iPXE image, which is well under 2 MiB. */
#define CLI_IMAGE_MAX (64u * 1024 * 1024)

typedef struct cli_image {
    char name[PXB_PLAN_VALUE_MAX];   /* relative to the root, as pinned or recorded */
    const char *pinned_sha256;       /* the bundled build's, or NULL */
    int bundled_ipxe;                /* the bundled build is iPXE (no embedded script) */
    char own_sha256[CLI_SHA256_HEX]; /* the recorded own build's, or "" */
    int own_embedded_script;         /* the own build has an embedded script */
    enum pxb_image_state state;
    char path[PXB_CONFIG_PATH_MAX + PXB_PLAN_VALUE_MAX];
    char sha256[CLI_SHA256_HEX];     /* of the copy, when found */
    unsigned long long size;
    pxb_error err;                   /* why it is unreadable */
    int is_pe;                       /* the copy is a PE image (UEFI): sigs was read */
    pxb_signatures sigs;             /* its Authenticode signatures */
} cli_image;

typedef struct cli_images {
    char root[PXB_CONFIG_PATH_MAX];
    cli_image image[CLI_IMAGES_MAX];
    size_t count;
} cli_images;

/* Reads the Authenticode signatures of the file at path into img->sigs if it is a PE image
 * (img->is_pe). A file that cannot be read is left unread (is_pe 0). */
void cli_image_read_signatures(cli_image *img, const char *path);

/* Lists and hashes the pinned images and the recorded own builds in root. Returns 0, or -1
 * with the reason in err (the records cannot be read). */
int cli_images_read(const char *root, cli_images *out, pxb_error *err);
/* The image named name (any case), or NULL. */
cli_image *cli_images_find(cli_images *images, const char *name);
/* The image named name, added and hashed if it is not listed yet (a file of the root that is
 * neither pinned nor recorded: missing, or else altered); NULL when the list is full. */
cli_image *cli_images_add(cli_images *images, const char *name);

#endif
