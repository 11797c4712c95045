/* firmware_images.h: the boot images pxebridge knows in the TFTP root. They are the images
 * this build ships, pinned by SHA-256: Debian's iPXE (firmware/ipxe.lock, built in as
 * ipxe_pins.h), the project's own pxbinfo (its sums as built, own_pins.h) and Debian's
 * signed chain in secureboot/ (firmware/signed.lock, signed_pins.h); and the
 * admin's own builds that `pxebridge firmware replace` put in place and recorded under
 * Parameters\Firmware: one REG_SZ value per image, named as the image, holding
 * "sha256=<hex>" and, for a build with an embedded script, ";embedded-script". Each image's
 * copy in the root is hashed and given a state. With the boot plan they tell whether
 * EmbeddedScript=1 is safe: only if every first-stage image the plan hands out is an own
 * build with an embedded script; iPXE without one, given no iPXE rule, loads itself again
 * and again. */
#ifndef PXB_CLI_FIRMWARE_IMAGES_H
#define PXB_CLI_FIRMWARE_IMAGES_H

#include <stddef.h>

#include "authenticode.h"
#include "boot_plan.h"
#include "config.h"
#include "file_sha256.h"

#define PXB_FIRMWARE_SUBKEY \
    "SYSTEM\\CurrentControlSet\\Services\\PxeBridge\\Parameters\\Firmware"
/* Images listed at most: the pinned ones and the own builds recorded. */
#define CLI_IMAGES_MAX 32
#define CLI_IMAGE_ERR_MAX 512
/* The largest image taken: far above any iPXE image, which is well under 2 MiB. */
#define CLI_IMAGE_MAX (64u * 1024 * 1024)

enum cli_image_state {
    CLI_IMAGE_INTACT,    /* the bundled build, as pinned */
    CLI_IMAGE_OWN,       /* the admin's own build, as recorded */
    CLI_IMAGE_ALTERED,   /* neither */
    CLI_IMAGE_MISSING,
    CLI_IMAGE_UNREADABLE
};

typedef struct cli_image {
    char name[PXB_PLAN_VALUE_MAX];   /* relative to the root, as pinned or recorded */
    const char *pinned_sha256;       /* the bundled build's, or NULL */
    int bundled_ipxe;                /* the bundled build is iPXE (no embedded script) */
    char own_sha256[CLI_SHA256_HEX]; /* the recorded own build's, or "" */
    int own_embedded_script;         /* the own build has an embedded script */
    enum cli_image_state state;
    char path[PXB_CONFIG_PATH_MAX + PXB_PLAN_VALUE_MAX];
    char sha256[CLI_SHA256_HEX];     /* of the copy, when found */
    unsigned long long size;
    char err[CLI_IMAGE_ERR_MAX];     /* why it is unreadable */
    int is_pe;                       /* the copy is a PE image (UEFI): sigs was read */
    pxb_signatures sigs;             /* its Authenticode signatures */
} cli_image;

typedef struct cli_images {
    char root[PXB_CONFIG_PATH_MAX];
    cli_image image[CLI_IMAGES_MAX];
    size_t count;
} cli_images;

/* "intact", "own build", "altered", "missing", "unreadable". */
const char *cli_image_state_name(enum cli_image_state state);
/* The stage whose clients load an image: the plan's stage naming it, else from its kind
 * (.efi: x64 UEFI, like the bundled ones; else BIOS). */
enum pxb_stage cli_image_stage(const pxb_boot_plan *plan, const char *name);
/* The firmware an image boots, for people: "BIOS x86", "UEFI x64" ... (cli_image_stage). */
const char *cli_image_firmware(const pxb_boot_plan *plan, const char *name);

/* The stored settings (cfg, with the TFTP root) and boot plan, each value applied on its own
 * (the plan as a whole need not be usable yet), and the images in that root. Returns
 * CLI_OK, or CLI_FAILED after saying what could not be read and what to do. */
int cli_firmware_load(pxb_config *cfg, pxb_boot_plan *plan, cli_images *images);

/* dir\name into out, name's '/' turned into '\'. */
void cli_join_path(const char *dir, const char *name, char *out, size_t out_len);
/* The TFTP root of the stored settings into root. Returns 0, or -1 with the reason in
 * err. */
int cli_stored_tftp_root(char *root, size_t root_len, char *err, size_t err_len);
/* Reads the Authenticode signatures of the file at path into img->sigs if it is a PE image
 * (img->is_pe). A file that cannot be read is left unread (is_pe 0). */
void cli_image_read_signatures(cli_image *img, const char *path);

/* Lists and hashes the pinned images and the recorded own builds in root. Returns 0, or -1
 * with the reason in err (the records cannot be read). */
int cli_images_read(const char *root, cli_images *out, char *err, size_t err_len);
/* The image named name (any case), or NULL. */
cli_image *cli_images_find(cli_images *images, const char *name);
/* The image named name, added and hashed if it is not listed yet (a file of the root that is
 * neither pinned nor recorded: missing, or else altered); NULL when the list is full. */
cli_image *cli_images_add(cli_images *images, const char *name);

/* Records name as the admin's own build with this SHA-256; 0, or -1 with err. */
int cli_image_record(const char *name, const char *sha256, int embedded_script, char *err,
                     size_t err_len);
/* Deletes the record of name's own build; 0, or -1 with err. */
int cli_image_forget(const char *name, char *err, size_t err_len);

/* Where `firmware replace` keeps a copy of an own build with this SHA-256,
 * %ProgramData%\pxebridge\builds\<sha256>-<file name>: an install, upgrade or repair of the
 * MSI puts the bundled images back into the TFTP root, then runs `firmware reapply`, which
 * puts the kept own builds back. Returns 0, or -1 when the ProgramData folder is unknown. */
int cli_own_build_keep_path(const char *name, const char *sha256, char *out, size_t out_len);
/* The copy of a bundled image the MSI installs beside pxebridge.exe, in its firmware\
 * folder, for `firmware restore`. Returns 0, or -1 when that folder cannot be told. */
int cli_bundled_path(const char *name, char *out, size_t out_len);
/* Writes len bytes of data to path (atomically, whole_file.h), making its folder first.
 * Returns 0, or -1 with the reason in err. */
int cli_write_with_folder(const char *path, const char *data, size_t len, char *err,
                          size_t err_len);
/* Copies the file from over img's copy in the root, atomically, if from's SHA-256 is
 * sha256 (a kept copy that changed is not put in place). Returns 0, or -1 with the reason
 * in err (the root's copy is as it was). */
int cli_image_copy_in(const cli_image *img, const char *from, const char *sha256, char *err,
                      size_t err_len);

/* With EmbeddedScript=1, checks each first-stage image the plan hands out in images' root.
 * Returns how many are known to have no embedded script (the bundled iPXE, an own build
 * recorded without one): with them clients loop. *unknown (if not NULL) gets how many cannot
 * be told (missing, altered, unreadable). With report, prints each as an error or a warning
 * that says what to do. 0 when the plan has EmbeddedScript=0. */
size_t cli_images_check_embedded(const cli_images *images, const pxb_boot_plan *plan,
                                 int report, size_t *unknown);

#endif
