/* sha256.c: SHA-256 and SHA-1 (see sha256.h). Both are Merkle-Damgard over 64-byte blocks
 * with big-endian words and the same padding; only the block function differs. */
#include "sha256.h"

#include <string.h>

static const uint32_t K256[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2,
};

static const uint32_t INIT256[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
static const uint32_t INIT1[5] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};

static uint32_t rotr(uint32_t x, unsigned n)
{
    return x >> n | x << (32 - n);
}

static uint32_t load_be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void block_sha256(uint32_t s[8], const unsigned char *b)
{
    uint32_t w[64], v[8];
    for (int i = 0; i < 16; i++)
        w[i] = load_be32(b + 4 * i);
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ w[i - 15] >> 3;
        uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ w[i - 2] >> 10;
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    memcpy(v, s, sizeof v);
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = v[7] + (rotr(v[4], 6) ^ rotr(v[4], 11) ^ rotr(v[4], 25)) +
                      ((v[4] & v[5]) ^ (~v[4] & v[6])) + K256[i] + w[i];
        uint32_t t2 = (rotr(v[0], 2) ^ rotr(v[0], 13) ^ rotr(v[0], 22)) +
                      ((v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]));
        memmove(v + 1, v, 7 * sizeof v[0]);
        v[4] += t1;
        v[0] = t1 + t2;
    }
    for (int i = 0; i < 8; i++)
        s[i] += v[i];
}

/* SHA-1's round function and constant for round i. */
static uint32_t round_sha1(int i, uint32_t b, uint32_t c, uint32_t d, uint32_t *k)
{
    if (i < 20) {
        *k = 0x5a827999;
        return (b & c) | (~b & d);
    }
    if (i < 40) {
        *k = 0x6ed9eba1;
        return b ^ c ^ d;
    }
    if (i < 60) {
        *k = 0x8f1bbcdc;
        return (b & c) | (b & d) | (c & d);
    }
    *k = 0xca62c1d6;
    return b ^ c ^ d;
}

static void block_sha1(uint32_t s[8], const unsigned char *b)
{
    uint32_t w[80], v[5];
    for (int i = 0; i < 16; i++)
        w[i] = load_be32(b + 4 * i);
    for (int i = 16; i < 80; i++)
        w[i] = rotr(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 31);
    memcpy(v, s, sizeof v);
    for (int i = 0; i < 80; i++) {
        uint32_t k, f = round_sha1(i, v[1], v[2], v[3], &k);
        uint32_t t = rotr(v[0], 27) + f + v[4] + k + w[i];
        v[4] = v[3];
        v[3] = v[2];
        v[2] = rotr(v[1], 2);
        v[1] = v[0];
        v[0] = t;
    }
    for (int i = 0; i < 5; i++)
        s[i] += v[i];
}

static void run_block(pxb_hash *h, const unsigned char *b)
{
    if (h->kind == PXB_HASH_SHA256)
        block_sha256(h->state, b);
    else
        block_sha1(h->state, b);
}

size_t pxb_hash_len(enum pxb_hash_kind kind)
{
    return kind == PXB_HASH_SHA256 ? PXB_SHA256_LEN : PXB_SHA1_LEN;
}

void pxb_hash_init(pxb_hash *h, enum pxb_hash_kind kind)
{
    memset(h, 0, sizeof *h);
    h->kind = kind;
    if (kind == PXB_HASH_SHA256)
        memcpy(h->state, INIT256, sizeof INIT256);
    else
        memcpy(h->state, INIT1, sizeof INIT1);
}

void pxb_hash_feed(pxb_hash *h, const void *data, size_t len)
{
    const unsigned char *p = data;
    h->bytes += len;
    while (len > 0) {
        size_t take = sizeof h->block - h->used;
        if (take > len)
            take = len;
        memcpy(h->block + h->used, p, take);
        h->used += take;
        p += take;
        len -= take;
        if (h->used == sizeof h->block) {
            run_block(h, h->block);
            h->used = 0;
        }
    }
}

size_t pxb_hash_finish(pxb_hash *h, unsigned char out[PXB_DIGEST_MAX])
{
    uint64_t bits = h->bytes * 8;
    unsigned char pad[72] = {0x80};
    size_t pad_len = (h->used < 56 ? 56 : 120) - h->used;
    for (int i = 0; i < 8; i++)
        pad[pad_len + (size_t)i] = (unsigned char)(bits >> (56 - 8 * i));
    pxb_hash_feed(h, pad, pad_len + 8);
    size_t len = pxb_hash_len(h->kind);
    for (size_t i = 0; i < len; i++)
        out[i] = (unsigned char)(h->state[i / 4] >> (24 - 8 * (i % 4)));
    return len;
}

size_t pxb_hash_bytes(enum pxb_hash_kind kind, const void *data, size_t len,
                      unsigned char out[PXB_DIGEST_MAX])
{
    pxb_hash h;
    pxb_hash_init(&h, kind);
    pxb_hash_feed(&h, data, len);
    return pxb_hash_finish(&h, out);
}
