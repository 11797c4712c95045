/* test_status_proto.c: unit tests for the status pipe's request format: request lines
 * formatted and parsed back, an unknown protocol version refused with a message naming the
 * version spoken, malformed lines refused with the reason, and the answer envelopes (ok, and
 * the error answer listing the supported versions). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "json_reader.h"
#include "status_proto.h"


static int parse(const char *line, pxb_request *req, pxb_error *err)
{
    pxb_error_clear(err);
    return pxb_proto_parse(line, strlen(line), req, err);
}

static void test_format_and_parse_back(void **state)
{
    char line[PXB_PROTO_REQUEST_MAX];
    pxb_error err = {0};
    pxb_request status = {.command = PXB_PROTO_STATUS}, log = {.command = PXB_PROTO_LOG, .lines = 50}, got;
    (void)state;
    assert_int_equal(pxb_proto_format(&status, line, sizeof line), 13);
    assert_string_equal(line, "PXB/1 status\n");
    assert_int_equal(parse(line, &got, &err), 0);
    assert_int_equal(got.command, PXB_PROTO_STATUS);
    assert_int_equal(pxb_proto_format(&log, line, sizeof line), 13);
    assert_string_equal(line, "PXB/1 log 50\n");
    assert_int_equal(parse(line, &got, &err), 0);
    assert_int_equal(got.command, PXB_PROTO_LOG);
    assert_int_equal(got.lines, 50);
}

static void test_format_too_small(void **state)
{
    char line[8];
    pxb_request status = {.command = PXB_PROTO_STATUS};
    (void)state;
    assert_int_equal(pxb_proto_format(&status, line, sizeof line), -1);
}

static void test_line_endings_optional(void **state)
{
    pxb_error err = {0};
    pxb_request got;
    (void)state;
    assert_int_equal(parse("PXB/1 status", &got, &err), 0);
    assert_int_equal(got.command, PXB_PROTO_STATUS);
    assert_int_equal(parse("PXB/1 log 3\r\n", &got, &err), 0);
    assert_int_equal(got.lines, 3);
}

static void test_unknown_version(void **state)
{
    pxb_error err = {0};
    pxb_request got;
    (void)state;
    assert_int_equal(parse("PXB/2 status\n", &got, &err), -1);
    assert_non_null(strstr(err.text, "protocol version 2 is not supported"));
    assert_non_null(strstr(err.text, "PXB/1"));
    assert_int_equal(parse("PXB/0 status\n", &got, &err), -1);
    assert_non_null(strstr(err.text, "version 0 "));
    assert_int_equal(parse("PXB/x status\n", &got, &err), -1);
    assert_non_null(strstr(err.text, "version ? "));
    assert_int_equal(parse("PXB/1234567890 status\n", &got, &err), -1);
    assert_non_null(strstr(err.text, "this service speaks PXB/1"));
}

static void test_malformed(void **state)
{
    /* Each line, parse's result and a part of the message ("" where any will do). */
    static const struct {
        const char *line;
        int rc;
        const char *says;
    } CASES[] = {
        {"", -1, "not a request"},
        {"GET / HTTP/1.0\n", -1, "must start with 'PXB/1 '"},
        {"PXB/1\n", -1, "no request after"},
        {"PXB/1 stats\n", -1, "unknown request 'stats'"},
        {"PXB/1 status now\n", -1, "unexpected text"},
        {"PXB/1 log\n", -1, "number of lines"},
        {"PXB/1 log 0\n", -1, ""},
        {"PXB/1 log 10001\n", -1, ""},
        {"PXB/1 log 5x\n", -1, "unexpected text after the request 'log'"},
        {"PXB/1 clients 10.0.0.5 x\n", -1, "unexpected text after the request 'clients'"},
        {"PXB/1 clients \n", -1, "one address or MAC"},
    };
    pxb_error err = {0};
    pxb_request got;
    (void)state;
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        assert_int_equal(parse(CASES[i].line, &got, &err), CASES[i].rc);
        assert_non_null(strstr(err.text, CASES[i].says));
    }
    assert_int_equal(parse("PXB/1 log 10000\n", &got, &err), 0);
    assert_int_equal(got.lines, 10000);
}

/* "clients" alone asks for every client, "clients KEY" for one; both go and come back. */
static void test_clients_request(void **state)
{
    char line[PXB_PROTO_REQUEST_MAX];
    pxb_error err = {0};
    pxb_request all = {.command = PXB_PROTO_CLIENTS}, got;
    pxb_request one = {.command = PXB_PROTO_CLIENTS, .key = "52:54:00:12:34:56"};
    (void)state;
    assert_int_equal(pxb_proto_format(&all, line, sizeof line), 14);
    assert_string_equal(line, "PXB/1 clients\n");
    assert_int_equal(parse(line, &got, &err), 0);
    assert_int_equal(got.command, PXB_PROTO_CLIENTS);
    assert_string_equal(got.key, "");
    pxb_proto_format(&one, line, sizeof line);
    assert_string_equal(line, "PXB/1 clients 52:54:00:12:34:56\n");
    assert_int_equal(parse(line, &got, &err), 0);
    assert_string_equal(got.key, "52:54:00:12:34:56");
}

/* A length that stops inside the line: nothing after it is read. */
static void test_length_respected(void **state)
{
    pxb_error err = {0};
    pxb_request got;
    const char *line = "PXB/1 status garbage";
    (void)state;
    assert_int_equal(pxb_proto_parse(line, 12, &got, &err), 0);
    assert_int_equal(got.command, PXB_PROTO_STATUS);
}

static void test_answers(void **state)
{
    pxb_json j;
    (void)state;
    pxb_json_init(&j);
    pxb_proto_begin(&j);
    pxb_json_field_int(&j, "n", 7);
    pxb_json_end_object(&j);
    pxb_jvalue *v = pxb_json_parse(pxb_json_text(&j), strlen(pxb_json_text(&j)), NULL);
    assert_non_null(v);
    assert_int_equal(pxb_json_get_int(v, "version", 0), PXB_PROTO_VERSION);
    assert_int_equal(pxb_json_get(v, "ok")->type, PXB_JBOOL);
    assert_int_equal(pxb_json_get_int(v, "ok", 0), 1);
    assert_int_equal(pxb_json_get_int(v, "n", 0), 7);
    pxb_json_release(v);
    pxb_json_free(&j);

    pxb_json_init(&j);
    pxb_proto_error(&j, "protocol version 2 is not supported");
    v = pxb_json_parse(pxb_json_text(&j), strlen(pxb_json_text(&j)), NULL);
    assert_non_null(v);
    assert_int_equal(pxb_json_get_int(v, "version", 0), PXB_PROTO_VERSION);
    assert_int_equal(pxb_json_get_int(v, "ok", 1), 0);
    assert_string_equal(pxb_json_get_text(v, "error", ""), "protocol version 2 is not supported");
    const pxb_jvalue *supported = pxb_json_get(v, "supported");
    assert_non_null(supported);
    assert_int_equal(supported->type, PXB_JARRAY);
    assert_int_equal(supported->count, 1);
    assert_int_equal(supported->items[0].number, PXB_PROTO_VERSION);
    pxb_json_release(v);
    pxb_json_free(&j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_and_parse_back),
        cmocka_unit_test(test_format_too_small),
        cmocka_unit_test(test_line_endings_optional),
        cmocka_unit_test(test_unknown_version),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_clients_request),
        cmocka_unit_test(test_length_respected),
        cmocka_unit_test(test_answers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
