/* net.h: non-blocking UDP sockets, one backend per OS (service/os/posix/net_posix.c with BSD
 * sockets, service/os/win32/net_win32.c with Winsock). IPv4 and IPv6; an IPv6 socket is
 * always IPv6-only so that "0.0.0.0" and "::" can be listened on side by side. */
#ifndef PXB_NET_H
#define PXB_NET_H

#include <stddef.h>
#include <stdint.h>

#include "datagram.h"
#include "pxb_addr.h"
#include "pxb_error.h"

typedef struct pxb_udp pxb_udp;

int pxb_net_init(void);
void pxb_net_cleanup(void);

/* Binds to local. If local->port is nonzero that exact port is used; otherwise a free port
 * from [port_min, port_max] is taken (searching from a rotating start), or any port the OS
 * gives when port_min is 0. Returns NULL with a reason in err. */
pxb_udp *pxb_udp_open(const pxb_addr *local, uint16_t port_min, uint16_t port_max,
                      pxb_error *err);
/* For a DHCP server (the proxyDHCP listeners): binds to exactly the IPv4 address local with
 * its nonzero port, broadcast sending allowed, receiving the broadcasts that arrive on that
 * address's interface as well as what is sent to the address. Never shares the port: one
 * taken by another program fails, and pxb_net_addr_in_use(err->code) tells that case.
 * pxb_udp_local and pxb_udp_recv's to give local itself, whatever the OS bound. */
pxb_udp *pxb_udp_open_broadcast(const pxb_addr *local, pxb_error *err);
/* 1 where a broadcast socket serves every address of its interface, so that an interface
 * takes one per port and a second address's fails as taken (Linux: the socket is bound to
 * the device); 0 where each address has its own (Windows). Each backend defines it. */
extern const int pxb_net_broadcast_per_interface;
/* True when code (a pxb_error's, from an open) says the address and port are taken by
 * another socket: EADDRINUSE, WSAEADDRINUSE, or WSAEACCES (held exclusively). */
int pxb_net_addr_in_use(unsigned long code);
void pxb_udp_close(pxb_udp *sock);
/* The bound address, port included. */
void pxb_udp_local(const pxb_udp *sock, pxb_addr *out);
/* Returns the datagram length, -1 when nothing is waiting, -2 on an error to ignore
 * (e.g. an ICMP port unreachable reported on Windows as WSAECONNRESET). With to non-NULL,
 * the address the datagram was sent to goes there, with the socket's port: on a socket
 * bound to a wildcard address (0.0.0.0, ::) the local address it arrived at, from the
 * packet information the socket asks the OS for (IP_PKTINFO, IPV6_PKTINFO); where that is
 * missing, and on other sockets, the socket's own address. A reply sent from that address
 * is one the client recognises, whatever route the OS would pick on a multi-homed host. */
long pxb_udp_recv(pxb_udp *sock, uint8_t *buf, size_t buf_len, pxb_addr *from, pxb_addr *to);
/* The most datagrams one pxb_udp_send_many call takes. */
#define PXB_UDP_SEND_MAX 64
/* Sends n (at most PXB_UDP_SEND_MAX) datagrams to one address, in order, with as few calls
 * into the OS as it allows (sendmmsg on Linux). Returns how many were sent: fewer than n
 * when the OS refused one (a full send buffer, an unreachable address), the rest unsent. */
size_t pxb_udp_send_many(pxb_udp *sock, const pxb_addr *to, const pxb_datagram *d, size_t n);
/* Sends one datagram of len bytes. Returns 0, or -1 if it could not be sent. */
static inline int pxb_udp_send(pxb_udp *sock, const pxb_addr *to, const uint8_t *buf,
                               size_t len)
{
    pxb_datagram d = {buf, len, NULL, 0};
    return pxb_udp_send_many(sock, to, &d, 1) == 1 ? 0 : -1;
}
/* The OS handle (fd or SOCKET) for the event loop backend. */
intptr_t pxb_udp_handle(const pxb_udp *sock);

#endif
