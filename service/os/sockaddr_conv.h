/* sockaddr_conv.h: converts between pxb_addr and the socket API's sockaddr_storage, shared
 * by the two socket backends (service/os/posix/net_posix.c, service/os/win32/net_win32.c), whose
 * sockaddr_in/sockaddr_in6 fields are the same. It includes no OS header itself: a backend
 * includes it after its own socket headers, so the portable core never sees it. */
#ifndef PXB_SOCKADDR_CONV_H
#define PXB_SOCKADDR_CONV_H

#include <string.h>

#include "pxb_addr.h"

/* Fills ss from a; returns the length of the sockaddr written. */
static inline size_t pxb_sockaddr_from_addr(const pxb_addr *a, struct sockaddr_storage *ss)
{
    memset(ss, 0, sizeof *ss);
    if (a->family == PXB_AF_INET4) {
        struct sockaddr_in *sin = (struct sockaddr_in *)ss;
        sin->sin_family = AF_INET;
        sin->sin_port = htons(a->port);
        memcpy(&sin->sin_addr, a->ip, 4);
        return sizeof *sin;
    }
    struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
    sin6->sin6_family = AF_INET6;
    sin6->sin6_port = htons(a->port);
    memcpy(&sin6->sin6_addr, a->ip, 16);
    sin6->sin6_scope_id = a->scope_id;
    return sizeof *sin6;
}

/* Fills a from ss (family PXB_AF_NONE for anything but IPv4 and IPv6). */
static inline void pxb_addr_from_sockaddr(const struct sockaddr_storage *ss, pxb_addr *a)
{
    memset(a, 0, sizeof *a);
    if (ss->ss_family == AF_INET) {
        const struct sockaddr_in *sin = (const struct sockaddr_in *)ss;
        a->family = PXB_AF_INET4;
        a->port = ntohs(sin->sin_port);
        memcpy(a->ip, &sin->sin_addr, 4);
    } else if (ss->ss_family == AF_INET6) {
        const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)ss;
        a->family = PXB_AF_INET6;
        a->port = ntohs(sin6->sin6_port);
        memcpy(a->ip, &sin6->sin6_addr, 16);
        a->scope_id = sin6->sin6_scope_id;
    }
}

/* The local address a datagram arrived at, from its packet information (IP_PKTINFO,
 * IPV6_PKTINFO), into a: IPv4 from its 4 bytes; IPv6 with the receiving interface as the
 * scope of a link-local address, which a socket needs to bind to it. */
static inline void pxb_addr_from_arrival_v4(const struct in_addr *ip, pxb_addr *a)
{
    a->family = PXB_AF_INET4;
    memcpy(a->ip, ip, 4);
    a->scope_id = 0;
}

static inline void pxb_addr_from_arrival_v6(const struct in6_addr *ip, unsigned ifindex,
                                            pxb_addr *a)
{
    a->family = PXB_AF_INET6;
    memcpy(a->ip, ip, 16);
    a->scope_id = IN6_IS_ADDR_LINKLOCAL(ip) ? ifindex : 0;
}

#endif
