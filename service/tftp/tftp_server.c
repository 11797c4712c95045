/* tftp_server.c: the read-only TFTP engine (see tftp_server.h). Requests are checked in a
 * fixed order (packet, mode, path, options, limits, file, port), each failure answered with
 * its own TFTP error. A transfer sends windows of DATA blocks straight from the shared file
 * contents through one reusable packet buffer, maps each 16-bit ACK onto a 64-bit block index
 * so block numbers can roll over, and keeps its retransmission deadline in a min-heap.
 * Transfers are also chained by client host, for duplicate requests and per-client limits,
 * and for the datagrams of a transfer socket, which several transfers may share: they are
 * told apart by the client's address and port (tftp_ended.h for those of ended ones).
 * Under overload nothing is lost: a request the server has no room or time for is left
 * unanswered (the client sends it again; an error would end a PXE ROM's boot), and a
 * transfer whose client is still sending is never timed out. */
#include "tftp_server.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "tftp_ended.h"
#include "tftp_options.h"
#include "tftp_packet.h"
#include "tftp_path.h"
#include "tftp_timers.h"

#define CLIENT_BUCKETS 1024u /* power of two */
#define DETAIL_MAX 256
/* Ended transfers remembered (tftp_ended.h), each for twice its timeout. */
#define ENDED_REMEMBERED 4096

struct tftp_transfer {
    tftp_timer timer;                /* retransmission deadline; in the heap while alive */
    tftp_transfer *next, **pprev;    /* chain of the client host's bucket */
    int sock;
    pxb_addr client;
    const tftp_blob *blob;
    tftp_negotiation opts;
    uint64_t last_block;             /* index of the final DATA block; the first is 1 */
    uint64_t acked;                  /* highest block acknowledged; 0 before any */
    uint64_t sent;                   /* highest block sent */
    uint64_t started_ms;
    uint32_t timeout_ms;
    uint32_t retries;
    uint32_t timeouts;               /* consecutive timeouts without progress */
    int heard;                       /* the client sent something since the last timeout */
    int oack_pending;                /* an OACK was sent and ACK 0 has not come yet */
    char path[];                     /* as normalised */
};

struct tftp_server {
    tftp_limits limits;
    tftp_io io;
    tftp_files files;
    tftp_event_fn on_event;
    void *event_ctx;
    tftp_stats stats;
    tftp_timers timers;
    tftp_ended *ended;               /* transfers that ended a moment ago */
    uint64_t late_ms, late_at_ms;    /* how late the last timeout ran, and when */
    tftp_transfer *clients[CLIENT_BUCKETS];
    uint8_t buf[TFTP_PACKET_MAX];    /* every packet but DATA is built here */
    uint8_t heads[TFTP_SEND_BATCH][TFTP_HEADER_LEN]; /* the DATA headers of one send */
    pxb_datagram batch[TFTP_SEND_BATCH];             /* the DATA packets of one send */
};

