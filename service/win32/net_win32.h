/* net_win32.h: what the Windows socket backend (net_win32.c) shares with the WSAPoll event
 * loop (evloop_wsapoll.c) beyond net.h: each socket keeps the index of its entry in the
 * loop's poll array, so the loop finds and removes it in constant time. */
#ifndef PXB_NET_WIN32_H
#define PXB_NET_WIN32_H

#include <stddef.h>

#include "net.h"

/* No poll entry: the socket is in no event loop. */
#define PXB_NO_POLL_SLOT ((size_t)-1)

/* The socket's poll array index; the event loop reads and writes it. */
size_t *pxb_udp_poll_slot(pxb_udp *sock);

#endif
