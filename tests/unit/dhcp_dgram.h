/* dhcp_dgram.h: DHCP datagrams for the proxyDHCP tests, written byte by byte at RFC 2131
 * 2's offsets (not with the product's writer, so the reader and the decision are judged
 * against the layout, not against themselves), and a walk over a reply's options.
 * Include after cmocka.h. */
#ifndef PXB_TESTS_DHCP_DGRAM_H
#define PXB_TESTS_DHCP_DGRAM_H

#include <stdint.h>
#include <string.h>

#define DGRAM_MAX 1500
/* Offsets of RFC 2131 2, figure 1. */
#define AT_FLAGS 10
#define AT_CIADDR 12
#define AT_YIADDR 16
#define AT_SIADDR 20
#define AT_GIADDR 24
#define AT_CHADDR 28
#define AT_SNAME 44
#define AT_FILE 108
#define AT_COOKIE 236
#define AT_OPTIONS 240

typedef struct dhcp_dgram {
    uint8_t b[DGRAM_MAX];
    size_t len;
} dhcp_dgram;

static inline void dgram_u32(dhcp_dgram *d, size_t at, uint32_t v)
{
    d->b[at] = (uint8_t)(v >> 24);
    d->b[at + 1] = (uint8_t)(v >> 16);
    d->b[at + 2] = (uint8_t)(v >> 8);
    d->b[at + 3] = (uint8_t)v;
}

static inline uint32_t dgram_get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* A BOOTREQUEST from an Ethernet client with this MAC: header and magic cookie. */
static inline void dgram_start(dhcp_dgram *d, const uint8_t mac[6], uint32_t xid)
{
    memset(d, 0, sizeof *d);
    d->b[0] = 1;
    d->b[1] = 1;
    d->b[2] = 6;
    dgram_u32(d, 4, xid);
    memcpy(d->b + AT_CHADDR, mac, 6);
    dgram_u32(d, AT_COOKIE, 0x63825363u);
    d->len = AT_OPTIONS;
}

static inline void dgram_opt(dhcp_dgram *d, uint8_t code, const void *data, size_t len)
{
    d->b[d->len] = code;
    d->b[d->len + 1] = (uint8_t)len;
    memcpy(d->b + d->len + 2, data, len);
    d->len += 2 + len;
}

static inline void dgram_text(dhcp_dgram *d, uint8_t code, const char *text)
{
    dgram_opt(d, code, text, strlen(text));
}

static inline void dgram_byte(dhcp_dgram *d, uint8_t code, uint8_t v)
{
    dgram_opt(d, code, &v, 1);
}

static inline void dgram_arch(dhcp_dgram *d, unsigned arch)
{
    uint8_t v[2] = {(uint8_t)(arch >> 8), (uint8_t)arch};
    dgram_opt(d, 93, v, 2);
}

static inline void dgram_end(dhcp_dgram *d)
{
    d->b[d->len++] = 255;
}

/* The GUID EDK2 sends in option 97: type 0 and 16 bytes. */
static const uint8_t DGRAM_UUID[17] = {0, 0x56, 0x4d, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66,
                                       0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee};

/* An EDK2 x64 UEFI PXE client's message (53 = type), as OVMF sends it. */
static inline void dgram_edk2(dhcp_dgram *d, const uint8_t mac[6], uint8_t type)
{
    static const uint8_t undi[3] = {1, 3, 0x10};
    static const uint8_t max_size[2] = {0x05, 0xc0};

    dgram_start(d, mac, 0x12345678u);
    dgram_byte(d, 53, type);
    dgram_opt(d, 57, max_size, sizeof max_size);
    dgram_arch(d, 7);
    dgram_opt(d, 94, undi, sizeof undi);
    dgram_opt(d, 97, DGRAM_UUID, sizeof DGRAM_UUID);
    dgram_text(d, 60, "PXEClient:Arch:00007:UNDI:003016");
}

/* The option code in a reply's options field (walked here, up to its end option), or NULL;
 * *len is its length. */
static inline const uint8_t *dgram_find(const uint8_t *reply, size_t reply_len, uint8_t code,
                                        size_t *len)
{
    size_t at = AT_OPTIONS;

    while (at < reply_len && reply[at] != 255) {
        if (reply[at] == 0) {
            at++;
            continue;
        }
        if (at + 1 >= reply_len || at + 2 + reply[at + 1] > reply_len)
            return NULL;
        if (reply[at] == code) {
            *len = reply[at + 1];
            return reply + at + 2;
        }
        at += 2 + reply[at + 1];
    }
    return NULL;
}

/* Fails the test unless the reply's (or probe's) option code holds exactly want. */
static inline void dgram_assert_option(const uint8_t *data, size_t data_len, uint8_t code,
                                       const void *want, size_t want_len)
{
    size_t len = 0;
    const uint8_t *got = dgram_find(data, data_len, code, &len);

    if (got == NULL)
        fail_msg("option %u is not there", code);
    assert_int_equal(len, want_len);
    assert_memory_equal(got, want, want_len);
}

#endif
