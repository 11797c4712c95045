/* runtime.c: turns the TFTP engine into a running server. It owns the sockets (the engine
 * knows them only as small integer handles; up to TRANSFERS_PER_SOCKET transfers share one
 * transfer socket per local address), waits on them with the event loop, feeds every
 * datagram and every due deadline to the engine, serves files through the file cache (with
 * the generated boot script in front of it when the root has no boot.ipxe), logs
 * the engine's events and hands them to loop detection, and applies new configurations
 * between rounds of the loop, rebinding only the listeners whose address or port changed.
 * The proxyDHCP server's sockets (proxy_server.h) share the loop: their datagrams go to it. */
#include "runtime.h"

#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authenticode.h"
#include "clock.h"
#include "evloop.h"
#include "file_cache.h"
#include "generated_files.h"
#include "journey.h"
#include "log.h"
#include "net.h"
#include "plan_files.h"
#include "proxy_server.h"
#include "tftp_packet.h"
#include "tftp_path.h"
#include "menu_source.h"
#include "winpe_watch.h"
#include "throughput.h"

/* Contents of files no transfer uses any more are kept up to this size. */
#define CACHE_IDLE_BUDGET (128u * 1024 * 1024)
/* Datagrams taken from one transfer socket before a timeout of a transfer on it runs, so
 * that an ACK that has come is seen first; per wake-up a transfer socket gets the event
 * loop's pxb_evloop_transfer_reads (evloop.h), or one per transfer on it if that is more.
 * A listener is emptied further, so that a request is answered (or found to be a
 * retransmission of one being served) before its client sends it again. */
#define RECV_BATCH 64
#define LISTEN_BATCH 4096
#define RECV_BUFFER 65536
/* How often the TFTP root's WinPE catalog is looked at for a change (winpe add, remove). */
#define WINPE_CHECK_MS 3000u
/* Why add_socket failed. */
#define NOT_WATCHED "the event loop could not take the socket (out of memory?)"

/* Transfers that share one transfer socket at most (docs/tftp-server.md, "Transfer ports"):
 * one wake-up of the event loop reads the ACKs of many transfers. A new socket is opened
 * when every one for the address is full, and closed with its last transfer. */
#define TRANSFERS_PER_SOCKET 32

/* A socket and what its datagrams are for. */
typedef struct rt_socket {
    pxb_udp *udp;
    int transfers;        /* transfers it serves; 0 for a listening socket */
    pxb_addr wanted;      /* a transfer socket: the address asked for (port 0) */
    pxb_addr local;       /* the bound address, port included */
    int id;               /* the engine's handle: the index in pxb_runtime.sockets */
    uint64_t serial;      /* tells this socket from a later one with the same id */
    uint64_t read_in_run; /* the last run of due timers that read it */
    struct rt_socket *next_room, **prev_room; /* on the list of transfer sockets with room */
} rt_socket;

struct pxb_runtime {
    pxb_config cfg;
    int net_ready;
    pxb_evloop *loop;
    file_cache *cache;
    generated_files *generated; /* in front of the cache: boot.ipxe from the plan */
    pxb_boot_plan plan;         /* the plan the generated files are made from */
    int has_plan;
    pxb_winpe_catalog winpe;    /* the WinPE images the generated menus offer */
    pxb_fs_stamp winpe_stamp;   /* of the catalog read */
    uint64_t winpe_checked_ms;  /* when the catalog was last looked at */
    pxb_menus_fn on_menus;
    void *on_menus_ctx;
    tftp_server *srv;
    loop_detect *loops;
    journey *journeys;          /* each recent client's steps */
    pxb_proxy_server *proxy;
    pxb_config_applied_fn on_reload;
    void *on_reload_ctx;
    pxb_round_fn on_round;
    void *on_round_ctx;
    rt_socket **sockets; /* by id; NULL where free */
    size_t socket_cap;
    int *free_ids;       /* a stack of unused ids, lowest on top */
    size_t free_count;
    rt_socket *room;     /* transfer sockets that can take another transfer */
    int listeners[PXB_MAX_LISTEN];
    size_t listener_count;
    uint64_t next_serial;
    uint64_t timer_runs;  /* runs of due timers so far */
    atomic_int stop_requested;
    atomic_int reload_requested;
    uint8_t buf[RECV_BUFFER];
};

