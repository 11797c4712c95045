/* test_http_stats.c: unit tests for the HTTP server's counters (requests, bytes, in flight,
 * answers by status, other statuses together) and their place in the status report
 * ("http": {"listening", "requests", "bytes", "in_flight", "status": {...}}). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "http_stats.h"
#include "status_doc.h"

static void test_counts(void **state)
{
    http_counters c;
    http_stats s;
    http_counters_init(&c);
    http_counters_begin(&c);
    http_counters_begin(&c);
    http_counters_read(&c, &s);
    assert_int_equal(s.in_flight, 2);
    http_counters_end(&c, 200, 1000);
    http_counters_end(&c, 403, 0);
    http_counters_begin(&c);
    http_counters_end(&c, 418, 0);
    http_counters_set_listening(&c, 1);
    http_counters_read(&c, &s);
    assert_int_equal(s.in_flight, 0);
    assert_int_equal(s.requests, 3);
    assert_int_equal(s.bytes, 1000);
    assert_int_equal(s.by_status[HTTP_SLOT_200], 1);
    assert_int_equal(s.by_status[HTTP_SLOT_403], 1);
    assert_int_equal(s.by_status[HTTP_SLOT_OTHER], 1);
    assert_int_equal(s.listening, 1);
    assert_int_equal(http_status_of_slot(HTTP_SLOT_416), 416);
    assert_int_equal(http_status_of_slot(HTTP_SLOT_OTHER), 0);
}

static void test_report(void **state)
{
    pxb_runtime_status rt;
    http_stats h;
    pxb_json j;
    memset(&rt, 0, sizeof rt);
    memset(&h, 0, sizeof h);
    h.listening = 1;
    h.requests = 7;
    h.bytes = 99;
    h.by_status[HTTP_SLOT_206] = 2;
    h.by_status[HTTP_SLOT_OTHER] = 1;
    pxb_service_status st = {"running", 0, 0, &rt, NULL, 0, &h};
    pxb_jvalue *doc = status_doc(&st, &j);
    assert_non_null(doc);
    const pxb_jvalue *http = pxb_json_get(doc, "http");
    assert_int_equal(pxb_json_get_int(http, "listening", 0), 1);
    assert_int_equal(pxb_json_get_int(http, "requests", 0), 7);
    assert_int_equal(pxb_json_get_int(http, "bytes", 0), 99);
    const pxb_jvalue *by = pxb_json_get(http, "status");
    assert_int_equal(pxb_json_get_int(by, "206", -1), 2);
    assert_int_equal(pxb_json_get_int(by, "404", -1), 0);
    assert_int_equal(pxb_json_get_int(by, "other", -1), 1);
    pxb_json_release(doc);
    pxb_json_free(&j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_report),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
