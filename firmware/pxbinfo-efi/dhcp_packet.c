/* dhcp_packet.c: finds a DHCP option in a packet (dhcp_packet.h). */
#include "dhcp_packet.h"

#define BOOTP_COOKIE        236
#define BOOTP_OPTIONS       240
#define DHCP_PAD            0
#define DHCP_END            255

static const UINT8 magic_cookie[4] = { 99, 130, 83, 99 };

const UINT8 *dhcp_option(const UINT8 *packet, UINTN size, UINT8 code, UINT8 *len)
{
    UINTN at = BOOTP_OPTIONS;

    if (size < BOOTP_OPTIONS)
        return NULL;
    for (UINTN i = 0; i < sizeof magic_cookie; i++)
        if (packet[BOOTP_COOKIE + i] != magic_cookie[i])
            return NULL;
    while (at < size) {
        UINT8 this_code = packet[at++];
        if (this_code == DHCP_PAD)
            continue;
        if (this_code == DHCP_END || at >= size)
            return NULL;
        UINT8 this_len = packet[at++];
        if (at + this_len > size)
            return NULL;
        if (this_code == code) {
            *len = this_len;
            return packet + at;
        }
        at += this_len;
    }
    return NULL;
}
