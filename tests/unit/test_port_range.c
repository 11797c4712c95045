/* test_port_range.c: the transfer-port bind. Pure: a fixed port (or no range) is tried once
 * as it is, the rotating start, a bound port ends the search, an error other than "in use"
 * stops it, a full range says so. With the native
 * socket backend: sockets opened on a small range take distinct ports inside it, and one
 * more than the range holds fails with a message naming the range. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "net.h"
#include "port_range.h"

typedef struct fake_ports {
    uint16_t tried[16];
    int count;
    uint16_t free_port; /* the one port that binds; 0 = none */
    uint16_t broken;    /* this port fails with an error */
} fake_ports;

static int fake_try(void *ctx, const pxb_addr *addr)
{
    fake_ports *f = ctx;
    uint16_t port = addr->port;
    f->tried[f->count++] = port;
    if (port == f->broken)
        return PXB_PORT_ERROR;
    return port == f->free_port ? PXB_PORT_BOUND : PXB_PORT_IN_USE;
}

/* The address the fake binds: any port of a range. */
static const pxb_addr any = {.family = PXB_AF_INET4};

static void test_fixed_port_tried_once_as_it_is(void **state)
{
    fake_ports f = {0};
    pxb_addr fixed = {.family = PXB_AF_INET4, .port = 69};
    assert_int_equal(pxb_port_bind(&fixed, 100, 104, fake_try, &f), PXB_PORT_IN_USE);
    assert_int_equal(f.count, 1);
    assert_int_equal(f.tried[0], 69);
}

static void test_no_range_binds_port_zero_once(void **state)
{
    fake_ports f = {.free_port = 0, .broken = 1};
    assert_int_equal(pxb_port_bind(&any, 0, 0, fake_try, &f), PXB_PORT_BOUND);
    assert_int_equal(f.count, 1);
    assert_int_equal(f.tried[0], 0);
}

static void test_full_range_tries_every_port_once(void **state)
{
    fake_ports f = {0};
    assert_int_equal(pxb_port_bind(&any, 100, 104, fake_try, &f), PXB_PORT_RANGE_FULL);
    assert_int_equal(f.count, 5);
    int seen[5] = {0};
    for (int i = 0; i < f.count; i++) {
        assert_in_range(f.tried[i], 100, 104);
        seen[f.tried[i] - 100]++;
    }
    for (int i = 0; i < 5; i++)
        assert_int_equal(seen[i], 1);
}

static void test_start_rotates(void **state)
{
    fake_ports a = {0}, b = {0};
    pxb_port_bind(&any, 100, 104, fake_try, &a);
    pxb_port_bind(&any, 100, 104, fake_try, &b);
    assert_int_equal(b.tried[0], a.tried[0] == 104 ? 100 : a.tried[0] + 1);
}

static void test_stops_at_bound_port(void **state)
{
    fake_ports f = {.free_port = 102};
    assert_int_equal(pxb_port_bind(&any, 100, 104, fake_try, &f), PXB_PORT_BOUND);
    assert_int_equal(f.tried[f.count - 1], 102);
}

static void test_stops_at_error(void **state)
{
    fake_ports f = {.broken = 101, .free_port = 0};
    assert_int_equal(pxb_port_bind(&any, 100, 104, fake_try, &f), PXB_PORT_ERROR);
    assert_int_equal(f.tried[f.count - 1], 101);
}

static void test_sockets_take_distinct_ports_of_range(void **state)
{
    pxb_error err = {0};
    pxb_addr local;
    assert_int_equal(pxb_addr_parse("127.0.0.1", &local), 0);
    /* Find three consecutive free ports by taking an ephemeral one and its neighbours. */
    pxb_udp *probe = pxb_udp_open(&local, 0, 0, &err);
    assert_non_null(probe);
    pxb_addr bound;
    pxb_udp_local(probe, &bound);
    pxb_udp_close(probe);
    uint16_t lo = bound.port > 60000 ? 50000 : bound.port;
    pxb_udp *socks[3];
    uint16_t ports[3];
    for (int i = 0; i < 3; i++) {
        socks[i] = pxb_udp_open(&local, lo, (uint16_t)(lo + 2), &err);
        if (socks[i] == NULL)
            skip(); /* another program took a port of the range meanwhile */
        pxb_udp_local(socks[i], &bound);
        ports[i] = bound.port;
        assert_in_range(ports[i], lo, lo + 2);
    }
    assert_true(ports[0] != ports[1] && ports[1] != ports[2] && ports[0] != ports[2]);
    assert_null(pxb_udp_open(&local, lo, (uint16_t)(lo + 2), &err));
    assert_non_null(strstr(err.text, "to a port in"));
    for (int i = 0; i < 3; i++)
        pxb_udp_close(socks[i]);
}

/* The failure wording of each kind of result: the full range in words of its own (no OS
 * code), an OS error with its code, and a NULL error accepted. */
static void test_failure_described(void **state)
{
    pxb_addr local;
    pxb_error err;
    (void)state;
    assert_int_equal(pxb_addr_parse("127.0.0.1", &local), 0);
    pxb_port_describe_failure(PXB_PORT_RANGE_FULL, &local, 50000, 50002, 98, "in use", &err);
    assert_string_equal(err.text, "cannot bind 127.0.0.1 to a port in 50000-50002: every port "
                                  "of the range is in use");
    assert_int_equal(err.code, 0);
    pxb_port_describe_failure(PXB_PORT_ERROR, &local, 50000, 50002, 13, "denied", &err);
    assert_string_equal(err.text, "cannot bind 127.0.0.1 to a port in 50000-50002: denied");
    assert_int_equal(err.code, 13);
    local.port = 69;
    pxb_port_describe_failure(PXB_PORT_IN_USE, &local, 0, 0, 98, "in use", &err);
    assert_string_equal(err.text, "cannot bind 127.0.0.1:69: in use");
    assert_int_equal(err.code, 98);
    pxb_port_describe_failure(PXB_PORT_IN_USE, &local, 0, 0, 98, "in use", NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixed_port_tried_once_as_it_is),
        cmocka_unit_test(test_no_range_binds_port_zero_once),
        cmocka_unit_test(test_full_range_tries_every_port_once),
        cmocka_unit_test(test_start_rotates),
        cmocka_unit_test(test_stops_at_bound_port),
        cmocka_unit_test(test_stops_at_error),
        cmocka_unit_test(test_sockets_take_distinct_ports_of_range),
        cmocka_unit_test(test_failure_described),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
