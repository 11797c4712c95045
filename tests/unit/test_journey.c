/* test_journey.c: unit tests for the per-client journey store (journey.h): a TFTP download
 * is one step from its start to how it ended (done, client abort, timeout, error sent,
 * refused path, loop) with its bytes and duration; ports are ignored; a proxyDHCP answer
 * teaches the MAC and architecture; at most JOURNEY_STEPS steps, the oldest dropped and
 * counted; at most JOURNEY_CLIENTS clients, the least recently seen dropped first; the list
 * is most recent first; lookup by address and by MAC. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "journey.h"
#include "tftp_packet.h"

static pxb_addr addr(const char *text, uint16_t port)
{
    pxb_addr a;
    assert_int_equal(pxb_addr_parse(text, &a), 0);
    a.port = port;
    return a;
}

static void feed(journey *j, int kind, const char *client, uint16_t port, const char *path,
                 uint64_t bytes, uint16_t error, uint64_t now_ms)
{
    pxb_addr from = addr(client, port);
    tftp_event ev = {.kind = kind, .client = &from, .path = path, .bytes = bytes,
                     .duration_ms = bytes / 1000, .tftp_error = error};
    journey_feed_tftp(j, &ev, 0, now_ms);
}

static journey_client *find(journey *j, const char *client)
{
    static journey_client c;
    pxb_addr host = addr(client, 0);
    assert_int_equal(journey_find_host(j, &host, &c), 0);
    return &c;
}

static void test_download_is_one_step_with_outcome(void **state)
{
    journey *j = journey_create();
    (void)state;
    feed(j, TFTP_EVENT_STARTED, "192.0.2.5", 2000, "ipxe.efi", 0, 0, 100);
    feed(j, TFTP_EVENT_COMPLETED, "192.0.2.5", 2000, "ipxe.efi", 1000000, 0, 1100);
    journey_client *c = find(j, "192.0.2.5");
    assert_int_equal(c->step_count, 1);
    assert_int_equal(c->steps[0].kind, JOURNEY_TFTP_FILE);
    assert_int_equal(c->steps[0].end, JOURNEY_DONE);
    assert_string_equal(c->steps[0].name, "ipxe.efi");
    assert_int_equal(c->steps[0].bytes, 1000000);
    assert_int_equal(c->steps[0].duration_ms, 1000);
    assert_int_equal(c->steps[0].at_ms, 100);
    assert_int_equal(c->first_ms, 100);
    assert_int_equal(c->last_ms, 1100);
    journey_destroy(j);
}

static void test_each_end_is_told_apart(void **state)
{
    journey *j = journey_create();
    (void)state;
    /* UEFI's size probe then the download on another port: two steps. */
    feed(j, TFTP_EVENT_STARTED, "192.0.2.6", 1, "a", 0, 0, 1);
    feed(j, TFTP_EVENT_ABORTED, "192.0.2.6", 1, "a", 0, TFTP_ERR_OPTION, 2);
    feed(j, TFTP_EVENT_STARTED, "192.0.2.6", 2, "b", 0, 0, 3);
    feed(j, TFTP_EVENT_FAILED, "192.0.2.6", 2, "b", 512, 0, 4);
    feed(j, TFTP_EVENT_REFUSED, "192.0.2.6", 3, "c", 0, TFTP_ERR_NOT_FOUND, 5);
    feed(j, TFTP_EVENT_REFUSED, "192.0.2.6", 4, "../d", 0, TFTP_ERR_ACCESS, 6);
    feed(j, TFTP_EVENT_DEFERRED, "192.0.2.6", 5, "e", 0, 0, 7);
    feed(j, TFTP_EVENT_STARTED, "192.0.2.6", 6, "undionly.kpxe", 0, 0, 8);
    feed(j, TFTP_EVENT_COMPLETED, "192.0.2.6", 6, "undionly.kpxe", 9, 0, 9);
    pxb_addr host = addr("192.0.2.6", 6);
    journey_note_loop(j, &host);
    journey_client *c = find(j, "192.0.2.6");
    assert_int_equal(c->step_count, 5);
    const journey_end want[] = {JOURNEY_CLIENT_ABORT, JOURNEY_TIMEOUT, JOURNEY_ERROR_SENT,
                                JOURNEY_REFUSED_PATH, JOURNEY_LOOP};
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(c->steps[i].end, want[i]);
    assert_int_equal(c->steps[1].bytes, 512);
    assert_string_equal(c->steps[3].name, "../d");
    assert_string_equal(journey_end_name(JOURNEY_REFUSED_PATH), "refused-path");
    journey_destroy(j);
}

