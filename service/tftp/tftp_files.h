/* tftp_files.h: how the TFTP engine gets file contents. The engine asks for a confined,
 * already-normalised relative path (see tftp_path.h); the provider (file_cache.c over an OS
 * file backend) resolves it inside the TFTP root and hands back shared, read-only bytes that
 * stay valid until released, however many transfers use them. */
#ifndef PXB_TFTP_FILES_H
#define PXB_TFTP_FILES_H

#include <stddef.h>
#include <stdint.h>

#include "file_open_result.h"
#include "pxb_error.h"

typedef struct tftp_blob {
    const uint8_t *data;
    uint64_t size;
} tftp_blob;

/* tftp_files.open returns an enum tftp_open_result (file_open_result.h). */

typedef struct tftp_files {
    void *ctx;
    /* relpath: components separated by '/', no leading '/', already checked by tftp_path.
     * netascii: nonzero to get the netascii form (LF -> CR LF, CR -> CR NUL).
     * On TFTP_OPEN_OK *blob is set; message (may be NULL) gets a reason otherwise. */
    int (*open)(void *ctx, const char *relpath, int netascii, const tftp_blob **blob,
                pxb_error *message);
    void (*release)(void *ctx, const tftp_blob *blob);
} tftp_files;

#endif
