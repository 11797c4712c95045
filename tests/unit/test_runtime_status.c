/* test_runtime_status.c: unit tests for the status board's snapshot slot, on one thread:
 * nothing can be read before a round answers an ask; a round publishes what the runtime
 * holds (root, listeners, port, counters) for every ticket up to the newest; a round with
 * nothing asked publishes nothing new; a newer ask is not answered by the older snapshot;
 * the proxyDHCP server's mode is the plan's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "config.h"
#include "net.h"
#include "runtime.h"
#include "runtime_status.h"


typedef struct fixture {
    pxb_config cfg;
    pxb_runtime *rt;
    pxb_status_board *board;
    pxb_runtime_status snap;
} fixture;

/* A UDP port on 127.0.0.1 that was free a moment ago. */
static uint16_t free_port(void)
{
    pxb_error err = {0};
    pxb_addr any, bound;
    assert_int_equal(pxb_addr_parse("127.0.0.1", &any), 0);
    any.port = 0;
    pxb_udp *s = pxb_udp_open(&any, 0, 0, &err);
    assert_non_null(s);
    pxb_udp_local(s, &bound);
    pxb_udp_close(s);
    return bound.port;
}

static void set(pxb_config *cfg, const char *name, const char *value)
{
    pxb_error err;
    if (pxb_config_set(cfg, name, value, &err) != 0)
        fail_msg("%s=%s: %s", name, value, err.text);
}

static int setup(void **state)
{
    static fixture f;
    char port[8];
    pxb_error err = {0};
    memset(&f, 0, sizeof f);
    snprintf(port, sizeof port, "%u", (unsigned)free_port());
    pxb_config_defaults(&f.cfg);
    set(&f.cfg, "TftpRoot", "/srv/first");
    set(&f.cfg, "ListenAddresses", "127.0.0.1");
    set(&f.cfg, "Port", port);
    f.rt = pxb_runtime_create(&f.cfg, &err);
    if (f.rt == NULL)
        fail_msg("runtime: %s", err.text);
    f.board = pxb_status_board_create(f.rt);
    assert_non_null(f.board);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    pxb_status_board_destroy(f->board);
    pxb_runtime_destroy(f->rt);
    return 0;
}

static void test_nothing_before_a_round(void **state)
{
    fixture *f = *state;
    assert_int_equal(pxb_status_board_read(f->board, 1, &f->snap), -1);
    uint64_t ticket = pxb_status_board_ask(f->board);
    assert_int_equal(ticket, 1);
    assert_int_equal(pxb_status_board_read(f->board, ticket, &f->snap), -1);
}

static void test_round_publishes_the_runtime(void **state)
{
    fixture *f = *state;
    uint64_t ticket = pxb_status_board_ask(f->board);
    pxb_status_board_round(f->board);
    assert_int_equal(pxb_status_board_read(f->board, ticket, &f->snap), 0);
    assert_string_equal(f->snap.tftp_root, "/srv/first");
    assert_int_equal(f->snap.port, f->cfg.port);
    assert_int_equal(f->snap.listen_count, 1);
    assert_int_equal(f->snap.listen[0].family, f->cfg.listen[0].family);
    assert_int_equal(f->snap.stats.requests, 0);
    assert_int_equal(f->snap.loop_count, 0);
    assert_int_equal(f->snap.loops_total, 0);
    assert_true(f->snap.taken_ms > 0);
}

static void test_one_round_answers_every_ticket(void **state)
{
    fixture *f = *state;
    uint64_t first = pxb_status_board_ask(f->board);
    uint64_t second = pxb_status_board_ask(f->board);
    assert_true(second > first);
    pxb_status_board_round(f->board);
    assert_int_equal(pxb_status_board_read(f->board, first, &f->snap), 0);
    assert_int_equal(pxb_status_board_read(f->board, second, &f->snap), 0);
    assert_int_equal(pxb_status_board_read(f->board, second + 1, &f->snap), -1);
}

static void test_newer_ask_waits_for_its_round(void **state)
{
    fixture *f = *state;
    pxb_error err = {0};
    uint64_t old = pxb_status_board_ask(f->board);
    pxb_status_board_round(f->board);
    set(&f->cfg, "TftpRoot", "/srv/second");
    assert_int_equal(pxb_runtime_apply(f->rt, &f->cfg, &err), 0);
    /* Nothing asked: a round keeps the old snapshot. */
    pxb_status_board_round(f->board);
    assert_int_equal(pxb_status_board_read(f->board, old, &f->snap), 0);
    assert_string_equal(f->snap.tftp_root, "/srv/first");
    uint64_t fresh = pxb_status_board_ask(f->board);
    assert_int_equal(pxb_status_board_read(f->board, fresh, &f->snap), -1);
    pxb_status_board_round(f->board);
    assert_int_equal(pxb_status_board_read(f->board, fresh, &f->snap), 0);
    assert_string_equal(f->snap.tftp_root, "/srv/second");
}

/* The proxyDHCP server's part: off with no sockets until a plan says otherwise, then the
 * plan's mode (its socket on 127.0.0.1:4011 may be taken by another program here: not
 * counted on). */
static void test_round_publishes_the_proxy(void **state)
{
    fixture *f = *state;
    pxb_boot_plan plan;
    pxb_error err = {0};
    uint64_t ticket = pxb_status_board_ask(f->board);
    pxb_status_board_round(f->board);
    assert_int_equal(pxb_status_board_read(f->board, ticket, &f->snap), 0);
    assert_string_equal(f->snap.proxy.mode, "off");
    assert_int_equal(f->snap.proxy.listeners, 0);
    assert_int_equal(f->snap.proxy.verdict[PXB_PROXY_ACKED], 0);
    pxb_plan_defaults(&plan);
    assert_int_equal(pxb_plan_set(&plan, "ProxyDhcp", "4011", &err), 0);
    assert_int_equal(pxb_runtime_set_plan(f->rt, &plan), 0);
    ticket = pxb_status_board_ask(f->board);
    pxb_status_board_round(f->board);
    assert_int_equal(pxb_status_board_read(f->board, ticket, &f->snap), 0);
    assert_string_equal(f->snap.proxy.mode, "4011");
    assert_true(f->snap.proxy.listeners <= 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_nothing_before_a_round, setup, teardown),
        cmocka_unit_test_setup_teardown(test_round_publishes_the_runtime, setup, teardown),
        cmocka_unit_test_setup_teardown(test_one_round_answers_every_ticket, setup, teardown),
        cmocka_unit_test_setup_teardown(test_newer_ask_waits_for_its_round, setup, teardown),
        cmocka_unit_test_setup_teardown(test_round_publishes_the_proxy, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
