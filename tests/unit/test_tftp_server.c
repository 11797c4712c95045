/* test_tftp_server.c: unit tests for the TFTP engine, driven without sockets through a fake
 * tftp_io (records every datagram, hands out socket handles) and a fake tftp_files (files in
 * memory, counting opens and releases). Covers RFC 1350 reads in both modes, every error the
 * server sends, option negotiation and its caps, windows, block number rollover,
 * retransmission and give-up, limits, events, stats and the timer heap under 4096 transfers.
 * The real tftp_path.c decides which names are refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tftp_packet.h"
#include "tftp_server.h"

#define LISTEN_SOCK 7
#define FIRST_SOCK 100
#define MAX_SOCKS 16384
#define EVENT_RING 64
#define BIG_SIZE 600000u /* more than 65536 blocks of 8 bytes: block numbers roll over */

typedef struct sent_packet {
    int sock;
    pxb_addr to;
    size_t len;
    uint8_t *data;
} sent_packet;

typedef struct seen_event {
    int kind;
    pxb_addr client;
    char path[256];
    uint64_t bytes, duration_ms;
    uint16_t tftp_error;
    char detail[256];
} seen_event;

typedef struct fake_file {
    const char *name;
    int result; /* what open returns */
    tftp_blob octet, netascii;
} fake_file;

typedef struct world {
    tftp_server *srv;
    tftp_limits limits;
    sent_packet *sent;
    size_t sent_count, sent_cap, read_pos;
    size_t send_calls; /* calls of io.send: a window is one call of up to TFTP_SEND_BATCH */
    int open[MAX_SOCKS]; /* transfers holding the socket */
    int next_sock, sockets_open, fail_open;
    int share;           /* every transfer gets the first socket, unless told to avoid it */
    int last_avoid;      /* what the last open was told to avoid */
    pxb_addr last_local;
    int blobs_held;
    char last_opened[256];
    int last_netascii;
    seen_event events[EVENT_RING];
    size_t event_count;
    size_t kind_count[TFTP_EVENT_DEFERRED + 1];
} world;

static uint8_t file1500[1500];
static uint8_t file1024[1024];
static uint8_t *big_file;
static const uint8_t text_octet[] = "a\nb\n";
static const uint8_t text_netascii[] = "a\r\nb\r\n";

static const fake_file FILES[] = {
    {"boot/ipxe.efi", TFTP_OPEN_OK, {file1500, sizeof file1500}, {file1500, sizeof file1500}},
    {"exact.bin", TFTP_OPEN_OK, {file1024, sizeof file1024}, {file1024, sizeof file1024}},
    {"empty", TFTP_OPEN_OK, {file1500, 0}, {file1500, 0}},
    {"text.txt", TFTP_OPEN_OK, {text_octet, 4}, {text_netascii, 6}},
    {"secret.bin", TFTP_OPEN_DENIED, {NULL, 0}, {NULL, 0}},
    {"broken.bin", TFTP_OPEN_FAILED, {NULL, 0}, {NULL, 0}},
};
static tftp_blob big_blob;

/* --- fakes ------------------------------------------------------------------------------- */

static int fake_open_socket(void *ctx, const pxb_addr *local, int avoid)
{
    world *w = ctx;
    w->last_avoid = avoid;
    w->last_local = *local;
    if (w->share && w->open[0] && avoid != FIRST_SOCK) {
        w->open[0]++;
        return FIRST_SOCK;
    }
    if (w->fail_open || w->next_sock >= MAX_SOCKS)
        return -1;
    int sock = FIRST_SOCK + w->next_sock++;
    w->open[sock - FIRST_SOCK] = 1;
    w->sockets_open++;
    return sock;
}

static void fake_close_socket(void *ctx, int sock)
{
    world *w = ctx;
    assert_true(sock >= FIRST_SOCK && sock < FIRST_SOCK + MAX_SOCKS);
    assert_true(w->open[sock - FIRST_SOCK]);
    if (--w->open[sock - FIRST_SOCK] == 0)
        w->sockets_open--;
}

/* Keeps a copy of one datagram, its two parts joined as the OS would send them. */
static void keep_sent(world *w, int sock, const pxb_addr *to, const pxb_datagram *d)
{
    size_t len = pxb_datagram_len(d);
    assert_true(len >= 4 && len <= TFTP_PACKET_MAX);
    assert_true(d->body_len == 0 || d->body != NULL);
    if (w->sent_count == w->sent_cap) {
        w->sent_cap = w->sent_cap ? w->sent_cap * 2 : 256;
        w->sent = realloc(w->sent, w->sent_cap * sizeof *w->sent);
        assert_non_null(w->sent);
    }
    sent_packet *s = &w->sent[w->sent_count++];
    s->sock = sock;
    s->to = *to;
    s->len = len;
    s->data = malloc(len);
    assert_non_null(s->data);
    memcpy(s->data, d->head, d->head_len);
    if (d->body_len)
        memcpy(s->data + d->head_len, d->body, d->body_len);
}

static void fake_send(void *ctx, int sock, const pxb_addr *to, const pxb_datagram *d, size_t n)
{
    world *w = ctx;
    assert_true(n >= 1 && n <= TFTP_SEND_BATCH);
    w->send_calls++;
    for (size_t i = 0; i < n; i++)
        keep_sent(w, sock, to, &d[i]);
}

static int fake_file_open(void *ctx, const char *relpath, int netascii, const tftp_blob **blob,
                          pxb_error *message)
{
    world *w = ctx;
    snprintf(w->last_opened, sizeof w->last_opened, "%s", relpath);
    w->last_netascii = netascii;
    if (strcmp(relpath, "big.bin") == 0) {
        *blob = &big_blob;
        w->blobs_held++;
        return TFTP_OPEN_OK;
    }
    for (size_t i = 0; i < sizeof FILES / sizeof FILES[0]; i++) {
        if (strcmp(relpath, FILES[i].name) != 0)
            continue;
        if (FILES[i].result != TFTP_OPEN_OK) {
            pxb_error_set(message, "fake refusal of %s", relpath);
            return FILES[i].result;
        }
        *blob = netascii ? &FILES[i].netascii : &FILES[i].octet;
        w->blobs_held++;
        return TFTP_OPEN_OK;
    }
    pxb_error_set(message, "no such file in the fake");
    return TFTP_OPEN_NOT_FOUND;
}

static void fake_file_release(void *ctx, const tftp_blob *blob)
{
    world *w = ctx;
    assert_non_null(blob);
    assert_true(w->blobs_held > 0);
    w->blobs_held--;
}

static void record_event(void *ctx, const tftp_event *ev)
{
    world *w = ctx;
    seen_event *e = &w->events[w->event_count++ % EVENT_RING];
    assert_true(ev->kind >= TFTP_EVENT_STARTED && ev->kind <= TFTP_EVENT_DEFERRED);
    assert_non_null(ev->path);
    assert_non_null(ev->detail);
    e->kind = (int)ev->kind;
    e->client = *ev->client;
    snprintf(e->path, sizeof e->path, "%s", ev->path);
    e->bytes = ev->bytes;
    e->duration_ms = ev->duration_ms;
    e->tftp_error = ev->tftp_error;
    snprintf(e->detail, sizeof e->detail, "%s", ev->detail);
    w->kind_count[ev->kind]++;
}

/* --- world ------------------------------------------------------------------------------- */

static void create_server(world *w)
{
    tftp_io io = {w, fake_open_socket, fake_close_socket, fake_send};
    tftp_files files = {w, fake_file_open, fake_file_release};
    w->srv = tftp_server_create(&w->limits, &io, &files, record_event, w);
    assert_non_null(w->srv);
}

static int setup(void **state)
{
    world *w = calloc(1, sizeof *w);
    if (!w)
        return -1;
    tftp_limits_default(&w->limits);
    create_server(w);
    *state = w;
    return 0;
}

