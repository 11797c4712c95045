/* dhcp_writer.h: writes one DHCP reply into a fixed buffer: the BOOTP header, the magic
 * cookie, options, the end option and the padding to BOOTP's 300-byte minimum (RFC 951, as
 * other servers send). It never writes past the buffer: an option that does not fit, with
 * room kept for the end option, is refused and the reply stays as it was. */
#ifndef PXB_DHCP_WRITER_H
#define PXB_DHCP_WRITER_H

#include <stddef.h>
#include <stdint.h>

#include "dhcp_packet.h"

/* The shortest BOOTP message relays and old clients take (RFC 1542 2.1). */
#define PXB_DHCP_MIN_LEN 300

typedef struct pxb_dhcp_writer {
    uint8_t *buf;
    size_t cap;
    size_t len;
} pxb_dhcp_writer;

/* Starts a reply in buf (cap bytes) with this header and the cookie. -1 if cap cannot hold
 * them and an end option. */
int pxb_dhcp_write_start(pxb_dhcp_writer *w, uint8_t *buf, size_t cap,
                         const pxb_dhcp_header *h);
/* Appends option code with len bytes of data. -1 (nothing written) if it does not fit. */
int pxb_dhcp_write_option(pxb_dhcp_writer *w, uint8_t code, const void *data, size_t len);
/* Appends option code holding one IPv4 address (host order; written in network order). */
int pxb_dhcp_write_address(pxb_dhcp_writer *w, uint8_t code, uint32_t addr);
/* Appends the end option and pads with zeros to PXB_DHCP_MIN_LEN (or cap, if smaller);
 * returns the reply's length. */
size_t pxb_dhcp_write_end(pxb_dhcp_writer *w);

#endif
