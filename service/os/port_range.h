/* port_range.h: picks a free UDP port from the configured range for a new transfer. The
 * search starts one further each time, so consecutive transfers spread over the range
 * instead of all probing its first ports; the OS backends (net_posix.c, net_win32.c) only
 * say whether one port could be bound. */
#ifndef PXB_PORT_RANGE_H
#define PXB_PORT_RANGE_H

#include <stdint.h>

enum pxb_port_try { PXB_PORT_BOUND = 0, PXB_PORT_IN_USE = 1, PXB_PORT_ERROR = -1 };

/* Calls try_bind(ctx, port) for the ports of [port_min, port_max], starting from a rotating
 * point, until one is PXB_PORT_BOUND (returns it) or PXB_PORT_ERROR (returns that). Returns
 * PXB_PORT_IN_USE when every port of the range is taken. Not thread-safe: one thread binds. */
int pxb_port_range_bind(uint16_t port_min, uint16_t port_max,
                        int (*try_bind)(void *ctx, uint16_t port), void *ctx);

#endif
