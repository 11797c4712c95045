/* sha256.h: SHA-256 (FIPS 180-4) and SHA-1 in portable C, fed in pieces, for checking the
 * Authenticode signatures of boot images (authenticode.h) on any platform and in unit tests.
 * SHA-1 is there only because older Authenticode signatures digest with it. No I/O. */
#ifndef PXB_SHA256_H
#define PXB_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define PXB_SHA256_LEN 32
#define PXB_SHA1_LEN 20
/* The longest digest of any pxb_hash. */
#define PXB_DIGEST_MAX PXB_SHA256_LEN

enum pxb_hash_kind { PXB_HASH_SHA256, PXB_HASH_SHA1 };

/* A digest being computed: SHA-256 or SHA-1 (both have 64-byte blocks). */
typedef struct pxb_hash {
    enum pxb_hash_kind kind;
    uint32_t state[8];
    uint64_t bytes;            /* fed so far */
    unsigned char block[64];   /* the block being filled */
    size_t used;               /* of block */
} pxb_hash;

/* Starts a digest of this kind. */
void pxb_hash_init(pxb_hash *h, enum pxb_hash_kind kind);
/* Feeds len bytes. */
void pxb_hash_feed(pxb_hash *h, const void *data, size_t len);
/* Finishes into out (PXB_SHA256_LEN or PXB_SHA1_LEN bytes, pxb_hash_len) and returns it. */
size_t pxb_hash_finish(pxb_hash *h, unsigned char out[PXB_DIGEST_MAX]);
/* The digest length of a kind. */
size_t pxb_hash_len(enum pxb_hash_kind kind);
/* The whole digest of len bytes at data into out; returns its length. */
size_t pxb_hash_bytes(enum pxb_hash_kind kind, const void *data, size_t len,
                      unsigned char out[PXB_DIGEST_MAX]);

#endif
