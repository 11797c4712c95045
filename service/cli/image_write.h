/* image_write.h: putting a boot image's bytes in place for the firmware commands: a file
 * written atomically with its folder made first, and a kept copy copied over an image's
 * copy in the TFTP root once its SHA-256 is checked. */
#ifndef PXB_CLI_IMAGE_WRITE_H
#define PXB_CLI_IMAGE_WRITE_H

#include <stddef.h>

#include "firmware_images.h"
#include "pxb_error.h"

/* Writes len bytes of data to path (atomically, whole_file.h), making its folder first.
 * Returns 0, or -1 with the reason in err. */
int cli_write_with_folder(const char *path, const char *data, size_t len, pxb_error *err);
/* Copies the file from over img's copy in the root, atomically, if from's SHA-256 is
 * sha256 (a kept copy that changed is not put in place). Returns 0, or -1 with the reason
 * in err (the root's copy is as it was). */
int cli_image_copy_in(const cli_image *img, const char *from, const char *sha256,
                      pxb_error *err);

#endif
