/* test_http_request.c: unit tests for the HTTP server's portable request logic: HTTP dates
 * both ways, Range parsing against a file size, URL to confined path (percent-decoding,
 * the prefix, the TFTP path rules), the answer's status and headers (200, 206, 304, 416,
 * HEAD) and the request's log line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "http_date.h"
#include "http_log.h"
#include "http_range.h"
#include "http_request.h"
#include "log.h"

static void test_date_format(void **state)
{
    char out[HTTP_DATE_MAX];
    http_date_format(784111777, out);
    assert_string_equal(out, "Sun, 06 Nov 1994 08:49:37 GMT");
    http_date_format(0, out);
    assert_string_equal(out, "Thu, 01 Jan 1970 00:00:00 GMT");
    http_date_format(951782400, out); /* a leap day */
    assert_string_equal(out, "Tue, 29 Feb 2000 00:00:00 GMT");
    http_date_format(-5, out);
    assert_string_equal(out, "Thu, 01 Jan 1970 00:00:00 GMT");
}

static void test_date_parse(void **state)
{
    int64_t t = 0;
    assert_int_equal(http_date_parse("Sun, 06 Nov 1994 08:49:37 GMT", &t), 0);
    assert_int_equal(t, 784111777);
    assert_int_equal(http_date_parse("Sunday, 06-Nov-94 08:49:37 GMT", &t), 0);
    assert_int_equal(t, 784111777);
    assert_int_equal(http_date_parse("Sun Nov  6 08:49:37 1994", &t), 0);
    assert_int_equal(t, 784111777);
    assert_int_equal(http_date_parse("Tue, 29 Feb 2000 00:00:00 GMT", &t), 0);
    assert_int_equal(t, 951782400);
    const char *bad[] = {"", "yesterday", "Sun, 06 Nov 1994 08:49:37 CET",
                         "Sun, 06 Xyz 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT",
                         "Sun, 06 Nov 1994 08:49:37 GMT junk", "Sun, 06 Nov 1969 08:49:37 GMT"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(http_date_parse(bad[i], &t), -1);
}

static void expect_range(const char *header, uint64_t size, enum http_range_kind kind,
                         uint64_t first, uint64_t last)
{
    http_range r = http_range_parse(header, size);
    assert_int_equal(r.kind, kind);
    if (kind == HTTP_RANGE_PART) {
        assert_int_equal(r.first, first);
        assert_int_equal(r.last, last);
    }
}

static void test_range(void **state)
{
    expect_range(NULL, 100, HTTP_RANGE_WHOLE, 0, 0);
    expect_range("bytes=0-9", 100, HTTP_RANGE_PART, 0, 9);
    expect_range("bytes=10-", 100, HTTP_RANGE_PART, 10, 99);
    expect_range("bytes=90-500", 100, HTTP_RANGE_PART, 90, 99);
    expect_range("bytes=-10", 100, HTTP_RANGE_PART, 90, 99);
    expect_range("bytes=-500", 100, HTTP_RANGE_PART, 0, 99);
    expect_range("Bytes= 5-5 ", 100, HTTP_RANGE_PART, 5, 5);
    expect_range("bytes=100-", 100, HTTP_RANGE_UNSATISFIABLE, 0, 0);
    expect_range("bytes=-0", 100, HTTP_RANGE_UNSATISFIABLE, 0, 0);
    expect_range("bytes=0-", 0, HTTP_RANGE_UNSATISFIABLE, 0, 0);
    /* several ranges, other units and bad syntax: the whole file */
    expect_range("bytes=0-1,5-6", 100, HTTP_RANGE_WHOLE, 0, 0);
    expect_range("items=0-1", 100, HTTP_RANGE_WHOLE, 0, 0);
    expect_range("bytes=9-1", 100, HTTP_RANGE_WHOLE, 0, 0);
    expect_range("bytes=x-1", 100, HTTP_RANGE_WHOLE, 0, 0);
    expect_range("bytes=-", 100, HTTP_RANGE_WHOLE, 0, 0);
    expect_range("bytes=99999999999999999999-", 100, HTTP_RANGE_WHOLE, 0, 0);
}

static int target(const char *url, char *rel, const char **reason)
{
    return http_request_target("/pxb/", url, rel, TFTP_PATH_MAX, reason);
}

static void test_target_served(void **state)
{
    char rel[TFTP_PATH_MAX];
    const char *reason = NULL;
    assert_int_equal(target("/pxb/boot.ipxe", rel, &reason), 0);
    assert_string_equal(rel, "boot.ipxe");
    assert_int_equal(target("/PXB/Boot/X64/ipxe.efi?x=1#f", rel, &reason), 0);
    assert_string_equal(rel, "Boot/X64/ipxe.efi");
    assert_int_equal(target("/pxb/boot%5Cx64%2Fa%20b.efi", rel, &reason), 0);
    assert_string_equal(rel, "boot/x64/a b.efi");
    assert_int_equal(target("http://10.0.0.5:8080/pxb/a", rel, &reason), 0);
    assert_string_equal(rel, "a");
}

static void test_target_refused(void **state)
{
    char rel[TFTP_PATH_MAX];
    const char *reason = NULL;
    const char *forbidden[] = {"/pxb/../x",       "/pxb/%2e%2e/x", "/pxb/%2E%2E%5cx",
                               "/pxb/a\\..\\..\\x", "/pxb/con",     "/pxb/NUL.txt",
                               "/pxb/c:%5cwin",   "/pxb/a%00b",    "/pxb///srv/x"};
    for (size_t i = 0; i < sizeof forbidden / sizeof forbidden[0]; i++) {
        reason = NULL;
        assert_int_equal(target(forbidden[i], rel, &reason), 403);
        assert_non_null(reason);
    }
    assert_int_equal(target("/pxb/a%zz", rel, &reason), 400);
    assert_int_equal(target("/pxb/a%4", rel, &reason), 400);
    assert_int_equal(target("/other/a", rel, &reason), 404);
    assert_int_equal(target("/pxb/", rel, &reason), 404);
    assert_int_equal(target("/px", rel, &reason), 404);
}

static void test_methods(void **state)
{
    assert_int_equal(http_method_sends_body("GET"), 1);
    assert_int_equal(http_method_sends_body("HEAD"), 0);
    assert_int_equal(http_method_sends_body("POST"), -1);
    assert_int_equal(http_method_sends_body("get"), -1);
}

#define MTIME 784111777

static void test_answer_whole_and_head(void **state)
{
    http_answer a = http_answer_decide(1, NULL, NULL, 1000, MTIME);
    assert_int_equal(a.status, 200);
    assert_int_equal(a.send_body, 1);
    assert_int_equal(a.offset, 0);
    assert_int_equal(a.length, 1000);
    assert_int_equal(a.content_length, 1000);
    assert_string_equal(a.content_range, "");
    assert_string_equal(a.last_modified, "Sun, 06 Nov 1994 08:49:37 GMT");
    a = http_answer_decide(0, "bytes=0-9", NULL, 1000, MTIME);
    assert_int_equal(a.status, 200); /* a HEAD ignores Range */
    assert_int_equal(a.send_body, 0);
    assert_int_equal(a.content_length, 1000);
}

static void test_answer_ranges(void **state)
{
    http_answer a = http_answer_decide(1, "bytes=10-19", NULL, 1000, MTIME);
    assert_int_equal(a.status, 206);
    assert_int_equal(a.offset, 10);
    assert_int_equal(a.length, 10);
    assert_int_equal(a.content_length, 10);
    assert_string_equal(a.content_range, "bytes 10-19/1000");
    a = http_answer_decide(1, "bytes=5000-", NULL, 1000, MTIME);
    assert_int_equal(a.status, 416);
    assert_int_equal(a.send_body, 0);
    assert_int_equal(a.content_length, 0);
    assert_string_equal(a.content_range, "bytes */1000");
    a = http_answer_decide(1, "bytes=0-1,4-5", NULL, 1000, MTIME);
    assert_int_equal(a.status, 200);
    assert_int_equal(a.length, 1000);
}

static void test_answer_not_modified(void **state)
{
    http_answer a = http_answer_decide(1, "bytes=0-1", "Sun, 06 Nov 1994 08:49:37 GMT", 10,
                                       MTIME);
    assert_int_equal(a.status, 304);
    assert_int_equal(a.send_body, 0);
    assert_int_equal(a.content_length, 0);
    a = http_answer_decide(1, NULL, "Sun, 06 Nov 1994 08:49:36 GMT", 10, MTIME);
    assert_int_equal(a.status, 200);
    a = http_answer_decide(1, NULL, "garbage", 10, MTIME);
    assert_int_equal(a.status, 200);
}

static void test_seconds_of_ns(void **state)
{
    assert_int_equal(http_seconds_of_ns(1999999999), 1);
    assert_int_equal(http_seconds_of_ns(-1), -1);
    assert_int_equal(http_seconds_of_ns(0), 0);
}

static char last_line[512];
static int last_level, last_event;

static void capture(void *ctx, int level, int event_id, const char *message)
{
    last_level = level;
    last_event = event_id;
    snprintf(last_line, sizeof last_line, "%s", message);
}

static void test_log_lines(void **state)
{
    pxb_log_clear_sinks();
    pxb_log_add_sink(capture, NULL);
    http_log_entry ok = {"127.0.0.1:5000", "GET", "boot/ipxe.efi", 200, 2000000, 10, NULL};
    http_log_request(&ok);
    assert_string_equal(last_line,
                        "127.0.0.1:5000: HTTP GET 'boot/ipxe.efi' 200, 2000000 bytes in 10 ms "
                        "(200.0 MB/s)");
    assert_int_equal(last_event, PXB_EV_TRANSFER_DONE);
    http_log_entry bad = {"127.0.0.1:5000", "GET", "/pxb/../x", 403, 0, 0,
                          "path leaves the TFTP root"};
    http_log_request(&bad);
    assert_string_equal(last_line, "127.0.0.1:5000: HTTP GET '/pxb/../x' refused with 403: "
                                   "path leaves the TFTP root");
    assert_int_equal(last_event, PXB_EV_REQUEST_REFUSED);
    assert_int_equal(last_level, PXB_LOG_INFO);
    bad.status = 500;
    http_log_request(&bad);
    assert_int_equal(last_level, PXB_LOG_WARN);
    pxb_log_clear_sinks();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_format),          cmocka_unit_test(test_date_parse),
        cmocka_unit_test(test_range),                cmocka_unit_test(test_target_served),
        cmocka_unit_test(test_target_refused),       cmocka_unit_test(test_methods),
        cmocka_unit_test(test_answer_whole_and_head), cmocka_unit_test(test_answer_ranges),
        cmocka_unit_test(test_answer_not_modified),  cmocka_unit_test(test_seconds_of_ns),
        cmocka_unit_test(test_log_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
