/* proxy_server.c: the proxyDHCP server's sockets and per-datagram work (proxy_server.h).
 * The listeners are a small fixed table of (address, port); a sync compares it with what
 * the mode and the addresses want. A datagram's way: the guard keyed by its chaddr (the
 * sender's address when it is too short to have one), the plan's decision, the reply sent
 * where the decision says, the verdict counted. */
#include "proxy_server.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client_arch.h"
#include "log.h"
#include "net.h"
#include "net_text.h"
#include "netif.h"
#include "proxy_guard.h"

/* Two ports on every address the machine may have. */
#define LISTENERS_MAX (2 * PXB_NETIF_MAX)
/* A DHCP request fits an Ethernet frame; a longer datagram is cut short (or skipped) and
 * found malformed. */
#define DATAGRAM_MAX 1500
/* BOOTP's chaddr field (RFC 2131 2): 16 bytes at offset 28. */
#define CHADDR_AT 28
#define CHADDR_LEN 16

typedef struct proxy_listener {
    pxb_udp *udp;
    uint32_t addr; /* host order */
    uint16_t port;
} proxy_listener;

/* One (address, port) the mode and the addresses want. */
typedef struct wanted_port {
    uint32_t addr;
    uint16_t port;
} wanted_port;

struct pxb_proxy_server {
    pxb_evloop *loop;
    pxb_proxy_guard *guard;
    pxb_boot_plan plan;
    uint32_t addrs[PXB_MAX_LISTEN]; /* ListenAddresses' IPv4 ones; 0 = every interface */
    size_t addr_count;
    proxy_listener *listeners[LISTENERS_MAX];
    size_t listener_count;
    uint64_t counts[PXB_PROXY_VERDICTS];
    journey *journeys;
    uint8_t buf[DATAGRAM_MAX];
};

static uint32_t addr_to_u32(const pxb_addr *a)
{
    return (uint32_t)a->ip[0] << 24 | (uint32_t)a->ip[1] << 16 | (uint32_t)a->ip[2] << 8 |
           a->ip[3];
}

static pxb_addr u32_to_addr(uint32_t ip, uint16_t port)
{
    pxb_addr a = {.family = PXB_AF_INET4, .port = port};
    a.ip[0] = (uint8_t)(ip >> 24);
    a.ip[1] = (uint8_t)(ip >> 16);
    a.ip[2] = (uint8_t)(ip >> 8);
    a.ip[3] = (uint8_t)ip;
    return a;
}

pxb_proxy_server *pxb_proxy_server_create(pxb_evloop *loop)
{
    pxb_proxy_server *ps = calloc(1, sizeof *ps);
    if (ps == NULL)
        return NULL;
    ps->loop = loop;
    ps->guard = pxb_proxy_guard_create();
    if (ps->guard == NULL) {
        free(ps);
        return NULL;
    }
    pxb_plan_defaults(&ps->plan); /* ProxyDhcp off */
    return ps;
}

static void close_listener(pxb_proxy_server *ps, proxy_listener *l)
{
    pxb_evloop_remove(ps->loop, l->udp);
    pxb_udp_close(l->udp);
    free(l);
}

void pxb_proxy_server_destroy(pxb_proxy_server *ps)
{
    if (ps == NULL)
        return;
    for (size_t i = 0; i < ps->listener_count; i++)
        close_listener(ps, ps->listeners[i]);
    pxb_proxy_guard_destroy(ps->guard);
    free(ps);
}

void pxb_proxy_server_set_addresses(pxb_proxy_server *ps, const pxb_config *cfg)
{
    ps->addr_count = 0;
    for (size_t i = 0; i < cfg->listen_count; i++) {
        if (cfg->listen[i].family == PXB_AF_INET4)
            ps->addrs[ps->addr_count++] = addr_to_u32(&cfg->listen[i]);
    }
}

/* --- which listeners are wanted ------------------------------------------------------- */

static int holds_addr(const uint32_t *list, size_t n, uint32_t addr)
{
    for (size_t i = 0; i < n; i++) {
        if (list[i] == addr)
            return 1;
    }
    return 0;
}

