/* test_setting.c: unit tests for the one settings model (setting.h) on a small table of its
 * own: each kind's parser takes its whole range and refuses the rest with the one wording,
 * leaving the struct untouched; formatting gives back the text form; names match in any
 * case and an unknown one is named with a hint and the table's names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "setting.h"

typedef struct sample {
    uint16_t port;
    uint32_t count;
    int flag;
    int colour;
    uint16_t range[2];
    char text[8];
    char path[16];
    uint32_t code;
    uint32_t items[3];
    size_t item_count;
} sample;

/* Items: one or two decimal digits, repeats not allowed. */
static int parse_digits(const pxb_setting *st, const char *p, size_t len, void *item,
                        pxb_error *err)
{
    uint32_t v = 0;
    if (len == 0 || len > 2)
        return pxb_error_set(err, "%s: '%.*s' is not one or two digits", st->name, (int)len, p);
    for (size_t i = 0; i < len; i++) {
        if (p[i] < '0' || p[i] > '9')
            return pxb_error_set(err, "%s: '%.*s' is not one or two digits", st->name,
                                 (int)len, p);
        v = v * 10 + (uint32_t)(p[i] - '0');
    }
    memcpy(item, &v, sizeof v);
    return 0;
}

static void format_digits(const void *item, char *out, size_t out_len)
{
    uint32_t v;
    memcpy(&v, item, sizeof v);
    snprintf(out, out_len, "%u", (unsigned)v);
}

static int same_digits(const void *a, const void *b)
{
    return memcmp(a, b, sizeof(uint32_t)) == 0;
}

static const pxb_setting_item DIGITS = {sizeof(uint32_t), "codes", parse_digits,
                                        format_digits, same_digits};

static int check_no_x(const pxb_setting *st, const char *value, pxb_error *err)
{
    return strchr(value, 'x') ? pxb_error_set(err, "%s: no x, please", st->name) : 0;
}

static const char *const COLOURS[] = {"red", "green", "blue", NULL};

#define FIELD(member) PXB_SETTING_FIELD(sample, member)

static const pxb_setting SETTINGS[] = {
    {.name = "Port", .kind = PXB_SETTING_NUMBER, FIELD(port), .min = 1, .max = 65535,
     .default_text = "69", .help = "a port"},
    {.name = "Count", .kind = PXB_SETTING_NUMBER, FIELD(count), .min = 10, .max = 100000,
     .zero_off = 1, .unit = "seconds", .default_text = "0", .help = "a count"},
    {.name = "Flag", .kind = PXB_SETTING_FLAG, FIELD(flag), .default_text = "0",
     .help = "a flag"},
    {.name = "Colour", .kind = PXB_SETTING_CHOICE, FIELD(colour), .choices = COLOURS,
     .default_text = "green", .help = "a colour"},
    {.name = "Range", .kind = PXB_SETTING_RANGE, FIELD(range), .min = 1024, .max = 65535,
     .default_text = "0", .help = "a range"},
    {.name = "Text", .kind = PXB_SETTING_TEXT, FIELD(text), .check = check_no_x,
     .default_text = "abc", .help = "a text"},
    {.name = "Path", .kind = PXB_SETTING_PATH, FIELD(path), .default_text = "",
     .help = "a path"},
    {.name = "Code", .kind = PXB_SETTING_ITEM, FIELD(code), .item = &DIGITS,
     .default_text = "7", .help = "a code"},
    {.name = "Codes", .kind = PXB_SETTING_LIST, FIELD(items), .item = &DIGITS, .min = 1,
     .max = 3, .count_offset = offsetof(sample, item_count), .default_text = "1,2",
     .help = "codes"},
};

static const pxb_setting_table TABLE = {"the sample's", SETTINGS,
                                        sizeof SETTINGS / sizeof SETTINGS[0], sizeof(sample)};

static void assert_takes(const char *name, const char *value, const char *canonical)
{
    sample s;
    pxb_error err;
    char out[64];
    pxb_setting_defaults(&TABLE, &s);
    if (pxb_setting_set(&TABLE, &s, name, value, &err) != 0)
        fail_msg("%s=%s refused: %s", name, value, err.text);
    assert_int_equal(pxb_setting_get(&TABLE, &s, name, out, sizeof out), 0);
    assert_string_equal(out, canonical);
}

static void assert_refuses(const char *name, const char *value, const char *want)
{
    sample s, before;
    pxb_error err;
    memset(&s, 0, sizeof s);
    pxb_setting_defaults(&TABLE, &s);
    before = s;
    assert_int_equal(pxb_setting_set(&TABLE, &s, name, value, &err), -1);
    assert_string_equal(err.text, want);
    assert_memory_equal(&s, &before, sizeof s);
}

static void test_defaults(void **state)
{
    sample s;
    char out[64];
    (void)state;
    memset(&s, 0, sizeof s);
    pxb_setting_defaults(&TABLE, &s);
    for (size_t i = 0; i < TABLE.count; i++) {
        assert_int_equal(pxb_setting_get(&TABLE, &s, SETTINGS[i].name, out, sizeof out), 0);
        assert_string_equal(out, SETTINGS[i].default_text);
        assert_string_not_equal(pxb_setting_kind_name(SETTINGS[i].kind), "?");
    }
    assert_int_equal(s.port, 69);
    assert_int_equal(s.colour, 1);
    assert_int_equal(s.item_count, 2);
}

