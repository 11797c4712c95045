/* rsa.h: checking an RSA PKCS#1 v1.5 signature (RFC 8017, RSASSA-PKCS1-v1_5) over a digest,
 * for the Authenticode signatures of boot images (authenticode.h): s^e mod n, then the
 * padding 00 01 FF..FF 00 and the DigestInfo naming the digest. Portable, plain bignum
 * arithmetic (no side-channel care: it checks public data). Keys up to 4096 bits. */
#ifndef PXB_RSA_H
#define PXB_RSA_H

#include <stddef.h>

#include "sha256.h"

#define PXB_RSA_BITS_MAX 4096

/* Whether sig (sig_len bytes, big-endian) is the signature of digest (of kind) under the
 * public key n (n_len bytes, big-endian, leading zeros allowed) and e (e_len bytes). 1 if
 * it is, 0 if not, -1 if the key is too large or malformed. */
int pxb_rsa_verify(const unsigned char *n, size_t n_len, const unsigned char *e, size_t e_len,
                   const unsigned char *sig, size_t sig_len, enum pxb_hash_kind kind,
                   const unsigned char *digest);

#endif