/* --- sockets by id ----------------------------------------------------------------------- */

/* Doubles the id space, pushing the new ids so that the lowest is handed out first. */
static int grow_ids(pxb_runtime *rt)
{
    size_t cap = rt->socket_cap ? rt->socket_cap * 2 : 64;
    if (cap > INT_MAX)
        return -1;
    rt_socket **sockets = realloc(rt->sockets, cap * sizeof *sockets);
    if (sockets == NULL)
        return -1;
    rt->sockets = sockets;
    int *free_ids = realloc(rt->free_ids, cap * sizeof *free_ids);
    if (free_ids == NULL)
        return -1;
    rt->free_ids = free_ids;
    for (size_t id = cap; id > rt->socket_cap; id--) {
        sockets[id - 1] = NULL;
        free_ids[rt->free_count++] = (int)(id - 1);
    }
    rt->socket_cap = cap;
    return 0;
}

/* Registers udp with the event loop under a new id; closes udp and returns -1 on failure. */
static int add_socket(pxb_runtime *rt, pxb_udp *udp)
{
    rt_socket *s = malloc(sizeof *s);
    if (s == NULL || (rt->free_count == 0 && grow_ids(rt) != 0)) {
        free(s);
        pxb_udp_close(udp);
        return -1;
    }
    memset(s, 0, sizeof *s);
    s->udp = udp;
    pxb_udp_local(udp, &s->local);
    s->id = rt->free_ids[rt->free_count - 1];
    s->serial = ++rt->next_serial;
    if (pxb_evloop_add(rt->loop, udp, s) != 0) {
        free(s);
        pxb_udp_close(udp);
        return -1;
    }
    rt->free_count--;
    rt->sockets[s->id] = s;
    return s->id;
}

static rt_socket *find_socket(const pxb_runtime *rt, int id)
{
    return (id >= 0 && (size_t)id < rt->socket_cap) ? rt->sockets[id] : NULL;
}

static void remove_socket(pxb_runtime *rt, int id)
{
    rt_socket *s = find_socket(rt, id);
    if (s == NULL)
        return;
    pxb_evloop_remove(rt->loop, s->udp);
    pxb_udp_close(s->udp);
    free(s);
    rt->sockets[id] = NULL;
    rt->free_ids[rt->free_count++] = id;
}

/* --- the engine's I/O callbacks ---------------------------------------------------------- */

static void take_room(pxb_runtime *rt, rt_socket *s)
{
    s->next_room = rt->room;
    s->prev_room = &rt->room;
    if (rt->room)
        rt->room->prev_room = &s->next_room;
    rt->room = s;
}

static void leave_room(rt_socket *s)
{
    *s->prev_room = s->next_room;
    if (s->next_room)
        s->next_room->prev_room = s->prev_room;
    s->prev_room = NULL;
}

/* A transfer socket for local (port 0) that can take one more transfer and is not avoid, or
 * NULL. */
static rt_socket *find_room(const pxb_runtime *rt, const pxb_addr *local, int avoid)
{
    for (rt_socket *s = rt->room; s != NULL; s = s->next_room)
        if (s->id != avoid && pxb_addr_equal(&s->wanted, local))
            return s;
    return NULL;
}

/* A new transfer socket on any_port's address (port 0), in the loop and on the list of those
 * with room; NULL, logged, when none could be opened. */
static rt_socket *add_transfer_socket(pxb_runtime *rt, const pxb_addr *any_port)
{
    pxb_error err = {0};
    pxb_udp *udp = pxb_udp_open(any_port, rt->cfg.port_min, rt->cfg.port_max, &err);
    if (udp == NULL && !pxb_addr_is_any(any_port)) {
        /* Not bindable (say, a broadcast the request was sent to): any address will do. */
        pxb_addr any = *any_port;
        memset(any.ip, 0, sizeof any.ip);
        any.scope_id = 0;
        udp = pxb_udp_open(&any, rt->cfg.port_min, rt->cfg.port_max, &err);
    }
    if (udp == NULL) {
        pxb_log(PXB_LOG_WARN, PXB_EV_GENERIC, "no socket for a new transfer: %s", err.text);
        return NULL;
    }
    int id = add_socket(rt, udp);
    if (id < 0) {
        pxb_log(PXB_LOG_WARN, PXB_EV_GENERIC, "no socket for a new transfer: %s", NOT_WATCHED);
        return NULL;
    }
    rt_socket *s = rt->sockets[id];
    s->wanted = *any_port;
    take_room(rt, s);
    return s;
}

