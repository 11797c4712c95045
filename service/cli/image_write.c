/* image_write.c: boot images written into place (see image_write.h). */
#include "image_write.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii_case.h"
#include "osfile.h"
#include "whole_file.h"

int cli_write_with_folder(const char *path, const char *data, size_t len, pxb_error *err)
{
    char dir[PXB_CONFIG_PATH_MAX + PXB_PLAN_VALUE_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '\\');
    if (slash != NULL) {
        *slash = '\0';
        if (pxb_osfile_make_dirs(dir, err) != 0)
            return -1;
    }
    return pxb_file_write_atomic(path, data, len, err);
}

int cli_image_copy_in(const cli_image *img, const char *from, const char *sha256,
                      pxb_error *err)
{
    char got[CLI_SHA256_HEX];
    size_t len;
    char *data = pxb_file_read(from, CLI_IMAGE_MAX, &len, err);
    if (data == NULL)
        return -1;
    int rc = cli_data_sha256(data, len, got, err) == CLI_HASH_OK ? 0 : -1;
    if (rc == 0 && !pxb_ascii_same(got, sha256))
        rc = pxb_error_set(err, "%s has SHA-256 %s, not %s: it is not the build it should be",
                           from, got, sha256);
    if (rc == 0)
        rc = pxb_file_write_atomic(img->path, data, len, err);
    free(data);
    return rc;
}