static uint32_t clamp(uint32_t v, uint32_t lo, uint32_t hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Keeps the limits inside the ranges tftp_server.h documents. */
static void store_limits(tftp_server *srv, const tftp_limits *limits)
{
    srv->limits = *limits;
    srv->limits.max_blksize = clamp(limits->max_blksize, 8, TFTP_BLKSIZE_MAX);
    srv->limits.max_windowsize = clamp(limits->max_windowsize, 1, 65535);
    srv->limits.max_timeout_s = clamp(limits->max_timeout_s, 1, 255);
    srv->limits.timeout_ms = clamp(limits->timeout_ms, 1, UINT32_MAX);
}

static tftp_transfer *transfer_of(tftp_timer *timer)
{
    return (tftp_transfer *)(void *)((char *)timer - offsetof(tftp_transfer, timer));
}

/* --- transfers by client host ------------------------------------------------------------ */

static tftp_transfer **bucket_of(tftp_server *srv, const pxb_addr *host)
{
    uint32_t h = 2166136261u ^ host->family;
    for (size_t i = 0; i < sizeof host->ip; i++)
        h = (h ^ host->ip[i]) * 16777619u;
    h = (h ^ host->scope_id) * 16777619u;
    return &srv->clients[h & (CLIENT_BUCKETS - 1)];
}

static tftp_transfer *find_transfer(tftp_server *srv, const pxb_addr *client)
{
    for (tftp_transfer *t = *bucket_of(srv, client); t; t = t->next)
        if (pxb_addr_equal(&t->client, client))
            return t;
    return NULL;
}

static uint32_t count_host_transfers(tftp_server *srv, const pxb_addr *host)
{
    uint32_t n = 0;
    for (tftp_transfer *t = *bucket_of(srv, host); t; t = t->next)
        n += (uint32_t)pxb_addr_same_host(&t->client, host);
    return n;
}

static void link_transfer(tftp_server *srv, tftp_transfer *t)
{
    tftp_transfer **head = bucket_of(srv, &t->client);
    t->next = *head;
    t->pprev = head;
    if (*head)
        (*head)->pprev = &t->next;
    *head = t;
}

static void unlink_transfer(tftp_transfer *t)
{
    *t->pprev = t->next;
    if (t->next)
        t->next->pprev = t->pprev;
}

/* --- sending ----------------------------------------------------------------------------- */

static void send_packet(tftp_server *srv, int sock, const pxb_addr *to, size_t len)
{
    pxb_datagram d = {srv->buf, len, NULL, 0};
    srv->io.send(srv->io.ctx, sock, to, &d, 1);
    srv->stats.datagrams_sent++;
}

static void send_error(tftp_server *srv, int sock, const pxb_addr *to, uint16_t code,
                       const char *message)
{
    send_packet(srv, sock, to, tftp_packet_build_error(srv->buf, sizeof srv->buf, code, message));
}

/* Puts block index of t into slot: its header built in the slot's own bytes, its data
 * pointed at in the file cache. */
static void put_block(tftp_server *srv, tftp_transfer *t, uint64_t index, size_t slot)
{
    uint64_t offset = (index - 1) * t->opts.blksize;
    uint64_t left = t->blob->size - offset;
    size_t len = (size_t)(left < t->opts.blksize ? left : t->opts.blksize);
    tftp_packet_put_data_header(srv->heads[slot], (uint16_t)index);
    srv->batch[slot] = (pxb_datagram){srv->heads[slot], TFTP_HEADER_LEN,
                                      len ? t->blob->data + offset : NULL, len};
    srv->stats.bytes_sent += len;
    if (index <= t->sent)
        srv->stats.retransmits++;
}

/* Sends blocks first..last of t, TFTP_SEND_BATCH to a call. */
static void send_blocks(tftp_server *srv, tftp_transfer *t, uint64_t first, uint64_t last)
{
    while (first <= last) {
        size_t n = 0;
        for (; first <= last && n < TFTP_SEND_BATCH; first++)
            put_block(srv, t, first, n++);
        srv->io.send(srv->io.ctx, t->sock, &t->client, srv->batch, n);
        srv->stats.datagrams_sent += n;
    }
}

/* Sends the window after the highest acknowledged block and restarts the timeout. */
static void send_window(tftp_server *srv, tftp_transfer *t, uint64_t now_ms)
{
    uint64_t end = t->acked + t->opts.windowsize;
    if (end > t->last_block)
        end = t->last_block;
    send_blocks(srv, t, t->acked + 1, end);
    if (end > t->sent)
        t->sent = end;
    tftp_timers_move(&srv->timers, &t->timer, now_ms + t->timeout_ms);
}

static void send_oack(tftp_server *srv, tftp_transfer *t, uint64_t now_ms)
{
    send_packet(srv, t->sock, &t->client,
                tftp_options_build_oack(&t->opts, t->blob->size, srv->buf, sizeof srv->buf));
    tftp_timers_move(&srv->timers, &t->timer, now_ms + t->timeout_ms);
}

/* --- events ------------------------------------------------------------------------------ */

/* Copies n bytes of untrusted text for a log line: anything but printable ASCII becomes '?'. */
static void copy_printable(const char *text, size_t n, char *out, size_t out_len)
{
    size_t i = 0;
    for (; i < n && i + 1 < out_len; i++) {
        unsigned char c = (unsigned char)text[i];
        out[i] = c >= 0x20 && c < 0x7f ? (char)c : '?';
    }
    out[i] = 0;
}

static void emit(tftp_server *srv, const tftp_event *ev)
{
    if (srv->on_event)
        srv->on_event(srv->event_ctx, ev);
}

/* Answers a datagram on a listening port with an error and reports the refusal. */
static void refuse(tftp_server *srv, int sock, const pxb_addr *from, const char *path,
                   uint16_t code, const char *message, const char *detail)
{
    send_error(srv, sock, from, code, message);
    srv->stats.refused++;
    tftp_event ev = {.kind = TFTP_EVENT_REFUSED, .client = from, .path = path,
                     .tftp_error = code, .detail = detail ? detail : message};
    emit(srv, &ev);
}

/* Leaves a request unanswered because the server is at a limit: the client sends it again
 * after its timeout and is served once there is room. */
static void defer(tftp_server *srv, const pxb_addr *from, const char *path, const char *why)
{
    srv->stats.deferred++;
    tftp_event ev = {.kind = TFTP_EVENT_DEFERRED, .client = from, .path = path, .detail = why};
    emit(srv, &ev);
}

static uint64_t acked_bytes(const tftp_transfer *t)
{
    uint64_t bytes = t->acked * t->opts.blksize;
    return bytes < t->blob->size ? bytes : t->blob->size;
}

/* Reports the end of t, then closes its socket, releases its file and frees it. */
static void end_transfer(tftp_server *srv, tftp_transfer *t, int kind, uint16_t code,
                         const char *detail, uint64_t now_ms)
{
    tftp_event ev = {.kind = kind, .client = &t->client, .path = t->path,
                     .bytes = acked_bytes(t),
                     .duration_ms = now_ms > t->started_ms ? now_ms - t->started_ms : 0,
                     .tftp_error = code, .detail = detail};
    if (kind == TFTP_EVENT_COMPLETED)
        srv->stats.completed++;
    else if (kind == TFTP_EVENT_ABORTED)
        srv->stats.aborted++;
    else
        srv->stats.failed++;
    srv->stats.active--;
    emit(srv, &ev);
    unlink_transfer(t);
    tftp_ended_add(srv->ended, &t->client, t->sock, now_ms + 2 * (uint64_t)t->timeout_ms);
    tftp_timers_remove(&srv->timers, &t->timer);
    srv->io.close_socket(srv->io.ctx, t->sock);
    srv->files.release(srv->files.ctx, t->blob);
    free(t);
}

/* Ends t because the client broke the protocol: error 4, then FAILED. */
static void fail_illegal(tftp_server *srv, tftp_transfer *t, const char *reason, uint64_t now_ms)
{
    send_error(srv, t->sock, &t->client, TFTP_ERR_ILLEGAL, reason);
    end_transfer(srv, t, TFTP_EVENT_FAILED, TFTP_ERR_ILLEGAL, reason, now_ms);
}

/* --- a new transfer ---------------------------------------------------------------------- */

typedef struct read_request {
    int listen_sock;
    const pxb_addr *local, *from;
    const char *path;
    int netascii;
    tftp_negotiation opts;
} read_request;

/* Opens the file, returning its blob, or refuses the request and returns NULL. */
static const tftp_blob *open_file(tftp_server *srv, const read_request *rq)
{
    pxb_error why;
    pxb_error_clear(&why);
    const tftp_blob *blob = NULL;
    int rc = srv->files.open(srv->files.ctx, rq->path, rq->netascii, &blob, &why);
    if (rc == TFTP_OPEN_OK && blob)
        return blob;
    if (rc == TFTP_OPEN_OK)
        refuse(srv, rq->listen_sock, rq->from, rq->path, TFTP_ERR_UNDEFINED,
               "cannot read the file", "file provider returned no contents");
    else if (rc == TFTP_OPEN_NOT_FOUND)
        refuse(srv, rq->listen_sock, rq->from, rq->path, TFTP_ERR_NOT_FOUND, "file not found",
               why.text[0] ? why.text : NULL);
    else if (rc == TFTP_OPEN_DENIED)
        refuse(srv, rq->listen_sock, rq->from, rq->path, TFTP_ERR_ACCESS, "access denied",
               why.text[0] ? why.text : NULL);
    else
        refuse(srv, rq->listen_sock, rq->from, rq->path, TFTP_ERR_UNDEFINED,
               "cannot read the file", why.text[0] ? why.text : NULL);
    return NULL;
}

/* Creates the transfer for an accepted request and sends its OACK or first window. */
static void start_transfer(tftp_server *srv, const read_request *rq, const tftp_blob *blob,
                           uint64_t now_ms)
{
    size_t path_len = strlen(rq->path);
    tftp_transfer *t = malloc(sizeof *t + path_len + 1);
    if (!t || tftp_timers_reserve(&srv->timers) < 0) {
        free(t);
        srv->files.release(srv->files.ctx, blob);
        refuse(srv, rq->listen_sock, rq->from, rq->path, TFTP_ERR_UNDEFINED, "out of memory",
               NULL);
        return;
    }
    int sock = srv->io.open_transfer_socket(srv->io.ctx, rq->local,
                                            tftp_ended_socket(srv->ended, rq->from, now_ms));
    if (sock < 0) {
        free(t);
        srv->files.release(srv->files.ctx, blob);
        defer(srv, rq->from, rq->path, "server busy: no free port for the transfer");
        return;
    }
    memset(t, 0, sizeof *t);
    memcpy(t->path, rq->path, path_len + 1);
    t->sock = sock;
    t->client = *rq->from;
    t->blob = blob;
    t->opts = rq->opts;
    /* curl refuses an OACK with tsize 0 and leaves silently; RFC 2349 lets a server omit it. */
    if (blob->size == 0)
        t->opts.acked &= ~(unsigned)TFTP_OPT_TSIZE;
    t->last_block = blob->size / t->opts.blksize + 1;
    t->started_ms = now_ms;
    t->timeout_ms = t->opts.timeout_s ? t->opts.timeout_s * 1000u : srv->limits.timeout_ms;
    t->retries = srv->limits.retries;
    t->oack_pending = t->opts.acked != 0;
    link_transfer(srv, t);
    tftp_timers_add(&srv->timers, &t->timer, now_ms + t->timeout_ms);
    srv->stats.active++;

    char detail[DETAIL_MAX];
    tftp_options_describe(&t->opts, blob->size, detail, sizeof detail);
    tftp_event ev = {.kind = TFTP_EVENT_STARTED, .client = &t->client, .server = rq->local,
                     .path = t->path, .detail = detail};
    emit(srv, &ev);
    if (t->oack_pending)
        send_oack(srv, t, now_ms);
    else
        send_window(srv, t, now_ms);
}

/* Why the server has no room or time for a new transfer now, or NULL. Late means its last
 * timeout ran more than a whole timeout after its deadline, within the last timeout: the
 * transfers it has already take all it can do, their clients already retrying. (Any less is
 * better served by taking the transfer: each one still moves on once a timeout, and a
 * client left unanswered has fewer retries than a slow transfer has time.) */
static const char *busy_reason(tftp_server *srv, const pxb_addr *from, uint64_t now_ms)
{
    if (srv->stats.active >= srv->limits.max_transfers)
        return "server busy: too many transfers";
    if (count_host_transfers(srv, from) >= srv->limits.max_per_client)
        return "server busy: too many transfers from this client";
    uint32_t timeout = srv->limits.timeout_ms;
    if (srv->late_ms > timeout && now_ms - srv->late_at_ms < timeout)
        return "server busy: running late";
    return NULL;
}

static void handle_read_request(tftp_server *srv, read_request *rq, const tftp_packet *p,
                                const char *raw_name, uint64_t now_ms)
{
    if (find_transfer(srv, rq->from))
        return; /* a retransmitted request: the transfer's own retransmission answers it */
    enum tftp_mode mode = tftp_packet_mode(p->mode);
    if (mode == TFTP_MODE_UNKNOWN) {
        refuse(srv, rq->listen_sock, rq->from, raw_name, TFTP_ERR_ILLEGAL,
               "unsupported transfer mode (use octet or netascii)", NULL);
        return;
    }
    char path[TFTP_PATH_MAX];
    const char *why = NULL;
    if (tftp_path_normalize(p->filename, p->filename_len, path, sizeof path, &why) < 0) {
        refuse(srv, rq->listen_sock, rq->from, raw_name, TFTP_ERR_ACCESS,
               why ? why : "file name refused", NULL);
        return;
    }
    rq->path = path;
    rq->netascii = mode == TFTP_MODE_NETASCII;
    if (tftp_options_negotiate(p, &srv->limits, &rq->opts, &why) < 0) {
        refuse(srv, rq->listen_sock, rq->from, path, TFTP_ERR_OPTION, why, NULL);
        return;
    }
    const char *busy = busy_reason(srv, rq->from, now_ms);
    if (busy) {
        defer(srv, rq->from, path, busy);
        return;
    }
    const tftp_blob *blob = open_file(srv, rq);
    if (blob)
        start_transfer(srv, rq, blob, now_ms);
}

/* --- the public interface ---------------------------------------------------------------- */

tftp_server *tftp_server_create(const tftp_limits *limits, const tftp_io *io,
                                const tftp_files *files, tftp_event_fn on_event, void *event_ctx)
{
    tftp_server *srv = calloc(1, sizeof *srv);
    if (srv != NULL)
        srv->ended = tftp_ended_create(ENDED_REMEMBERED);
    if (srv == NULL || srv->ended == NULL) {
        free(srv);
        return NULL;
    }
    store_limits(srv, limits);
    srv->io = *io;
    srv->files = *files;
    srv->on_event = on_event;
    srv->event_ctx = event_ctx;
    tftp_timers_init(&srv->timers);
    return srv;
}

void tftp_server_destroy(tftp_server *srv)
{
    tftp_timer *timer;
    if (!srv)
        return;
    while ((timer = tftp_timers_first(&srv->timers)) != NULL) {
        tftp_transfer *t = transfer_of(timer);
        tftp_timers_remove(&srv->timers, timer);
        srv->io.close_socket(srv->io.ctx, t->sock);
        srv->files.release(srv->files.ctx, t->blob);
        free(t);
    }
    tftp_timers_free(&srv->timers);
    tftp_ended_destroy(srv->ended);
    free(srv);
}

void tftp_server_set_limits(tftp_server *srv, const tftp_limits *limits)
{
    store_limits(srv, limits);
}

void tftp_server_on_request(tftp_server *srv, int listen_sock, const pxb_addr *local,
                            const pxb_addr *from, const uint8_t *pkt, size_t len,
                            uint64_t now_ms)
{
    tftp_packet p;
    const char *reason = NULL;
    int rc = tftp_packet_parse(pkt, len, &p, &reason);
    if (p.opcode == TFTP_OP_ERROR)
        return; /* an error is never answered */
    if (p.opcode == TFTP_OP_RRQ || p.opcode == TFTP_OP_WRQ)
        srv->stats.requests++;
    if (rc < 0) {
        refuse(srv, listen_sock, from, "", TFTP_ERR_ILLEGAL, reason, NULL);
        return;
    }
    char raw_name[TFTP_PATH_MAX];
    copy_printable(p.filename ? p.filename : "", p.filename_len, raw_name, sizeof raw_name);
    read_request rq = {.listen_sock = listen_sock, .local = local, .from = from};
    switch (p.opcode) {
    case TFTP_OP_RRQ:
        handle_read_request(srv, &rq, &p, raw_name, now_ms);
        break;
    case TFTP_OP_WRQ:
        refuse(srv, listen_sock, from, raw_name, TFTP_ERR_ACCESS,
               "this server is read-only: write requests are refused", NULL);
        break;
    case TFTP_OP_ACK:
        /* tftp-hpa acknowledges the error that refused its request: nothing to answer. */
        break;
    default:
        refuse(srv, listen_sock, from, "", TFTP_ERR_ILLEGAL,
               "only read and write requests are accepted on this port", NULL);
        break;
    }
}

static void rx_ack(tftp_server *srv, tftp_transfer *t, uint16_t block, uint64_t now_ms)
{
    if (t->oack_pending) {
        if (block != 0)
            return;
        t->oack_pending = 0;
        t->timeouts = 0;
        send_window(srv, t, now_ms);
        return;
    }
    /* The one index in [acked, acked + 65535] whose low 16 bits are block. */
    uint64_t index = t->acked + (uint16_t)(block - (uint16_t)t->acked);
    if (index == t->acked || index > t->sent)
        return; /* a duplicate or stale ACK never causes a send */
    t->acked = index;
    t->timeouts = 0;
    if (index < t->last_block) {
        send_window(srv, t, now_ms);
        return;
    }
    char detail[DETAIL_MAX];
    tftp_options_describe(&t->opts, t->blob->size, detail, sizeof detail);
    end_transfer(srv, t, TFTP_EVENT_COMPLETED, 0, detail, now_ms);
}

static void rx_error(tftp_server *srv, tftp_transfer *t, const tftp_packet *p, uint64_t now_ms)
{
    char detail[DETAIL_MAX] = "the client ended the transfer";
    if (p->error_msg_len)
        copy_printable(p->error_msg, p->error_msg_len, detail, sizeof detail);
    end_transfer(srv, t, TFTP_EVENT_ABORTED, p->error_code, detail, now_ms);
}

/* A datagram from the client of t, parsed (rc, reason: tftp_packet_parse's). */
static void rx_datagram(tftp_server *srv, tftp_transfer *t, const tftp_packet *p, int rc,
                        const char *reason, uint64_t now_ms)
{
    t->heard = 1;
    if (p->opcode == TFTP_OP_ERROR)
        rx_error(srv, t, p, now_ms);
    else if (rc < 0)
        fail_illegal(srv, t, reason, now_ms);
    else if (p->opcode == TFTP_OP_ACK)
        rx_ack(srv, t, p->block, now_ms);
    else
        fail_illegal(srv, t, "only ACK and ERROR packets are expected during a read", now_ms);
}

void tftp_server_on_transfer_datagram(tftp_server *srv, int sock, const pxb_addr *from,
                                      const uint8_t *pkt, size_t len, uint64_t now_ms)
{
    tftp_packet p;
    const char *reason = NULL;
    int rc = tftp_packet_parse(pkt, len, &p, &reason);
    tftp_transfer *t = find_transfer(srv, from);
    if (t != NULL && t->sock == sock)
        rx_datagram(srv, t, &p, rc, reason, now_ms);
    else if (tftp_ended_here(srv->ended, from, sock, now_ms))
        return; /* late, of a transfer that ended here */
    else if (p.opcode != TFTP_OP_ERROR)
        send_error(srv, sock, from, TFTP_ERR_UNKNOWN_TID, "unknown transfer ID");
}

/* The deadline of t passed: retransmit, or give up after its retries in a row without a
 * word from the client (a duplicate ACK is a word: that client is still there). */
void tftp_server_expire(tftp_server *srv, tftp_transfer *t, uint64_t now_ms)
{
    srv->late_ms = now_ms > t->timer.due ? now_ms - t->timer.due : 0;
    srv->late_at_ms = now_ms;
    if (t->heard)
        t->timeouts = 0;
    t->heard = 0;
    if (++t->timeouts > t->retries) {
        send_error(srv, t->sock, &t->client, TFTP_ERR_UNDEFINED, "timeout");
        end_transfer(srv, t, TFTP_EVENT_FAILED, TFTP_ERR_UNDEFINED,
                     "timeout: no acknowledgement after all retransmissions", now_ms);
        return;
    }
    if (t->oack_pending) {
        srv->stats.retransmits++;
        send_oack(srv, t, now_ms);
    } else {
        send_window(srv, t, now_ms);
    }
}

tftp_transfer *tftp_server_due(const tftp_server *srv, uint64_t now_ms)
{
    tftp_timer *timer = tftp_timers_first(&srv->timers);
    return timer != NULL && timer->due <= now_ms ? transfer_of(timer) : NULL;
}

int tftp_transfer_socket(const tftp_transfer *t)
{
    return t->sock;
}

void tftp_server_on_timer(tftp_server *srv, uint64_t now_ms)
{
    tftp_transfer *t;
    while ((t = tftp_server_due(srv, now_ms)) != NULL)
        tftp_server_expire(srv, t, now_ms);
}

uint64_t tftp_server_next_deadline(const tftp_server *srv)
{
    const tftp_timer *timer = tftp_timers_first(&srv->timers);
    return timer ? timer->due : UINT64_MAX;
}

void tftp_server_get_stats(const tftp_server *srv, tftp_stats *out)
{
    *out = srv->stats;
}
