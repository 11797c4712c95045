/* tftp_files.h: how the TFTP engine gets file contents. The engine asks for a confined,
 * already-normalised relative path (see tftp_path.h); the provider (file_cache.c over an OS
 * file backend) resolves it inside the TFTP root and hands back shared, read-only bytes that
 * stay valid until released, however many transfers use them. */
#ifndef PXB_TFTP_FILES_H
#define PXB_TFTP_FILES_H

#include <stddef.h>
#include <stdint.h>

typedef struct tftp_blob {
    const uint8_t *data;
    uint64_t size;
} tftp_blob;

/* Outcomes of tftp_files.open; mapped by the engine onto TFTP error codes. */
enum tftp_open_result {
    TFTP_OPEN_OK = 0,
    TFTP_OPEN_NOT_FOUND = 1,    /* TFTP error 1 */
    TFTP_OPEN_DENIED = 2,       /* TFTP error 2: outside the root, a link escaping it, not a file */
    TFTP_OPEN_FAILED = 3,       /* TFTP error 0 with the message: I/O error, out of memory */
};

typedef struct tftp_files {
    void *ctx;
    /* relpath: components separated by '/', no leading '/', already checked by tftp_path.
     * netascii: nonzero to get the netascii form (LF -> CR LF, CR -> CR NUL).
     * On TFTP_OPEN_OK *blob is set; message (may be NULL) gets a reason otherwise. */
    int (*open)(void *ctx, const char *relpath, int netascii, const tftp_blob **blob,
                char *message, size_t message_len);
    void (*release)(void *ctx, const tftp_blob *blob);
} tftp_files;

#endif
