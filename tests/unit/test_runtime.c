/* test_runtime.c: unit tests for the runtime over real loopback sockets: it binds its
 * listeners and frees them, fails clearly when nothing can be bound, rebinds only what a new
 * configuration changes (and keeps the old listeners when the new ones can't be bound),
 * serves a file while running on its own thread, answers a request to a wildcard listener
 * from the address it was sent to, takes a storm's requests from a listener in one round,
 * lets up to 32 transfers share a transfer port,
 * stops on request from another thread,
 * reports a client that downloads a first-stage image again and again, and on a reload
 * either applies the new configuration (telling the reload hook) or logs why not and keeps
 * serving. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#include "config.h"
#include "log.h"
#include "net.h"
#include "runtime.h"
#include "tmptree.h"

#define TEXT_MAX 1024
#define WAIT_MS 3000

/* --- helpers ------------------------------------------------------------------------------ */

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static pxb_addr loopback(const char *text, uint16_t port)
{
    pxb_addr a;
    assert_int_equal(pxb_addr_parse(text, &a), 0);
    a.port = port;
    return a;
}

/* A port that was free on 127.0.0.1 and ::1 a moment ago, and is not avoid. */
static uint16_t free_port_except(uint16_t avoid)
{
    pxb_error err = {0};
    pxb_addr any = loopback("127.0.0.1", 0);
    for (int attempt = 0; attempt < 20; attempt++) {
        pxb_udp *s = pxb_udp_open(&any, 0, 0, &err);
        assert_non_null(s);
        pxb_addr bound;
        pxb_udp_local(s, &bound);
        pxb_udp_close(s);
        pxb_addr v6 = loopback("::1", bound.port);
        pxb_udp *probe = pxb_udp_open(&v6, 0, 0, &err);
        if (probe != NULL) {
            pxb_udp_close(probe);
            if (bound.port != avoid)
                return bound.port;
        }
    }
    fail_msg("no free port");
    return 0;
}

static uint16_t free_port(void)
{
    return free_port_except(0);
}

/* True if something (the runtime) holds text:port. */
static int port_busy(const char *text, uint16_t port)
{
    pxb_error err = {0};
    pxb_addr a = loopback(text, port);
    pxb_udp *s = pxb_udp_open(&a, 0, 0, &err);
    if (s == NULL)
        return 1;
    pxb_udp_close(s);
    return 0;
}

static void make_config(pxb_config *cfg, const char *root, const char *listen, uint16_t port)
{
    pxb_error err;
    char port_text[8];
    snprintf(port_text, sizeof port_text, "%u", (unsigned)port);
    pxb_config_defaults(cfg);
    assert_int_equal(pxb_config_set(cfg, "TftpRoot", root, &err), 0);
    assert_int_equal(pxb_config_set(cfg, "ListenAddresses", listen, &err), 0);
    assert_int_equal(pxb_config_set(cfg, "Port", port_text, &err), 0);
    assert_int_equal(pxb_config_set(cfg, "LogLevel", "info", &err), 0);
}

/* A log sink that counts events by id and keeps the last message; safe across threads. */
typedef struct captured {
    atomic_int listen_failed, reloaded, config_error, stopped_listening;
    char config_error_text[TEXT_MAX];
} captured;

static void capture(void *ctx, int level, int event_id, const char *message)
{
    captured *c = ctx;
    if (event_id == PXB_EV_CONFIG_ERROR)
        snprintf(c->config_error_text, sizeof c->config_error_text, "%s", message);
    if (event_id == PXB_EV_LISTEN_FAILED)
        atomic_fetch_add(&c->listen_failed, 1);
    if (event_id == PXB_EV_CONFIG_RELOADED)
        atomic_fetch_add(&c->reloaded, 1);
    if (event_id == PXB_EV_CONFIG_ERROR)
        atomic_fetch_add(&c->config_error, 1);
    if (strncmp(message, "stopped listening", 17) == 0)
        atomic_fetch_add(&c->stopped_listening, 1);
}

static captured *start_capture(void)
{
    static captured c;
    memset(&c, 0, sizeof c);
    pxb_log_clear_sinks();
    assert_int_equal(pxb_log_add_sink(capture, &c), 0);
    return &c;
}

/* Waits until *counter is nonzero; returns its value (0 after WAIT_MS). */
static int wait_for(atomic_int *counter)
{
    for (int i = 0; i < WAIT_MS && atomic_load(counter) == 0; i++)
        sleep_ms(1);
    return atomic_load(counter);
}

