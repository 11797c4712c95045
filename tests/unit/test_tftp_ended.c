/* test_tftp_ended.c: unit tests for the record of recently ended transfers (tftp_ended.c):
 * an unknown client, a remembered end and its expiry, the latest end of a client against an
 * earlier one on another socket, the client's port telling two transfers of one host apart,
 * the oldest entry forgotten when the ring is full, and a long mix of ends over few buckets
 * checked against a plain list of every end. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tftp_ended.h"

static pxb_addr client(uint8_t host, uint16_t port)
{
    pxb_addr a;
    memset(&a, 0, sizeof a);
    a.family = PXB_AF_INET4;
    a.ip[0] = 192, a.ip[1] = 0, a.ip[2] = 2, a.ip[3] = host;
    a.port = port;
    return a;
}

/* A record of 4 entries for each test that needs no other. */
static int setup(void **state)
{
    *state = tftp_ended_create(4);
    return *state == NULL ? -1 : 0;
}

static int teardown(void **state)
{
    tftp_ended_destroy(*state);
    return 0;
}

static void test_unknown_client(void **state)
{
    tftp_ended *e = *state;
    pxb_addr c = client(1, 1000);
    assert_int_equal(tftp_ended_socket(e, &c, 0), -1);
    assert_false(tftp_ended_here(e, &c, 0, 0));
}

static void test_remembered_until_its_time(void **state)
{
    tftp_ended *e = *state;
    pxb_addr c = client(1, 1000);
    tftp_ended_add(e, &c, 7, 2000);
    assert_int_equal(tftp_ended_socket(e, &c, 1999), 7);
    assert_true(tftp_ended_here(e, &c, 7, 1999));
    assert_false(tftp_ended_here(e, &c, 8, 1999));
    assert_int_equal(tftp_ended_socket(e, &c, 2000), -1);
    assert_false(tftp_ended_here(e, &c, 7, 2000));
}

static void test_latest_end_and_earlier_ones(void **state)
{
    tftp_ended *e = *state;
    pxb_addr c = client(1, 1000), same_host = client(1, 1001);
    tftp_ended_add(e, &c, 7, 3000);
    tftp_ended_add(e, &c, 9, 2500);
    assert_int_equal(tftp_ended_socket(e, &c, 0), 9);
    assert_true(tftp_ended_here(e, &c, 7, 2800));
    assert_int_equal(tftp_ended_socket(e, &c, 2800), -1); /* the latest one's time is over */
    assert_int_equal(tftp_ended_socket(e, &same_host, 0), -1);
}

static void test_oldest_forgotten_when_full(void **state)
{
    (void)state;
    tftp_ended *e = tftp_ended_create(2);
    pxb_addr a = client(1, 1), b = client(2, 2), c = client(3, 3);
    tftp_ended_add(e, &a, 1, 100);
    tftp_ended_add(e, &b, 2, 100);
    tftp_ended_add(e, &c, 3, 100);
    assert_int_equal(tftp_ended_socket(e, &a, 0), -1);
    assert_int_equal(tftp_ended_socket(e, &b, 0), 2);
    assert_int_equal(tftp_ended_socket(e, &c, 0), 3);
    tftp_ended_destroy(e);
}

#define CAPACITY 50
#define ENDS 20000
#define CLIENTS 3000 /* more clients than buckets: chains of several */

/* Every end in order; the model's answer is the latest of the last CAPACITY ends. */
static struct { pxb_addr client; int sock; uint64_t until; } ends[ENDS];

static int model_socket(size_t count, const pxb_addr *c, uint64_t now)
{
    size_t first = count > CAPACITY ? count - CAPACITY : 0;
    for (size_t i = count; i > first; i--)
        if (pxb_addr_equal(&ends[i - 1].client, c))
            return ends[i - 1].until > now ? ends[i - 1].sock : -1;
    return -1;
}

static void test_against_a_list(void **state)
{
    (void)state;
    tftp_ended *e = tftp_ended_create(CAPACITY);
    uint32_t seed = 12345;
    for (size_t n = 0; n < ENDS; n++) {
        seed = seed * 1103515245u + 12345u;
        uint32_t k = (seed >> 8) % CLIENTS;
        ends[n].client = client((uint8_t)(k % 200), (uint16_t)(1000 + k / 200));
        ends[n].sock = (int)(seed % 97);
        ends[n].until = n + (seed >> 20) % 64;
        tftp_ended_add(e, &ends[n].client, ends[n].sock, ends[n].until);
        for (size_t probe = n + 1 > 8 ? n + 1 - 8 : 0; probe <= n; probe++)
            assert_int_equal(tftp_ended_socket(e, &ends[probe].client, n),
                             model_socket(n + 1, &ends[probe].client, n));
    }
    tftp_ended_destroy(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_unknown_client, setup, teardown),
        cmocka_unit_test_setup_teardown(test_remembered_until_its_time, setup, teardown),
        cmocka_unit_test_setup_teardown(test_latest_end_and_earlier_ones, setup, teardown),
        cmocka_unit_test(test_oldest_forgotten_when_full),
        cmocka_unit_test(test_against_a_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
