/* winpe_watch.c: reads the TFTP root's WinPE catalog for the menus (see winpe_watch.h). */
#include "winpe_watch.h"

#include <stdlib.h>
#include <string.h>

#include "file_open_result.h"

/* The catalog's canonical path and stamp; TFTP_OPEN_NOT_FOUND with a zero stamp when there
 * is none. */
static int resolve(const char *root, char *path, size_t path_len, pxb_fs_stamp *stamp,
                   pxb_error *err)
{
    memset(stamp, 0, sizeof *stamp);
    return pxb_fs_resolve(root, PXB_WINPE_CATALOG, path, path_len, stamp, err);
}

/* The catalog's bytes at path as text into *out. */
static int parse_file(const char *path, const pxb_fs_stamp *stamp, pxb_winpe_catalog *out,
                      pxb_error *err)
{
    uint8_t *data;
    uint64_t size;
    if (stamp->size > PXB_WINPE_WATCH_MAX)
        return pxb_error_set(err, "%s is larger than %u bytes", PXB_WINPE_CATALOG,
                             PXB_WINPE_WATCH_MAX);
    if (pxb_fs_read_all(path, stamp, &data, &size, err) != TFTP_OPEN_OK)
        return -1;
    char *text = malloc((size_t)size + 1);
    int rc = -1;
    if (text == NULL) {
        pxb_error_set(err, "out of memory reading %s", PXB_WINPE_CATALOG);
    } else {
        memcpy(text, data, (size_t)size);
        text[size] = '\0';
        rc = memchr(text, '\0', (size_t)size) != NULL
                 ? pxb_error_set(err, "%s holds a NUL byte", PXB_WINPE_CATALOG)
                 : pxb_winpe_catalog_parse(text, out, err);
    }
    free(text);
    free(data);
    return rc;
}

int pxb_winpe_watch_read(const char *root, pxb_winpe_catalog *out, pxb_fs_stamp *stamp,
                          pxb_error *err)
{
    char path[PXB_FS_PATH_MAX];
    out->count = 0;
    int found = resolve(root, path, sizeof path, stamp, err);
    if (found == TFTP_OPEN_NOT_FOUND)
        return 0;
    if (found != TFTP_OPEN_OK)
        return -1;
    return parse_file(path, stamp, out, err);
}

int pxb_winpe_watch_changed(const char *root, const pxb_fs_stamp *stamp)
{
    char path[PXB_FS_PATH_MAX];
    pxb_fs_stamp now;
    pxb_error err;
    int found = resolve(root, path, sizeof path, &now, &err);
    if (found != TFTP_OPEN_OK && found != TFTP_OPEN_NOT_FOUND)
        return 0;
    return !pxb_fs_stamp_equal(&now, stamp);
}