/* --- running on a thread ------------------------------------------------------------------ */

typedef struct run_thread {
    pthread_t thread;
    pxb_runtime *rt;
    pxb_config_loader loader;
    void *loader_ctx;
    int rc;
} run_thread;

static void *run_main(void *arg)
{
    run_thread *r = arg;
    r->rc = pxb_runtime_run(r->rt, r->loader, r->loader_ctx);
    return NULL;
}

static void start_run(run_thread *r, pxb_runtime *rt, pxb_config_loader loader, void *ctx)
{
    r->rt = rt;
    r->loader = loader;
    r->loader_ctx = ctx;
    r->rc = -1;
    assert_int_equal(pthread_create(&r->thread, NULL, run_main, r), 0);
}

static int stop_run(run_thread *r)
{
    pxb_runtime_request_stop(r->rt);
    assert_int_equal(pthread_join(r->thread, NULL), 0);
    return r->rc;
}

/* Waits for one datagram on s; returns its length (fails the test after WAIT_MS). */
static long receive(pxb_udp *s, uint8_t *buf, size_t len, pxb_addr *from)
{
    for (int i = 0; i < WAIT_MS; i++) {
        long n = pxb_udp_recv(s, buf, len, from, NULL);
        if (n >= 0)
            return n;
        sleep_ms(1);
    }
    fail_msg("no reply from the server");
    return -1;
}

/* Reads name (octet, no options) from server:port, from 127.0.0.1; returns the bytes
 * received, and where the data came from in *replied (if not NULL). */
static size_t fetch_from(const char *server_host, uint16_t port, const char *name,
                         pxb_addr *replied)
{
    pxb_error err = {0};
    uint8_t pkt[600];
    pxb_addr client_addr = loopback("127.0.0.1", 0);
    pxb_addr server = loopback(server_host, port);
    pxb_addr from;
    pxb_udp *client = pxb_udp_open(&client_addr, 0, 0, &err);
    assert_non_null(client);
    size_t len = (size_t)snprintf((char *)pkt, sizeof pkt, "%c%c%s%coctet", 0, 1, name, 0) + 1;
    assert_int_equal(pxb_udp_send(client, &server, pkt, len), 0);
    size_t total = 0;
    for (uint16_t block = 1;; block++) {
        long n = receive(client, pkt, sizeof pkt, &from);
        assert_true(n >= 4);
        assert_int_equal(pkt[1], 3); /* DATA */
        assert_int_equal((pkt[2] << 8) | pkt[3], block);
        total += (size_t)n - 4;
        uint8_t ack[4] = {0, 4, (uint8_t)(block >> 8), (uint8_t)block};
        assert_int_equal(pxb_udp_send(client, &from, ack, sizeof ack), 0);
        if (n < 516)
            break;
    }
    pxb_udp_close(client);
    if (replied != NULL)
        *replied = from;
    return total;
}

static size_t fetch(uint16_t port, const char *name)
{
    return fetch_from("127.0.0.1", port, name, NULL);
}

/* A pxb_config_loader that copies the pxb_config at ctx. */
static int copy_loader(void *ctx, pxb_config *out, pxb_error *err)
{
    *out = *(const pxb_config *)ctx;
    return 0;
}

/* A pxb_config_loader that fails the way a bad stored value does. */
static int failing_loader(void *ctx, pxb_config *out, pxb_error *err)
{
    pxb_error_set(err, "Port: '70000' is not a number from 1 to 65535");
    return -1;
}

static void stop_after_round(void *ctx)
{
    pxb_runtime_request_stop(ctx);
}

/* n clients on 127.0.0.1 each send rrq to 127.0.0.1:port; then rt runs one round. */
static void request_from_many(pxb_runtime *rt, uint16_t port, pxb_udp **clients, int n,
                              const uint8_t *rrq, size_t len)
{
    pxb_error err = {0};
    pxb_addr any = loopback("127.0.0.1", 0), server = loopback("127.0.0.1", port);
    for (int i = 0; i < n; i++) {
        clients[i] = pxb_udp_open(&any, 0, 0, &err);
        assert_non_null(clients[i]);
        assert_int_equal(pxb_udp_send(clients[i], &server, rrq, len), 0);
    }
    pxb_runtime_on_round(rt, stop_after_round, rt);
    assert_int_equal(pxb_runtime_run(rt, NULL, NULL), 0);
}

