/* fs.h: the file backend the file cache reads through (service/os/posix/fs_posix.c,
 * service/os/win32/fs_win32.c). It resolves a normalised relative path inside the TFTP root,
 * matching each component case-insensitively (the native build included), refuses links or
 * junctions that lead out of the root, and reads files; service/os/fs_read.c builds the
 * whole-file read, checked against the file's stamp, on top of the read primitives. */
#ifndef PXB_FS_H
#define PXB_FS_H

#include <stddef.h>
#include <stdint.h>

#include "file_open_result.h"
#include "pxb_error.h"

#define PXB_FS_PATH_MAX 4096

/* Identifies one version of one file: a change of any field means the contents changed. */
typedef struct pxb_fs_stamp {
    uint64_t size;
    int64_t mtime_ns;
    uint64_t file_id; /* inode / file index */
} pxb_fs_stamp;

/* True if a and b describe the same version of a file. */
static inline int pxb_fs_stamp_equal(const pxb_fs_stamp *a, const pxb_fs_stamp *b)
{
    return a->size == b->size && a->mtime_ns == b->mtime_ns && a->file_id == b->file_id;
}

/* Resolves relpath ("boot/x64/ipxe.efi", from tftp_path_normalize) under root.
 * On success returns TFTP_OPEN_OK and writes the canonical full path (the key a cache can
 * share contents by) and the file's stamp. Returns TFTP_OPEN_NOT_FOUND, TFTP_OPEN_DENIED
 * (escapes the root, not a regular file) or TFTP_OPEN_FAILED, with a reason in msg. */
int pxb_fs_resolve(const char *root, const char *relpath, char *canonical, size_t canonical_len,
                   pxb_fs_stamp *stamp, pxb_error *msg);

/* Reads the whole file at canonical into a malloc'd buffer (free with free()). Fails with
 * TFTP_OPEN_FAILED if the file no longer matches expect (changed between resolve and read).
 * Portable (fs_read.c), over the primitives below. */
int pxb_fs_read_all(const char *canonical, const pxb_fs_stamp *expect, uint8_t **data,
                    uint64_t *size, pxb_error *msg);

/* --- read primitives, one implementation per OS; each returns a tftp_open_result --------- */

typedef struct pxb_fs_file pxb_fs_file;

/* Opens canonical (from pxb_fs_resolve) for reading. */
int pxb_fs_open(const char *canonical, pxb_fs_file **out, pxb_error *msg);
/* The open file's stamp as it is now. */
int pxb_fs_stamp_of(pxb_fs_file *file, pxb_fs_stamp *out, pxb_error *msg);
/* Reads up to len bytes (the backend may read fewer); *got is 0 at the end of the file. */
int pxb_fs_read(pxb_fs_file *file, uint8_t *buf, size_t len, size_t *got, pxb_error *msg);
void pxb_fs_close(pxb_fs_file *file);

#endif
