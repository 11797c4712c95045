/* port_range.c: the rotating search for a free port of a range (see port_range.h). */
#include "port_range.h"

static unsigned next_start;

int pxb_port_range_bind(uint16_t port_min, uint16_t port_max,
                        int (*try_bind)(void *ctx, uint16_t port), void *ctx)
{
    unsigned span = (unsigned)port_max - port_min + 1;
    unsigned start = next_start++ % span;
    for (unsigned i = 0; i < span; i++) {
        int rc = try_bind(ctx, (uint16_t)(port_min + (start + i) % span));
        if (rc != PXB_PORT_IN_USE)
            return rc;
    }
    return PXB_PORT_IN_USE;
}
