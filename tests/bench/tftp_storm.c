/* tftp_storm.c: the load generator of make bench, out/native/tftp-storm. One process
 * simulates N PXE clients reading one file at once, each from its own loopback address
 * (127.1.0.1 upwards: all of 127.0.0.0/8 is local on Linux), over non-blocking sockets and
 * epoll. Each client is a storm_client (the protocol and the byte-for-byte check); this file
 * owns the sockets (read with recvmmsg, a batch a call, so that one fast server is not
 * measured at the generator's speed), the clock, the simulated loss and the report. Every
 * run is bounded: by
 * the clients' retries and by a total deadline, after which the clients still running count
 * as failed. Prints a summary and one "RESULT key=value ..." line for scripts; exits 0 when
 * every transfer was complete and correct, 1 otherwise, 2 on a usage error. */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "storm_client.h"
#include "storm_loss.h"
#include "storm_proc.h"
#include "storm_stats.h"
#include "tftp_packet.h"
#include "whole_file.h"

#define MAX_PIDS 4
#define MAX_CLIENTS 60000
#define RECV_BATCH 64
#define TIMER_TICK_US 5000
#define FILE_MAX (1024u * 1024 * 1024)

typedef struct options {
    struct sockaddr_in server;
    uint32_t first_client;   /* host order */
    storm_request rq;
    const char *expect_path;
    const char *label;
    unsigned clients;
    double drop_data, drop_ack;
    uint64_t seed;
    uint32_t timeout_ms, retries, deadline_s;
    int pids[MAX_PIDS];
    int pid_count;
} options;

/* One client's socket and timing around its storm_client. */
typedef struct sim {
    storm_client c;
    int fd;
    struct sockaddr_in peer; /* the server's transfer address once it has answered */
    int have_peer;
    uint64_t due_us;         /* the retransmission deadline */
    uint64_t done_us;        /* when it ended, from the start of the run */
} sim;

/* What one recvmmsg call fills: RECV_BATCH datagrams with their senders. */
typedef struct recv_batch {
    struct mmsghdr msgs[RECV_BATCH];
    struct iovec iov[RECV_BATCH];
    struct sockaddr_in from[RECV_BATCH];
    uint8_t bytes[RECV_BATCH][TFTP_PACKET_MAX];
} recv_batch;

typedef struct run {
    const options *o;
    recv_batch *in;          /* on the heap: 4 MiB */
    sim *sims;
    int epfd;
    unsigned active;
    storm_loss data_loss, ack_loss;
    uint64_t start_us;
    uint64_t stray;          /* datagrams from an address other than the client's server */
    uint8_t out[TFTP_PACKET_MAX];
} run;

static uint64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static void usage(void)
{
    fprintf(stderr,
            "usage: tftp-storm --file NAME --expect PATH [--server 127.0.0.1] [--port 69]\n"
            "  [--clients N] [--first-client 127.1.0.1] [--blksize N] [--windowsize N]\n"
            "  [--tsize] [--drop-data PCT] [--drop-ack PCT] [--seed N] [--timeout-ms 1000]\n"
            "  [--retries 8] [--deadline-s 300] [--server-pid PID]... [--label TEXT]\n");
}

/* --- options ----------------------------------------------------------------------------- */

static int parse_ipv4(const char *text, uint32_t *host_order)
{
    struct in_addr a;
    if (inet_pton(AF_INET, text, &a) != 1)
        return -1;
    *host_order = ntohl(a.s_addr);
    return 0;
}

