/* packet_report.h: the lines pxbinfo.efi prints, the same as pxbinfo.0's: each
 * "pxbinfo: LABEL: WHAT VALUE", "(none)" for what a packet does not hold. */
#ifndef PXBINFO_PACKET_REPORT_H
#define PXBINFO_PACKET_REPORT_H

#include <efi.h>

/* "pxbinfo: TEXT". */
void say(const CHAR8 *text);

/* The client's request: its MAC (chaddr) and options 93, 60 and 77; "LABEL: (none)" when
 * the firmware marks the packet as not there (VALID false). */
void report_request(const CHAR8 *label, const EFI_PXE_BASE_CODE_PACKET *packet, BOOLEAN valid);

/* A reply: the MAC it is for, the client IP (yiaddr), the server (siaddr), the boot file
 * (file field, else option 67) and options 66 and 67. */
void report_reply(const CHAR8 *label, const EFI_PXE_BASE_CODE_PACKET *packet, BOOLEAN valid);

#endif
