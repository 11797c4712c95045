/* file_sha256.h: the SHA-256 and size of a file, or the SHA-256 of bytes in memory, through
 * Windows' CNG (bcrypt.dll), for `pxebridge firmware` to check the boot images in the TFTP
 * root against their pins and records. */
#ifndef PXB_CLI_FILE_SHA256_H
#define PXB_CLI_FILE_SHA256_H

#include <stddef.h>

#include "pxb_error.h"
#include "sha256.h"

/* Lower-case hex digits and the NUL. */
#define CLI_SHA256_HEX (2 * PXB_SHA256_LEN + 1)

enum cli_hash_result {
    CLI_HASH_OK,
    CLI_HASH_MISSING, /* no such file (err says so in the OS's words) */
    CLI_HASH_FAILED   /* it could not be read or hashed: err says why */
};

/* Hashes the file at path (UTF-8) into hex and its size into *size. Returns an enum
 * cli_hash_result. */
int cli_file_sha256(const char *path, char hex[CLI_SHA256_HEX], unsigned long long *size,
                    pxb_error *err);

/* Hashes len bytes at data into hex. Returns CLI_HASH_OK, or CLI_HASH_FAILED with err. */
int cli_data_sha256(const void *data, size_t len, char hex[CLI_SHA256_HEX], pxb_error *err);

#endif
