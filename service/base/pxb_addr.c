/* pxb_addr.c: compares, formats and parses IPv4/IPv6 transport addresses (see pxb_addr.h)
 * in portable C, without socket headers. IPv4 is strict dotted decimal (four parts, no
 * leading zeros). IPv6 follows RFC 4291 text forms ("::" once, an embedded dotted IPv4 tail,
 * a numeric "%scope") and is written the RFC 5952 way: lower case, no leading zeros, the
 * longest run of two or more zero groups shortened to "::", "::ffff:a.b.c.d" for a mapped
 * IPv4 address. */
#include "pxb_addr.h"

#include "ascii_case.h"

#include <stdio.h>
#include <string.h>

int pxb_addr_same_host(const pxb_addr *a, const pxb_addr *b)
{
    return a->family == b->family && memcmp(a->ip, b->ip, sizeof a->ip) == 0 &&
           a->scope_id == b->scope_id;
}

int pxb_addr_equal(const pxb_addr *a, const pxb_addr *b)
{
    return pxb_addr_same_host(a, b) && a->port == b->port;
}

int pxb_addr_is_any(const pxb_addr *a)
{
    static const uint8_t zero[16];
    if (a->family == PXB_AF_INET4)
        return memcmp(a->ip, zero, 4) == 0;
    if (a->family == PXB_AF_INET6)
        return memcmp(a->ip, zero, 16) == 0;
    return 0;
}

/* --- formatting -------------------------------------------------------------------------- */

static int is_mapped_v4(const uint8_t *ip)
{
    static const uint8_t prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    return memcmp(ip, prefix, sizeof prefix) == 0;
}

/* Finds the longest run of two or more zero groups (the first of equal runs). */
static void find_zero_run(const uint16_t *groups, int *start, int *len)
{
    *start = -1;
    *len = 0;
    for (int i = 0; i < 8;) {
        int j = i;
        while (j < 8 && groups[j] == 0)
            j++;
        if (j - i >= 2 && j - i > *len) {
            *start = i;
            *len = j - i;
        }
        i = j > i ? j : i + 1;
    }
}

/* Writes the IPv6 text form of ip to out (at least 46 bytes). */
static void format_v6(const uint8_t *ip, char *out, size_t out_len)
{
    if (is_mapped_v4(ip)) {
        snprintf(out, out_len, "::ffff:%u.%u.%u.%u", ip[12], ip[13], ip[14], ip[15]);
        return;
    }
    uint16_t groups[8];
    for (int i = 0; i < 8; i++)
        groups[i] = (uint16_t)(ip[2 * i] << 8 | ip[2 * i + 1]);
    int run, run_len;
    find_zero_run(groups, &run, &run_len);
    size_t pos = 0;
    out[0] = 0;
    for (int i = 0; i < 8 && pos < out_len; i++) {
        if (i == run) {
            pos += (size_t)snprintf(out + pos, out_len - pos, "::");
            i += run_len - 1;
            continue;
        }
        pos += (size_t)snprintf(out + pos, out_len - pos, "%x%s", (unsigned)groups[i],
                                i < 7 && i + 1 != run ? ":" : "");
    }
}

void pxb_addr_format_host(const pxb_addr *a, char *buf, size_t buflen)
{
    char text[48];
    if (buflen == 0)
        return;
    if (a->family == PXB_AF_INET4) {
        snprintf(buf, buflen, "%u.%u.%u.%u", a->ip[0], a->ip[1], a->ip[2], a->ip[3]);
    } else if (a->family == PXB_AF_INET6) {
        format_v6(a->ip, text, sizeof text);
        if (a->scope_id)
            snprintf(buf, buflen, "%s%%%lu", text, (unsigned long)a->scope_id);
        else
            snprintf(buf, buflen, "%s", text);
    } else {
        snprintf(buf, buflen, "(none)");
    }
}