/* Adds addr to list (of at most max) unless it is there. */
static void add_addr(uint32_t *list, size_t max, size_t *n, uint32_t addr)
{
    if (*n < max && !holds_addr(list, *n, addr))
        list[(*n)++] = addr;
}

/* True when an address before found[i] in found is on the same interface. */
static int interface_taken(const pxb_netif_addr *found, size_t i)
{
    for (size_t k = 0; k < i; k++) {
        if (found[k].ifindex == found[i].ifindex)
            return 1;
    }
    return 0;
}

/* The wildcard's addresses: every interface address, listed now; the first of each
 * interface only where one broadcast socket serves the interface's every address. */
static void add_interface_addrs(uint32_t *list, size_t max, size_t *n)
{
    pxb_netif_addr found[PXB_NETIF_MAX];
    size_t count = 0;
    pxb_error err = {0};
    if (pxb_netif_list(found, PXB_NETIF_MAX, &count, &err) != 0) {
        pxb_log(PXB_LOG_ERROR, PXB_EV_LISTEN_FAILED, "proxyDHCP: %s", err.text);
        return;
    }
    for (size_t i = 0; i < count; i++) {
        if (!pxb_net_broadcast_per_interface || !interface_taken(found, i))
            add_addr(list, max, n, found[i].addr);
    }
}

/* The addresses to listen on: the explicit ones, and the interfaces' for the wildcard. */
static size_t wanted_addrs(const pxb_proxy_server *ps, uint32_t *list, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < ps->addr_count; i++) {
        if (ps->addrs[i] == 0)
            add_interface_addrs(list, max, &n);
        else
            add_addr(list, max, &n, ps->addrs[i]);
    }
    return n;
}

/* The (address, port) pairs the plan's mode wants; returns how many. */
static size_t wanted_ports(const pxb_proxy_server *ps, wanted_port *out)
{
    uint16_t ports[2];
    size_t port_count = 0;
    if (ps->plan.proxy_dhcp == PXB_PROXY_ON)
        ports[port_count++] = PXB_PROXY_PORT_DHCP;
    if (ps->plan.proxy_dhcp != PXB_PROXY_OFF)
        ports[port_count++] = PXB_PROXY_PORT_PXE;
    uint32_t addrs[PXB_NETIF_MAX];
    size_t addr_count = port_count ? wanted_addrs(ps, addrs, PXB_NETIF_MAX) : 0;
    size_t n = 0;
    for (size_t a = 0; a < addr_count; a++) {
        for (size_t p = 0; p < port_count; p++)
            out[n++] = (wanted_port){addrs[a], ports[p]};
    }
    return n;
}

/* --- opening and closing -------------------------------------------------------------- */

static int is_wanted(const proxy_listener *l, const wanted_port *want, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (want[i].addr == l->addr && want[i].port == l->port)
            return 1;
    }
    return 0;
}

static int is_open(const pxb_proxy_server *ps, const wanted_port *w)
{
    for (size_t i = 0; i < ps->listener_count; i++) {
        if (ps->listeners[i]->addr == w->addr && ps->listeners[i]->port == w->port)
            return 1;
    }
    return 0;
}

static void log_listener(const char *what, uint32_t addr, uint16_t port)
{
    char text[PXB_IPV4_TEXT_MAX];
    pxb_ipv4_format(addr, text);
    pxb_log(PXB_LOG_INFO, PXB_EV_GENERIC, "proxyDHCP: %s %s:%u", what, text, (unsigned)port);
}

static void close_unwanted(pxb_proxy_server *ps, const wanted_port *want, size_t n)
{
    size_t kept = 0;
    for (size_t i = 0; i < ps->listener_count; i++) {
        proxy_listener *l = ps->listeners[i];
        if (is_wanted(l, want, n)) {
            ps->listeners[kept++] = l;
            continue;
        }
        log_listener("stopped listening on", l->addr, l->port);
        close_listener(ps, l);
    }
    ps->listener_count = kept;
}

