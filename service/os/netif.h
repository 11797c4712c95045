/* netif.h: the machine's own IPv4 addresses, for a server that listens on each of them (the
 * proxyDHCP listeners on a wildcard ListenAddresses): the addresses of the interfaces that
 * are up, with their netmasks, loopback left out. One backend per OS
 * (service/os/posix/netif_posix.c with getifaddrs, service/os/win32/netif_win32.c with
 * GetAdaptersAddresses). */
#ifndef PXB_NETIF_H
#define PXB_NETIF_H

#include <stddef.h>
#include <stdint.h>

#include "pxb_error.h"

/* Addresses a listing holds at most; more are left out. */
#define PXB_NETIF_MAX 32

typedef struct pxb_netif_addr {
    uint32_t addr;    /* host order */
    uint32_t netmask; /* host order */
    unsigned ifindex; /* the interface's index: one number for the addresses of one */
} pxb_netif_addr;

/* Writes up to max addresses into out and their number into *count. Returns 0, or -1 with
 * a reason in err (the OS could not list them). */
int pxb_netif_list(pxb_netif_addr *out, size_t max, size_t *count, pxb_error *err);

#endif
