/* rsa.c: RSA PKCS#1 v1.5 signature check (see rsa.h). Numbers are little-endian arrays of
 * 32-bit words; a modular product is built bit by bit (double, then add), each step reduced
 * by one conditional subtraction, which needs nothing but add, subtract and compare. */
#include "rsa.h"

#include <stdint.h>
#include <string.h>

#define WORDS (PXB_RSA_BITS_MAX / 32 + 1)

typedef struct bignum {
    uint32_t w[WORDS];
} bignum;

/* DigestInfo prefixes (RFC 8017 section 9.2, note 1). */
static const unsigned char INFO_SHA256[] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86,
                                            0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
                                            0x00, 0x04, 0x20};
static const unsigned char INFO_SHA1[] = {0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e,
                                          0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14};

/* Big-endian bytes into b; -1 if they do not fit below the top word. */
static int from_bytes(bignum *b, const unsigned char *p, size_t len)
{
    memset(b, 0, sizeof *b);
    while (len > 0 && *p == 0) {
        p++;
        len--;
    }
    if (len > (WORDS - 1) * 4)
        return -1;
    for (size_t i = 0; i < len; i++)
        b->w[i / 4] |= (uint32_t)p[len - 1 - i] << (8 * (i % 4));
    return 0;
}

static int compare(const bignum *a, const bignum *b)
{
    for (size_t i = WORDS; i-- > 0;)
        if (a->w[i] != b->w[i])
            return a->w[i] < b->w[i] ? -1 : 1;
    return 0;
}

static void subtract(bignum *a, const bignum *b)
{
    uint64_t borrow = 0;
    for (size_t i = 0; i < WORDS; i++) {
        uint64_t d = (uint64_t)a->w[i] - b->w[i] - borrow;
        a->w[i] = (uint32_t)d;
        borrow = (d >> 32) & 1;
    }
}

/* a = (a + b) mod n, both below n. */
static void add_mod(bignum *a, const bignum *b, const bignum *n)
{
    uint64_t carry = 0;
    for (size_t i = 0; i < WORDS; i++) {
        uint64_t s = (uint64_t)a->w[i] + b->w[i] + carry;
        a->w[i] = (uint32_t)s;
        carry = s >> 32;
    }
    if (compare(a, n) >= 0)
        subtract(a, n);
}

static int bit_of(const bignum *a, size_t i)
{
    return (int)(a->w[i / 32] >> (i % 32) & 1);
}

/* The number of significant bits of a. */
static size_t bit_length(const bignum *a)
{
    for (size_t i = WORDS * 32; i-- > 0;)
        if (bit_of(a, i))
            return i + 1;
    return 0;
}

/* r = a * b mod n (a, b below n). */
static void mul_mod(bignum *r, const bignum *a, const bignum *b, const bignum *n)
{
    bignum acc, doubled;
    memset(&acc, 0, sizeof acc);
    for (size_t i = bit_length(a); i-- > 0;) {
        doubled = acc;
        add_mod(&acc, &doubled, n);
        if (bit_of(a, i))
            add_mod(&acc, b, n);
    }
    *r = acc;
}

/* r = s^e mod n. */
static void pow_mod(bignum *r, const bignum *s, const bignum *e, const bignum *n)
{
    bignum acc;
    memset(&acc, 0, sizeof acc);
    acc.w[0] = 1;
    for (size_t i = bit_length(e); i-- > 0;) {
        mul_mod(&acc, &acc, &acc, n);
        if (bit_of(e, i))
            mul_mod(&acc, &acc, s, n);
    }
    *r = acc;
}

/* Whether em (k bytes) is 00 01 FF.. 00 DigestInfo digest. */
static int is_padded(const unsigned char *em, size_t k, enum pxb_hash_kind kind,
                     const unsigned char *digest)
{
    const unsigned char *info = kind == PXB_HASH_SHA256 ? INFO_SHA256 : INFO_SHA1;
    size_t info_len = kind == PXB_HASH_SHA256 ? sizeof INFO_SHA256 : sizeof INFO_SHA1;
    size_t t = info_len + pxb_hash_len(kind);
    if (k < t + 11 || em[0] != 0 || em[1] != 1 || em[k - t - 1] != 0)
        return 0;
    for (size_t i = 2; i < k - t - 1; i++)
        if (em[i] != 0xff)
            return 0;
    return memcmp(em + k - t, info, info_len) == 0 &&
           memcmp(em + k - pxb_hash_len(kind), digest, pxb_hash_len(kind)) == 0;
}

int pxb_rsa_verify(const unsigned char *n, size_t n_len, const unsigned char *e, size_t e_len,
                   const unsigned char *sig, size_t sig_len, enum pxb_hash_kind kind,
                   const unsigned char *digest)
{
    static bignum bn, be, bs, bm; /* large; one thread */
    unsigned char em[PXB_RSA_BITS_MAX / 8];
    if (from_bytes(&bn, n, n_len) != 0 || from_bytes(&be, e, e_len) != 0 ||
        from_bytes(&bs, sig, sig_len) != 0 || bn.w[0] % 2 == 0)
        return -1;
    size_t k = (bit_length(&bn) + 7) / 8; /* the modulus's length in bytes */
    if (k > sizeof em || compare(&bs, &bn) >= 0)
        return k > sizeof em ? -1 : 0;
    pow_mod(&bm, &bs, &be, &bn);
    for (size_t i = 0; i < k; i++)
        em[k - 1 - i] = (unsigned char)(bm.w[i / 4] >> (8 * (i % 4)));
    return is_padded(em, k, kind, digest);
}