static int parse_number(const char *text, double lo, double hi, double *out)
{
    char *end;
    double v = strtod(text, &end);
    if (*text == '\0' || *end != '\0' || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static void set_defaults(options *o)
{
    memset(o, 0, sizeof *o);
    o->server.sin_family = AF_INET;
    o->server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    o->server.sin_port = htons(69);
    parse_ipv4("127.1.0.1", &o->first_client);
    o->clients = 1;
    o->timeout_ms = 1000;
    o->retries = 8;
    o->deadline_s = 300;
    o->label = "storm";
}

/* Takes an option whose value is a number v; -1 when v is outside the option's range. */
static int take_number_option(options *o, int opt, double v)
{
    switch (opt) {
    case 'p': o->server.sin_port = htons((uint16_t)v); return v >= 1 && v <= 65535 ? 0 : -1;
    case 'n': o->clients = (unsigned)v; return v >= 1 && v <= MAX_CLIENTS ? 0 : -1;
    case 'b': o->rq.blksize = (uint32_t)v; return v >= 8 && v <= TFTP_BLKSIZE_MAX ? 0 : -1;
    case 'w': o->rq.windowsize = (uint32_t)v; return v >= 1 && v <= 65535 ? 0 : -1;
    case 'S': o->seed = (uint64_t)v; return 0;
    case 't': o->timeout_ms = (uint32_t)v; return v >= 1 ? 0 : -1;
    case 'r': o->retries = (uint32_t)v; return 0;
    case 'd': o->deadline_s = (uint32_t)v; return v >= 1 ? 0 : -1;
    case 'P':
        if (o->pid_count == MAX_PIDS || v < 1)
            return -1;
        o->pids[o->pid_count++] = (int)v;
        return 0;
    case 'D': o->drop_data = v; return v <= 100 ? 0 : -1;
    case 'A': o->drop_ack = v; return v <= 100 ? 0 : -1;
    }
    return -1;
}

/* Takes one option with its value; -1 when the value is not usable. */
static int take_option(options *o, int opt, const char *arg)
{
    double v = 0;
    uint32_t ip;
    switch (opt) {
    case 's':
        if (parse_ipv4(arg, &ip) != 0)
            return -1;
        o->server.sin_addr.s_addr = htonl(ip);
        return 0;
    case 'c': return parse_ipv4(arg, &o->first_client);
    case 'f': o->rq.filename = arg; return 0;
    case 'e': o->expect_path = arg; return 0;
    case 'l': o->label = arg; return 0;
    case 'T': o->rq.tsize = 1; return 0;
    }
    if (parse_number(arg, 0, 4e9, &v) != 0)
        return -1;
    return take_number_option(o, opt, v);
}

static int parse_options(int argc, char **argv, options *o)
{
    static const struct option longs[] = {
        {"server", 1, 0, 's'}, {"port", 1, 0, 'p'}, {"file", 1, 0, 'f'},
        {"expect", 1, 0, 'e'}, {"clients", 1, 0, 'n'}, {"first-client", 1, 0, 'c'},
        {"blksize", 1, 0, 'b'}, {"windowsize", 1, 0, 'w'}, {"tsize", 0, 0, 'T'},
        {"drop-data", 1, 0, 'D'}, {"drop-ack", 1, 0, 'A'}, {"seed", 1, 0, 'S'},
        {"timeout-ms", 1, 0, 't'}, {"retries", 1, 0, 'r'}, {"deadline-s", 1, 0, 'd'},
        {"server-pid", 1, 0, 'P'}, {"label", 1, 0, 'l'}, {0, 0, 0, 0}};
    int opt;
    set_defaults(o);
    while ((opt = getopt_long(argc, argv, "", longs, NULL)) != -1) {
        if (opt == '?' || take_option(o, opt, optarg) != 0) {
            if (opt != '?')
                fprintf(stderr, "tftp-storm: bad value '%s'\n", optarg ? optarg : "");
            return -1;
        }
    }
    if (optind != argc || o->rq.filename == NULL || o->expect_path == NULL) {
        fprintf(stderr, "tftp-storm: --file and --expect are needed\n");
        return -1;
    }
    return 0;
}

/* --- sockets ----------------------------------------------------------------------------- */

/* Room for a full window of the largest blocks asked, at least 256 KiB. */
static void size_receive_buffer(int fd, const storm_request *rq)
{
    uint32_t blk = rq->blksize ? rq->blksize : TFTP_DEFAULT_BLKSIZE;
    uint32_t win = rq->windowsize ? rq->windowsize : 1;
    int size = (int)(2u * (blk + 64) * win);
    if (size < 256 * 1024)
        size = 256 * 1024;
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) != 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
}

/* The address of client i: first_client + i, skipping host parts .0 and .255. */
static uint32_t client_address(uint32_t first, unsigned i)
{
    uint32_t a = first;
    for (unsigned k = 0; k < i; k++) {
        a++;
        while ((a & 0xff) == 0 || (a & 0xff) == 0xff)
            a++;
    }
    return a;
}

static int open_client_socket(run *r, sim *s, uint32_t addr)
{
    struct sockaddr_in local = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(addr)};
    s->fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (s->fd < 0 || bind(s->fd, (struct sockaddr *)&local, sizeof local) != 0) {
        perror("tftp-storm: a client socket");
        return -1;
    }
    size_receive_buffer(s->fd, &r->o->rq);
    struct epoll_event ev = {.events = EPOLLIN, .data.ptr = s};
    return epoll_ctl(r->epfd, EPOLL_CTL_ADD, s->fd, &ev);
}

