/* gunzip.h: a gzip file (RFC 1952) unpacked in memory, with zlib: how `pxebridge firmware
 * import` reads ipxe.org's ipxeboot.tar.gz without a tar program. The output is bounded, so
 * a small file that unpacks to gigabytes is refused instead of filling memory. */
#ifndef PXB_GUNZIP_H
#define PXB_GUNZIP_H

#include <stddef.h>

#include "pxb_error.h"

/* True if data starts like a gzip file (the magic bytes 1f 8b). */
int pxb_is_gzip(const unsigned char *data, size_t len);

/* Unpacks the gzip file data (every member, one after another) into a malloc'd buffer of at
 * most max bytes, its length in *out_len. Returns NULL with the reason in err when it is no
 * gzip file, is damaged or cut short, or unpacks to more than max. */
unsigned char *pxb_gunzip(const unsigned char *data, size_t len, size_t max, size_t *out_len,
                          pxb_error *err);

#endif
