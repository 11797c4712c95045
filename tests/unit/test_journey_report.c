/* test_journey_report.c: unit tests for the "clients" answers of the status pipe: the list
 * gives each client's address, MAC (null until learnt), architecture, step count, state and
 * last step with times before the snapshot; the timeline gives every step with its kind,
 * name, bytes, duration and end, names escaped as JSON; a client not held gives the
 * error answer naming it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "journey_report.h"
#include "tftp_packet.h"

/* A snapshot of a store that saw 192.0.2.9 through proxyDHCP then download 2 MB of
 * ipxe.efi in 1 s, and 192.0.2.10 refused "../x\"y". */
static pxb_runtime_status *make_snapshot(const char *show)
{
    pxb_runtime_status *rt = calloc(1, sizeof *rt);
    journey *jy = journey_create();
    const uint8_t mac[6] = {0x52, 0x54, 0x00, 0xab, 0xcd, 0xef};
    pxb_addr a, b;
    assert_non_null(rt);
    assert_int_equal(pxb_addr_parse("192.0.2.9", &a), 0);
    assert_int_equal(pxb_addr_parse("192.0.2.10", &b), 0);
    journey_feed_proxy(jy, &a, mac, "x64-uefi", JOURNEY_PROXY_OFFER, "ipxe.efi", 1000);
    tftp_event ev = {.kind = TFTP_EVENT_STARTED, .client = &a, .path = "ipxe.efi"};
    journey_feed_tftp(jy, &ev, 0, 2000);
    ev = (tftp_event){.kind = TFTP_EVENT_COMPLETED, .client = &a, .path = "ipxe.efi",
                      .bytes = 2000000, .duration_ms = 1000};
    journey_feed_tftp(jy, &ev, 0, 3000);
    ev = (tftp_event){.kind = TFTP_EVENT_REFUSED, .client = &b, .path = "../x\"y",
                      .tftp_error = TFTP_ERR_ACCESS};
    journey_feed_tftp(jy, &ev, 0, 4000);
    rt->taken_ms = 10000;
    rt->client_count = journey_list(jy, rt->clients, JOURNEY_CLIENTS);
    journey_key key;
    rt->client_found = show != NULL && journey_parse_key(show, &key) == 0 &&
                       journey_find(jy, &key, &rt->client) == 0;
    journey_destroy(jy);
    return rt;
}

static void assert_has(const char *text, const char *part)
{
    if (strstr(text, part) == NULL)
        fail_msg("'%s' not in %s", part, text);
}

static void test_list(void **state)
{
    pxb_runtime_status *rt = make_snapshot(NULL);
    pxb_json j;
    (void)state;
    pxb_json_init(&j);
    pxb_clients_report(&j, rt);
    const char *t = pxb_json_text(&j);
    assert_has(t, "\"ok\":true");
    /* Most recently seen first. */
    assert_true(strstr(t, "192.0.2.10") < strstr(t, "192.0.2.9\""));
    assert_has(t, "\"address\":\"192.0.2.10\",\"mac\":null,\"arch\":null,\"steps\":1,"
                  "\"state\":\"refused-path\"");
    assert_has(t, "\"mac\":\"52:54:00:ab:cd:ef\",\"arch\":\"x64-uefi\",\"steps\":2,"
                  "\"state\":\"done\"");
    assert_has(t, "\"first_seen_s_ago\":9,\"last_seen_s_ago\":7");
    pxb_json_free(&j);
    free(rt);
}

static void test_timeline(void **state)
{
    pxb_runtime_status *rt = make_snapshot("52-54-00-AB-CD-EF");
    pxb_json j;
    (void)state;
    pxb_json_init(&j);
    pxb_client_report(&j, rt, "52-54-00-AB-CD-EF");
    const char *t = pxb_json_text(&j);
    assert_has(t, "\"client\":{\"address\":\"192.0.2.9\"");
    assert_has(t, "{\"kind\":\"proxy-offer\",\"name\":\"ipxe.efi\",\"at_s_ago\":9,");
    assert_has(t, "{\"kind\":\"tftp\",\"name\":\"ipxe.efi\",\"at_s_ago\":8,\"bytes\":2000000,"
                  "\"duration_ms\":1000,\"end\":\"done\"}");
    assert_has(t, "\"end\":\"done\"}]");
    pxb_json_free(&j);
    free(rt);
    rt = make_snapshot("192.0.2.10");
    pxb_json_init(&j);
    pxb_client_report(&j, rt, "192.0.2.10");
    assert_has(pxb_json_text(&j), "\"name\":\"../x\\\"y\"");
    pxb_json_free(&j);
    free(rt);
}

static void test_unknown_client(void **state)
{
    pxb_runtime_status *rt = make_snapshot("192.0.2.77");
    pxb_json j;
    (void)state;
    pxb_json_init(&j);
    pxb_client_report(&j, rt, "192.0.2.77");
    assert_has(pxb_json_text(&j), "\"ok\":false,\"error\":\"no client 192.0.2.77 among the 256");
    pxb_json_free(&j);
    free(rt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_list),
        cmocka_unit_test(test_timeline),
        cmocka_unit_test(test_unknown_client),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
