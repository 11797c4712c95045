/* test_json_writer.c: unit tests for the --json writer: nested objects and arrays with
 * commas in the right places, string escaping (quotes, backslashes, control characters,
 * UTF-8 passed through), numbers, booleans, null, spliced JSON, and refusal of unbalanced
 * or too deeply nested documents. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "json_writer.h"

static void test_document(void **state)
{
    pxb_json j;
    (void)state;
    pxb_json_init(&j);
    pxb_json_begin_object(&j);
    pxb_json_field_string(&j, "name", "Port");
    pxb_json_field_int(&j, "value", -69);
    pxb_json_field_bool(&j, "set", 1);
    pxb_json_key(&j, "list");
    pxb_json_begin_array(&j);
    pxb_json_int(&j, 1);
    pxb_json_begin_object(&j);
    pxb_json_end_object(&j);
    pxb_json_begin_array(&j);
    pxb_json_end_array(&j);
    pxb_json_null(&j);
    pxb_json_string(&j, NULL);
    pxb_json_bool(&j, 0);
    pxb_json_end_array(&j);
    pxb_json_key(&j, "report");
    pxb_json_raw(&j, "{\"a\":[1,2]}");
    pxb_json_end_object(&j);
    assert_string_equal(pxb_json_text(&j), "{\"name\":\"Port\",\"value\":-69,\"set\":true,"
                                           "\"list\":[1,{},[],null,null,false],"
                                           "\"report\":{\"a\":[1,2]}}");
    pxb_json_free(&j);
}

static void test_escaping(void **state)
{
    pxb_json j;
    (void)state;
    pxb_json_init(&j);
    pxb_json_string(&j, "a\"b\\c\nd\re\tf\x01g \xc3\xa9");
    assert_string_equal(pxb_json_text(&j), "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g \xc3\xa9\"");
    pxb_json_free(&j);
}

static void test_unbalanced(void **state)
{
    pxb_json j;
    (void)state;
    pxb_json_init(&j);
    pxb_json_begin_object(&j);
    assert_null(pxb_json_text(&j));
    pxb_json_key(&j, "dangling");
    pxb_json_end_object(&j);
    assert_null(pxb_json_text(&j));
    pxb_json_free(&j);

    pxb_json_init(&j);
    pxb_json_end_array(&j);
    assert_null(pxb_json_text(&j));
    pxb_json_free(&j);
}

static void test_too_deep(void **state)
{
    pxb_json j;
    (void)state;
    pxb_json_init(&j);
    for (int i = 0; i <= PXB_JSON_DEPTH_MAX; i++)
        pxb_json_begin_array(&j);
    for (int i = 0; i <= PXB_JSON_DEPTH_MAX; i++)
        pxb_json_end_array(&j);
    assert_null(pxb_json_text(&j));
    pxb_json_free(&j);
}

static void test_grows(void **state)
{
    pxb_json j;
    (void)state;
    pxb_json_init(&j);
    pxb_json_begin_array(&j);
    for (int i = 0; i < 10000; i++)
        pxb_json_string(&j, "0123456789");
    pxb_json_end_array(&j);
    const char *text = pxb_json_text(&j);
    assert_non_null(text);
    assert_int_equal(j.len, 2 + 10000 * 13 - 1); /* 12 characters and a comma each */
    pxb_json_free(&j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_document),
        cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_unbalanced),
        cmocka_unit_test(test_too_deep),
        cmocka_unit_test(test_grows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