void pxb_addr_format(const pxb_addr *a, char *buf, size_t buflen)
{
    char host[PXB_ADDR_TEXT_MAX];
    if (buflen == 0)
        return;
    pxb_addr_format_host(a, host, sizeof host);
    if (a->port == 0 || a->family == PXB_AF_NONE)
        snprintf(buf, buflen, "%s", host);
    else if (a->family == PXB_AF_INET6)
        snprintf(buf, buflen, "[%s]:%u", host, a->port);
    else
        snprintf(buf, buflen, "%s:%u", host, a->port);
}

/* --- parsing ----------------------------------------------------------------------------- */

int pxb_addr_parse_v4(const char *s, size_t n, uint8_t out[4])
{
    size_t pos = 0;
    for (int part = 0; part < 4; part++) {
        if (part > 0) {
            if (pos >= n || s[pos] != '.')
                return -1;
            pos++;
        }
        size_t start = pos;
        unsigned v = 0;
        while (pos < n && s[pos] >= '0' && s[pos] <= '9' && pos - start < 3)
            v = v * 10 + (unsigned)(s[pos++] - '0');
        size_t digits = pos - start;
        if (digits == 0 || v > 255 || (digits > 1 && s[start] == '0'))
            return -1;
        out[part] = (uint8_t)v;
    }
    return pos == n ? 0 : -1;
}

/* Parses exactly s[0..n) as IPv6 (without scope). */
static int parse_v6(const char *s, size_t n, uint8_t *out)
{
    uint8_t bytes[16];
    int count = 0, gap = -1; /* gap: group index where "::" stands */
    size_t pos = 0;
    if (n >= 2 && s[0] == ':' && s[1] == ':') {
        gap = 0;
        pos = 2;
    } else if (n == 0 || s[0] == ':') {
        return -1;
    }
    while (pos < n) {
        size_t end = pos;
        while (end < n && s[end] != ':')
            end++;
        if (memchr(s + pos, '.', end - pos)) {
            if (end != n || count > 6 ||
                pxb_addr_parse_v4(s + pos, end - pos, bytes + 2 * count) < 0)
                return -1;
            count += 2;
            break;
        }
        if (end == pos || end - pos > 4 || count == 8)
            return -1;
        unsigned v = 0;
        for (size_t i = pos; i < end; i++) {
            int d = pxb_hex_digit(s[i]);
            if (d < 0)
                return -1;
            v = v << 4 | (unsigned)d;
        }
        bytes[2 * count] = (uint8_t)(v >> 8);
        bytes[2 * count + 1] = (uint8_t)(v & 0xff);
        count++;
        pos = end;
        if (pos == n)
            break;
        pos++; /* the ':' */
        if (pos < n && s[pos] == ':') {
            if (gap >= 0)
                return -1;
            gap = count;
            pos++;
        } else if (pos == n) {
            return -1; /* a single trailing ':' */
        }
    }
    if (gap < 0 ? count != 8 : count > 7)
        return -1;
    int missing = 8 - count;
    memset(out, 0, 16);
    if (gap < 0)
        gap = count;
    memcpy(out, bytes, (size_t)gap * 2);
    memcpy(out + 2 * (gap + missing), bytes + 2 * gap, (size_t)(count - gap) * 2);
    return 0;
}

/* Parses a decimal zone index of 1 to 10 digits that fits 32 bits. */
static int parse_scope(const char *s, uint32_t *out)
{
    unsigned long long v = 0;
    size_t n = strlen(s);
    if (n == 0 || n > 10)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (unsigned)(s[i] - '0');
    }
    if (v > UINT32_MAX)
        return -1;
    *out = (uint32_t)v;
    return 0;
}

int pxb_addr_parse(const char *text, pxb_addr *out)
{
    pxb_addr a;
    memset(&a, 0, sizeof a);
    const char *percent = strchr(text, '%');
    size_t n = percent ? (size_t)(percent - text) : strlen(text);
    if (!percent && pxb_addr_parse_v4(text, n, a.ip) == 0) {
        a.family = PXB_AF_INET4;
    } else if (parse_v6(text, n, a.ip) == 0 &&
               (!percent || parse_scope(percent + 1, &a.scope_id) == 0)) {
        a.family = PXB_AF_INET6;
    } else {
        return -1;
    }
    *out = a;
    return 0;
}
