/* der.c: the DER reader (see der.h). */
#include "der.h"

#include <string.h>

pxb_der pxb_der_span(const void *at, size_t len)
{
    pxb_der d = {at, len};
    return d;
}

pxb_der pxb_der_inside(const pxb_der_item *item)
{
    return pxb_der_span(item->value, item->len);
}

/* The length at p (avail bytes), its own size into *used. Returns 0 or -1. */
static int read_length(const unsigned char *p, size_t avail, size_t *len, size_t *used)
{
    if (avail == 0)
        return -1;
    if (p[0] < 0x80) {
        *len = p[0];
        *used = 1;
        return 0;
    }
    size_t n = p[0] & 0x7f;
    if (n == 0 || n > 4 || n >= avail)
        return -1; /* indefinite, too long, or cut short */
    size_t v = 0;
    for (size_t i = 1; i <= n; i++)
        v = v << 8 | p[i];
    *len = v;
    *used = n + 1;
    return 0;
}

int pxb_der_next(pxb_der *d, pxb_der_item *out)
{
    size_t len, used;
    if (d->len < 2 || (d->at[0] & 0x1f) == 0x1f)
        return -1;
    if (read_length(d->at + 1, d->len - 1, &len, &used) != 0 || len > d->len - 1 - used)
        return -1;
    out->tag = d->at[0];
    out->value = d->at + 1 + used;
    out->len = len;
    out->whole = d->at;
    out->whole_len = 1 + used + len;
    d->at += out->whole_len;
    d->len -= out->whole_len;
    return 0;
}

int pxb_der_expect(pxb_der *d, unsigned tag, pxb_der_item *out)
{
    pxb_der_item item;
    if (pxb_der_next(d, &item) != 0 || item.tag != tag)
        return -1;
    *out = item;
    return 0;
}

int pxb_der_optional(pxb_der *d, unsigned tag, pxb_der_item *out)
{
    pxb_der before = *d;
    if (pxb_der_expect(d, tag, out) == 0)
        return 0;
    *d = before;
    return -1;
}

int pxb_der_is_oid(const pxb_der_item *item, const unsigned char *oid, size_t oid_len)
{
    return item->tag == PXB_DER_OID && item->len == oid_len && memcmp(item->value, oid, oid_len) == 0;
}