/* --- tests -------------------------------------------------------------------------------- */

static void test_binds_and_releases(void **state)
{
    pxb_config cfg;
    pxb_error err = {0};
    uint16_t port = free_port();
    (void)state;
    start_capture();
    make_config(&cfg, "/nonexistent", "127.0.0.1 ::1", port);
    pxb_runtime *rt = pxb_runtime_create(&cfg, &err);
    assert_non_null(rt);
    assert_true(port_busy("127.0.0.1", port));
    assert_true(port_busy("::1", port));
    pxb_runtime_destroy(rt);
    assert_false(port_busy("127.0.0.1", port));
    assert_false(port_busy("::1", port));
    pxb_log_clear_sinks();
}

static void test_create_fails_when_nothing_binds(void **state)
{
    pxb_config cfg;
    pxb_error err = {0};
    (void)state;
    captured *c = start_capture();
    make_config(&cfg, "/nonexistent", "192.0.2.1", free_port()); /* TEST-NET: not ours */
    assert_null(pxb_runtime_create(&cfg, &err));
    assert_non_null(strstr(err.text, "no listen address could be bound"));
    assert_non_null(strstr(err.text, "192.0.2.1"));
    assert_int_equal(atomic_load(&c->listen_failed), 1);
    cfg.tftp_root[0] = '\0';
    assert_null(pxb_runtime_create(&cfg, &err));
    assert_string_equal(err.text, "TftpRoot is not set; give the folder to serve files from");
    pxb_log_clear_sinks();
}

static void test_apply_rebinds_what_changed(void **state)
{
    pxb_config cfg;
    pxb_error err = {0};
    uint16_t p1 = free_port();
    uint16_t p2 = free_port_except(p1);
    (void)state;
    captured *c = start_capture();
    make_config(&cfg, "/nonexistent", "127.0.0.1", p1);
    pxb_runtime *rt = pxb_runtime_create(&cfg, &err);
    assert_non_null(rt);
    make_config(&cfg, "/nonexistent", "127.0.0.1,::1", p1);
    assert_int_equal(pxb_runtime_apply(rt, &cfg, &err), 0);
    assert_int_equal(atomic_load(&c->stopped_listening), 0); /* 127.0.0.1 was kept */
    assert_true(port_busy("::1", p1));
    make_config(&cfg, "/nonexistent", "127.0.0.1,::1", p2);
    assert_int_equal(pxb_runtime_apply(rt, &cfg, &err), 0);
    assert_int_equal(atomic_load(&c->stopped_listening), 2);
    assert_false(port_busy("127.0.0.1", p1));
    assert_false(port_busy("::1", p1));
    assert_true(port_busy("127.0.0.1", p2));
    assert_true(port_busy("::1", p2));
    pxb_runtime_destroy(rt);
    pxb_log_clear_sinks();
}

static void test_apply_keeps_listeners_when_new_fail(void **state)
{
    pxb_config cfg, bad;
    pxb_error err = {0};
    uint16_t port = free_port();
    (void)state;
    start_capture();
    make_config(&cfg, "/nonexistent", "127.0.0.1", port);
    pxb_runtime *rt = pxb_runtime_create(&cfg, &err);
    assert_non_null(rt);
    make_config(&bad, "/nonexistent", "192.0.2.1", port);
    assert_int_equal(pxb_runtime_apply(rt, &bad, &err), -1);
    assert_non_null(strstr(err.text, "no listen address could be bound"));
    assert_true(port_busy("127.0.0.1", port));
    bad.tftp_root[0] = '\0';
    assert_int_equal(pxb_runtime_apply(rt, &bad, &err), -1);
    assert_true(port_busy("127.0.0.1", port));
    pxb_runtime_destroy(rt);
    pxb_log_clear_sinks();
}

static void test_serves_and_stops(void **state)
{
    tmptree t;
    pxb_config cfg;
    pxb_error err = {0};
    uint8_t contents[1300];
    run_thread r;
    uint16_t port = free_port();
    (void)state;
    start_capture();
    tmptree_create(&t);
    memset(contents, 'x', sizeof contents);
    tmptree_write(&t, "Hello.bin", contents, sizeof contents);
    make_config(&cfg, t.root, "127.0.0.1", port);
    pxb_runtime *rt = pxb_runtime_create(&cfg, &err);
    assert_non_null(rt);
    start_run(&r, rt, NULL, NULL);
    assert_int_equal(fetch(port, "HELLO.BIN"), sizeof contents);
    assert_int_equal(fetch(port, "hello.bin"), sizeof contents);
    assert_int_equal(stop_run(&r), 0);
    tftp_stats stats;
    pxb_runtime_get_stats(rt, &stats);
    assert_int_equal(stats.completed, 2);
    assert_int_equal(stats.active, 0);
    pxb_runtime_destroy(rt);
    tmptree_destroy(&t);
    pxb_log_clear_sinks();
}

