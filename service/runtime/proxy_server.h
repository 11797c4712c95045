/* proxy_server.h: the proxyDHCP server's sockets (PXE 2.1, RFC 4578): from the boot plan's
 * ProxyDhcp mode and the configuration's ListenAddresses, a broadcast socket on port 67
 * (mode on) and on port 4011 (on, 4011) for each address (the wildcard 0.0.0.0 stands for
 * every address of the machine's interfaces, netif.h; where one socket serves a whole
 * interface, net.h's pxb_net_broadcast_per_interface, for the first of each); each datagram goes through the flood
 * guard (proxy_guard.h) to the plan's decision (proxy_answer.h), its reply is sent, its
 * verdict counted and the client answered logged. The runtime (runtime.c) owns the event
 * loop the sockets are in and hands their datagrams here. Portable. */
#ifndef PXB_PROXY_SERVER_H
#define PXB_PROXY_SERVER_H

#include <stdint.h>

#include "boot_plan.h"
#include "config.h"
#include "evloop.h"
#include "journey.h"
#include "proxy_answer.h"

typedef struct pxb_proxy_server pxb_proxy_server;

/* "off", "on" or "4011", NUL included. */
#define PXB_PROXY_MODE_TEXT_MAX 8

/* What the status shows of the server. */
typedef struct pxb_proxy_status {
    char mode[PXB_PROXY_MODE_TEXT_MAX];    /* the plan's ProxyDhcp in force */
    size_t listeners;                      /* sockets open */
    uint64_t verdict[PXB_PROXY_VERDICTS];  /* each verdict's count since the start */
} pxb_proxy_status;

/* A server with no listeners (mode off until a plan says otherwise) whose sockets go into
 * loop; NULL when memory runs out. */
pxb_proxy_server *pxb_proxy_server_create(pxb_evloop *loop);
/* Closes every listener. */
void pxb_proxy_server_destroy(pxb_proxy_server *ps);
/* Records each offer and ack in journeys (which must outlive ps; NULL: none) under the
 * client's address: one still without an address (0.0.0.0, a first DHCPDISCOVER) is not
 * recorded, as it could not be told apart from others. */
void pxb_proxy_server_set_journeys(pxb_proxy_server *ps, journey *journeys);

/* Takes cfg's ListenAddresses (its IPv4 ones; 0.0.0.0 for every interface address); they
 * are listened on from the next pxb_proxy_server_set_plan. */
void pxb_proxy_server_set_addresses(pxb_proxy_server *ps, const pxb_config *cfg);

/* Puts plan in force (a copy: its answers and its ProxyDhcp mode) and makes the listeners
 * match mode and addresses: the interface addresses listed anew, the listeners no longer
 * wanted closed, the wanted ones not open yet opened (one that failed before is tried
 * again). A port that cannot be bound is logged (port 67 taken by another DHCP server or
 * WDS with what to do, as its own event); the rest serve on. */
void pxb_proxy_server_set_plan(pxb_proxy_server *ps, const pxb_boot_plan *plan);

/* True when tag (an event loop tag) is one of this server's listeners. */
int pxb_proxy_server_owns(const pxb_proxy_server *ps, const void *tag);

/* Answers the datagrams waiting on the listener tag, at most PXB_PROXY_READ_BATCH of them,
 * so a flood never starves the TFTP server of the same loop. */
#define PXB_PROXY_READ_BATCH 32
void pxb_proxy_server_read(pxb_proxy_server *ps, void *tag, uint64_t now_ms);

/* Logs the flood guard's report when one is due (once per interval, as a warning). */
void pxb_proxy_server_tick(pxb_proxy_server *ps, uint64_t now_ms);

void pxb_proxy_server_status(const pxb_proxy_server *ps, pxb_proxy_status *out);

#endif
