/* fs_read.c: reads a whole file through the OS file backend (fs.h), checking before and
 * after that it is still the version pxb_fs_resolve stamped, so a file replaced or growing
 * while it is read is never served half old, half new. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fs.h"

static const char CHANGED[] = "file changed while being read";

static int fail(pxb_error *msg, int code, const char *text)
{
    pxb_error_set(msg, "%s", text);
    return code;
}

/* Checks the open file is still the version expected. */
static int check_stamp(pxb_fs_file *file, const pxb_fs_stamp *expect, pxb_error *msg)
{
    pxb_fs_stamp now;
    int rc = pxb_fs_stamp_of(file, &now, msg);
    if (rc != TFTP_OPEN_OK)
        return rc;
    if (!pxb_fs_stamp_equal(&now, expect))
        return fail(msg, TFTP_OPEN_FAILED, CHANGED);
    return TFTP_OPEN_OK;
}

/* Reads exactly size bytes into buf; an early end of file means the file changed. */
static int read_exactly(pxb_fs_file *file, uint8_t *buf, uint64_t size, pxb_error *msg)
{
    uint64_t done = 0;
    while (done < size) {
        size_t got = 0;
        int rc = pxb_fs_read(file, buf + done, (size_t)(size - done), &got, msg);
        if (rc != TFTP_OPEN_OK)
            return rc;
        if (got == 0)
            return fail(msg, TFTP_OPEN_FAILED, CHANGED);
        done += got;
    }
    return TFTP_OPEN_OK;
}

/* Reads the open file into a new buffer, checking it is still the version expected. */
static int read_checked(pxb_fs_file *file, const pxb_fs_stamp *expect, uint8_t **data,
                        pxb_error *msg)
{
    int rc = check_stamp(file, expect, msg);
    if (rc != TFTP_OPEN_OK)
        return rc;
    if (expect->size >= SIZE_MAX)
        return fail(msg, TFTP_OPEN_FAILED, "file too large");
    uint8_t *buf = malloc(expect->size > 0 ? (size_t)expect->size : 1);
    if (buf == NULL)
        return fail(msg, TFTP_OPEN_FAILED, "out of memory");
    rc = read_exactly(file, buf, expect->size, msg);
    if (rc == TFTP_OPEN_OK)
        rc = check_stamp(file, expect, msg);
    if (rc != TFTP_OPEN_OK) {
        free(buf);
        return rc;
    }
    *data = buf;
    return TFTP_OPEN_OK;
}

int pxb_fs_read_all(const char *canonical, const pxb_fs_stamp *expect, uint8_t **data,
                    uint64_t *size, pxb_error *msg)
{
    pxb_fs_file *file;
    int rc = pxb_fs_open(canonical, &file, msg);
    if (rc != TFTP_OPEN_OK)
        return rc;
    rc = read_checked(file, expect, data, msg);
    pxb_fs_close(file);
    if (rc == TFTP_OPEN_OK)
        *size = expect->size;
    return rc;
}
