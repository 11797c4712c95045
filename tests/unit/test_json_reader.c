/* test_json_reader.c: unit tests for the JSON reader: every kind of value, members in order,
 * nesting and its bound, string escapes (\u and surrogate pairs into UTF-8), integers at
 * their limits, documents that are not JSON refused with where, and the member getters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "json_reader.h"

static pxb_jvalue *parse(const char *text, pxb_error *err)
{
    pxb_error_clear(err);
    return pxb_json_parse(text, strlen(text), err);
}

static void refused(const char *text, const char *reason)
{
    pxb_error err;
    pxb_jvalue *v = parse(text, &err);
    if (v != NULL) {
        pxb_json_release(v);
        fail_msg("'%s' was read", text);
    }
    if (strstr(err.text, reason) == NULL)
        fail_msg("'%s': '%s' does not say '%s'", text, err.text, reason);
}

static void test_document(void **state)
{
    pxb_error err;
    (void)state;
    pxb_jvalue *v =
        parse(" {\"a\": 1, \"b\": [true, false, null, \"x\"], \"c\": {}, \"d\": []}\n", &err);
    assert_non_null(v);
    assert_int_equal(v->type, PXB_JOBJECT);
    assert_int_equal(v->count, 4);
    assert_string_equal(v->items[0].key, "a");
    assert_string_equal(v->items[3].key, "d");
    assert_int_equal(pxb_json_get_int(v, "a", 0), 1);
    const pxb_jvalue *b = pxb_json_get(v, "b");
    assert_int_equal(b->type, PXB_JARRAY);
    assert_int_equal(b->count, 4);
    assert_int_equal(b->items[0].type, PXB_JBOOL);
    assert_int_equal(b->items[0].number, 1);
    assert_int_equal(b->items[1].number, 0);
    assert_int_equal(b->items[2].type, PXB_JNULL);
    assert_string_equal(b->items[3].text, "x");
    assert_int_equal(pxb_json_get(v, "c")->type, PXB_JOBJECT);
    assert_int_equal(pxb_json_get(v, "c")->count, 0);
    assert_int_equal(pxb_json_get(v, "d")->count, 0);
    pxb_json_release(v);
}

static void test_getters(void **state)
{
    pxb_error err;
    (void)state;
    pxb_jvalue *v = parse("{\"s\": \"text\", \"n\": -5, \"t\": true, \"z\": null}", &err);
    assert_non_null(v);
    assert_string_equal(pxb_json_get_text(v, "s", "?"), "text");
    assert_string_equal(pxb_json_get_text(v, "n", "?"), "?");
    assert_string_equal(pxb_json_get_text(v, "missing", "?"), "?");
    assert_int_equal(pxb_json_get_int(v, "n", 0), -5);
    assert_int_equal(pxb_json_get_int(v, "t", 0), 1);
    assert_int_equal(pxb_json_get_int(v, "s", 42), 42);
    assert_int_equal(pxb_json_get_int(v, "z", 42), 42);
    assert_null(pxb_json_get(NULL, "s"));
    assert_null(pxb_json_get(pxb_json_get(v, "s"), "s"));
    pxb_json_release(v);
    pxb_json_release(NULL);
}

static void test_nesting(void **state)
{
    pxb_error err;
    char deep[128], too_deep[128];
    (void)state;
    pxb_jvalue *v = parse("[[[{\"k\": [1, [2]]}]]]", &err);
    assert_non_null(v);
    const pxb_jvalue *k = pxb_json_get(&v->items[0].items[0].items[0], "k");
    assert_non_null(k);
    assert_int_equal(k->items[1].items[0].number, 2);
    pxb_json_release(v);
    /* 32 levels are read, 33 are not. */
    memset(deep, '[', 32);
    memset(deep + 32, ']', 32);
    deep[64] = '\0';
    v = parse(deep, &err);
    assert_non_null(v);
    pxb_json_release(v);
    memset(too_deep, '[', 33);
    memset(too_deep + 33, ']', 33);
    too_deep[66] = '\0';
    refused(too_deep, "nested too deep");
}

static void test_escapes(void **state)
{
    pxb_error err;
    (void)state;
    pxb_jvalue *v = parse("[\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\", \"\\u0041\\u00e9\\u20ac\", "
                          "\"\\ud83d\\ude00\", \"caf\xc3\xa9\"]", &err);
    assert_non_null(v);
    assert_string_equal(v->items[0].text, "a\"b\\c/d\b\f\n\r\t");
    assert_string_equal(v->items[1].text, "A\xc3\xa9\xe2\x82\xac");
    assert_string_equal(v->items[2].text, "\xf0\x9f\x98\x80");
    assert_string_equal(v->items[3].text, "caf\xc3\xa9");
    pxb_json_release(v);
    refused("\"\\x\"", "bad escape");
    refused("\"\\u12g4\"", "bad \\u escape");
    refused("\"\\u12\"", "short \\u escape");
    refused("\"\\ud83d\"", "unpaired surrogate");
    refused("\"\\ud83d\\u0041\"", "unpaired surrogate");
    refused("\"\\ude00\"", "unpaired surrogate");
    refused("\"a\nb\"", "control character");
    refused("\"abc", "unterminated string");
}

static void test_numbers(void **state)
{
    pxb_error err;
    (void)state;
    pxb_jvalue *v = parse("[0, -0, 9223372036854775807, -9223372036854775807, 123]", &err);
    assert_non_null(v);
    assert_int_equal(v->items[0].type, PXB_JINT);
    assert_int_equal(v->items[0].number, 0);
    assert_true(v->items[2].number == LLONG_MAX);
    assert_true(v->items[3].number == -LLONG_MAX);
    assert_int_equal(v->items[4].number, 123);
    pxb_json_release(v);
    refused("9223372036854775808", "number too large");
    refused("99999999999999999999999", "number too large");
    refused("012", "bad number");
    refused("-", "bad number");
    refused("1.5", "fractions and exponents");
    refused("1e3", "fractions and exponents");
    refused("+1", "bad number");
}

static void test_not_json(void **state)
{
    (void)state;
    refused("", "unexpected end");
    refused("   ", "unexpected end");
    refused("[1, 2", "expected ',' or ']'");
    refused("[1 2]", "expected ',' or ']'");
    refused("{\"a\" 1}", "expected ':'");
    refused("{\"a\": 1,}", "expected a member name");
    refused("{a: 1}", "expected a member name");
    refused("{\"a\": 1 \"b\": 2}", "expected ',' or '}'");
    refused("tru", "unexpected text");
    refused("nul", "unexpected text");
    refused("{} {}", "text after the document");
    refused("[1] x", "at offset 4");
}

/* The reason is the whole text with the offset, and a caller may pass no error at all. */
static void test_error_text_and_null(void **state)
{
    pxb_error err;
    (void)state;
    assert_null(parse("[] x", &err));
    assert_string_equal(err.text, "text after the document at offset 3");
    assert_null(pxb_json_parse("[] x", 4, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_document),
        cmocka_unit_test(test_getters),
        cmocka_unit_test(test_nesting),
        cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_not_json),
        cmocka_unit_test(test_error_text_and_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
