/* port_range.c: the bind to a fixed port or to a free one of a range (see port_range.h). */
#include "port_range.h"

static unsigned next_start;

int pxb_port_bind(const pxb_addr *local, uint16_t port_min, uint16_t port_max,
                  pxb_port_try_bind try_bind, void *ctx)
{
    if (local->port != 0 || port_min == 0)
        return try_bind(ctx, local);
    pxb_addr at = *local;
    unsigned span = (unsigned)port_max - port_min + 1;
    unsigned start = next_start++ % span;
    for (unsigned i = 0; i < span; i++) {
        at.port = (uint16_t)(port_min + (start + i) % span);
        int rc = try_bind(ctx, &at);
        if (rc != PXB_PORT_IN_USE)
            return rc;
    }
    return PXB_PORT_RANGE_FULL;
}

void pxb_port_describe_failure(int bound, const pxb_addr *local, uint16_t port_min,
                               uint16_t port_max, unsigned long code, const char *os_reason,
                               pxb_error *err)
{
    char text[PXB_ADDR_TEXT_MAX];
    pxb_addr_format(local, text, sizeof text);
    if (bound == PXB_PORT_RANGE_FULL)
        pxb_error_set(err, "cannot bind %s to a port in %u-%u: every port of the range is "
                      "in use", text, (unsigned)port_min, (unsigned)port_max);
    else if (local->port == 0 && port_min != 0)
        pxb_error_set_code(err, code, "cannot bind %s to a port in %u-%u: %s", text,
                           (unsigned)port_min, (unsigned)port_max, os_reason);
    else
        pxb_error_set_code(err, code, "cannot bind %s: %s", text, os_reason);
}
