/* port_range.h: binds a new socket to its port: the one its address names, or a free UDP
 * port of the configured range for a new transfer. The range search starts one further
 * each time, so consecutive transfers spread over the range instead of all probing its
 * first ports; the OS backends (net_posix.c, net_win32.c) only say whether one address
 * could be bound. */
#ifndef PXB_PORT_RANGE_H
#define PXB_PORT_RANGE_H

#include <stdint.h>

#include "pxb_addr.h"
#include "pxb_error.h"

enum pxb_port_try {
    PXB_PORT_BOUND = 0,
    PXB_PORT_IN_USE = 1,     /* this address is taken (a backend's answer; a fixed port's) */
    PXB_PORT_RANGE_FULL = 2, /* every port of the range is taken */
    PXB_PORT_ERROR = -1
};

/* A backend's attempt: binds its socket (ctx) to addr; PXB_PORT_BOUND, PXB_PORT_IN_USE or
 * PXB_PORT_ERROR (the reason left in the OS's last-error). */
typedef int (*pxb_port_try_bind)(void *ctx, const pxb_addr *addr);

/* Binds with try_bind: to local as it is when it names a port or no range is set
 * (port_min 0), else to the ports of [port_min, port_max] from a rotating start until one
 * binds or fails with an error. Returns an enum pxb_port_try value. Not thread-safe: one
 * thread binds. */
int pxb_port_bind(const pxb_addr *local, uint16_t port_min, uint16_t port_max,
                  pxb_port_try_bind try_bind, void *ctx);

/* Sets err for a pxb_port_bind result other than PXB_PORT_BOUND: "cannot bind ADDR" (with
 * " to a port in MIN-MAX" for a range search), then that every port of the range is in use,
 * or os_reason, the backend's wording of its error code (which err keeps). */
void pxb_port_describe_failure(int bound, const pxb_addr *local, uint16_t port_min,
                               uint16_t port_max, unsigned long code, const char *os_reason,
                               pxb_error *err);

#endif