static void test_number(void **state)
{
    (void)state;
    assert_takes("Port", "1", "1");
    assert_takes("Port", "65535", "65535");
    assert_takes("Port", " 70 ", "70");
    assert_refuses("Port", "0", "Port: '0' is not a number from 1 to 65535");
    assert_refuses("Port", "65536", "Port: '65536' is not a number from 1 to 65535");
    assert_refuses("Port", "", "Port: '' is not a number from 1 to 65535");
    assert_refuses("Port", "-1", "Port: '-1' is not a number from 1 to 65535");
    assert_refuses("Port", "+1", "Port: '+1' is not a number from 1 to 65535");
    assert_refuses("Port", "1 2", "Port: '1 2' is not a number from 1 to 65535");
    assert_refuses("Port", "99999999999999999999",
                   "Port: '99999999999999999999' is not a number from 1 to 65535");
    assert_takes("Count", "0", "0");
    assert_takes("Count", "10", "10");
    assert_takes("Count", "100000", "100000");
    assert_refuses("Count", "9", "Count: '9' is not 0 or a number of seconds from 10 to 100000");
    assert_refuses("Count", "100001",
                   "Count: '100001' is not 0 or a number of seconds from 10 to 100000");
}

static void test_flag(void **state)
{
    (void)state;
    assert_takes("Flag", "1", "1");
    assert_takes("Flag", "YES", "1");
    assert_takes("Flag", "true", "1");
    assert_takes("Flag", "on", "1");
    assert_takes("Flag", "off", "0");
    assert_takes("Flag", "No", "0");
    assert_refuses("Flag", "2", "Flag: '2' is not a yes/no value; give 1 or 0 (yes/no, "
                                "true/false, on/off)");
    assert_refuses("Flag", "", "Flag: '' is not a yes/no value; give 1 or 0 (yes/no, "
                               "true/false, on/off)");
}

static void test_choice(void **state)
{
    (void)state;
    assert_takes("Colour", "BLUE", "blue");
    assert_takes("Colour", "0", "red");
    assert_takes("Colour", "2", "blue");
    assert_refuses("Colour", "3", "Colour: '3' is not one of red, green, blue");
    assert_refuses("Colour", "pink", "Colour: 'pink' is not one of red, green, blue");
    assert_refuses("Colour", "", "Colour: '' is not one of red, green, blue");
}

static void test_range(void **state)
{
    (void)state;
    assert_takes("Range", "0", "0");
    assert_takes("Range", "", "0");
    assert_takes("Range", "1024-65535", "1024-65535");
    assert_takes("Range", " 2000 - 2000 ", "2000-2000");
    const char *bad[] = {"1023-2000", "3000-2000", "2000", "2000-", "-2000", "1-2-3",
                         "2000-65536"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char want[256];
        snprintf(want, sizeof want, "Range: '%s' is not a port range min-max with 1024 <= min "
                 "<= max <= 65535 (e.g. 50000-50999), or 0 for any port", bad[i]);
        assert_refuses("Range", bad[i], want);
    }
}

static void test_text_and_path(void **state)
{
    (void)state;
    assert_takes("Text", "", "");
    assert_takes("Text", "1234567", "1234567");
    assert_refuses("Text", "12345678", "Text: the value is 8 bytes long; at most 7 are allowed");
    assert_refuses("Text", "axb", "Text: no x, please");
    assert_takes("Path", "C:\\x y", "C:\\x y");
    assert_refuses("Path", "0123456789abcdef",
                   "Path: the path is 16 bytes long; at most 15 are allowed");
}

static void test_item_and_list(void **state)
{
    (void)state;
    assert_takes("Code", "42", "42");
    assert_refuses("Code", "123", "Code: '123' is not one or two digits");
    assert_takes("Codes", "5", "5");
    assert_takes("Codes", " 1, 2\t3 ", "1,2,3");
    assert_refuses("Codes", "", "Codes: '' lists no codes; give at least one, e.g. 1,2");
    assert_refuses("Codes", " ,, ", "Codes: ' ,, ' lists no codes; give at least one, e.g. 1,2");
    assert_refuses("Codes", "1,2,3,4", "Codes: more than 3 codes are listed; list at most 3");
    assert_refuses("Codes", "1,a", "Codes: 'a' is not one or two digits");
    assert_refuses("Codes", "4 4", "Codes: '4' is listed twice; list it once");
}

static void test_names(void **state)
{
    sample s;
    pxb_error err;
    char out[4];
    (void)state;
    pxb_setting_defaults(&TABLE, &s);
    assert_ptr_equal(pxb_setting_find(&TABLE, "cOdEs"), &SETTINGS[8]);
    assert_null(pxb_setting_find(&TABLE, "Code "));
    assert_int_equal(pxb_setting_set(&TABLE, &s, "Prot", "1", &err), -1);
    assert_string_equal(err.text, "unknown setting 'Prot' (did you mean 'Port'?); the "
                                  "sample's settings are Port, Count, Flag, Colour, Range, "
                                  "Text, Path, Code, Codes");
    assert_int_equal(pxb_setting_set(&TABLE, &s, "Size", "1", &err), -1);
    assert_string_equal(err.text, "unknown setting 'Size'; the sample's settings are Port, "
                                  "Count, Flag, Colour, Range, Text, Path, Code, Codes");
    assert_int_equal(pxb_setting_set(&TABLE, &s, "Size", "1", NULL), -1);
    assert_int_equal(pxb_setting_get(&TABLE, &s, "Size", out, sizeof out), -1);
    assert_int_equal(pxb_setting_get(&TABLE, &s, "Codes", out, 3), -1);
    assert_string_equal(out, "1,");
    assert_int_equal(pxb_setting_get(&TABLE, &s, "Codes", out, sizeof out), 0);
    assert_string_equal(out, "1,2");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),       cmocka_unit_test(test_number),
        cmocka_unit_test(test_flag),           cmocka_unit_test(test_choice),
        cmocka_unit_test(test_range),          cmocka_unit_test(test_text_and_path),
        cmocka_unit_test(test_item_and_list),  cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
