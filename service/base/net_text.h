/* net_text.h: IPv4 addresses, IPv4 subnets (network + mask) and Ethernet MAC addresses as
 * text, both ways, for the boot plan's settings and every view of it. Pure string code. */
#ifndef PXB_NET_TEXT_H
#define PXB_NET_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "pxb_error.h"

/* "255.255.255.255" plus NUL. */
#define PXB_IPV4_TEXT_MAX 16
/* "255.255.255.255/32" plus NUL. */
#define PXB_NET_TEXT_MAX 19
/* "00:11:22:33:44:55" plus NUL. */
#define PXB_MAC_TEXT_MAX 18

/* An IPv4 subnet; both fields in host byte order (10.0.0.0 == 0x0A000000). */
typedef struct pxb_ipv4_net {
    uint32_t network;
    uint32_t mask;
} pxb_ipv4_net;

typedef struct pxb_mac {
    uint8_t b[6];
} pxb_mac;

/* Parses exactly n bytes of dotted-quad text ("10.0.0.5": four decimal parts 0-255, no
 * leading zeros). Returns 0, or -1 if the text is not such an address. */
int pxb_ipv4_parse(const char *s, size_t n, uint32_t *out);
void pxb_ipv4_format(uint32_t addr, char out[PXB_IPV4_TEXT_MAX]);

/* Prefix length of a contiguous mask (255.255.255.0 -> 24), or -1 if the mask has holes. */
int pxb_mask_prefix(uint32_t mask);

/* Parses "10.0.0.0/24" or "10.0.0.0/255.255.255.0" (exactly n bytes). Returns 0, or -1 with
 * a message saying what is wrong (not an address, bad mask, host bits set). */
int pxb_net_parse(const char *s, size_t n, pxb_ipv4_net *out, pxb_error *why);
/* "10.0.0.0/24". */
void pxb_net_format(const pxb_ipv4_net *net, char out[PXB_NET_TEXT_MAX]);
int pxb_net_contains(const pxb_ipv4_net *net, uint32_t addr);

/* Parses "00:11:22:33:44:55", "00-11-22-33-44-55" or "001122334455" (exactly n bytes).
 * Returns 0, or -1 if the text is none of those. */
int pxb_mac_parse(const char *s, size_t n, pxb_mac *out);
/* Lower-case hex bytes joined by sep (':' or '-'); sep 0 joins them with nothing. */
void pxb_mac_format(const pxb_mac *mac, char sep, char out[PXB_MAC_TEXT_MAX]);
int pxb_mac_equal(const pxb_mac *a, const pxb_mac *b);

#endif