static int open_transfer_socket(void *ctx, const pxb_addr *local, int avoid)
{
    pxb_runtime *rt = ctx;
    pxb_addr any_port = *local;
    any_port.port = 0;
    rt_socket *s = find_room(rt, &any_port, avoid);
    if (s == NULL)
        s = add_transfer_socket(rt, &any_port);
    if (s == NULL)
        return -1;
    if (++s->transfers == TRANSFERS_PER_SOCKET)
        leave_room(s);
    return s->id;
}

static void close_socket(void *ctx, int sock)
{
    pxb_runtime *rt = ctx;
    rt_socket *s = find_socket(rt, sock);
    if (s == NULL)
        return;
    if (s->transfers-- == TRANSFERS_PER_SOCKET)
        take_room(rt, s);
    if (s->transfers > 0)
        return;
    if (s->prev_room != NULL)
        leave_room(s);
    remove_socket(rt, sock);
}

_Static_assert(TFTP_SEND_BATCH <= PXB_UDP_SEND_MAX, "a window's send fits one send_many");

static void send_datagrams(void *ctx, int sock, const pxb_addr *to, const pxb_datagram *d,
                           size_t n)
{
    rt_socket *s = find_socket(ctx, sock);
    size_t sent = s != NULL ? pxb_udp_send_many(s->udp, to, d, n) : 0;
    if (sent == n)
        return;
    /* The engine retransmits what was lost; a note helps when chasing a network fault. */
    char text[PXB_ADDR_TEXT_MAX];
    pxb_addr_format(to, text, sizeof text);
    pxb_log(PXB_LOG_DEBUG, PXB_EV_GENERIC, "could not send %zu of %zu datagrams to %s",
            n - sent, n, text);
}

/* --- the engine's events ----------------------------------------------------------------- */

static void report_loop(const loop_info *loop)
{
    char client[PXB_ADDR_TEXT_MAX];
    pxb_addr_format(&loop->client, client, sizeof client);
    pxb_log(PXB_LOG_WARN, PXB_EV_LOOP_DETECTED,
            "boot loop: client %s downloaded the first-stage image '%s' %u times in %llu s: "
            "the DHCP server hands this client the first-stage image again after iPXE "
            "starts: the iPXE user-class rule is missing or processed after the "
            "architecture rules; run 'pxebridge dhcp verify'",
            client, loop->file, (unsigned)loop->count,
            (unsigned long long)((loop->last_ms - loop->first_ms) / 1000));
}

