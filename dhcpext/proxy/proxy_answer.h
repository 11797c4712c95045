/* proxy_answer.h: the proxyDHCP server's decision, portable (no sockets, no clock): one
 * datagram a PXE client sent to UDP port 67 or 4011 in, the boot plan's answer out (a
 * DHCPOFFER with no address for a DHCPDISCOVER on 67, a DHCPACK for a DHCPREQUEST or
 * DHCPINFORM on 4011: PXE 2.1, RFC 4578), or the reason it is not answered. What a client
 * gets is what pxb_explain says the plan gives it, so the proxy, the DHCP policies, the
 * exports and `explain` cannot disagree. The OS edge (service/runtime/proxy_server.c) only
 * receives, sends and counts. */
#ifndef PXB_PROXY_ANSWER_H
#define PXB_PROXY_ANSWER_H

#include <stddef.h>
#include <stdint.h>

#include "boot_plan.h"
#include "net_text.h"

#define PXB_PROXY_PORT_DHCP 67
#define PXB_PROXY_PORT_CLIENT 68
#define PXB_PROXY_PORT_PXE 4011
/* Largest reply: a BOOTP message (236) with a 312-byte option area is 548; iPXE and EDK2
 * take more, but every answer fits the minimum every client must accept (RFC 2131 2). */
#define PXB_PROXY_REPLY_MAX 548

/* Why a datagram got the answer it got; each has its own counter in the status. */
enum pxb_proxy_verdict {
    PXB_PROXY_OFFERED,       /* DHCPDISCOVER on 67 -> DHCPOFFER */
    PXB_PROXY_ACKED,         /* DHCPREQUEST / DHCPINFORM on 4011 -> DHCPACK */
    PXB_PROXY_MALFORMED,     /* not a well-formed BOOTP/DHCP request */
    PXB_PROXY_NOT_PXE,       /* no option 60 PXEClient / HTTPClient: not ours to answer */
    PXB_PROXY_NOT_FOR_PORT,  /* a message type this port does not answer (a DHCPREQUEST
                                on 67, a DHCPDISCOVER on 4011, ...) or a mode that does not
                                listen there */
    PXB_PROXY_EXCLUDED,      /* MAC in ExcludeMacs */
    PXB_PROXY_OUT_OF_SCOPE,  /* giaddr / receiving address outside the plan's Scopes */
    PXB_PROXY_NO_RULE,       /* a PXE client the plan has no rule for (its architecture) */
    PXB_PROXY_FLOODED,       /* over the per-client or total rate (proxy_guard.h) */
    PXB_PROXY_VERDICTS
};

/* "offered", "acked", "malformed", ...: the status's and the log's word for it. */
const char *pxb_proxy_verdict_name(enum pxb_proxy_verdict v);

/* One datagram and where it came from and to. Addresses in host order. */
typedef struct pxb_proxy_request {
    const uint8_t *data;
    size_t len;
    uint16_t port;           /* the listener's port: PXB_PROXY_PORT_DHCP or _PXE */
    uint32_t local;          /* the listener's own IPv4 address: option 54, and where the
                                client is when it came unrelayed (giaddr 0) */
    uint32_t source;         /* the sender's address and port */
    uint16_t source_port;
} pxb_proxy_request;

/* What the client sent that the decision used, for the log line and the status. */
typedef struct pxb_proxy_client {
    pxb_mac mac;
    int has_mac;             /* htype 1, hlen 6 */
    unsigned message_type;   /* option 53; 0 = none (BOOTP) */
    int has_arch;            /* option 93 */
    unsigned arch;
    int ipxe;                /* user class (option 77) "iPXE" */
} pxb_proxy_client;

typedef struct pxb_proxy_reply {
    uint8_t data[PXB_PROXY_REPLY_MAX];
    size_t len;
    uint32_t to;             /* where it goes: 255.255.255.255 (an unrelayed DHCPDISCOVER),
                                the relay (giaddr), or the sender of a 4011 request */
    uint16_t to_port;        /* 68, 67 (to a relay) or the request's source port */
    /* what it gives, for the log line: */
    uint32_t next_server;    /* siaddr; 0 = none */
    char boot_file[PXB_PLAN_VALUE_MAX]; /* file field and option 67 */
    const char *vendor;      /* option 60 sent back: "PXEClient" or "HTTPClient" */
} pxb_proxy_reply;

/* Decides the answer to one datagram under the plan (its ProxyDhcp mode says which ports
 * answer: a datagram on a port the mode does not listen on is PXB_PROXY_NOT_FOR_PORT).
 * Fills client with what could be read (all zero for a malformed datagram) and, for
 * PXB_PROXY_OFFERED and PXB_PROXY_ACKED only, reply. Never reads past req->len, whatever
 * the options say. PXB_PROXY_FLOODED is the guard's verdict, never this function's. */
enum pxb_proxy_verdict pxb_proxy_answer(const pxb_boot_plan *plan,
                                        const pxb_proxy_request *req,
                                        pxb_proxy_client *client, pxb_proxy_reply *reply);

#endif