static void forget_sent(world *w)
{
    for (size_t i = 0; i < w->sent_count; i++)
        free(w->sent[i].data);
    w->sent_count = w->read_pos = 0;
}

static int teardown(void **state)
{
    world *w = *state;
    tftp_server_destroy(w->srv);
    assert_int_equal(w->sockets_open, 0);
    assert_int_equal(w->blobs_held, 0);
    forget_sent(w);
    free(w->sent);
    free(w);
    return 0;
}

/* Replaces the server with one using the world's (changed) limits. */
static void restart(world *w)
{
    tftp_server_destroy(w->srv);
    create_server(w);
}

static pxb_addr addr4(uint8_t a, uint8_t b, uint8_t c, uint8_t d, uint16_t port)
{
    pxb_addr x;
    memset(&x, 0, sizeof x);
    x.family = PXB_AF_INET4;
    x.ip[0] = a, x.ip[1] = b, x.ip[2] = c, x.ip[3] = d;
    x.port = port;
    return x;
}

static pxb_addr client_addr(uint16_t port)
{
    return addr4(192, 0, 2, 50, port);
}

static const pxb_addr *server_local(void)
{
    static pxb_addr local;
    local = addr4(192, 0, 2, 1, 69);
    return &local;
}

/* --- driving the engine ------------------------------------------------------------------ */

static void request_raw(world *w, const pxb_addr *from, const void *pkt, size_t len,
                        uint64_t now)
{
    uint8_t *copy = malloc(len ? len : 1); /* exact size: ASan catches overreads */
    assert_non_null(copy);
    memcpy(copy, pkt, len);
    tftp_server_on_request(w->srv, LISTEN_SOCK, server_local(), from, copy, len, now);
    free(copy);
}

static void request(world *w, const pxb_addr *from, const char *name, const char *mode,
                    const tftp_option *opts, size_t count, uint64_t now)
{
    uint8_t buf[1024];
    size_t len = tftp_packet_build_request(buf, sizeof buf, TFTP_OP_RRQ, name, mode, opts, count);
    assert_true(len > 0);
    request_raw(w, from, buf, len, now);
}

static void datagram(world *w, int sock, const pxb_addr *from, const void *pkt, size_t len,
                     uint64_t now)
{
    uint8_t *copy = malloc(len ? len : 1);
    assert_non_null(copy);
    memcpy(copy, pkt, len);
    assert_true(w->open[sock - FIRST_SOCK]);
    tftp_server_on_transfer_datagram(w->srv, sock, from, copy, len, now);
    free(copy);
}

static void ack(world *w, int sock, const pxb_addr *from, uint16_t block, uint64_t now)
{
    uint8_t buf[4];
    datagram(w, sock, from, buf, tftp_packet_build_ack(buf, sizeof buf, block), now);
}

static void client_error(world *w, int sock, const pxb_addr *from, uint16_t code, uint64_t now)
{
    uint8_t buf[64];
    datagram(w, sock, from, buf, tftp_packet_build_error(buf, sizeof buf, code, "stop"), now);
}

static int last_sock(const world *w)
{
    return FIRST_SOCK + w->next_sock - 1;
}

static const sent_packet *next_sent(world *w)
{
    assert_true(w->read_pos < w->sent_count);
    return &w->sent[w->read_pos++];
}

static void expect_nothing_sent(world *w)
{
    assert_int_equal(w->read_pos, w->sent_count);
}

static uint16_t get16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static void expect_data(world *w, int sock, const pxb_addr *to, uint16_t block,
                        const uint8_t *data, size_t len)
{
    const sent_packet *s = next_sent(w);
    assert_int_equal(s->sock, sock);
    assert_true(pxb_addr_equal(&s->to, to));
    assert_int_equal(get16(s->data), TFTP_OP_DATA);
    assert_int_equal(get16(s->data + 2), block);
    assert_int_equal(s->len, 4 + len);
    if (len)
        assert_memory_equal(s->data + 4, data, len);
}

/* Checks the next packet is ERROR code to `to` from sock and returns its message. */
static const char *expect_error(world *w, int sock, const pxb_addr *to, uint16_t code)
{
    const sent_packet *s = next_sent(w);
    assert_int_equal(s->sock, sock);
    assert_true(pxb_addr_equal(&s->to, to));
    assert_int_equal(get16(s->data), TFTP_OP_ERROR);
    assert_int_equal(get16(s->data + 2), code);
    assert_int_equal(s->data[s->len - 1], 0);
    return (const char *)s->data + 4;
}

/* Checks the next packet is an OACK carrying exactly the pairs in want ("name=value ..."). */
static void expect_oack(world *w, int sock, const char *want)
{
    const sent_packet *s = next_sent(w);
    char text[256] = "";
    size_t pos = 2;
    assert_int_equal(s->sock, sock);
    assert_int_equal(get16(s->data), TFTP_OP_OACK);
    while (pos < s->len) {
        const char *name = (const char *)s->data + pos;
        const char *value = name + strlen(name) + 1;
        size_t used = strlen(text);
        snprintf(text + used, sizeof text - used, "%s%s=%s", used ? " " : "", name, value);
        pos = (size_t)(value - (const char *)s->data) + strlen(value) + 1;
    }
    assert_int_equal(pos, s->len);
    assert_string_equal(text, want);
}

static const seen_event *last_event(const world *w)
{
    assert_true(w->event_count > 0);
    return &w->events[(w->event_count - 1) % EVENT_RING];
}

static void expect_refused(world *w, const pxb_addr *from, uint16_t code, const char *message)
{
    const char *got = expect_error(w, LISTEN_SOCK, from, code);
    if (message)
        assert_string_equal(got, message);
    expect_nothing_sent(w);
    assert_int_equal(last_event(w)->kind, TFTP_EVENT_REFUSED);
    assert_int_equal(last_event(w)->tftp_error, code);
    assert_int_equal(w->sockets_open, 0);
    assert_int_equal(w->blobs_held, 0);
}

/* The last event left a request unanswered, for why, and counted it. */
static void expect_deferred(world *w, const char *why)
{
    tftp_stats st;
    assert_int_equal(last_event(w)->kind, TFTP_EVENT_DEFERRED);
    assert_string_equal(last_event(w)->detail, why);
    tftp_server_get_stats(w->srv, &st);
    assert_true(st.deferred > 0);
}

/* A client that receives every DATA block in order and ACKs each full window and the last
 * block; checks the 16-bit block numbers and returns the bytes received. */
static size_t download(world *w, int sock, const pxb_addr *client, uint32_t blksize,
                       uint32_t window, uint8_t *out, size_t out_cap, int *rolled_over)
{
    uint64_t index = 0, now = 5000;
    size_t got = 0;
    uint32_t in_window = 0;
    *rolled_over = 0;
    for (;;) {
        assert_true(w->read_pos < w->sent_count);
        while (w->read_pos < w->sent_count) {
            const sent_packet *s = next_sent(w);
            assert_int_equal(get16(s->data), TFTP_OP_DATA);
            index++;
            assert_int_equal(get16(s->data + 2), (uint16_t)index);
            if ((uint16_t)index == 0)
                *rolled_over = 1;
            size_t len = s->len - 4;
            assert_true(len <= blksize && got + len <= out_cap);
            memcpy(out + got, s->data + 4, len);
            got += len;
            in_window++;
            if (len < blksize) {
                assert_int_equal(w->read_pos, w->sent_count);
                forget_sent(w);
                ack(w, sock, client, (uint16_t)index, now);
                return got;
            }
        }
        assert_int_equal(in_window, window);
        in_window = 0;
        forget_sent(w);
        ack(w, sock, client, (uint16_t)index, ++now);
    }
}

/* --- RFC 1350 reads ---------------------------------------------------------------------- */

