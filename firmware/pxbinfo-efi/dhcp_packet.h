/* dhcp_packet.h: a DHCP packet as bytes (BOOTP fields at fixed offsets, options after the
 * magic cookie; RFC 2131, 2132) and its option walker, the same walk as pxbinfo.0's
 * dhcp_option.asm. */
#ifndef PXBINFO_DHCP_PACKET_H
#define PXBINFO_DHCP_PACKET_H

#include <efi.h>

#define BOOTP_HLEN          2
#define BOOTP_YIADDR        16
#define BOOTP_SIADDR        20
#define BOOTP_CHADDR        28
#define BOOTP_CHADDR_SIZE   16
#define BOOTP_FILE          108
#define BOOTP_FILE_SIZE     128

#define DHCP_VENDOR_CLASS   60
#define DHCP_TFTP_SERVER    66
#define DHCP_BOOT_FILE      67
#define DHCP_USER_CLASS     77
#define DHCP_CLIENT_ARCH    93

/* The data of option CODE in the SIZE bytes of PACKET, its length in *LEN; NULL when the
 * packet has no options area (no magic cookie), not that option, or the option runs past
 * SIZE. */
const UINT8 *dhcp_option(const UINT8 *packet, UINTN size, UINT8 code, UINT8 *len);

#endif