/* 100 requests waiting on the listener all reach the engine in the first round: a request
 * read a round late may be a retransmission whose first transfer has ended already. */
static void test_reads_a_listener_in_one_round(void **state)
{
    enum { CLIENTS = 100 };
    tmptree t;
    pxb_config cfg;
    pxb_error err = {0};
    uint16_t port = free_port();
    pxb_udp *clients[CLIENTS];
    static const uint8_t rrq[] = "\0\1a.bin\0octet";
    (void)state;
    start_capture();
    tmptree_create(&t);
    tmptree_write(&t, "a.bin", "a", 1);
    make_config(&cfg, t.root, "127.0.0.1", port);
    pxb_runtime *rt = pxb_runtime_create(&cfg, &err);
    assert_non_null(rt);
    request_from_many(rt, port, clients, CLIENTS, rrq, sizeof rrq);
    tftp_stats stats;
    pxb_runtime_get_stats(rt, &stats);
    assert_int_equal(stats.requests, CLIENTS);
    for (int i = 0; i < CLIENTS; i++)
        pxb_udp_close(clients[i]);
    pxb_runtime_destroy(rt);
    tmptree_destroy(&t);
    pxb_log_clear_sinks();
}

/* 40 requests at once: the first 32 transfers share one transfer port, the other 8 get a
 * second one (TRANSFERS_PER_SOCKET), and every client gets its first block from its port. */
static void test_transfers_share_ports(void **state)
{
    enum { CLIENTS = 40, PER_PORT = 32 };
    tmptree t;
    pxb_config cfg;
    pxb_error err = {0};
    uint16_t port = free_port();
    pxb_udp *clients[CLIENTS];
    static const uint8_t rrq[] = "\0\1two.bin\0octet";
    static char two_blocks[700];
    (void)state;
    start_capture();
    tmptree_create(&t);
    tmptree_write(&t, "two.bin", two_blocks, sizeof two_blocks);
    make_config(&cfg, t.root, "127.0.0.1", port);
    pxb_runtime *rt = pxb_runtime_create(&cfg, &err);
    assert_non_null(rt);
    request_from_many(rt, port, clients, CLIENTS, rrq, sizeof rrq);
    uint16_t ports[2] = {0, 0};
    int on_port[2] = {0, 0};
    for (int i = 0; i < CLIENTS; i++) {
        uint8_t pkt[600];
        pxb_addr from;
        assert_int_equal(receive(clients[i], pkt, sizeof pkt, &from), 516);
        assert_int_not_equal(from.port, port);
        int k = ports[0] == 0 || ports[0] == from.port ? 0 : 1;
        assert_true(ports[k] == 0 || ports[k] == from.port);
        ports[k] = from.port;
        on_port[k]++;
        pxb_udp_close(clients[i]);
    }
    assert_int_equal(on_port[0], PER_PORT);
    assert_int_equal(on_port[1], CLIENTS - PER_PORT);
    pxb_runtime_destroy(rt);
    tmptree_destroy(&t);
    pxb_log_clear_sinks();
}

static void test_replies_from_the_address_asked(void **state)
{
    tmptree t;
    pxb_config cfg;
    char text[PXB_ADDR_TEXT_MAX];
    pxb_error err = {0};
    run_thread r;
    pxb_addr replied;
    uint16_t port = free_port();
    (void)state;
    start_capture();
    tmptree_create(&t);
    tmptree_write(&t, "a.bin", "abc", 3);
    make_config(&cfg, t.root, "0.0.0.0", port);
    pxb_runtime *rt = pxb_runtime_create(&cfg, &err);
    assert_non_null(rt);
    start_run(&r, rt, NULL, NULL);
    /* Sent to 127.0.0.2 from 127.0.0.1: the OS would answer from 127.0.0.1, which a PXE
     * client would not take as its server. */
    assert_int_equal(fetch_from("127.0.0.2", port, "a.bin", &replied), 3);
    pxb_addr_format_host(&replied, text, sizeof text);
    assert_string_equal(text, "127.0.0.2");
    assert_int_equal(fetch_from("127.0.0.1", port, "a.bin", &replied), 3);
    pxb_addr_format_host(&replied, text, sizeof text);
    assert_string_equal(text, "127.0.0.1");
    assert_int_equal(stop_run(&r), 0);
    pxb_runtime_destroy(rt);
    tmptree_destroy(&t);
    pxb_log_clear_sinks();
}

