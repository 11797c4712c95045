/* der.h: a bounded reader of DER (ASN.1's distinguished encoding), for the PKCS#7
 * signatures of boot images (authenticode.h). Reads one element at a time from a span of
 * bytes that it never leaves: single-byte tags, definite lengths of up to 4 bytes; the
 * indefinite lengths and long tags DER does not use are refused. Portable, no I/O. */
#ifndef PXB_DER_H
#define PXB_DER_H

#include <stddef.h>

#define PXB_DER_INTEGER 0x02
#define PXB_DER_BIT_STRING 0x03
#define PXB_DER_OCTET_STRING 0x04
#define PXB_DER_OID 0x06
#define PXB_DER_SEQUENCE 0x30
#define PXB_DER_SET 0x31
/* [n] with constructed content, as EXPLICIT and constructed IMPLICIT tags are. */
#define PXB_DER_CONTEXT(n) (0xA0 | (n))

/* What is left to read. */
typedef struct pxb_der {
    const unsigned char *at;
    size_t len;
} pxb_der;

/* One element: its tag, its content, and the whole encoding (tag and length too). */
typedef struct pxb_der_item {
    unsigned tag;
    const unsigned char *value;
    size_t len;
    const unsigned char *whole;
    size_t whole_len;
} pxb_der_item;

/* A reader over len bytes at at. */
pxb_der pxb_der_span(const void *at, size_t len);
/* A reader over item's content. */
pxb_der pxb_der_inside(const pxb_der_item *item);
/* Reads the next element. Returns 0, or -1 if none is left or it is malformed. */
int pxb_der_next(pxb_der *d, pxb_der_item *out);
/* Reads the next element, which must have this tag. Returns 0 or -1. */
int pxb_der_expect(pxb_der *d, unsigned tag, pxb_der_item *out);
/* Reads the next element if it has this tag (0); leaves d as it was otherwise (-1). */
int pxb_der_optional(pxb_der *d, unsigned tag, pxb_der_item *out);
/* Whether item is the OID whose content bytes are oid (oid_len of them). */
int pxb_der_is_oid(const pxb_der_item *item, const unsigned char *oid, size_t oid_len);

#endif
