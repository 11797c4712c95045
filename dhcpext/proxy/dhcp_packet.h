/* dhcp_packet.h: reads one DHCP datagram (RFC 2131 2, RFC 2132): the fixed BOOTP header, the
 * magic cookie and the options, with option overload (52) continuing them in the file and
 * sname fields. Every length is checked against the datagram, so no option, however it
 * lies, makes the reader look past the bytes it was given. Pure code, no sockets. */
#ifndef PXB_DHCP_PACKET_H
#define PXB_DHCP_PACKET_H

#include <stddef.h>
#include <stdint.h>

#include "pxb_error.h"

/* The fixed header (op .. file), then the 4-byte magic cookie where the options begin. */
#define PXB_DHCP_HEADER_LEN 236
#define PXB_DHCP_COOKIE 0x63825363u
#define PXB_DHCP_CHADDR_LEN 16
#define PXB_DHCP_SNAME_LEN 64
#define PXB_DHCP_FILE_LEN 128
#define PXB_DHCP_BOOTREQUEST 1
#define PXB_DHCP_BOOTREPLY 2

/* Option codes the proxy reads or writes (RFC 2132, RFC 4578). */
enum pxb_dhcp_option_code {
    PXB_OPT_PAD = 0,
    PXB_OPT_VENDOR = 43,         /* PXE's vendor options (sub-option 71: PXE_BOOT_ITEM) */
    PXB_OPT_OVERLOAD = 52,
    PXB_OPT_MESSAGE_TYPE = 53,
    PXB_OPT_SERVER_ID = 54,
    PXB_OPT_VENDOR_CLASS = 60,
    PXB_OPT_BOOT_FILE = 67,
    PXB_OPT_USER_CLASS = 77,
    PXB_OPT_CLIENT_ARCH = 93,
    PXB_OPT_CLIENT_UUID = 97,
    PXB_OPT_END = 255
};

/* Option 53's values (RFC 2132 9.6). */
enum pxb_dhcp_message_type {
    PXB_DHCPDISCOVER = 1,
    PXB_DHCPOFFER = 2,
    PXB_DHCPREQUEST = 3,
    PXB_DHCPACK = 5,
    PXB_DHCPINFORM = 8
};

/* The fixed BOOTP header; addresses in host order. The reader fills it from a datagram, the
 * writer (dhcp_writer.h) writes one. */
typedef struct pxb_dhcp_header {
    uint8_t op, htype, hlen, hops;
    uint32_t xid;
    uint16_t secs, flags;
    uint32_t ciaddr, yiaddr, siaddr, giaddr;
    uint8_t chaddr[PXB_DHCP_CHADDR_LEN];
    uint8_t sname[PXB_DHCP_SNAME_LEN];
    uint8_t file[PXB_DHCP_FILE_LEN];
} pxb_dhcp_header;

/* One option as found: its bytes inside the datagram (file and sname included). */
typedef struct pxb_dhcp_option {
    int present;
    const uint8_t *data;
    size_t len;
} pxb_dhcp_option;

typedef struct pxb_dhcp_packet {
    pxb_dhcp_header header;
    /* By code; a code that comes again keeps its first occurrence (RFC 3396's split long
       options are not joined: none the proxy reads is longer than 255 bytes). */
    pxb_dhcp_option options[256];
} pxb_dhcp_packet;

/* Reads data[0..len). Returns 0, or -1 with what is wrong (too short for the header, no
 * magic cookie, an option running past its field, a field without its end option, a bad
 * overload value). The option data of out points into data: keep it while out is used. */
int pxb_dhcp_packet_read(const uint8_t *data, size_t len, pxb_dhcp_packet *out,
                         pxb_error *err);

/* The option with this code, or NULL if the datagram did not carry it. */
const pxb_dhcp_option *pxb_dhcp_packet_option(const pxb_dhcp_packet *p, uint8_t code);

/* Finds sub-option code inside an option made of sub-options (like 43: code, length, data;
 * pad and end as in the options field). Returns 0 with *sub pointing into opt's data, or -1
 * if it is absent or a length runs past the option. */
int pxb_dhcp_suboption(const pxb_dhcp_option *opt, uint8_t code, pxb_dhcp_option *sub);

#endif