static void send_to(run *r, sim *s, const uint8_t *pkt, size_t len)
{
    const struct sockaddr_in *to = s->have_peer ? &s->peer : &r->o->server;
    if (len == 0)
        return;
    /* An ACK may be dropped on the way; a request never is: loss is of the transfer. */
    if (s->have_peer && storm_loss_drop(&r->ack_loss))
        return;
    sendto(s->fd, pkt, len, 0, (const struct sockaddr *)to, sizeof *to);
}

/* --- the run ------------------------------------------------------------------------------ */

static void finish(run *r, sim *s, uint64_t now)
{
    s->done_us = now - r->start_us;
    epoll_ctl(r->epfd, EPOLL_CTL_DEL, s->fd, NULL);
    close(s->fd);
    s->fd = -1;
    r->active--;
}

static int start_clients(run *r)
{
    uint32_t addr = r->o->first_client;
    r->start_us = now_us();
    for (unsigned i = 0; i < r->o->clients; i++) {
        sim *s = &r->sims[i];
        addr = i ? client_address(addr, 1) : addr;
        if (open_client_socket(r, s, addr) != 0)
            return -1;
        size_t n = storm_client_start(&s->c, &r->o->rq, r->out, sizeof r->out);
        send_to(r, s, r->out, n);
        s->due_us = now_us() + r->o->timeout_ms * 1000ull;
        r->active++;
    }
    return 0;
}

static int from_peer(sim *s, const struct sockaddr_in *from)
{
    if (!s->have_peer) {
        s->peer = *from;
        s->have_peer = 1;
        return 1;
    }
    return s->peer.sin_addr.s_addr == from->sin_addr.s_addr && s->peer.sin_port == from->sin_port;
}

/* Hands one datagram from the client's server to the client and sends its answer. */
static void take_datagram(run *r, sim *s, const uint8_t *pkt, size_t n)
{
    if (n >= 2 && pkt[1] == TFTP_OP_DATA && storm_loss_drop(&r->data_loss))
        return;
    int progress = 0;
    size_t len = storm_client_receive(&s->c, pkt, n, r->out, sizeof r->out, &progress);
    send_to(r, s, r->out, len);
    uint64_t now = now_us();
    if (progress)
        s->due_us = now + r->o->timeout_ms * 1000ull;
    if (s->c.state == STORM_DONE || s->c.state == STORM_FAILED)
        finish(r, s, now);
}

/* Takes what waits on one client's socket: one batch; epoll reports the socket again while
 * more waits. */
