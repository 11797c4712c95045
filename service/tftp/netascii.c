/* netascii.c: the netascii conversion (see netascii.h). Each byte is looked at with its
 * neighbours: LF after CR and CR before LF are one line end already in network form. */
#include "netascii.h"

static int is_bare_lf(const uint8_t *src, uint64_t i)
{
    return src[i] == '\n' && (i == 0 || src[i - 1] != '\r');
}

static int is_bare_cr(const uint8_t *src, uint64_t len, uint64_t i)
{
    return src[i] == '\r' && (i + 1 == len || src[i + 1] != '\n');
}

uint64_t netascii_measure(const uint8_t *src, uint64_t len)
{
    uint64_t size = len;

    for (uint64_t i = 0; i < len; i++) {
        if (is_bare_lf(src, i) || is_bare_cr(src, len, i))
            size++;
    }
    return size;
}

void netascii_convert(const uint8_t *src, uint64_t len, uint8_t *dst)
{
    uint64_t o = 0;

    for (uint64_t i = 0; i < len; i++) {
        if (is_bare_lf(src, i)) {
            dst[o++] = '\r';
            dst[o++] = '\n';
        } else if (is_bare_cr(src, len, i)) {
            dst[o++] = '\r';
            dst[o++] = '\0';
        } else {
            dst[o++] = src[i];
        }
    }
}