static void log_event(void *ctx, const tftp_event *ev)
{
    pxb_runtime *rt = ctx;
    loop_info loop;
    char client[PXB_ADDR_TEXT_MAX];
    const char *detail = ev->detail ? ev->detail : "";
    unsigned long long bytes = ev->bytes;
    unsigned long long ms = ev->duration_ms;
    pxb_addr_format(ev->client, client, sizeof client);
    switch (ev->kind) {
    case TFTP_EVENT_STARTED: {
        char server[PXB_ADDR_TEXT_MAX];
        pxb_addr_format_host(ev->server, server, sizeof server);
        pxb_log(PXB_LOG_DEBUG, PXB_EV_GENERIC, "%s: sending '%s' (%s) from %s", client, ev->path,
                detail, server);
        break;
    }
    case TFTP_EVENT_COMPLETED:
        pxb_log(PXB_LOG_INFO, PXB_EV_TRANSFER_DONE,
                "%s: sent '%s', %llu bytes in %llu ms (%.1f MB/s)", client, ev->path, bytes, ms,
                pxb_megabytes_per_second(ev->bytes, ev->duration_ms));
        break;
    case TFTP_EVENT_ABORTED:
        /* UEFI firmware asks for the size, then stops with error 8: normal, not a fault. */
        pxb_log(ev->tftp_error == TFTP_ERR_OPTION ? PXB_LOG_DEBUG : PXB_LOG_INFO,
                PXB_EV_TRANSFER_FAILED,
                "%s: stopped '%s' after %llu bytes (client error %u: %s)", client, ev->path,
                bytes, (unsigned)ev->tftp_error, detail);
        break;
    case TFTP_EVENT_FAILED:
        pxb_log(PXB_LOG_WARN, PXB_EV_TRANSFER_FAILED,
                "%s: transfer of '%s' failed after %llu bytes: %s", client, ev->path, bytes,
                detail);
        break;
    case TFTP_EVENT_REFUSED:
        pxb_log(PXB_LOG_INFO, PXB_EV_REQUEST_REFUSED, "%s: refused '%s' (error %u: %s)", client,
                ev->path, (unsigned)ev->tftp_error, detail);
        break;
    case TFTP_EVENT_DEFERRED:
        /* One line per request and per retry of it: a storm would flood a higher level. The
         * status counter "deferred" shows it. */
        pxb_log(PXB_LOG_DEBUG, PXB_EV_REQUEST_REFUSED,
                "%s: left '%s' unanswered for the client to retry (%s)", client, ev->path,
                detail);
        break;
    }
    uint64_t now_ms = pxb_clock_now_ms();
    journey_feed_tftp(rt->journeys, ev, generated_files_has(rt->generated, ev->path), now_ms);
    if (!loop_detect_feed(rt->loops, ev, now_ms, &loop))
        return;
    report_loop(&loop);
    journey_note_loop(rt->journeys, ev->client);
}

/* --- listeners --------------------------------------------------------------------------- */

static int listener_wanted(const rt_socket *s, const pxb_config *want)
{
    for (size_t i = 0; i < want->listen_count; i++) {
        pxb_addr a = want->listen[i];
        a.port = want->port;
        if (pxb_addr_equal(&a, &s->local))
            return 1;
    }
    return 0;
}

static int is_listening(const pxb_runtime *rt, const pxb_addr *addr)
{
    for (size_t i = 0; i < rt->listener_count; i++) {
        if (pxb_addr_equal(&find_socket(rt, rt->listeners[i])->local, addr))
            return 1;
    }
    return 0;
}

static void close_unwanted_listeners(pxb_runtime *rt, const pxb_config *want)
{
    size_t kept = 0;
    for (size_t i = 0; i < rt->listener_count; i++) {
        rt_socket *s = find_socket(rt, rt->listeners[i]);
        if (listener_wanted(s, want)) {
            rt->listeners[kept++] = rt->listeners[i];
            continue;
        }
        char text[PXB_ADDR_TEXT_MAX];
        pxb_addr_format(&s->local, text, sizeof text);
        pxb_log(PXB_LOG_INFO, PXB_EV_GENERIC, "stopped listening on %s", text);
        remove_socket(rt, rt->listeners[i]);
    }
    rt->listener_count = kept;
}

/* Opens a listener for addr; logs the outcome, keeping the reason in err on failure. */
static void open_listener(pxb_runtime *rt, const pxb_addr *addr, pxb_error *err)
{
    char text[PXB_ADDR_TEXT_MAX];
    pxb_addr_format(addr, text, sizeof text);
    pxb_udp *udp = pxb_udp_open(addr, 0, 0, err);
    int id = udp ? add_socket(rt, udp) : -1;
    if (udp != NULL && id < 0)
        pxb_error_set(err, "%s", NOT_WATCHED);
    if (id < 0) {
        pxb_log(PXB_LOG_ERROR, PXB_EV_LISTEN_FAILED, "cannot listen on %s: %s", text, err->text);
        return;
    }
    rt->listeners[rt->listener_count++] = id;
    pxb_log(PXB_LOG_INFO, PXB_EV_GENERIC, "listening on %s", text);
}

/* Makes the listeners match want: closes the ones it no longer names, opens the new ones,
 * leaves the rest alone. Returns how many listeners there are afterwards. */
static size_t sync_listeners(pxb_runtime *rt, const pxb_config *want, pxb_error *err)
{
    close_unwanted_listeners(rt, want);
    for (size_t i = 0; i < want->listen_count; i++) {
        pxb_addr a = want->listen[i];
        a.port = want->port;
        if (!is_listening(rt, &a))
            open_listener(rt, &a, err);
    }
    return rt->listener_count;
}