static void test_limits_default(void **state)
{
    tftp_limits l;
    (void)state;
    memset(&l, 0xff, sizeof l);
    tftp_limits_default(&l);
    assert_int_equal(l.max_blksize, 65464);
    assert_int_equal(l.max_windowsize, 64);
    assert_int_equal(l.timeout_ms, 1000);
    assert_int_equal(l.max_timeout_s, 255);
    assert_int_equal(l.retries, 5);
    assert_int_equal(l.max_transfers, 4096);
    assert_int_equal(l.max_per_client, 64);
}

static void test_octet_lock_step(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2001);
    request(w, &c, "boot/ipxe.efi", "octet", NULL, 0, 1000);
    int sock = last_sock(w);
    assert_int_equal(w->sockets_open, 1);
    assert_true(pxb_addr_equal(&w->last_local, server_local()));
    assert_int_equal(last_event(w)->kind, TFTP_EVENT_STARTED);
    assert_string_equal(last_event(w)->path, "boot/ipxe.efi");
    assert_string_equal(last_event(w)->detail, "blksize=512 windowsize=1");
    expect_data(w, sock, &c, 1, file1500, 512);
    expect_nothing_sent(w);
    ack(w, sock, &c, 1, 1010);
    expect_data(w, sock, &c, 2, file1500 + 512, 512);
    ack(w, sock, &c, 2, 1020);
    expect_data(w, sock, &c, 3, file1500 + 1024, 476);
    ack(w, sock, &c, 3, 1030);
    expect_nothing_sent(w);
    const seen_event *e = last_event(w);
    assert_int_equal(e->kind, TFTP_EVENT_COMPLETED);
    assert_int_equal(e->bytes, 1500);
    assert_int_equal(e->duration_ms, 30);
    assert_string_equal(e->detail, "blksize=512 windowsize=1");
    assert_int_equal(w->sockets_open, 0);
    assert_int_equal(w->blobs_held, 0);
    assert_int_equal(tftp_server_next_deadline(w->srv), UINT64_MAX);
}

static void test_netascii_mode_any_case(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2002);
    const tftp_option tsize = {"tsize", "0"};
    request(w, &c, "text.txt", "NetASCII", &tsize, 1, 0);
    assert_int_equal(w->last_netascii, 1);
    int sock = last_sock(w);
    expect_oack(w, sock, "tsize=6");
    ack(w, sock, &c, 0, 1);
    expect_data(w, sock, &c, 1, text_netascii, 6);
    ack(w, sock, &c, 1, 2);
    assert_int_equal(last_event(w)->kind, TFTP_EVENT_COMPLETED);
    assert_int_equal(last_event(w)->bytes, 6);

    request(w, &c, "text.txt", "OCTET", NULL, 0, 3);
    assert_int_equal(w->last_netascii, 0);
    expect_data(w, last_sock(w), &c, 1, text_octet, 4);
    ack(w, last_sock(w), &c, 1, 4);
}

static void test_unsupported_mode(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2003);
    request(w, &c, "boot/ipxe.efi", "mail", NULL, 0, 0);
    expect_refused(w, &c, 4, NULL);
    request(w, &c, "boot/ipxe.efi", "binary", NULL, 0, 0);
    expect_refused(w, &c, 4, NULL);
}

static void test_write_request_refused(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2004);
    uint8_t buf[64];
    size_t len = tftp_packet_build_request(buf, sizeof buf, TFTP_OP_WRQ, "up.bin", "octet",
                                           NULL, 0);
    request_raw(w, &c, buf, len, 0);
    expect_refused(w, &c, 2, NULL);
    assert_string_equal(last_event(w)->path, "up.bin");
}

static void test_open_failures(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2005);
    request(w, &c, "missing.bin", "octet", NULL, 0, 0);
    expect_refused(w, &c, 1, "file not found");
    assert_string_equal(last_event(w)->detail, "no such file in the fake");
    request(w, &c, "secret.bin", "octet", NULL, 0, 0);
    expect_refused(w, &c, 2, NULL);
    request(w, &c, "broken.bin", "octet", NULL, 0, 0);
    expect_refused(w, &c, 0, NULL);
    assert_string_equal(last_event(w)->detail, "fake refusal of broken.bin");
}

static void test_path_refused(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2006);
    request(w, &c, "../windows/win.ini", "octet", NULL, 0, 0);
    expect_refused(w, &c, 2, "path leaves the TFTP root");
    assert_string_equal(last_event(w)->path, "../windows/win.ini");
    request(w, &c, "C:\\boot.ini", "octet", NULL, 0, 0);
    expect_refused(w, &c, 2, NULL);
    assert_string_equal(w->last_opened, "");
}

static void test_path_normalised_before_open(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2007);
    request(w, &c, "\\boot\\ipxe.efi", "octet", NULL, 0, 0);
    assert_string_equal(w->last_opened, "boot/ipxe.efi");
    expect_data(w, last_sock(w), &c, 1, file1500, 512);
}

static void test_malformed_requests(void **state)
{
    static const struct {
        const char *bytes;
        size_t len;
    } cases[] = {
        {"\0\1boot/ipxe.efi", 15},                         /* name not terminated */
        {"\0\1boot/ipxe.efi\0octet", 21},                  /* mode not terminated */
        {"\0\1boot/ipxe.efi\0", 16},                       /* no mode */
        {"\0\1\0octet\0", 9},                              /* empty name */
        {"\0\1boot/ipxe.efi\0octet\0blksize\0", 30},       /* option without a value */
        {"\0\1boot/ipxe.efi\0octet\0blksize\0001024", 34}, /* value not terminated */
        {"\0\1", 2},                                       /* opcode only */
        {"\0", 1},                                         /* not even an opcode */
        {"", 0},                                           /* empty datagram */
        {"\0\11boot\0octet\0", 13},                        /* unknown opcode 9 */
    };
    world *w = *state;
    pxb_addr c = client_addr(2008);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        request_raw(w, &c, cases[i].bytes, cases[i].len, 0);
        expect_refused(w, &c, 4, NULL);
    }
    tftp_stats st;
    tftp_server_get_stats(w->srv, &st);
    assert_int_equal(st.refused, sizeof cases / sizeof cases[0]);
}

static void test_tolerated_requests(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2009);
    static const char garbage[] = "\0\1boot/ipxe.efi\0octet\0\x7f\x01junk";
    request_raw(w, &c, garbage, sizeof garbage - 1, 0);
    expect_data(w, last_sock(w), &c, 1, file1500, 512);
    expect_nothing_sent(w);

    pxb_addr c2 = client_addr(2010);
    static const char with_ff[] = "\0\1boot/ipxe.efi\xff\0octet\0";
    request_raw(w, &c2, with_ff, sizeof with_ff - 1, 0);
    assert_string_equal(w->last_opened, "boot/ipxe.efi");
    expect_data(w, last_sock(w), &c2, 1, file1500, 512);
}

static void test_non_requests_on_listen_port(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2011);
    request_raw(w, &c, "\0\3\0\1data", 8, 0);
    expect_refused(w, &c, 4, NULL);
    request_raw(w, &c, "\0\6blksize\0001024\0", 15, 0);
    expect_refused(w, &c, 4, NULL);
    request_raw(w, &c, "\0\4\0", 3, 0); /* malformed ACK */
    expect_refused(w, &c, 4, NULL);
}

/* tftp-hpa acknowledges the error packet that refused its request, on the listening port. */
static void test_ack_on_listen_port_ignored(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2016);
    request_raw(w, &c, "\0\4\0\1", 4, 0);
    expect_nothing_sent(w);
    assert_int_equal(w->event_count, 0);
}