static void on_readable(run *r, sim *s)
{
    recv_batch *in = r->in;
    for (int i = 0; i < RECV_BATCH; i++)
        in->msgs[i].msg_hdr.msg_namelen = sizeof in->from[i];
    int got = recvmmsg(s->fd, in->msgs, RECV_BATCH, 0, NULL);
    for (int i = 0; i < got && s->fd >= 0; i++) {
        if (!from_peer(s, &in->from[i])) {
            r->stray++;
            continue;
        }
        take_datagram(r, s, in->bytes[i], in->msgs[i].msg_len);
    }
}

/* Points each message of the batch at its buffer and sender slot. */
static recv_batch *create_recv_batch(void)
{
    recv_batch *in = calloc(1, sizeof *in);
    for (int i = 0; in != NULL && i < RECV_BATCH; i++) {
        in->iov[i] = (struct iovec){in->bytes[i], sizeof in->bytes[i]};
        in->msgs[i].msg_hdr.msg_iov = &in->iov[i];
        in->msgs[i].msg_hdr.msg_iovlen = 1;
        in->msgs[i].msg_hdr.msg_name = &in->from[i];
    }
    return in;
}

/* Runs the clients' due timeouts, each after reading what waits on its socket: epoll hands
 * out 256 sockets a call, and a busy generator must not time out a client whose data has
 * come but was not read yet (it would send needless ACKs and give up on a working server). */
static void run_timeouts(run *r, uint64_t now)
{
    for (unsigned i = 0; i < r->o->clients; i++) {
        sim *s = &r->sims[i];
        if (s->fd < 0 || s->due_us > now)
            continue;
        on_readable(r, s);
        if (s->fd < 0 || s->due_us > now)
            continue;
        size_t n = storm_client_timeout(&s->c, r->o->retries, r->out, sizeof r->out);
        if (s->c.state == STORM_FAILED) {
            finish(r, s, now);
            continue;
        }
        send_to(r, s, r->out, n);
        s->due_us = now + r->o->timeout_ms * 1000ull;
    }
}

/* Runs until every client has ended or the deadline passed; those still running fail. */
static void drive(run *r)
{
    struct epoll_event events[256];
    uint64_t end = r->start_us + r->o->deadline_s * 1000000ull;
    uint64_t next_tick = now_us() + TIMER_TICK_US;
    while (r->active > 0 && now_us() < end) {
        int n = epoll_wait(r->epfd, events, 256, TIMER_TICK_US / 1000);
        for (int i = 0; i < n; i++)
            on_readable(r, events[i].data.ptr);
        uint64_t now = now_us();
        if (now >= next_tick) {
            run_timeouts(r, now);
            next_tick = now + TIMER_TICK_US;
        }
    }
    for (unsigned i = 0; i < r->o->clients; i++) {
        sim *s = &r->sims[i];
        if (s->fd >= 0) {
            snprintf(s->c.why, sizeof s->c.why, "the run's deadline passed");
            s->c.state = STORM_FAILED;
            finish(r, s, now_us());
        }
    }
}

/* --- the report ---------------------------------------------------------------------------- */

typedef struct server_figures {
    double cpu_s;    /* summed over the pids; -1 when unknown */
    long peak_kib;   /* of the first pid; -1 when unknown */
} server_figures;

static double server_cpu(const options *o)
{
    double total = 0;
    for (int i = 0; i < o->pid_count; i++) {
        double s = storm_proc_cpu_seconds(o->pids[i]);
        if (s < 0)
            return -1;
        total += s;
    }
    return o->pid_count ? total : -1;
}

/* Prints each distinct failure reason once, with how many clients it ended. */
static void print_failures(const run *r)
{
    for (unsigned i = 0; i < r->o->clients; i++) {
        const sim *s = &r->sims[i];
        unsigned count = 0, first = 1;
        if (s->c.state != STORM_FAILED)
            continue;
        for (unsigned j = 0; j < r->o->clients && first; j++) {
            const sim *t = &r->sims[j];
            if (t->c.state == STORM_FAILED && strcmp(t->c.why, s->c.why) == 0)
                j < i ? (void)(first = 0) : (void)count++;
        }
        if (first)
            printf("  %u client(s): %s\n", count, s->c.why);
    }
}