/* --- running ----------------------------------------------------------------------------- */

static int socket_alive(const pxb_runtime *rt, int id, uint64_t serial)
{
    const rt_socket *s = find_socket(rt, id);
    return s != NULL && s->serial == serial;
}

/* Hands up to batch datagrams waiting on one socket to the engine. */
static void read_socket(pxb_runtime *rt, rt_socket *s, int batch)
{
    int id = s->id;
    uint64_t serial = s->serial;
    for (int i = 0; i < batch; i++) {
        pxb_addr from, to;
        long n = pxb_udp_recv(s->udp, rt->buf, sizeof rt->buf, &from, &to);
        if (n == -1)
            return;
        if (n < 0)
            continue; /* e.g. a port-unreachable report: nothing to hand on */
        uint64_t now = pxb_clock_now_ms();
        /* A request's transfer socket is bound to the address the request was sent to. */
        if (s->transfers == 0)
            tftp_server_on_request(rt->srv, id, &to, &from, rt->buf, (size_t)n, now);
        else
            tftp_server_on_transfer_datagram(rt->srv, id, &from, rt->buf, (size_t)n, now);
        if (!socket_alive(rt, id, serial))
            return; /* the transfer ended and its socket is gone */
    }
}

/* The event loop's callback: a socket has datagrams. */
static void on_readable(void *ctx, void *tag)
{
    pxb_runtime *rt = ctx;
    if (pxb_proxy_server_owns(rt->proxy, tag)) {
        pxb_proxy_server_read(rt->proxy, tag, pxb_clock_now_ms());
        return;
    }
    rt_socket *s = tag;
    int reads = s->transfers > pxb_evloop_transfer_reads ? s->transfers
                                                          : pxb_evloop_transfer_reads;
    read_socket(rt, s, s->transfers == 0 ? LISTEN_BATCH : reads);
}

/* Milliseconds until the engine's next deadline or the next look at the WinPE catalog, for
 * the event loop (-1: none). */
static int wait_timeout(const pxb_runtime *rt)
{
    uint64_t deadline = tftp_server_next_deadline(rt->srv);
    if (rt->has_plan && rt->winpe_checked_ms + WINPE_CHECK_MS < deadline)
        deadline = rt->winpe_checked_ms + WINPE_CHECK_MS;
    if (deadline == UINT64_MAX)
        return -1;
    uint64_t now = pxb_clock_now_ms();
    if (deadline <= now)
        return 0;
    return deadline - now > INT_MAX ? INT_MAX : (int)(deadline - now);
}

/* Runs the retransmissions and timeouts due now, each after reading what waits on the
 * transfer's socket: a server running late would otherwise time out a client whose ACK has
 * arrived but was not read yet. A socket is read once a run (many transfers share one):
 * each turn reads a socket not read yet, or moves a transfer's deadline on or ends it. */
static void run_due_timers(pxb_runtime *rt)
{
    uint64_t now = pxb_clock_now_ms();
    uint64_t run = ++rt->timer_runs;
    tftp_transfer *t;
    while ((t = tftp_server_due(rt->srv, now)) != NULL) {
        rt_socket *s = find_socket(rt, tftp_transfer_socket(t));
        if (s != NULL && s->read_in_run != run) {
            s->read_in_run = run;
            read_socket(rt, s, RECV_BATCH);
            continue; /* what it read may have moved t on or ended it */
        }
        tftp_server_expire(rt->srv, t, now);
    }
}

/* Reads the TFTP root's WinPE catalog and logs what the menus offer of it, and over which
 * protocol; a catalog that cannot be read offers nothing, with the reason logged. */
static void read_winpe(pxb_runtime *rt)
{
    pxb_error err;
    char text[1024];

    rt->winpe_checked_ms = pxb_clock_now_ms();
    if (pxb_winpe_watch_read(rt->cfg.tftp_root, &rt->winpe, &rt->winpe_stamp, &err) != 0)
        pxb_log(PXB_LOG_WARN, PXB_EV_GENERIC, "the WinPE catalog " PXB_WINPE_CATALOG
                " cannot be read, so the boot menus offer no WinPE image: %s", err.text);
    pxb_runtime_describe_menus(rt, text, sizeof text);
    if (rt->winpe.count > 0 || pxb_plan_winpe_target(&rt->plan) != NULL)
        pxb_log(PXB_LOG_INFO, PXB_EV_GENERIC, "the boot menu (boot.ipxe) offers %s", text);
}