static void test_errors_never_answered(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2012);
    request_raw(w, &c, "\0\5\0\1oops\0", 9, 0);
    request_raw(w, &c, "\0\5\0", 3, 0);
    request_raw(w, &c, "\0\5", 2, 0);
    expect_nothing_sent(w);
    assert_int_equal(w->event_count, 0);
}

static void test_exact_multiple_ends_with_empty_block(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2013);
    request(w, &c, "exact.bin", "octet", NULL, 0, 0);
    int sock = last_sock(w);
    expect_data(w, sock, &c, 1, file1024, 512);
    ack(w, sock, &c, 1, 1);
    expect_data(w, sock, &c, 2, file1024 + 512, 512);
    ack(w, sock, &c, 2, 2);
    expect_data(w, sock, &c, 3, NULL, 0);
    assert_int_equal(w->sockets_open, 1);
    ack(w, sock, &c, 3, 3);
    assert_int_equal(last_event(w)->kind, TFTP_EVENT_COMPLETED);
    assert_int_equal(last_event(w)->bytes, 1024);
}

static void test_empty_file(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2014);
    request(w, &c, "empty", "octet", NULL, 0, 0);
    int sock = last_sock(w);
    expect_data(w, sock, &c, 1, NULL, 0);
    expect_nothing_sent(w);
    ack(w, sock, &c, 1, 1);
    assert_int_equal(last_event(w)->kind, TFTP_EVENT_COMPLETED);
    assert_int_equal(last_event(w)->bytes, 0);
    assert_int_equal(w->sockets_open, 0);
}

/* curl rejects an OACK carrying tsize 0, so an empty file's OACK leaves tsize out. */
static void test_empty_file_oack_without_tsize(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2017);
    const tftp_option opts[] = {{"blksize", "1468"}, {"tsize", "0"}};
    request(w, &c, "empty", "octet", opts, 2, 0);
    int sock = last_sock(w);
    expect_oack(w, sock, "blksize=1468");
    ack(w, sock, &c, 0, 1);
    expect_data(w, sock, &c, 1, NULL, 0);
    ack(w, sock, &c, 1, 2);
    assert_int_equal(last_event(w)->kind, TFTP_EVENT_COMPLETED);
}

/* --- options ----------------------------------------------------------------------------- */

static void test_oack_then_window(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2015);
    const tftp_option opts[] = {
        {"blksize", "1468"}, {"tsize", "0"}, {"windowsize", "4"}, {"timeout", "3"}};
    request(w, &c, "boot/ipxe.efi", "octet", opts, 4, 100);
    int sock = last_sock(w);
    assert_string_equal(last_event(w)->detail, "blksize=1468 windowsize=4 timeout=3 tsize=1500");
    expect_oack(w, sock, "blksize=1468 windowsize=4 timeout=3 tsize=1500");
    expect_nothing_sent(w);
    assert_int_equal(tftp_server_next_deadline(w->srv), 3100);
    ack(w, sock, &c, 1, 110); /* not the ACK 0 the OACK waits for */
    expect_nothing_sent(w);
    ack(w, sock, &c, 0, 120);
    expect_data(w, sock, &c, 1, file1500, 1468);
    expect_data(w, sock, &c, 2, file1500 + 1468, 32);
    expect_nothing_sent(w);
    assert_int_equal(tftp_server_next_deadline(w->srv), 3120);
    ack(w, sock, &c, 0, 130); /* a duplicate ACK 0 sends nothing */
    expect_nothing_sent(w);
    ack(w, sock, &c, 2, 140);
    assert_int_equal(last_event(w)->kind, TFTP_EVENT_COMPLETED);
    assert_string_equal(last_event(w)->detail, "blksize=1468 windowsize=4 timeout=3 tsize=1500");
}

static void test_option_names_any_case(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2016);
    const tftp_option opts[] = {{"BlkSize", "1024"}, {"TSIZE", "0"}};
    request(w, &c, "boot/ipxe.efi", "octet", opts, 2, 0);
    expect_oack(w, last_sock(w), "blksize=1024 tsize=1500");
}

static void test_option_caps(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2017);
    w->limits.max_blksize = 1024;
    w->limits.max_windowsize = 16;
    w->limits.max_timeout_s = 10;
    restart(w);
    const tftp_option opts[] = {{"blksize", "65464"}, {"windowsize", "65535"}, {"timeout", "200"}};
    request(w, &c, "boot/ipxe.efi", "octet", opts, 3, 0);
    expect_oack(w, last_sock(w), "blksize=1024 windowsize=16");
    assert_int_equal(tftp_server_next_deadline(w->srv), 1000); /* timeout not taken */

    pxb_addr c2 = client_addr(2018);
    const tftp_option small[] = {{"blksize", "8"}, {"timeout", "10"}};
    request(w, &c2, "boot/ipxe.efi", "octet", small, 2, 0);
    expect_oack(w, last_sock(w), "blksize=8 timeout=10");
}

static void test_only_unknown_options_no_oack(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2019);
    const tftp_option opts[] = {{"multicast", ""}, {"rollover", "0"}, {"utimeout", "abc"}};
    request(w, &c, "boot/ipxe.efi", "octet", opts, 3, 0);
    expect_data(w, last_sock(w), &c, 1, file1500, 512);
    assert_string_equal(last_event(w)->detail, "blksize=512 windowsize=1");
}

static void test_timeout_over_max_left_out(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2020);
    w->limits.max_timeout_s = 5;
    restart(w);
    const tftp_option opts[] = {{"timeout", "6"}};
    request(w, &c, "boot/ipxe.efi", "octet", opts, 1, 0);
    expect_data(w, last_sock(w), &c, 1, file1500, 512); /* nothing acknowledged: no OACK */
}

static void test_bad_option_values(void **state)
{
    static const tftp_option bad[] = {
        {"blksize", "abc"},     {"blksize", "7"},       {"blksize", "65465"},
        {"blksize", ""},        {"blksize", "-512"},    {"blksize", "99999999999999999999999"},
        {"windowsize", "0"},    {"windowsize", "65536"}, {"timeout", "0"},
        {"timeout", "256"},     {"tsize", "x"},         {"BLKSIZE", "1 024"},
    };
    world *w = *state;
    pxb_addr c = client_addr(2021);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        request(w, &c, "boot/ipxe.efi", "octet", &bad[i], 1, 0);
        expect_refused(w, &c, 8, NULL);
    }
}

static void test_tsize_probe_aborted(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2022);
    const tftp_option opts[] = {{"tsize", "0"}};
    request(w, &c, "boot/ipxe.efi", "octet", opts, 1, 0);
    int sock = last_sock(w);
    expect_oack(w, sock, "tsize=1500");
    client_error(w, sock, &c, 8, 5);
    expect_nothing_sent(w);
    const seen_event *e = last_event(w);
    assert_int_equal(e->kind, TFTP_EVENT_ABORTED);
    assert_int_equal(e->tftp_error, 8);
    assert_string_equal(e->detail, "stop");
    assert_int_equal(w->sockets_open, 0);
    assert_int_equal(w->blobs_held, 0);
    tftp_stats st;
    tftp_server_get_stats(w->srv, &st);
    assert_int_equal(st.aborted, 1);
    assert_int_equal(st.active, 0);
}

/* --- windows and block numbers ----------------------------------------------------------- */

/* Starts a transfer of exact.bin with blksize 64 (17 blocks) and windowsize 4, past ACK 0. */
static int start_windowed(world *w, const pxb_addr *c)
{
    const tftp_option opts[] = {{"blksize", "64"}, {"windowsize", "4"}};
    request(w, c, "exact.bin", "octet", opts, 2, 0);
    int sock = last_sock(w);
    expect_oack(w, sock, "blksize=64 windowsize=4");
    ack(w, sock, c, 0, 10);
    for (uint16_t b = 1; b <= 4; b++)
        expect_data(w, sock, c, b, file1024 + (b - 1) * 64, 64);
    expect_nothing_sent(w);
    return sock;
}