static void report(const run *r, const server_figures *before, const server_figures *after)
{
    const options *o = r->o;
    uint64_t *times = calloc(o->clients, sizeof *times);
    uint64_t bytes = 0, wall_us = 1, retransmits = 0;
    size_t ok = 0;
    for (unsigned i = 0; i < o->clients; i++) {
        const sim *s = &r->sims[i];
        bytes += s->c.received;
        retransmits += s->c.retransmits;
        wall_us = s->done_us > wall_us ? s->done_us : wall_us;
        if (s->c.state == STORM_DONE && times)
            times[ok++] = s->done_us;
    }
    double wall = (double)wall_us / 1e6, gb = (double)bytes / 1e9;
    double cpu = before->cpu_s >= 0 && after->cpu_s >= 0 ? after->cpu_s - before->cpu_s : -1;
    uint64_t p50 = times ? storm_stats_percentile(times, ok, 50) : 0;
    uint64_t p99 = times ? storm_stats_percentile(times, ok, 99) : 0;
    free(times);
    printf("%s: %u clients, %zu complete, %zu failed, %.3f s, %.1f MB/s, p50 %.0f ms, "
           "p99 %.0f ms, %llu retransmissions, %llu stray datagrams\n",
           o->label, o->clients, ok, o->clients - ok, wall, (double)bytes / 1e6 / wall,
           (double)p50 / 1e3, (double)p99 / 1e3, (unsigned long long)retransmits,
           (unsigned long long)r->stray);
    print_failures(r);
    printf("RESULT label=%s clients=%u ok=%zu failed=%zu wall_s=%.3f mb_s=%.1f p50_ms=%.0f "
           "p99_ms=%.0f retransmits=%llu cpu_s_per_gb=%.2f peak_rss_kib=%ld\n",
           o->label, o->clients, ok, o->clients - ok, wall, (double)bytes / 1e6 / wall,
           (double)p50 / 1e3, (double)p99 / 1e3, (unsigned long long)retransmits,
           cpu >= 0 && gb > 0 ? cpu / gb : -1.0, after->peak_kib);
}

/* --- main --------------------------------------------------------------------------------- */

static void raise_file_limit(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

static int load_expected(options *o)
{
    size_t len = 0;
    pxb_error why;
    char *data = pxb_file_read(o->expect_path, FILE_MAX, &len, &why);
    if (data == NULL) {
        fprintf(stderr, "tftp-storm: %s: %s\n", o->expect_path, why.text);
        return -1;
    }
    o->rq.expect = (const uint8_t *)data;
    o->rq.expect_len = len;
    return 0;
}

int main(int argc, char **argv)
{
    options o;
    if (parse_options(argc, argv, &o) != 0) {
        usage();
        return 2;
    }
    if (load_expected(&o) != 0)
        return 2;
    raise_file_limit();
    run r = {.o = &o, .epfd = epoll_create1(EPOLL_CLOEXEC)};
    r.sims = calloc(o.clients, sizeof *r.sims);
    r.in = create_recv_batch();
    if (r.sims == NULL || r.in == NULL || r.epfd < 0)
        return 2;
    storm_loss_init(&r.data_loss, o.seed, o.drop_data);
    storm_loss_init(&r.ack_loss, o.seed + 1, o.drop_ack);
    if (o.pid_count)
        storm_proc_reset_peak(o.pids[0]);
    server_figures before = {server_cpu(&o), -1};
    if (start_clients(&r) != 0)
        return 2;
    drive(&r);
    server_figures after = {server_cpu(&o),
                            o.pid_count ? storm_proc_peak_rss_kib(o.pids[0]) : -1};
    report(&r, &before, &after);
    for (unsigned i = 0; i < o.clients; i++)
        if (r.sims[i].c.state != STORM_DONE)
            return 1;
    return 0;
}