/* Every WINPE_CHECK_MS, makes the menus again when the catalog changed (winpe add or
 * remove), and tells the program (on_menus) so its HTTP server serves them too. */
static void check_winpe(pxb_runtime *rt)
{
    if (!rt->has_plan || pxb_clock_now_ms() - rt->winpe_checked_ms < WINPE_CHECK_MS)
        return;
    rt->winpe_checked_ms = pxb_clock_now_ms();
    if (!pxb_winpe_watch_changed(rt->cfg.tftp_root, &rt->winpe_stamp))
        return;
    pxb_boot_plan *plan = &rt->plan;
    if (pxb_runtime_set_plan(rt, plan) != 0)
        pxb_log(PXB_LOG_ERROR, PXB_EV_GENERIC, "the boot menus were not made again after "
                "the WinPE catalog changed: out of memory; the old ones are served");
    if (rt->on_menus != NULL)
        rt->on_menus(rt->on_menus_ctx);
}

size_t pxb_runtime_describe_menus(const pxb_runtime *rt, char *out, size_t out_len)
{
    pxb_menu_http http = {rt->cfg.http_port, (int)rt->cfg.http_tls, rt->cfg.http_prefix};
    pxb_menu_source src;
    pxb_menu_source_init(&src, &rt->plan, &rt->winpe, &http);
    return pxb_menu_source_describe(&src, out, out_len);
}

void pxb_runtime_on_menus(pxb_runtime *rt, pxb_menus_fn fn, void *ctx)
{
    rt->on_menus = fn;
    rt->on_menus_ctx = ctx;
}

static void reload(pxb_runtime *rt, pxb_config_loader loader, void *loader_ctx)
{
    pxb_error err = {0};
    pxb_config *cfg = malloc(sizeof *cfg);
    if (cfg == NULL) {
        pxb_log(PXB_LOG_ERROR, PXB_EV_CONFIG_ERROR,
                "configuration not reloaded: out of memory; the one in force is kept");
        return;
    }
    if (loader == NULL)
        pxb_error_set(&err, "this program has no way to reload its settings");
    if (loader != NULL && loader(loader_ctx, cfg, &err) == 0 &&
        pxb_runtime_apply(rt, cfg, &err) == 0) {
        pxb_log(PXB_LOG_INFO, PXB_EV_CONFIG_RELOADED, "configuration reloaded");
        if (rt->on_reload != NULL)
            rt->on_reload(rt->on_reload_ctx, cfg);
    } else {
        pxb_log(PXB_LOG_ERROR, PXB_EV_CONFIG_ERROR,
                "configuration not reloaded: %s; the one in force is kept", err.text);
    }
    free(cfg);
}

int pxb_runtime_run(pxb_runtime *rt, pxb_config_loader loader, void *loader_ctx)
{
    /* Taking the stop request lets a later call run again; one made before the call stops
     * it at once. */
    while (!atomic_exchange(&rt->stop_requested, 0)) {
        if (atomic_exchange(&rt->reload_requested, 0))
            reload(rt, loader, loader_ctx);
        if (pxb_evloop_wait(rt->loop, wait_timeout(rt), on_readable, rt) < 0) {
            pxb_log(PXB_LOG_ERROR, PXB_EV_GENERIC, "the event loop failed; stopping");
            return -1;
        }
        run_due_timers(rt);
        check_winpe(rt);
        pxb_proxy_server_tick(rt->proxy, pxb_clock_now_ms());
        if (rt->on_round != NULL)
            rt->on_round(rt->on_round_ctx);
    }
    return 0;
}

void pxb_runtime_request_stop(pxb_runtime *rt)
{
    atomic_store(&rt->stop_requested, 1);
    pxb_evloop_wake(rt->loop);
}

void pxb_runtime_request_reload(pxb_runtime *rt)
{
    atomic_store(&rt->reload_requested, 1);
    pxb_evloop_wake(rt->loop);
}

