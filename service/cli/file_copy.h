/* file_copy.h: a file of any size copied into place the way whole_file.h writes one (a
 * temporary file beside the target, then one rename over it, so a reader sees the old
 * file or the new one and never a part), its SHA-256 and size taken on the way, for the
 * WinPE images `winpe add` copies into the TFTP root (a boot.wim is hundreds of MB, more
 * than a whole-file read should hold). */
#ifndef PXB_CLI_FILE_COPY_H
#define PXB_CLI_FILE_COPY_H

#include "file_sha256.h"
#include "pxb_error.h"

/* Copies from to to (UTF-8 paths), making to's folder first; the copy's SHA-256 in hex and
 * its size into sha256 and *size. Returns 0, or -1 with the reason in err; then to is as
 * it was and no temporary file is left. */
int cli_copy_atomic(const char *from, const char *to, char sha256[CLI_SHA256_HEX],
                    unsigned long long *size, pxb_error *err);

#endif