static void test_reports_loops(void **state)
{
    tmptree t;
    pxb_config cfg;
    pxb_error err = {0};
    run_thread r;
    uint16_t port = free_port();
    const char *first_stages[] = {"undionly.kpxe"};
    (void)state;
    start_capture();
    tmptree_create(&t);
    tmptree_mkdir(&t, "Boot");
    tmptree_write(&t, "Boot/undionly.kpxe", "kpxe", 4);
    make_config(&cfg, t.root, "127.0.0.1", port);
    pxb_runtime *rt = pxb_runtime_create(&cfg, &err);
    assert_non_null(rt);
    assert_int_equal(pxb_runtime_set_first_stages(rt, first_stages, 1), 0);
    start_run(&r, rt, NULL, NULL);
    for (int i = 0; i < 3; i++)
        assert_int_equal(fetch(port, "boot\\UNDIONLY.KPXE"), 4);
    assert_int_equal(stop_run(&r), 0);
    loop_info loops[2];
    assert_int_equal(pxb_runtime_get_loops(rt, loops, 2), 1);
    char client[PXB_ADDR_TEXT_MAX];
    pxb_addr_format(&loops[0].client, client, sizeof client);
    assert_string_equal(client, "127.0.0.1");
    assert_int_equal(loops[0].count, 3);
    pxb_runtime_destroy(rt);
    tmptree_destroy(&t);
    pxb_log_clear_sinks();
}

/* A pxb_config_applied_fn that keeps the port of the configuration applied. */
static void note_applied(void *ctx, const pxb_config *cfg)
{
    *(uint16_t *)ctx = cfg->port;
}

static void test_reload(void **state)
{
    tmptree t;
    pxb_config cfg, next;
    pxb_error err = {0};
    run_thread r;
    uint16_t p1 = free_port();
    uint16_t p2 = free_port_except(p1);
    (void)state;
    captured *c = start_capture();
    tmptree_create(&t);
    tmptree_write(&t, "a", "12345", 5);
    make_config(&cfg, t.root, "127.0.0.1", p1);
    pxb_runtime *rt = pxb_runtime_create(&cfg, &err);
    assert_non_null(rt);

    start_run(&r, rt, failing_loader, NULL);
    pxb_runtime_request_reload(rt);
    assert_int_equal(wait_for(&c->config_error), 1);
    assert_int_equal(fetch(p1, "a"), 5);
    assert_int_equal(stop_run(&r), 0);
    assert_string_equal(c->config_error_text,
                        "configuration not reloaded: Port: '70000' is not a number from 1 to "
                        "65535; the one in force is kept");

    make_config(&next, t.root, "127.0.0.1", p2);
    uint16_t applied_port = 0;
    pxb_runtime_on_reload(rt, note_applied, &applied_port);
    start_run(&r, rt, copy_loader, &next);
    pxb_runtime_request_reload(rt);
    assert_int_equal(wait_for(&c->reloaded), 1);
    assert_int_equal(fetch(p2, "a"), 5);
    assert_int_equal(applied_port, p2);
    assert_false(port_busy("127.0.0.1", p1));
    assert_int_equal(stop_run(&r), 0);
    pxb_runtime_destroy(rt);
    tmptree_destroy(&t);
    pxb_log_clear_sinks();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_binds_and_releases),
        cmocka_unit_test(test_create_fails_when_nothing_binds),
        cmocka_unit_test(test_apply_rebinds_what_changed),
        cmocka_unit_test(test_apply_keeps_listeners_when_new_fail),
        cmocka_unit_test(test_serves_and_stops),
        cmocka_unit_test(test_reads_a_listener_in_one_round),
        cmocka_unit_test(test_transfers_share_ports),
        cmocka_unit_test(test_replies_from_the_address_asked),
        cmocka_unit_test(test_reports_loops),
        cmocka_unit_test(test_reload),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
