/* gunzip.c: a gzip file unpacked in memory with zlib's inflate (see gunzip.h). */
#include "gunzip.h"

#include <stdint.h>
#include <stdlib.h>
#include <zlib.h>

#define GZIP_WINDOW (16 + MAX_WBITS) /* inflate reads the gzip wrapper, not zlib's */
#define FIRST_SIZE ((size_t)1 << 20)

int pxb_is_gzip(const unsigned char *data, size_t len)
{
    return len >= 2 && data[0] == 0x1f && data[1] == 0x8b;
}

/* Makes room for more output in *buf (of *cap bytes), up to max. 0, or -1 at max or when
 * out of memory (the reason in err). */
static int grow(unsigned char **buf, size_t *cap, size_t max, pxb_error *err)
{
    if (*cap >= max)
        return pxb_error_set(err, "it unpacks to more than %zu MiB", max >> 20);
    size_t next = *cap == 0 ? FIRST_SIZE : *cap * 2;
    if (next > max)
        next = max;
    unsigned char *bigger = realloc(*buf, next);
    if (bigger == NULL)
        return pxb_error_set(err, "out of memory unpacking it");
    *buf = bigger;
    *cap = next;
    return 0;
}

/* Inflates the members of zs's input into *buf; 0, or -1 with the reason in err. */
static int inflate_all(z_stream *zs, unsigned char **buf, size_t *cap, size_t max,
                       pxb_error *err)
{
    for (;;) {
        if (zs->total_out == *cap && grow(buf, cap, max, err) != 0)
            return -1;
        zs->next_out = *buf + zs->total_out;
        zs->avail_out = (uInt)(*cap - zs->total_out);
        int rc = inflate(zs, Z_NO_FLUSH);
        if (rc == Z_STREAM_END && zs->avail_in == 0)
            return 0;
        if (rc == Z_STREAM_END && pxb_is_gzip(zs->next_in, zs->avail_in)) {
            uLong done = zs->total_out; /* another member follows: go on after this one */
            inflateReset(zs);
            zs->total_out = done;
            continue;
        }
        if (rc == Z_STREAM_END)
            return pxb_error_set(err, "bytes that are no gzip member follow its data");
        if (rc == Z_BUF_ERROR && zs->avail_in == 0)
            return pxb_error_set(err, "it is cut short");
        if (rc != Z_OK && rc != Z_BUF_ERROR)
            return pxb_error_set(err, "it is damaged (%s)", zs->msg ? zs->msg : "zlib error");
    }
}

unsigned char *pxb_gunzip(const unsigned char *data, size_t len, size_t max, size_t *out_len,
                          pxb_error *err)
{
    if (!pxb_is_gzip(data, len)) {
        pxb_error_set(err, "it is no gzip file");
        return NULL;
    }
    if (len > (size_t)UINT32_MAX || max > (size_t)UINT32_MAX) {
        pxb_error_set(err, "it is larger than 4 GiB");
        return NULL;
    }
    z_stream zs = {0};
    zs.next_in = (Bytef *)data;
    zs.avail_in = (uInt)len;
    if (inflateInit2(&zs, GZIP_WINDOW) != Z_OK) {
        pxb_error_set(err, "zlib cannot start");
        return NULL;
    }
    unsigned char *buf = NULL;
    size_t cap = 0;
    int rc = inflate_all(&zs, &buf, &cap, max, err);
    *out_len = zs.total_out;
    inflateEnd(&zs);
    if (rc == 0)
        return buf;
    free(buf);
    return NULL;
}
