/* test_proxy_guard.c: unit tests for the proxyDHCP flood guard: a real PXE client's
 * retries (4, 8, 16, 32 s) are never turned away, a client sending more than 4 in 2 s is,
 * until its window has passed, a flood from ever new MACs is held by the ceiling of 2000
 * answers a second, and what was turned away is reported once per 60 s with the number
 * of clients, then counted anew. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "proxy_guard.h"

static const uint8_t MAC_A[6] = {0x52, 0x54, 0x00, 0, 0, 0xa};
static const uint8_t MAC_B[6] = {0x52, 0x54, 0x00, 0, 0, 0xb};

/* A MAC of its own for each number. */
static void mac_of(uint32_t n, uint8_t mac[6])
{
    mac[0] = 0x02;
    mac[1] = 0;
    mac[2] = (uint8_t)(n >> 24);
    mac[3] = (uint8_t)(n >> 16);
    mac[4] = (uint8_t)(n >> 8);
    mac[5] = (uint8_t)n;
}

static void test_pxe_retries_are_admitted(void **state)
{
    pxb_proxy_guard *g = pxb_proxy_guard_create();
    /* discovers at 0, 4, 12, 28, 60 s, each with its 4011 request 50 ms later */
    static const uint64_t at_s[] = {0, 4, 12, 28, 60};
    size_t clients;

    (void)state;
    assert_non_null(g);
    for (size_t i = 0; i < sizeof at_s / sizeof at_s[0]; i++) {
        assert_true(pxb_proxy_guard_admit(g, MAC_A, 6, 1000000 + at_s[i] * 1000));
        assert_true(pxb_proxy_guard_admit(g, MAC_A, 6, 1000000 + at_s[i] * 1000 + 50));
    }
    assert_int_equal(pxb_proxy_guard_report(g, 1000000 + 120000, &clients), 0);
    pxb_proxy_guard_destroy(g);
}

static void test_per_client_window(void **state)
{
    pxb_proxy_guard *g = pxb_proxy_guard_create();
    size_t clients = 99;

    (void)state;
    assert_non_null(g);
    for (int i = 0; i < 4; i++)
        assert_true(pxb_proxy_guard_admit(g, MAC_A, 6, 5000 + (uint64_t)i));
    assert_false(pxb_proxy_guard_admit(g, MAC_A, 6, 5010));
    assert_false(pxb_proxy_guard_admit(g, MAC_A, 6, 6999));
    assert_true(pxb_proxy_guard_admit(g, MAC_B, 6, 6999)); /* others are not held */
    assert_true(pxb_proxy_guard_admit(g, MAC_A, 6, 7000)); /* its window has passed */
    /* the report waits for its interval, then says it once */
    assert_int_equal(pxb_proxy_guard_report(g, 5000 + 59999, &clients), 0);
    assert_int_equal(clients, 0);
    assert_int_equal(pxb_proxy_guard_report(g, 5000 + 60000, &clients), 2);
    assert_int_equal(clients, 1);
    assert_int_equal(pxb_proxy_guard_report(g, 5000 + 60001, &clients), 0);
    /* the next interval counts anew */
    for (int i = 0; i < 5; i++)
        pxb_proxy_guard_admit(g, MAC_B, 6, 70000);
    assert_int_equal(pxb_proxy_guard_report(g, 5000 + 120000, &clients), 1);
    assert_int_equal(clients, 1);
    pxb_proxy_guard_destroy(g);
}

/* Every datagram from a new MAC: the per-client limit never bites, the ceiling does. */
static void test_total_ceiling(void **state)
{
    pxb_proxy_guard *g = pxb_proxy_guard_create();
    uint8_t mac[6];
    uint32_t admitted = 0, n = 0;
    size_t clients;

    (void)state;
    assert_non_null(g);
    for (; n < 5000; n++) {
        mac_of(n, mac);
        admitted += (uint32_t)pxb_proxy_guard_admit(g, mac, 6, 100 + n / 10);
    }
    /* 5000 datagrams in 500 ms */
    assert_int_equal(admitted, 2000);
    mac_of(n, mac);
    assert_true(pxb_proxy_guard_admit(g, mac, 6, 100 + 1000));
    assert_int_equal(pxb_proxy_guard_report(g, 100 + 60000, &clients), 3000);
    assert_int_equal(clients, 3000);
    pxb_proxy_guard_destroy(g);
}

/* A million senders: the table keeps its size (it is allocated once), and a client seen
 * again after its entry was taken by others starts afresh rather than being held. */
static void test_many_senders(void **state)
{
    pxb_proxy_guard *g = pxb_proxy_guard_create();
    uint8_t mac[6];
    size_t clients;

    (void)state;
    assert_non_null(g);
    for (int i = 0; i < 4; i++)
        assert_true(pxb_proxy_guard_admit(g, MAC_A, 6, 0));
    for (uint32_t n = 0; n < 1000000; n++) {
        mac_of(n, mac);
        assert_true(pxb_proxy_guard_admit(g, mac, 6, 1 + n)); /* 1000 a second */
    }
    assert_true(pxb_proxy_guard_admit(g, MAC_A, 6, 1000 * 1000 + 5));
    assert_int_equal(pxb_proxy_guard_report(g, 1000 * 1000 + 10, &clients), 0);
    /* an address as the key (a datagram without a usable chaddr) and an empty key */
    assert_true(pxb_proxy_guard_admit(g, (const uint8_t *)"\x0a\x00\x00\x32", 4, 1));
    assert_true(pxb_proxy_guard_admit(g, NULL, 0, 1));
    pxb_proxy_guard_destroy(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pxe_retries_are_admitted),
        cmocka_unit_test(test_per_client_window),
        cmocka_unit_test(test_total_ceiling),
        cmocka_unit_test(test_many_senders),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
