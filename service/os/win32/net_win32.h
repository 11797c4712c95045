/* net_win32.h: what the Windows socket backend (net_win32.c) shares with the completion
 * port event loop (evloop_iocp.c) beyond net.h: each socket keeps a pointer to its entry in
 * the loop, so the loop finds it in constant time. */
#ifndef PXB_NET_WIN32_H
#define PXB_NET_WIN32_H

#include "net.h"

/* The socket's event loop entry, NULL while it is in no loop; the event loop reads and
 * writes it. */
void **pxb_udp_loop_entry(pxb_udp *sock);

#endif