static void test_window_full_ack_advances(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2023);
    int sock = start_windowed(w, &c);
    ack(w, sock, &c, 4, 20);
    for (uint16_t b = 5; b <= 8; b++)
        expect_data(w, sock, &c, b, file1024 + (b - 1) * 64, 64);
    expect_nothing_sent(w);
}

static void test_window_partial_ack_restarts(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2024);
    int sock = start_windowed(w, &c);
    ack(w, sock, &c, 2, 20);
    for (uint16_t b = 3; b <= 6; b++)
        expect_data(w, sock, &c, b, file1024 + (b - 1) * 64, 64);
    expect_nothing_sent(w);
    tftp_stats st;
    tftp_server_get_stats(w->srv, &st);
    assert_int_equal(st.retransmits, 2); /* blocks 3 and 4 went out twice */
}

static void test_duplicate_and_old_acks_send_nothing(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2025);
    int sock = start_windowed(w, &c);
    ack(w, sock, &c, 4, 20);
    w->read_pos = w->sent_count;
    ack(w, sock, &c, 4, 21); /* duplicate */
    ack(w, sock, &c, 2, 22); /* old */
    ack(w, sock, &c, 0, 23); /* older */
    ack(w, sock, &c, 9, 24); /* beyond what was sent */
    ack(w, sock, &c, 40000, 25);
    expect_nothing_sent(w);
    assert_int_equal(tftp_server_next_deadline(w->srv), 1020); /* timer not pushed back */
    ack(w, sock, &c, 8, 26);
    expect_data(w, sock, &c, 9, file1024 + 8 * 64, 64);
}

static void test_window_ends_at_last_block(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2026);
    int sock = start_windowed(w, &c);
    for (uint16_t b = 4; b < 16; b += 4) {
        ack(w, sock, &c, b, 20 + b);
        w->read_pos = w->sent_count;
    }
    ack(w, sock, &c, 16, 40);
    expect_data(w, sock, &c, 17, NULL, 0); /* 1024 = 16 * 64: one empty block, not four */
    expect_nothing_sent(w);
    ack(w, sock, &c, 17, 41);
    assert_int_equal(last_event(w)->kind, TFTP_EVENT_COMPLETED);
}

/* A window goes to the OS edge in one send of TFTP_SEND_BATCH datagrams at most, each
 * block's bytes pointed at where the file lies rather than copied. */
static void test_window_sent_in_batches(void **state)
{
    world *w = *state;
    w->limits.max_windowsize = 100;
    tftp_server_set_limits(w->srv, &w->limits);
    pxb_addr c = client_addr(2031);
    const tftp_option opts[] = {{"blksize", "8"}, {"windowsize", "100"}};
    request(w, &c, "big.bin", "octet", opts, 2, 0);
    int sock = last_sock(w);
    expect_oack(w, sock, "blksize=8 windowsize=100");
    size_t calls = w->send_calls;
    ack(w, sock, &c, 0, 1);
    assert_int_equal(w->send_calls - calls, 2); /* 64 + 36 */
    for (uint16_t b = 1; b <= 100; b++)
        expect_data(w, sock, &c, b, big_file + (b - 1) * 8, 8);
    expect_nothing_sent(w);
}

static void test_block_numbers_roll_over(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2027);
    uint8_t *got = malloc(BIG_SIZE + 16);
    int rolled;
    assert_non_null(got);
    const tftp_option opts[] = {{"blksize", "8"}, {"windowsize", "16"}};
    request(w, &c, "big.bin", "octet", opts, 2, 0);
    int sock = last_sock(w);
    expect_oack(w, sock, "blksize=8 windowsize=16");
    forget_sent(w);
    ack(w, sock, &c, 0, 1);
    size_t n = download(w, sock, &c, 8, 16, got, BIG_SIZE + 16, &rolled);
    assert_true(rolled);
    assert_int_equal(n, BIG_SIZE);
    assert_memory_equal(got, big_file, BIG_SIZE);
    assert_int_equal(last_event(w)->kind, TFTP_EVENT_COMPLETED);
    assert_int_equal(last_event(w)->bytes, BIG_SIZE);
    assert_int_equal(w->sockets_open, 0);
    free(got);
}

static void test_lock_step_roll_over(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2028);
    uint8_t *got = malloc(BIG_SIZE + 16);
    int rolled;
    assert_non_null(got);
    const tftp_option opts[] = {{"blksize", "8"}};
    request(w, &c, "big.bin", "octet", opts, 1, 0);
    int sock = last_sock(w);
    forget_sent(w);
    ack(w, sock, &c, 0, 1);
    size_t n = download(w, sock, &c, 8, 1, got, BIG_SIZE + 16, &rolled);
    assert_true(rolled);
    assert_int_equal(n, BIG_SIZE);
    assert_memory_equal(got, big_file, BIG_SIZE);
    assert_int_equal(last_event(w)->kind, TFTP_EVENT_COMPLETED);
    free(got);
}

/* --- retransmission ---------------------------------------------------------------------- */

static void test_retransmit_on_timeout(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2029);
    request(w, &c, "boot/ipxe.efi", "octet", NULL, 0, 1000);
    int sock = last_sock(w);
    expect_data(w, sock, &c, 1, file1500, 512);
    assert_int_equal(tftp_server_next_deadline(w->srv), 2000);
    tftp_server_on_timer(w->srv, 1999);
    expect_nothing_sent(w);
    tftp_server_on_timer(w->srv, 2000);
    expect_data(w, sock, &c, 1, file1500, 512);
    expect_nothing_sent(w);
    assert_int_equal(tftp_server_next_deadline(w->srv), 3000);
    ack(w, sock, &c, 1, 2500);
    expect_data(w, sock, &c, 2, file1500 + 512, 512);
    assert_int_equal(tftp_server_next_deadline(w->srv), 3500);
    tftp_stats st;
    tftp_server_get_stats(w->srv, &st);
    assert_int_equal(st.retransmits, 1);
}

static void test_window_retransmitted_from_first_unacked(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2030);
    int sock = start_windowed(w, &c);
    ack(w, sock, &c, 4, 20);
    w->read_pos = w->sent_count;
    tftp_server_on_timer(w->srv, 1020);
    for (uint16_t b = 5; b <= 8; b++)
        expect_data(w, sock, &c, b, file1024 + (b - 1) * 64, 64);
    expect_nothing_sent(w);
}

static void test_oack_retransmitted(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2031);
    const tftp_option opts[] = {{"blksize", "1024"}};
    request(w, &c, "boot/ipxe.efi", "octet", opts, 1, 0);
    int sock = last_sock(w);
    expect_oack(w, sock, "blksize=1024");
    tftp_server_on_timer(w->srv, 1000);
    expect_oack(w, sock, "blksize=1024");
    ack(w, sock, &c, 0, 1500);
    expect_data(w, sock, &c, 1, file1500, 1024);
}

static void test_give_up_after_retries(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2032);
    w->limits.retries = 2;
    w->limits.timeout_ms = 500;
    restart(w);
    request(w, &c, "boot/ipxe.efi", "octet", NULL, 0, 0);
    int sock = last_sock(w);
    expect_data(w, sock, &c, 1, file1500, 512);
    tftp_server_on_timer(w->srv, 500);
    expect_data(w, sock, &c, 1, file1500, 512);
    tftp_server_on_timer(w->srv, 1000);
    expect_data(w, sock, &c, 1, file1500, 512);
    tftp_server_on_timer(w->srv, 1500);
    assert_string_equal(expect_error(w, sock, &c, 0), "timeout");
    expect_nothing_sent(w);
    const seen_event *e = last_event(w);
    assert_int_equal(e->kind, TFTP_EVENT_FAILED);
    assert_int_equal(e->tftp_error, 0);
    assert_int_equal(e->duration_ms, 1500);
    assert_int_equal(w->sockets_open, 0);
    assert_int_equal(w->blobs_held, 0);
    assert_int_equal(tftp_server_next_deadline(w->srv), UINT64_MAX);
}

