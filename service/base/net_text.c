/* net_text.c: IPv4 addresses, subnets and MAC addresses as text (see net_text.h). */
#include "net_text.h"

#include <stdio.h>
#include <string.h>

#include "ascii_case.h"
#include "pxb_addr.h"

int pxb_ipv4_parse(const char *s, size_t n, uint32_t *out)
{
    uint8_t b[4];
    if (pxb_addr_parse_v4(s, n, b) != 0)
        return -1;
    *out = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
    return 0;
}

void pxb_ipv4_format(uint32_t addr, char out[PXB_IPV4_TEXT_MAX])
{
    snprintf(out, PXB_IPV4_TEXT_MAX, "%u.%u.%u.%u", (unsigned)(addr >> 24) & 255u,
             (unsigned)(addr >> 16) & 255u, (unsigned)(addr >> 8) & 255u, (unsigned)addr & 255u);
}

int pxb_mask_prefix(uint32_t mask)
{
    int prefix = 0;

    while (prefix < 32 && (mask & (0x80000000u >> prefix)))
        prefix++;
    if (prefix < 32 && (mask << prefix) != 0)
        return -1;
    return prefix;
}

static uint32_t mask_from_prefix(unsigned prefix)
{
    return prefix == 0 ? 0 : 0xFFFFFFFFu << (32 - prefix);
}

/* The part after '/': a prefix length 0-32 or a dotted mask without holes. */
static int parse_mask(const char *s, size_t n, uint32_t *mask)
{
    unsigned prefix = 0;

    if (n >= 1 && n <= 2 && memchr(s, '.', n) == NULL) {
        for (size_t i = 0; i < n; i++) {
            if (s[i] < '0' || s[i] > '9')
                return -1;
            prefix = prefix * 10 + (unsigned)(s[i] - '0');
        }
        if (prefix > 32)
            return -1;
        *mask = mask_from_prefix(prefix);
        return 0;
    }
    if (pxb_ipv4_parse(s, n, mask) != 0 || pxb_mask_prefix(*mask) < 0)
        return -1;
    return 0;
}

int pxb_net_parse(const char *s, size_t n, pxb_ipv4_net *out, pxb_error *why)
{
    const char *slash = memchr(s, '/', n);
    size_t addr_len = slash ? (size_t)(slash - s) : n;
    uint32_t network, mask;
    char text[PXB_IPV4_TEXT_MAX];

    if (slash == NULL) {
        pxb_error_set(why, "a subnet needs a mask, like 10.0.0.0/24 or "
                      "10.0.0.0/255.255.255.0");
        return -1;
    }
    if (pxb_ipv4_parse(s, addr_len, &network) != 0) {
        pxb_error_set(why, "the network part is not an IPv4 address");
        return -1;
    }
    if (parse_mask(slash + 1, n - addr_len - 1, &mask) != 0) {
        pxb_error_set(why, "the mask must be a prefix length 0-32 or a dotted mask "
                      "without holes, like 24 or 255.255.255.0");
        return -1;
    }
    if ((network & ~mask) != 0) {
        pxb_ipv4_format(network & mask, text);
        pxb_error_set(why, "host bits are set; the network address is %s", text);
        return -1;
    }
    out->network = network;
    out->mask = mask;
    return 0;
}

void pxb_net_format(const pxb_ipv4_net *net, char out[PXB_NET_TEXT_MAX])
{
    char addr[PXB_IPV4_TEXT_MAX];

    pxb_ipv4_format(net->network, addr);
    snprintf(out, PXB_NET_TEXT_MAX, "%s/%d", addr, pxb_mask_prefix(net->mask));
}

int pxb_net_contains(const pxb_ipv4_net *net, uint32_t addr)
{
    return (addr & net->mask) == net->network;
}

int pxb_mac_parse(const char *s, size_t n, pxb_mac *out)
{
    size_t step;
    char sep = 0;

    if (n == 12) {
        step = 2;
    } else if (n == 17 && (s[2] == ':' || s[2] == '-')) {
        step = 3;
        sep = s[2];
    } else {
        return -1;
    }
    for (size_t i = 0; i < 6; i++) {
        const char *p = s + i * step;
        int hi = pxb_hex_digit(p[0]), lo = pxb_hex_digit(p[1]);
        if (hi < 0 || lo < 0)
            return -1;
        if (sep && i < 5 && p[2] != sep)
            return -1;
        out->b[i] = (uint8_t)(hi << 4 | lo);
    }
    return 0;
}

void pxb_mac_format(const pxb_mac *mac, char sep, char out[PXB_MAC_TEXT_MAX])
{
    static const char digits[] = "0123456789abcdef";
    size_t len = 0;

    for (size_t i = 0; i < 6; i++) {
        if (i > 0 && sep)
            out[len++] = sep;
        out[len++] = digits[mac->b[i] >> 4];
        out[len++] = digits[mac->b[i] & 15];
    }
    out[len] = '\0';
}

int pxb_mac_equal(const pxb_mac *a, const pxb_mac *b)
{
    return memcmp(a->b, b->b, sizeof a->b) == 0;
}
