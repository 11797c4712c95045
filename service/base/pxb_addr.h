/* pxb_addr.h: a UDP transport address (IPv4 or IPv6 plus port) in a portable form, so the
 * TFTP engine and the configuration can carry addresses without any socket headers. */
#ifndef PXB_ADDR_H
#define PXB_ADDR_H

#include <stddef.h>
#include <stdint.h>

enum pxb_family { PXB_AF_NONE = 0, PXB_AF_INET4 = 4, PXB_AF_INET6 = 6 };

typedef struct pxb_addr {
    uint8_t family;    /* enum pxb_family */
    uint8_t ip[16];    /* network byte order; IPv4 uses the first 4 bytes, rest zero */
    uint16_t port;     /* host byte order; 0 = unspecified */
    uint32_t scope_id; /* IPv6 zone index, 0 otherwise */
} pxb_addr;

/* Longest text pxb_addr_format writes, NUL included: "[ipv6%scope]:65535". */
#define PXB_ADDR_TEXT_MAX 64

/* Same family, address, port and scope. */
int pxb_addr_equal(const pxb_addr *a, const pxb_addr *b);
/* Same family and address; ports ignored. */
int pxb_addr_same_host(const pxb_addr *a, const pxb_addr *b);
/* "192.0.2.1:69", "[2001:db8::1]:69"; without the port part when port is 0. */
void pxb_addr_format(const pxb_addr *a, char *buf, size_t buflen);
/* Formats only the address (no port, no brackets). */
void pxb_addr_format_host(const pxb_addr *a, char *buf, size_t buflen);
/* Parses a literal IPv4 ("0.0.0.0") or IPv6 ("::", "fe80::1%3") address; port set to 0.
 * Returns 0 on success, -1 if the text is not an address. */
int pxb_addr_parse(const char *text, pxb_addr *out);
/* Parses exactly s[0..n) as a dotted-quad IPv4 address (no leading zeros, no blanks) into
 * out in network byte order. Returns 0, or -1 if it is not one. */
int pxb_addr_parse_v4(const char *s, size_t n, uint8_t out[4]);
/* True for 0.0.0.0 and ::. */
int pxb_addr_is_any(const pxb_addr *a);

#endif