/* Logs why w could not be opened: port 67 taken gets its own event and the fix. */
static void report_open_failure(const wanted_port *w, const pxb_error *err)
{
    if (w->port == PXB_PROXY_PORT_DHCP && pxb_net_addr_in_use(err->code)) {
        pxb_log(PXB_LOG_ERROR, PXB_EV_PROXY_PORT_TAKEN,
                "proxyDHCP: %s: another DHCP server or WDS holds UDP port 67 on this "
                "machine: set ProxyDhcp=4011 and let that server send option 060 PXEClient "
                "(pxebridge dhcp apply does it for Microsoft DHCP); TFTP and port 4011 "
                "serve on", err->text);
        return;
    }
    pxb_log(PXB_LOG_ERROR, PXB_EV_LISTEN_FAILED, "proxyDHCP: %s", err->text);
}

/* Opens w's socket and puts it in the loop; a failure is logged. */
static void open_listener(pxb_proxy_server *ps, const wanted_port *w)
{
    pxb_error err = {0};
    pxb_addr local = u32_to_addr(w->addr, w->port);
    proxy_listener *l = calloc(1, sizeof *l);
    if (l == NULL) {
        pxb_log(PXB_LOG_ERROR, PXB_EV_LISTEN_FAILED, "proxyDHCP: out of memory");
        return;
    }
    *l = (proxy_listener){pxb_udp_open_broadcast(&local, &err), w->addr, w->port};
    if (l->udp == NULL) {
        report_open_failure(w, &err);
        free(l);
        return;
    }
    if (pxb_evloop_add(ps->loop, l->udp, l) != 0) {
        pxb_log(PXB_LOG_ERROR, PXB_EV_LISTEN_FAILED,
                "proxyDHCP: the event loop could not take a socket (out of memory?)");
        pxb_udp_close(l->udp);
        free(l);
        return;
    }
    ps->listeners[ps->listener_count++] = l;
    log_listener("listening on", w->addr, w->port);
}

void pxb_proxy_server_set_plan(pxb_proxy_server *ps, const pxb_boot_plan *plan)
{
    wanted_port want[LISTENERS_MAX];
    ps->plan = *plan;
    size_t n = wanted_ports(ps, want);
    close_unwanted(ps, want, n);
    for (size_t i = 0; i < n; i++) {
        if (!is_open(ps, &want[i]))
            open_listener(ps, &want[i]);
    }
}

int pxb_proxy_server_owns(const pxb_proxy_server *ps, const void *tag)
{
    for (size_t i = 0; i < ps->listener_count; i++) {
        if (ps->listeners[i] == tag)
            return 1;
    }
    return 0;
}

/* --- answering ------------------------------------------------------------------------ */

/* "x64 UEFI, iPXE": the client's architecture and whether it is iPXE, for the log. */
static void describe_client(const pxb_proxy_client *c, char *out, size_t out_len)
{
    const char *arch = c->has_arch ? pxb_arch_label(c->arch) : "no architecture sent";
    snprintf(out, out_len, "%s, %s", arch, c->ipxe ? "iPXE" : "not iPXE");
}

static void log_verdict(const proxy_listener *l, enum pxb_proxy_verdict v,
                        const pxb_proxy_client *c, const pxb_proxy_reply *r)
{
    char mac[PXB_MAC_TEXT_MAX] = "no MAC", who[128], server[PXB_IPV4_TEXT_MAX];
    if (c->has_mac)
        pxb_mac_format(&c->mac, ':', mac);
    describe_client(c, who, sizeof who);
    if (v != PXB_PROXY_OFFERED && v != PXB_PROXY_ACKED) {
        pxb_log(PXB_LOG_DEBUG, PXB_EV_GENERIC, "proxyDHCP: ignored %s (%s) on port %u: %s",
                mac, who, (unsigned)l->port, pxb_proxy_verdict_name(v));
        return;
    }
    pxb_ipv4_format(r->next_server, server);
    pxb_log(PXB_LOG_INFO, PXB_EV_GENERIC, "proxyDHCP: %s %s (%s) %s from %s on port %u",
            pxb_proxy_verdict_name(v), mac, who, r->boot_file,
            r->next_server ? server : "no next server", (unsigned)l->port);
}