static void test_steps_are_bounded_oldest_dropped(void **state)
{
    journey *j = journey_create();
    char name[16];
    (void)state;
    for (int i = 0; i < JOURNEY_STEPS + 5; i++) {
        snprintf(name, sizeof name, "f%d", i);
        feed(j, TFTP_EVENT_REFUSED, "192.0.2.7", 1, name, 0, TFTP_ERR_NOT_FOUND, (uint64_t)i + 1);
    }
    journey_client *c = find(j, "192.0.2.7");
    assert_int_equal(c->step_count, JOURNEY_STEPS);
    assert_int_equal(c->dropped, 5);
    assert_string_equal(c->steps[0].name, "f5");
    snprintf(name, sizeof name, "f%d", JOURNEY_STEPS + 4);
    assert_string_equal(c->steps[JOURNEY_STEPS - 1].name, name);
    assert_int_equal(c->first_ms, 1);
    journey_destroy(j);
}

static void test_clients_are_bounded_least_recent_dropped(void **state)
{
    journey *j = journey_create();
    char host[32];
    (void)state;
    for (int i = 0; i < JOURNEY_CLIENTS; i++) {
        snprintf(host, sizeof host, "10.0.%d.%d", i / 200, i % 200 + 1);
        feed(j, TFTP_EVENT_STARTED, host, 1, "x", 0, 0, (uint64_t)i + 1);
    }
    /* The first client is seen again: the second is now the least recent. */
    feed(j, TFTP_EVENT_COMPLETED, "10.0.0.1", 1, "x", 1, 0, 1000);
    feed(j, TFTP_EVENT_STARTED, "192.0.2.99", 1, "y", 0, 0, 1001);
    assert_int_equal(journey_count(j), JOURNEY_CLIENTS);
    journey_client c;
    pxb_addr gone = addr("10.0.0.2", 0), kept = addr("10.0.0.1", 0);
    assert_int_equal(journey_find_host(j, &gone, &c), -1);
    assert_int_equal(journey_find_host(j, &kept, &c), 0);
    assert_int_equal(c.steps[0].end, JOURNEY_DONE);
    journey_destroy(j);
}

static void test_list_is_most_recent_first(void **state)
{
    journey *j = journey_create();
    journey_summary s[4];
    char text[PXB_ADDR_TEXT_MAX];
    (void)state;
    feed(j, TFTP_EVENT_STARTED, "192.0.2.1", 1, "a", 0, 0, 1);
    feed(j, TFTP_EVENT_STARTED, "192.0.2.2", 1, "b", 0, 0, 2);
    feed(j, TFTP_EVENT_STARTED, "2001:db8::3", 1, "c", 0, 0, 3);
    feed(j, TFTP_EVENT_COMPLETED, "192.0.2.1", 7, "a", 4, 0, 4);
    assert_int_equal(journey_list(j, s, 4), 3);
    pxb_addr_format_host(&s[0].host, text, sizeof text);
    assert_string_equal(text, "192.0.2.1");
    assert_int_equal(s[0].last.end, JOURNEY_DONE);
    assert_int_equal(s[0].steps, 1);
    pxb_addr_format_host(&s[1].host, text, sizeof text);
    assert_string_equal(text, "2001:db8::3");
    assert_int_equal(journey_list(j, s, 2), 2);
    journey_destroy(j);
}

static void test_proxy_answer_teaches_mac_and_arch(void **state)
{
    journey *j = journey_create();
    const uint8_t mac[6] = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};
    const uint8_t other[6] = {0x52, 0x54, 0x00, 0x12, 0x34, 0x57};
    pxb_addr host = addr("192.0.2.40", 68);
    journey_client c;
    (void)state;
    journey_feed_proxy(j, &host, mac, "x64-uefi", JOURNEY_PROXY_OFFER, "ipxe.efi", 10);
    feed(j, TFTP_EVENT_STARTED, "192.0.2.40", 1, "ipxe.efi", 0, 0, 20);
    assert_int_equal(journey_find_mac(j, mac, &c), 0);
    assert_int_equal(journey_find_mac(j, other, &c), -1);
    assert_string_equal(c.arch, "x64-uefi");
    assert_int_equal(c.step_count, 2);
    assert_int_equal(c.steps[0].kind, JOURNEY_PROXY_OFFER);
    assert_int_equal(c.steps[0].end, JOURNEY_DONE);
    assert_string_equal(c.steps[0].name, "ipxe.efi");
    assert_int_equal(c.steps[1].end, JOURNEY_RUNNING);
    journey_destroy(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_download_is_one_step_with_outcome),
        cmocka_unit_test(test_each_end_is_told_apart),
        cmocka_unit_test(test_steps_are_bounded_oldest_dropped),
        cmocka_unit_test(test_clients_are_bounded_least_recent_dropped),
        cmocka_unit_test(test_list_is_most_recent_first),
        cmocka_unit_test(test_proxy_answer_teaches_mac_and_arch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
