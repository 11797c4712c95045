/* test_netascii.c: unit tests for the netascii conversion: exact output bytes for line
 * feeds, bare carriage returns and CR LF pairs, and a measured size that matches what is
 * written, byte for byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "netascii.h"

#define CANARY 0xA5

/* Converts in[0..in_len) and checks it gives exactly want[0..want_len), writing nothing
 * past the measured size. */
static void check_conversion(const char *in, size_t in_len, const char *want, size_t want_len)
{
    uint8_t out[64];

    assert_true(want_len < sizeof out);
    memset(out, CANARY, sizeof out);
    assert_int_equal(netascii_measure((const uint8_t *)in, in_len), want_len);
    netascii_convert((const uint8_t *)in, in_len, out);
    assert_memory_equal(out, want, want_len);
    assert_int_equal(out[want_len], CANARY);
}

#define CHECK(in, want) check_conversion(in, sizeof in - 1, want, sizeof want - 1)

static void keeps_plain_bytes(void **state)
{
    CHECK("", "");
    CHECK("abc", "abc");
    CHECK("a\0b\xff", "a\0b\xff");
}

static void expands_line_feeds(void **state)
{
    CHECK("a\nb", "a\r\nb");
    CHECK("\n", "\r\n");
    CHECK("\n\n", "\r\n\r\n");
    CHECK("#!ipxe\nchain x.efi\n", "#!ipxe\r\nchain x.efi\r\n");
}

static void pads_bare_carriage_returns(void **state)
{
    CHECK("a\rb", "a\r\0b");
    CHECK("a\r", "a\r\0");
    CHECK("\r\r", "\r\0\r\0");
    CHECK("\n\r", "\r\n\r\0");
}

static void keeps_crlf_pairs(void **state)
{
    CHECK("a\r\nb", "a\r\nb");
    CHECK("\r\r\n", "\r\0\r\n");
    CHECK("\r\n\n", "\r\n\r\n");
    CHECK("x\r\n\r\n", "x\r\n\r\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(keeps_plain_bytes),
        cmocka_unit_test(expands_line_feeds),
        cmocka_unit_test(pads_bare_carriage_returns),
        cmocka_unit_test(keeps_crlf_pairs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