void pxb_runtime_wake(pxb_runtime *rt)
{
    pxb_evloop_wake(rt->loop);
}

/* --- configuration ----------------------------------------------------------------------- */

int pxb_runtime_apply(pxb_runtime *rt, const pxb_config *cfg, pxb_error *err)
{
    pxb_error why;
    pxb_error_set(&why, "no address given");
    if (pxb_config_validate(cfg, err) != 0)
        return -1;
    if (sync_listeners(rt, cfg, &why) == 0) {
        pxb_error_set(err, "no listen address could be bound (last error: %s)", why.text);
        sync_listeners(rt, &rt->cfg, &why);
        return -1;
    }
    rt->cfg = *cfg;
    tftp_server_set_limits(rt->srv, &cfg->limits);
    file_cache_set_root(rt->cache, cfg->tftp_root);
    loop_detect_set_limits(rt->loops, cfg->loop_threshold, cfg->loop_window_s);
    pxb_proxy_server_set_addresses(rt->proxy, cfg);
    pxb_log_set_level(cfg->log_level);
    return 0;
}

pxb_runtime *pxb_runtime_create(const pxb_config *cfg, pxb_error *err)
{
    if (pxb_config_validate(cfg, err) != 0)
        return NULL;
    pxb_runtime *rt = calloc(1, sizeof *rt);
    if (rt == NULL) {
        pxb_error_set(err, "out of memory");
        return NULL;
    }
    rt->cfg = *cfg;
    rt->cfg.listen_count = 0; /* nothing bound yet: a failed apply restores no listener */
    atomic_init(&rt->stop_requested, 0);
    atomic_init(&rt->reload_requested, 0);
    rt->net_ready = pxb_net_init() == 0;
    rt->loop = pxb_evloop_create();
    rt->cache = file_cache_create(cfg->tftp_root, CACHE_IDLE_BUDGET);
    rt->loops = loop_detect_create(LOOP_CLIENTS_DEFAULT);
    rt->journeys = journey_create();
    rt->proxy = rt->loop != NULL ? pxb_proxy_server_create(rt->loop) : NULL;
    if (rt->proxy != NULL)
        pxb_proxy_server_set_journeys(rt->proxy, rt->journeys);
    if (!rt->net_ready || rt->loop == NULL || rt->cache == NULL || rt->loops == NULL ||
        rt->journeys == NULL || rt->proxy == NULL) {
        pxb_error_set(err, "cannot start networking, the event loop, the file cache, loop "
                           "detection, the client journeys or the proxyDHCP server");
        pxb_runtime_destroy(rt);
        return NULL;
    }
    tftp_io io = {.ctx = rt, .open_transfer_socket = open_transfer_socket,
                  .close_socket = close_socket, .send = send_datagrams};
    rt->generated = generated_files_create(file_cache_provider(rt->cache));
    tftp_files files = generated_files_provider(rt->generated);
    rt->srv = rt->generated ? tftp_server_create(&cfg->limits, &io, &files, log_event, rt) : NULL;
    if (rt->srv == NULL) {
        pxb_error_set(err, "out of memory");
        pxb_runtime_destroy(rt);
        return NULL;
    }
    if (pxb_runtime_apply(rt, cfg, err) != 0) {
        pxb_runtime_destroy(rt);
        return NULL;
    }
    return rt;
}

void pxb_runtime_destroy(pxb_runtime *rt)
{
    if (rt == NULL)
        return;
    tftp_server_destroy(rt->srv); /* closes the transfer sockets through close_socket */
    for (size_t i = 0; i < rt->listener_count; i++)
        remove_socket(rt, rt->listeners[i]);
    pxb_proxy_server_destroy(rt->proxy);
    generated_files_destroy(rt->generated);
    if (rt->cache != NULL)
        file_cache_destroy(rt->cache);
    if (rt->loop != NULL)
        pxb_evloop_destroy(rt->loop);
    loop_detect_destroy(rt->loops);
    journey_destroy(rt->journeys);
    free(rt->sockets);
    free(rt->free_ids);
    if (rt->net_ready)
        pxb_net_cleanup();
    free(rt);
}