static void test_progress_resets_retries(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2033);
    w->limits.retries = 1;
    restart(w);
    request(w, &c, "boot/ipxe.efi", "octet", NULL, 0, 0);
    int sock = last_sock(w);
    tftp_server_on_timer(w->srv, 1000);
    ack(w, sock, &c, 1, 1100);
    tftp_server_on_timer(w->srv, 2100);
    w->read_pos = w->sent_count - 1;
    expect_data(w, sock, &c, 2, file1500 + 512, 512); /* retransmitted, not given up */
    assert_int_equal(w->sockets_open, 1);
}

static void test_a_client_still_answering_is_never_timed_out(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2037);
    w->limits.retries = 1;
    restart(w);
    request(w, &c, "boot/ipxe.efi", "octet", NULL, 0, 0);
    int sock = last_sock(w);
    for (uint64_t t = 1000; t <= 5000; t += 1000) {
        tftp_server_on_timer(w->srv, t); /* its DATA 1 is lost again and again... */
        ack(w, sock, &c, 0, t + 500);    /* ...while the client keeps asking for it */
    }
    assert_int_equal(w->sockets_open, 1);
    assert_int_equal(w->kind_count[TFTP_EVENT_FAILED], 0);
    tftp_server_on_timer(w->srv, 6000); /* the client falls silent: one retry, then the end */
    tftp_server_on_timer(w->srv, 7000);
    assert_int_equal(w->kind_count[TFTP_EVENT_FAILED], 1);
    assert_int_equal(w->sockets_open, 0);
}

static void test_running_late_defers_new_requests(void **state)
{
    world *w = *state;
    pxb_addr a = client_addr(2038), b = addr4(10, 0, 0, 7, 2038);
    request(w, &a, "boot/ipxe.efi", "octet", NULL, 0, 0);
    tftp_server_on_timer(w->srv, 1900); /* 900 ms late: within a timeout */
    w->read_pos = w->sent_count;
    request(w, &b, "boot/ipxe.efi", "octet", NULL, 0, 1950);
    assert_int_equal(last_event(w)->kind, TFTP_EVENT_STARTED);
    client_error(w, last_sock(w), &b, 0, 1960);
    tftp_server_on_timer(w->srv, 4000); /* 1100 ms late */
    w->read_pos = w->sent_count;
    request(w, &b, "boot/ipxe.efi", "octet", NULL, 0, 4100);
    expect_nothing_sent(w);
    expect_deferred(w, "server busy: running late");
    request(w, &b, "boot/ipxe.efi", "octet", NULL, 0, 5000); /* a timeout later: served */
    assert_int_equal(last_event(w)->kind, TFTP_EVENT_STARTED);
}

static void test_due_transfers_one_at_a_time(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2039);
    request(w, &c, "boot/ipxe.efi", "octet", NULL, 0, 0);
    assert_null(tftp_server_due(w->srv, 999));
    tftp_transfer *t = tftp_server_due(w->srv, 1000);
    assert_non_null(t);
    assert_int_equal(tftp_transfer_socket(t), last_sock(w));
    w->read_pos = w->sent_count;
    tftp_server_expire(w->srv, t, 1000);
    expect_data(w, last_sock(w), &c, 1, file1500, 512);
    assert_null(tftp_server_due(w->srv, 1000));
    assert_int_equal(tftp_server_next_deadline(w->srv), 2000);
}

static void test_late_timer_call_retransmits_once(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2034);
    request(w, &c, "boot/ipxe.efi", "octet", NULL, 0, 0);
    int sock = last_sock(w);
    w->read_pos = w->sent_count;
    tftp_server_on_timer(w->srv, 1000000); /* far late: one retransmission, not a burst */
    expect_data(w, sock, &c, 1, file1500, 512);
    expect_nothing_sent(w);
    assert_int_equal(w->sockets_open, 1);
    assert_int_equal(tftp_server_next_deadline(w->srv), 1001000);
}

/* --- transfer socket --------------------------------------------------------------------- */

static void test_unknown_transfer_id(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2035);
    pxb_addr stranger = client_addr(2036);
    pxb_addr other_host = addr4(198, 51, 100, 7, 2035);
    request(w, &c, "boot/ipxe.efi", "octet", NULL, 0, 0);
    int sock = last_sock(w);
    expect_data(w, sock, &c, 1, file1500, 512);
    ack(w, sock, &stranger, 1, 1);
    expect_error(w, sock, &stranger, 5);
    ack(w, sock, &other_host, 1, 1);
    expect_error(w, sock, &other_host, 5);
    datagram(w, sock, &stranger, "\0\3\0\1x", 5, 1);
    expect_error(w, sock, &stranger, 5);
    client_error(w, sock, &stranger, 0, 2); /* an error from a stranger is not answered */
    expect_nothing_sent(w);
    assert_int_equal(w->sockets_open, 1);
    ack(w, sock, &c, 1, 3);
    expect_data(w, sock, &c, 2, file1500 + 512, 512);
}

/* --- transfers sharing one socket -------------------------------------------------------- */

/* Two clients' transfers on one socket: each ACK moves its sender's transfer only. */
static void test_shared_socket_demultiplexed(void **state)
{
    world *w = *state;
    w->share = 1;
    pxb_addr a = client_addr(2101), b = addr4(198, 51, 100, 8, 2101);
    request(w, &a, "boot/ipxe.efi", "octet", NULL, 0, 0);
    expect_data(w, FIRST_SOCK, &a, 1, file1500, 512);
    request(w, &b, "exact.bin", "octet", NULL, 0, 0);
    expect_data(w, FIRST_SOCK, &b, 1, file1024, 512);
    assert_int_equal(w->sockets_open, 1);
    assert_int_equal(w->open[0], 2);
    ack(w, FIRST_SOCK, &b, 1, 1);
    expect_data(w, FIRST_SOCK, &b, 2, file1024 + 512, 512);
    ack(w, FIRST_SOCK, &a, 1, 2);
    expect_data(w, FIRST_SOCK, &a, 2, file1500 + 512, 512);
    expect_nothing_sent(w);
    pxb_addr a_other_port = client_addr(2102);
    ack(w, FIRST_SOCK, &a_other_port, 2, 3);
    expect_error(w, FIRST_SOCK, &a_other_port, 5);
}

/* A transfer on a socket that others keep open has ended: its client's late datagrams there
 * are ignored, as a closed port would have, until twice its timeout has passed; then the
 * client is a stranger (error 5). A new request from the same address and port in that
 * time gets another socket, so nothing late of the old transfer reaches the new one. */
