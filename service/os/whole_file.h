/* whole_file.h: reading a small file whole, and writing a file atomically (a temporary
 * file beside it, then one rename over it, so readers see the old file or the new one and
 * never a part). Used by the command line for --plan-file, --output and the boot images
 * `firmware replace` puts in place. UTF-8 path names, through the osfile.h backend. */
#ifndef PXB_WHOLE_FILE_H
#define PXB_WHOLE_FILE_H

#include <stddef.h>

#include "pxb_error.h"

/* Reads path whole into a malloc'd buffer (free with free()) with its length in *len and a
 * NUL after it. Files larger than max bytes are refused. NULL with the reason in err. */
char *pxb_file_read(const char *path, size_t max, size_t *len, pxb_error *err);

/* pxb_file_read for text: a file holding a NUL byte is refused too. */
char *pxb_file_read_text(const char *path, size_t max, pxb_error *err);

/* Writes len bytes of data to path, replacing it if it exists. Returns 0, or -1 with the
 * reason in err; then path is as it was and no temporary file is left. */
int pxb_file_write_atomic(const char *path, const char *data, size_t len, pxb_error *err);

#endif
