/* tar_archive.h: the entries of a tar archive held in memory (POSIX ustar, with GNU tar's
 * long names and pax headers' path and linkpath), and its links followed inside it. How
 * `pxebridge firmware import` reads ipxe.org's ipxeboot.tar.gz, whose -shim.efi programs
 * are symbolic links to the shim beside them: the TFTP server serves no links, so each is
 * imported as the file it points to. Entries point into the caller's buffer. */
#ifndef PXB_TAR_ARCHIVE_H
#define PXB_TAR_ARCHIVE_H

#include <stddef.h>

#include "pxb_error.h"

/* Room for a path or link target: ustar's 155-byte prefix, "/", its 100-byte name, NUL. */
#define PXB_TAR_PATH_MAX 260
#define PXB_TAR_ENTRIES_MAX 4096

enum pxb_tar_type {
    PXB_TAR_FILE,
    PXB_TAR_DIR,
    PXB_TAR_SYMLINK,  /* link: relative to the entry's folder */
    PXB_TAR_HARDLINK, /* link: another entry's path */
    PXB_TAR_OTHER     /* devices, FIFOs: never followed */
};

typedef struct pxb_tar_entry {
    char path[PXB_TAR_PATH_MAX]; /* "x86_64-sb/shimx64.efi": no "./" in front, no "/" after */
    char link[PXB_TAR_PATH_MAX]; /* a link's target as stored */
    enum pxb_tar_type type;
    const unsigned char *data;   /* a file's bytes, in the archive */
    size_t size;
} pxb_tar_entry;

typedef struct pxb_tar {
    pxb_tar_entry *entry;
    size_t count;
} pxb_tar;

/* Reads the entries of the tar archive data. Returns 0, or -1 with the reason in err (no tar
 * header, a bad checksum, an entry cut short, a path too long, too many entries). */
int pxb_tar_read(const unsigned char *data, size_t len, pxb_tar *out, pxb_error *err);
void pxb_tar_free(pxb_tar *tar);

/* The regular file entry e is, following symbolic and hard links inside the archive (at
 * most 8); NULL when a link leads outside the archive, to nothing, to a folder, or round. */
const pxb_tar_entry *pxb_tar_follow(const pxb_tar *tar, const pxb_tar_entry *e);

#endif