static void test_late_datagrams_of_an_ended_transfer(void **state)
{
    world *w = *state;
    w->share = 1;
    pxb_addr a = client_addr(2103), keeper = client_addr(2104);
    request(w, &keeper, "boot/ipxe.efi", "octet", NULL, 0, 0);
    expect_data(w, FIRST_SOCK, &keeper, 1, file1500, 512);
    request(w, &a, "exact.bin", "octet", NULL, 0, 0);
    assert_int_equal(w->last_avoid, -1);
    expect_data(w, FIRST_SOCK, &a, 1, file1024, 512);
    ack(w, FIRST_SOCK, &a, 1, 1);
    expect_data(w, FIRST_SOCK, &a, 2, file1024 + 512, 512);
    ack(w, FIRST_SOCK, &a, 2, 2);
    expect_data(w, FIRST_SOCK, &a, 3, NULL, 0);
    ack(w, FIRST_SOCK, &a, 3, 3);
    assert_int_equal(last_event(w)->kind, TFTP_EVENT_COMPLETED);
    assert_int_equal(w->open[0], 1);
    ack(w, FIRST_SOCK, &a, 3, 4); /* a duplicate of the last ACK */
    ack(w, FIRST_SOCK, &a, 1, 5);
    expect_nothing_sent(w);

    request(w, &a, "exact.bin", "octet", NULL, 0, 1000);
    assert_int_equal(w->last_avoid, FIRST_SOCK);
    int again = last_sock(w);
    assert_int_not_equal(again, FIRST_SOCK);
    expect_data(w, again, &a, 1, file1024, 512);
    client_error(w, again, &a, 0, 1001);
    ack(w, FIRST_SOCK, &a, 3, 1002); /* the first one's still, though a later one ended since */
    expect_nothing_sent(w);

    ack(w, FIRST_SOCK, &a, 3, 2003); /* the first transfer ended at 3, its timeout 1 s */
    expect_error(w, FIRST_SOCK, &a, 5);
    request(w, &a, "exact.bin", "octet", NULL, 0, 3001); /* the second one's time is over */
    assert_int_equal(w->last_avoid, -1);
    expect_data(w, FIRST_SOCK, &a, 1, file1024, 512);
}

static void test_client_error_mid_transfer(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2037);
    request(w, &c, "boot/ipxe.efi", "octet", NULL, 0, 0);
    int sock = last_sock(w);
    ack(w, sock, &c, 1, 10);
    w->read_pos = w->sent_count;
    datagram(w, sock, &c, "\0\5\0\3", 4, 20); /* no message, no NUL */
    expect_nothing_sent(w);
    const seen_event *e = last_event(w);
    assert_int_equal(e->kind, TFTP_EVENT_ABORTED);
    assert_int_equal(e->tftp_error, 3);
    assert_int_equal(e->bytes, 512);
    assert_int_equal(w->sockets_open, 0);
}

static void test_illegal_packets_on_transfer(void **state)
{
    static const struct {
        const char *bytes;
        size_t len;
    } cases[] = {
        {"\0\3\0\1data", 8},          /* DATA to a read transfer */
        {"\0\4\0", 3},                /* short ACK */
        {"\0\1file\0octet\0", 13},    /* a request */
        {"\0\6tsize\0000\0", 10},     /* OACK */
        {"\0\12", 2},                 /* unknown opcode */
    };
    world *w = *state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pxb_addr c = client_addr((uint16_t)(2040 + i));
        request(w, &c, "boot/ipxe.efi", "octet", NULL, 0, 0);
        int sock = last_sock(w);
        w->read_pos = w->sent_count;
        datagram(w, sock, &c, cases[i].bytes, cases[i].len, 1);
        expect_error(w, sock, &c, 4);
        expect_nothing_sent(w);
        assert_int_equal(last_event(w)->kind, TFTP_EVENT_FAILED);
        assert_int_equal(last_event(w)->tftp_error, 4);
        assert_int_equal(w->sockets_open, 0);
    }
}

/* --- requests and limits ----------------------------------------------------------------- */

static void test_duplicate_request_ignored(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2050);
    request(w, &c, "boot/ipxe.efi", "octet", NULL, 0, 0);
    w->read_pos = w->sent_count;
    request(w, &c, "boot/ipxe.efi", "octet", NULL, 0, 100);
    expect_nothing_sent(w);
    assert_int_equal(w->sockets_open, 1);
    assert_int_equal(w->kind_count[TFTP_EVENT_STARTED], 1);
    pxb_addr c2 = client_addr(2051); /* same host, another port: a new transfer */
    request(w, &c2, "boot/ipxe.efi", "octet", NULL, 0, 100);
    assert_int_equal(w->sockets_open, 2);
}

static void test_max_transfers(void **state)
{
    world *w = *state;
    w->limits.max_transfers = 2;
    restart(w);
    pxb_addr a = addr4(10, 0, 0, 1, 1000), b = addr4(10, 0, 0, 2, 1000);
    pxb_addr c = addr4(10, 0, 0, 3, 1000);
    request(w, &a, "boot/ipxe.efi", "octet", NULL, 0, 0);
    request(w, &b, "boot/ipxe.efi", "octet", NULL, 0, 0);
    w->read_pos = w->sent_count;
    request(w, &c, "boot/ipxe.efi", "octet", NULL, 0, 0);
    expect_nothing_sent(w); /* an error would end a PXE ROM's boot: it retries instead */
    expect_deferred(w, "server busy: too many transfers");
    assert_int_equal(w->sockets_open, 2);
    assert_int_equal(w->blobs_held, 2);
    client_error(w, last_sock(w), &b, 0, 1); /* one ends: room again */
    request(w, &c, "boot/ipxe.efi", "octet", NULL, 0, 2); /* the client's retry */
    assert_int_equal(w->sockets_open, 2);
    assert_int_equal(last_event(w)->kind, TFTP_EVENT_STARTED);
}

static void test_max_per_client(void **state)
{
    world *w = *state;
    w->limits.max_per_client = 2;
    restart(w);
    pxb_addr a1 = client_addr(3001), a2 = client_addr(3002), a3 = client_addr(3003);
    pxb_addr other = addr4(10, 0, 0, 9, 3003);
    request(w, &a1, "boot/ipxe.efi", "octet", NULL, 0, 0);
    request(w, &a2, "boot/ipxe.efi", "octet", NULL, 0, 0);
    w->read_pos = w->sent_count;
    request(w, &a3, "boot/ipxe.efi", "octet", NULL, 0, 0);
    expect_nothing_sent(w);
    expect_deferred(w, "server busy: too many transfers from this client");
    request(w, &other, "boot/ipxe.efi", "octet", NULL, 0, 0);
    assert_int_equal(w->sockets_open, 3);
    assert_int_equal(last_event(w)->kind, TFTP_EVENT_STARTED);
}

/* Twenty parallel reads from one host (a test suite, VMs behind one NAT address) are all
 * served under the default limits. */
static void test_default_limits_serve_twenty_from_one_host(void **state)
{
    world *w = *state;
    for (uint16_t i = 0; i < 20; i++) {
        pxb_addr c = client_addr((uint16_t)(5000 + i));
        request(w, &c, "boot/ipxe.efi", "octet", NULL, 0, 0);
    }
    assert_int_equal(w->kind_count[TFTP_EVENT_STARTED], 20);
    assert_int_equal(w->kind_count[TFTP_EVENT_DEFERRED], 0);
    assert_int_equal(w->sockets_open, 20);
}

static void test_no_free_port(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2052);
    w->fail_open = 1;
    w->read_pos = w->sent_count;
    request(w, &c, "boot/ipxe.efi", "octet", NULL, 0, 0);
    expect_nothing_sent(w);
    expect_deferred(w, "server busy: no free port for the transfer");
    assert_string_equal(last_event(w)->path, "boot/ipxe.efi");
    assert_int_equal(w->blobs_held, 0);
}

static void test_set_limits_for_new_transfers(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2053), c2 = client_addr(2054);
    request(w, &c, "boot/ipxe.efi", "octet", NULL, 0, 0);
    int first = last_sock(w);
    w->limits.timeout_ms = 5000;
    w->limits.max_per_client = 1;
    tftp_server_set_limits(w->srv, &w->limits);
    assert_int_equal(tftp_server_next_deadline(w->srv), 1000); /* the old transfer keeps its own */
    w->read_pos = w->sent_count;
    request(w, &c2, "boot/ipxe.efi", "octet", NULL, 0, 0);
    expect_nothing_sent(w);
    client_error(w, first, &c, 0, 1);
    request(w, &c2, "boot/ipxe.efi", "octet", NULL, 0, 10);
    assert_int_equal(tftp_server_next_deadline(w->srv), 5010);
}

