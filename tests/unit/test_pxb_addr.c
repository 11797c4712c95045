/* test_pxb_addr.c: unit tests for pxb_addr: IPv4 and IPv6 literals parse to the right bytes
 * (with "::", embedded IPv4 and %scope), malformed text is refused, formatting follows
 * RFC 5952, and the comparisons treat ports and scopes as documented. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "pxb_addr.h"

/* Parses text, formats the host part back and compares with want. */
static void assert_round_trip(const char *text, const char *want)
{
    pxb_addr a;
    char out[PXB_ADDR_TEXT_MAX];
    assert_int_equal(pxb_addr_parse(text, &a), 0);
    pxb_addr_format_host(&a, out, sizeof out);
    assert_string_equal(out, want);
}

static void test_parse_ipv4(void **state)
{
    pxb_addr a;
    (void)state;
    memset(&a, 0xaa, sizeof a);
    assert_int_equal(pxb_addr_parse("192.0.2.17", &a), 0);
    assert_int_equal(a.family, PXB_AF_INET4);
    const uint8_t want[16] = {192, 0, 2, 17};
    assert_memory_equal(a.ip, want, 16);
    assert_int_equal(a.port, 0);
    assert_int_equal(a.scope_id, 0);
    assert_round_trip("0.0.0.0", "0.0.0.0");
    assert_round_trip("255.255.255.255", "255.255.255.255");
}

static void test_parse_ipv4_malformed(void **state)
{
    static const char *const bad[] = {
        "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4 ", " 1.2.3.4", "01.2.3.4",
        "1..2.3", "1.2.3.", "a.b.c.d", "1.2.3.4:69", "1.2.3.4%1", "1234.1.1.1",
    };
    pxb_addr a;
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(pxb_addr_parse(bad[i], &a), -1);
}

static void test_parse_ipv6_forms(void **state)
{
    pxb_addr a;
    (void)state;
    assert_int_equal(pxb_addr_parse("2001:db8::1", &a), 0);
    assert_int_equal(a.family, PXB_AF_INET6);
    const uint8_t want[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    assert_memory_equal(a.ip, want, 16);

    assert_round_trip("::", "::");
    assert_round_trip("::1", "::1");
    assert_round_trip("1::", "1::");
    assert_round_trip("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8");
    assert_round_trip("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0");
    assert_round_trip("::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8");
    assert_round_trip("2001:DB8:0:0:0:0:0:1", "2001:db8::1");
    assert_round_trip("2001:0db8:0000:0000:0001:0000:0000:0001", "2001:db8::1:0:0:1");
    assert_round_trip("1:0:0:2:0:0:0:3", "1:0:0:2::3");
    assert_round_trip("1:0:2:3:4:5:6:7", "1:0:2:3:4:5:6:7");
    assert_round_trip("::ffff:192.0.2.1", "::ffff:192.0.2.1");
    assert_round_trip("64:ff9b::192.0.2.1", "64:ff9b::c000:201");
}

static void test_parse_ipv6_scope(void **state)
{
    pxb_addr a;
    (void)state;
    assert_int_equal(pxb_addr_parse("fe80::1%3", &a), 0);
    assert_int_equal(a.family, PXB_AF_INET6);
    assert_int_equal(a.scope_id, 3);
    assert_round_trip("fe80::1%4294967295", "fe80::1%4294967295");
    assert_int_equal(pxb_addr_parse("fe80::1%", &a), -1);
    assert_int_equal(pxb_addr_parse("fe80::1%eth0", &a), -1);
    assert_int_equal(pxb_addr_parse("fe80::1%4294967296", &a), -1);
}

static void test_parse_ipv6_malformed(void **state)
{
    static const char *const bad[] = {
        ":", ":::", "1:::2", ":1::2", "1::2::3", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9",
        "1::2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8::", "12345::", "g::1", "1:2:", "::1.2.3",
        "::1.2.3.4:5", "1:2:3:4:5:6:7:1.2.3.4", "[::1]", "::01.2.3.4",
    };
    pxb_addr a;
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(pxb_addr_parse(bad[i], &a), -1);
}

static void test_format_with_port(void **state)
{
    pxb_addr a;
    char out[PXB_ADDR_TEXT_MAX];
    (void)state;
    assert_int_equal(pxb_addr_parse("192.0.2.1", &a), 0);
    a.port = 69;
    pxb_addr_format(&a, out, sizeof out);
    assert_string_equal(out, "192.0.2.1:69");
    assert_int_equal(pxb_addr_parse("2001:db8::1", &a), 0);
    a.port = 65535;
    pxb_addr_format(&a, out, sizeof out);
    assert_string_equal(out, "[2001:db8::1]:65535");
    a.port = 0;
    pxb_addr_format(&a, out, sizeof out);
    assert_string_equal(out, "2001:db8::1");
}

static void test_format_longest_fits(void **state)
{
    pxb_addr a;
    char out[PXB_ADDR_TEXT_MAX];
    char small[8];
    (void)state;
    assert_int_equal(
        pxb_addr_parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff%4294967295", &a), 0);
    a.port = 65535;
    pxb_addr_format(&a, out, sizeof out);
    assert_string_equal(out, "[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff%4294967295]:65535");
    pxb_addr_format(&a, small, sizeof small);
    assert_int_equal(strlen(small), sizeof small - 1);
    memset(&a, 0, sizeof a);
    pxb_addr_format(&a, out, sizeof out);
    assert_string_equal(out, "(none)");
}

static void test_compare(void **state)
{
    pxb_addr a, b;
    (void)state;
    assert_int_equal(pxb_addr_parse("192.0.2.1", &a), 0);
    b = a;
    a.port = 1000;
    b.port = 1001;
    assert_false(pxb_addr_equal(&a, &b));
    assert_true(pxb_addr_same_host(&a, &b));
    b.port = 1000;
    assert_true(pxb_addr_equal(&a, &b));
    b.ip[3] = 2;
    assert_false(pxb_addr_same_host(&a, &b));
    assert_int_equal(pxb_addr_parse("fe80::1%1", &a), 0);
    assert_int_equal(pxb_addr_parse("fe80::1%2", &b), 0);
    assert_false(pxb_addr_same_host(&a, &b));
    assert_int_equal(pxb_addr_parse("::ffff:192.0.2.1", &a), 0);
    assert_int_equal(pxb_addr_parse("192.0.2.1", &b), 0);
    assert_false(pxb_addr_same_host(&a, &b));
}

static void test_is_any(void **state)
{
    pxb_addr a;
    (void)state;
    assert_int_equal(pxb_addr_parse("0.0.0.0", &a), 0);
    assert_true(pxb_addr_is_any(&a));
    assert_int_equal(pxb_addr_parse("::", &a), 0);
    assert_true(pxb_addr_is_any(&a));
    assert_int_equal(pxb_addr_parse("0.0.0.1", &a), 0);
    assert_false(pxb_addr_is_any(&a));
    assert_int_equal(pxb_addr_parse("::1", &a), 0);
    assert_false(pxb_addr_is_any(&a));
    memset(&a, 0, sizeof a);
    assert_false(pxb_addr_is_any(&a));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_ipv4),          cmocka_unit_test(test_parse_ipv4_malformed),
        cmocka_unit_test(test_parse_ipv6_forms),    cmocka_unit_test(test_parse_ipv6_scope),
        cmocka_unit_test(test_parse_ipv6_malformed), cmocka_unit_test(test_format_with_port),
        cmocka_unit_test(test_format_longest_fits), cmocka_unit_test(test_compare),
        cmocka_unit_test(test_is_any),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