static void send_reply(proxy_listener *l, const pxb_proxy_reply *r)
{
    pxb_addr to = u32_to_addr(r->to, r->to_port);
    if (pxb_udp_send(l->udp, &to, r->data, r->len) == 0)
        return;
    char text[PXB_ADDR_TEXT_MAX];
    pxb_addr_format(&to, text, sizeof text);
    pxb_log(PXB_LOG_WARN, PXB_EV_GENERIC, "proxyDHCP: could not send the answer to %s", text);
}

void pxb_proxy_server_set_journeys(pxb_proxy_server *ps, journey *journeys)
{
    ps->journeys = journeys;
}

/* The answer as a step of the client's journey (see pxb_proxy_server_set_journeys). */
static void record_step(pxb_proxy_server *ps, enum pxb_proxy_verdict v, const pxb_addr *from,
                        const pxb_proxy_client *c, const pxb_proxy_reply *r, uint64_t now_ms)
{
    if (ps->journeys == NULL || pxb_addr_is_any(from))
        return;
    journey_feed_proxy(ps->journeys, from, c->has_mac ? c->mac.b : NULL,
                       c->has_arch ? pxb_arch_label(c->arch) : NULL,
                       v == PXB_PROXY_OFFERED ? JOURNEY_PROXY_OFFER : JOURNEY_PROXY_ACK,
                       r->boot_file, now_ms);
}

/* The guard's key: the datagram's chaddr, or the sender's address when it has none. */
static int admit(pxb_proxy_server *ps, const uint8_t *data, size_t len, const pxb_addr *from,
                 uint64_t now_ms)
{
    if (len >= CHADDR_AT + CHADDR_LEN)
        return pxb_proxy_guard_admit(ps->guard, data + CHADDR_AT, CHADDR_LEN, now_ms);
    return pxb_proxy_guard_admit(ps->guard, from->ip, 4, now_ms);
}

static void answer(pxb_proxy_server *ps, proxy_listener *l, size_t len, const pxb_addr *from,
                   uint64_t now_ms)
{
    static pxb_proxy_reply reply; /* one thread; kept off the stack */
    pxb_proxy_client client;
    if (!admit(ps, ps->buf, len, from, now_ms)) {
        ps->counts[PXB_PROXY_FLOODED]++;
        return;
    }
    pxb_proxy_request req = {ps->buf, len, l->port, l->addr, addr_to_u32(from), from->port};
    enum pxb_proxy_verdict v = pxb_proxy_answer(&ps->plan, &req, &client, &reply);
    ps->counts[v]++;
    if (v == PXB_PROXY_OFFERED || v == PXB_PROXY_ACKED) {
        send_reply(l, &reply);
        record_step(ps, v, from, &client, &reply, now_ms);
    }
    log_verdict(l, v, &client, &reply);
}

void pxb_proxy_server_read(pxb_proxy_server *ps, void *tag, uint64_t now_ms)
{
    proxy_listener *l = tag;
    for (int i = 0; i < PXB_PROXY_READ_BATCH; i++) {
        pxb_addr from;
        long n = pxb_udp_recv(l->udp, ps->buf, sizeof ps->buf, &from, NULL);
        if (n == -1)
            return;
        if (n < 0 || from.family != PXB_AF_INET4)
            continue; /* a receive error concerns one datagram */
        answer(ps, l, (size_t)n, &from, now_ms);
    }
}

void pxb_proxy_server_tick(pxb_proxy_server *ps, uint64_t now_ms)
{
    size_t clients = 0;
    uint64_t turned = pxb_proxy_guard_report(ps->guard, now_ms, &clients);
    if (turned == 0)
        return;
    pxb_log(PXB_LOG_WARN, PXB_EV_PROXY_FLOOD,
            "proxyDHCP: a flood: %llu datagrams from %zu clients left unanswered since the "
            "last report (over the per-client or total rate)",
            (unsigned long long)turned, clients);
}

void pxb_proxy_server_status(const pxb_proxy_server *ps, pxb_proxy_status *out)
{
    if (pxb_plan_get(&ps->plan, "ProxyDhcp", out->mode, sizeof out->mode) != 0)
        snprintf(out->mode, sizeof out->mode, "?");
    out->listeners = ps->listener_count;
    memcpy(out->verdict, ps->counts, sizeof out->verdict);
}