void pxb_runtime_get_stats(const pxb_runtime *rt, tftp_stats *out)
{
    tftp_server_get_stats(rt->srv, out);
}

void pxb_runtime_get_proxy(const pxb_runtime *rt, pxb_proxy_status *out)
{
    pxb_proxy_server_status(rt->proxy, out);
}

void pxb_runtime_on_reload(pxb_runtime *rt, pxb_config_applied_fn fn, void *ctx)
{
    rt->on_reload = fn;
    rt->on_reload_ctx = ctx;
}

void pxb_runtime_on_round(pxb_runtime *rt, pxb_round_fn fn, void *ctx)
{
    rt->on_round = fn;
    rt->on_round_ctx = ctx;
}

const pxb_winpe_catalog *pxb_runtime_winpe(const pxb_runtime *rt)
{
    return &rt->winpe;
}

const pxb_config *pxb_runtime_config(const pxb_runtime *rt)
{
    return &rt->cfg;
}

int pxb_runtime_set_first_stages(pxb_runtime *rt, const char *const *names, size_t count)
{
    return loop_detect_set_files(rt->loops, names, count);
}

size_t pxb_runtime_get_loops(const pxb_runtime *rt, loop_info *out, size_t max)
{
    return loop_detect_list(rt->loops, pxb_clock_now_ms(), out, max);
}

size_t pxb_runtime_get_journeys(const pxb_runtime *rt, journey_summary *out, size_t max)
{
    return journey_list(rt->journeys, out, max);
}

int pxb_runtime_find_journey(const pxb_runtime *rt, const journey_key *key, journey_client *out)
{
    return journey_find(rt->journeys, key, out);
}

/* The runtime's sink for the plan's generated files (plan_files.h). */
static int set_generated(void *ctx, const char *name, const void *text, size_t len)
{
    return generated_files_set(ctx, name, text, len);
}

/* Logs each UEFI first-stage image of plan in the TFTP root that Secure Boot firmware with
 * Microsoft's keys refuses (unsigned, a signature not matching the file, no Microsoft CA):
 * machines with Secure Boot on do not start it, and say little about why. */
static void log_refused_images(pxb_runtime *rt, const pxb_boot_plan *plan)
{
    static pxb_signatures sigs; /* large; one thread */
    tftp_files files = file_cache_provider(rt->cache);
    char path[TFTP_PATH_MAX], text[1024];
    for (size_t s = PXB_STAGE_UEFI_X64; s <= PXB_STAGE_UEFI_ARM64; s++) {
        const char *name = plan->stage[s], *reason = NULL;
        const tftp_blob *blob = NULL;
        if (name[0] == '\0' ||
            tftp_path_normalize(name, strlen(name), path, sizeof path, &reason) != 0 ||
            files.open(files.ctx, path, 0, &blob, NULL) != TFTP_OPEN_OK)
            continue;
        pxb_authenticode_read(blob->data, (size_t)blob->size, &sigs);
        files.release(files.ctx, blob);
        if (!pxb_sig_refused(&sigs))
            continue;
        pxb_sig_describe(&sigs, text, sizeof text);
        pxb_log(PXB_LOG_WARN, PXB_EV_GENERIC, "%s '%s' is %s: UEFI machines with Secure Boot "
                "on do not start it", pxb_stage((enum pxb_stage)s)->setting, name, text);
    }
}

int pxb_runtime_set_plan(pxb_runtime *rt, const pxb_boot_plan *plan)
{
    const char *names[PXB_STAGE_COUNT];
    size_t count = 0;
    for (size_t s = 0; s < PXB_STAGE_COUNT; s++) {
        if (plan->stage[s][0] != '\0')
            names[count++] = plan->stage[s];
    }
    /* Fewer than LOOP_FILES_MAX names, each shorter than LOOP_FILE_MAX: always taken. */
    pxb_runtime_set_first_stages(rt, names, count);
    log_refused_images(rt, plan);
    pxb_proxy_server_set_plan(rt->proxy, plan);
    if (plan != &rt->plan)
        rt->plan = *plan;
    rt->has_plan = 1;
    read_winpe(rt);
    return pxb_plan_files_serve(plan, &rt->cfg, &rt->winpe, set_generated, rt->generated);
}
