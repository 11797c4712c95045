/* explain_proxy.h: what this service's proxyDHCP responder (ProxyDhcp on or 4011) would
 * answer the client `explain` describes: the offer on port 67 and the ack on port 4011,
 * asked of pxb_proxy_answer itself with the datagrams that client would send
 * (proxy_probe.h), so explain and the proxy cannot disagree. */
#ifndef PXB_CLI_EXPLAIN_PROXY_H
#define PXB_CLI_EXPLAIN_PROXY_H

#include "explain.h"
#include "json_writer.h"
#include "proxy_answer.h"

#define CLI_PROXY_PORTS 2

typedef struct cli_proxy_port {
    uint16_t port;
    enum pxb_proxy_verdict verdict;
    pxb_proxy_reply reply;        /* for PXB_PROXY_OFFERED / PXB_PROXY_ACKED */
} cli_proxy_port;

typedef struct cli_proxy_view {
    int mode;                     /* the plan's ProxyDhcp (enum pxb_proxy_mode) */
    char mode_text[8];            /* as the setting writes it: "on", "4011" */
    int placed;                   /* 0: the plan has Scopes and no --subnet says where the
                                     client is, so there is no answer to show */
    cli_proxy_port ports[CLI_PROXY_PORTS];
} cli_proxy_view;

/* Asks the decision for this client on both ports; the listener's address is the plan's
 * BootServer. */
void cli_proxy_view_make(const pxb_boot_plan *plan, const pxb_client *c, cli_proxy_view *out);
/* "Proxy:" lines; nothing when ProxyDhcp is off. */
void cli_proxy_view_text(const cli_proxy_view *v);
/* "proxy": null when off, else {"mode", "placed", "port_67", "port_4011"}. */
void cli_proxy_view_json(pxb_json *j, const cli_proxy_view *v);

#endif