static void test_destroy_releases_everything(void **state)
{
    world *w = *state;
    for (uint16_t i = 0; i < 5; i++) {
        pxb_addr c = client_addr((uint16_t)(4000 + i));
        request(w, &c, "boot/ipxe.efi", "octet", NULL, 0, 0);
    }
    assert_int_equal(w->sockets_open, 5);
    assert_int_equal(w->blobs_held, 5);
    tftp_server_destroy(w->srv);
    assert_int_equal(w->sockets_open, 0);
    assert_int_equal(w->blobs_held, 0);
    create_server(w); /* teardown destroys this one */
}

static void test_stats(void **state)
{
    world *w = *state;
    pxb_addr c = client_addr(2055), c2 = client_addr(2056);
    request(w, &c, "boot/ipxe.efi", "octet", NULL, 0, 0);
    int sock = last_sock(w);
    request(w, &c2, "missing", "octet", NULL, 0, 0);
    ack(w, sock, &c, 1, 1);
    tftp_stats st;
    tftp_server_get_stats(w->srv, &st);
    assert_int_equal(st.requests, 2);
    assert_int_equal(st.refused, 1);
    assert_int_equal(st.active, 1);
    assert_int_equal(st.bytes_sent, 1024);
    assert_int_equal(st.datagrams_sent, 3); /* DATA 1, ERROR 1, DATA 2 */
    ack(w, sock, &c, 2, 2);
    ack(w, sock, &c, 3, 3);
    tftp_server_get_stats(w->srv, &st);
    assert_int_equal(st.completed, 1);
    assert_int_equal(st.active, 0);
    assert_int_equal(st.bytes_sent, 1500);
    assert_int_equal(st.failed, 0);
    assert_int_equal(st.retransmits, 0);
}

static void test_ipv6_client(void **state)
{
    world *w = *state;
    pxb_addr c;
    assert_int_equal(pxb_addr_parse("fe80::1234%2", &c), 0);
    c.port = 5000;
    request(w, &c, "boot/ipxe.efi", "octet", NULL, 0, 0);
    int sock = last_sock(w);
    expect_data(w, sock, &c, 1, file1500, 512);
    pxb_addr other_scope = c;
    other_scope.scope_id = 3;
    ack(w, sock, &other_scope, 1, 1);
    expect_error(w, sock, &other_scope, 5);
}

/* --- scale: the timer heap under max_transfers --------------------------------------------- */

static void test_thousands_of_transfers(void **state)
{
    enum { N = 4096 };
    world *w = *state;
    uint64_t *due = malloc(N * sizeof *due);
    uint32_t *timeout_ms = malloc(N * sizeof *timeout_ms);
    int *alive = malloc(N * sizeof *alive);
    assert_true(due && timeout_ms && alive);
    w->limits.retries = 1000000; /* nobody acknowledges: keep every transfer retrying */
    restart(w);
    for (int i = 0; i < N; i++) {
        pxb_addr c = addr4(10, 1, (uint8_t)(i >> 8), (uint8_t)i, 1000);
        char value[8];
        uint32_t t = 1 + (uint32_t)(i * 7919) % 60;
        snprintf(value, sizeof value, "%u", t);
        const tftp_option opt = {"timeout", value};
        request(w, &c, "boot/ipxe.efi", "octet", &opt, 1, (uint64_t)i);
        due[i] = (uint64_t)i + t * 1000u;
        timeout_ms[i] = t * 1000u;
        alive[i] = 1;
    }
    assert_int_equal(w->sockets_open, N);
    pxb_addr extra = addr4(10, 2, 0, 0, 1000);
    request(w, &extra, "boot/ipxe.efi", "octet", NULL, 0, N);
    assert_int_equal(last_event(w)->kind, TFTP_EVENT_DEFERRED); /* max_transfers reached */
    forget_sent(w);

    for (int step = 0; step < 2000; step++) {
        uint64_t want = UINT64_MAX;
        size_t due_now = 0;
        for (int i = 0; i < N; i++)
            if (alive[i] && due[i] < want)
                want = due[i];
        assert_int_equal(tftp_server_next_deadline(w->srv), want);
        for (int i = 0; i < N; i++)
            if (alive[i] && due[i] == want) {
                due[i] += timeout_ms[i];
                due_now++;
            }
        tftp_server_on_timer(w->srv, want);
        assert_int_equal(w->sent_count, due_now); /* one OACK resent per due transfer */
        forget_sent(w);
        int victim = (step * 2654435761u) % N; /* end some transfers from the middle */
        if (alive[victim]) {
            client_error(w, FIRST_SOCK + victim,
                         &(pxb_addr){.family = PXB_AF_INET4,
                                     .ip = {10, 1, (uint8_t)(victim >> 8), (uint8_t)victim},
                                     .port = 1000},
                         8, want);
            alive[victim] = 0;
        }
    }
    tftp_stats st;
    tftp_server_get_stats(w->srv, &st);
    assert_true(st.aborted > 0);
    assert_int_equal(st.active, N - st.aborted);
    free(due);
    free(timeout_ms);
    free(alive);
}

int main(void)
{
    for (size_t i = 0; i < sizeof file1500; i++)
        file1500[i] = (uint8_t)(i * 7 + i / 256);
    for (size_t i = 0; i < sizeof file1024; i++)
        file1024[i] = (uint8_t)(i * 13 + 1);
    big_file = malloc(BIG_SIZE);
    if (!big_file)
        return 1;
    for (size_t i = 0; i < BIG_SIZE; i++)
        big_file[i] = (uint8_t)(i ^ (i >> 8) ^ (i >> 16));
    big_blob.data = big_file;
    big_blob.size = BIG_SIZE;

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_limits_default),
        T(test_octet_lock_step),
        T(test_shared_socket_demultiplexed),
        T(test_late_datagrams_of_an_ended_transfer),
        T(test_netascii_mode_any_case),
        T(test_unsupported_mode),
        T(test_write_request_refused),
        T(test_open_failures),
        T(test_path_refused),
        T(test_path_normalised_before_open),
        T(test_malformed_requests),
        T(test_tolerated_requests),
        T(test_non_requests_on_listen_port),
    T(test_ack_on_listen_port_ignored),
    T(test_errors_never_answered),
    T(test_empty_file_oack_without_tsize),
        T(test_exact_multiple_ends_with_empty_block),
        T(test_empty_file),
        T(test_oack_then_window),
        T(test_option_names_any_case),
        T(test_option_caps),
        T(test_only_unknown_options_no_oack),
        T(test_timeout_over_max_left_out),
        T(test_bad_option_values),
        T(test_tsize_probe_aborted),
        T(test_window_full_ack_advances),
        T(test_window_partial_ack_restarts),
        T(test_duplicate_and_old_acks_send_nothing),
        T(test_window_ends_at_last_block),
        T(test_window_sent_in_batches),
        T(test_block_numbers_roll_over),
        T(test_lock_step_roll_over),
        T(test_retransmit_on_timeout),
        T(test_window_retransmitted_from_first_unacked),
        T(test_oack_retransmitted),
        T(test_give_up_after_retries),
        T(test_progress_resets_retries),
        T(test_late_timer_call_retransmits_once),
        T(test_a_client_still_answering_is_never_timed_out),
        T(test_running_late_defers_new_requests),
        T(test_due_transfers_one_at_a_time),
        T(test_default_limits_serve_twenty_from_one_host),
        T(test_unknown_transfer_id),
        T(test_client_error_mid_transfer),
        T(test_illegal_packets_on_transfer),
        T(test_duplicate_request_ignored),
        T(test_max_transfers),
        T(test_max_per_client),
        T(test_no_free_port),
        T(test_set_limits_for_new_transfers),
        T(test_destroy_releases_everything),
        T(test_stats),
        T(test_ipv6_client),
        T(test_thousands_of_transfers),
    };
#undef T
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    free(big_file);
    return failed;
}
