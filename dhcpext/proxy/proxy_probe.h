/* proxy_probe.h: the datagram a client described as explain describes it (option 93, 60,
 * 77, MAC, address) would send the proxy: a DHCPDISCOVER broadcast on port 67, or the
 * DHCPREQUEST it sends to port 4011 afterwards. `explain` answers it with pxb_proxy_answer,
 * so what it says the proxy answers is what the proxy answers. */
#ifndef PXB_PROXY_PROBE_H
#define PXB_PROXY_PROBE_H

#include <stddef.h>
#include <stdint.h>

#include "explain.h"
#include "proxy_answer.h"

/* Room for the header, the cookie and the options a described client sends. */
#define PXB_PROXY_PROBE_MAX 600

typedef struct pxb_proxy_probe {
    uint8_t data[PXB_PROXY_PROBE_MAX];
    pxb_proxy_request req;
} pxb_proxy_probe;

/* Fills probe->data and probe->req for this client on port (67 or 4011), received on the
 * listener address local. The client's address, when given, is where it is: the relay's
 * giaddr of a discover, the ciaddr of a request; without one it is on local's subnet,
 * as an unrelayed client of that listener. A client with an architecture but no
 * vendor class sends the one PXE firmware sends for it ("PXEClient:Arch:00007"). Returns
 * 0, or -1 if the options do not fit (a vendor or user class over 255 bytes). */
int pxb_proxy_probe_build(const pxb_client *c, uint16_t port, uint32_t local,
                          pxb_proxy_probe *probe);

#endif
