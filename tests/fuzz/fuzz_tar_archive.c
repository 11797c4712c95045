/* fuzz_tar_archive.c: libFuzzer target for the archive reader of `firmware import`
 * (gunzip.h, tar_archive.h). Whatever the bytes (a tar, or a gzip file unpacked first, to at
 * most 16 MiB), every entry read must lie inside them, its path must be NUL-terminated and
 * cleaned, and following its links must end at a regular file entry of the archive or at
 * nothing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gunzip.h"
#include "tar_archive.h"

static void check_entries(const pxb_tar *tar, const unsigned char *data, size_t len)
{
    for (size_t i = 0; i < tar->count; i++) {
        const pxb_tar_entry *e = &tar->entry[i];
        size_t n = strnlen(e->path, sizeof e->path);
        if (n == 0 || n == sizeof e->path || e->path[n - 1] == '/' || e->path[0] == '/')
            abort();
        if (e->data != NULL &&
            (e->data < data || e->size > len || e->data + e->size > data + len))
            abort();
        const pxb_tar_entry *real = pxb_tar_follow(tar, e);
        if (real != NULL && (real->type != PXB_TAR_FILE || real < tar->entry ||
                             real >= tar->entry + tar->count))
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t len = size;
    unsigned char *unpacked = NULL;
    const unsigned char *bytes = data;
    if (pxb_is_gzip(data, size)) {
        unpacked = pxb_gunzip(data, size, (size_t)16 << 20, &len, NULL);
        if (unpacked == NULL)
            return 0;
        bytes = unpacked;
    }
    pxb_tar tar;
    if (pxb_tar_read(bytes, len, &tar, NULL) == 0) {
        check_entries(&tar, bytes, len);
        pxb_tar_free(&tar);
    }
    free(unpacked);
    return 0;
}
