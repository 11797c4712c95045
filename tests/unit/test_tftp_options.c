/* test_tftp_options.c: unit tests for the option negotiation of read requests
 * (tftp_options.c) against the RFCs and docs/tftp-server.md: the accepted ranges of blksize
 * (RFC 2348: 8..65464), windowsize (RFC 7440: 1..65535) and timeout (RFC 2349: 1..255),
 * values that are not plain decimal numbers, tsize 0 answered with the transfer's size
 * (RFC 2349), unknown options ignored and not echoed, names in any case (RFC 2347), the
 * first of a repeated option counting, the server's caps, the OACK's contents and the log
 * description. Requests are built and parsed with the real tftp_packet.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tftp_options.h"
#include "tftp_packet.h"
#include "tftp_server.h"

#define PAIRS_MAX 4
#define ALL_OPTS (TFTP_OPT_BLKSIZE | TFTP_OPT_TSIZE | TFTP_OPT_TIMEOUT | TFTP_OPT_WINDOWSIZE)

/* One request's options as name/value pairs; a NULL name ends the list early. */
typedef struct request_options {
    const char *pair[PAIRS_MAX][2];
} request_options;

/* The datagram of the last request, which the parsed packet points into. */
static uint8_t datagram[1024];

static tftp_packet parse_request(const request_options *ro)
{
    tftp_option opts[PAIRS_MAX];
    size_t count = 0;
    tftp_packet p;
    const char *reason = NULL;
    while (count < PAIRS_MAX && ro->pair[count][0] != NULL) {
        opts[count].name = ro->pair[count][0];
        opts[count].value = ro->pair[count][1];
        count++;
    }
    size_t len = tftp_packet_build_request(datagram, sizeof datagram, TFTP_OP_RRQ,
                                           "undionly.kpxe", "octet", opts, count);
    assert_true(len > 0);
    assert_int_equal(tftp_packet_parse(datagram, len, &p, &reason), 0);
    return p;
}

/* Negotiates ro against limits; returns what tftp_options_negotiate returns. */
static int negotiate(const request_options *ro, const tftp_limits *limits, tftp_negotiation *n,
                     const char **reason)
{
    tftp_packet p = parse_request(ro);
    *reason = NULL;
    return tftp_options_negotiate(&p, limits, n, reason);
}

static tftp_limits default_limits(void)
{
    tftp_limits limits;
    tftp_limits_default(&limits);
    return limits;
}

/* Requests the server accepts, with the defaults as limits (65464, 64, 255). */
typedef struct accepted_case {
    const char *what;
    request_options ro;
    uint32_t blksize, windowsize, timeout_s;
    unsigned acked;
} accepted_case;

static const accepted_case ACCEPTED[] = {
    {"no options: RFC 1350 defaults", {{{NULL}}}, 512, 1, 0, 0},
    {"blksize at the RFC 2348 minimum", {{{"blksize", "8"}}}, 8, 1, 0, TFTP_OPT_BLKSIZE},
    {"blksize at the RFC 2348 maximum", {{{"blksize", "65464"}}}, 65464, 1, 0,
     TFTP_OPT_BLKSIZE},
    {"blksize for Ethernet", {{{"blksize", "1468"}}}, 1468, 1, 0, TFTP_OPT_BLKSIZE},
    {"windowsize 1 (RFC 7440 minimum)", {{{"windowsize", "1"}}}, 512, 1, 0,
     TFTP_OPT_WINDOWSIZE},
    {"windowsize above MaxWindowSize is lowered to it", {{{"windowsize", "65535"}}}, 512, 64,
     0, TFTP_OPT_WINDOWSIZE},
    {"timeout 1 (RFC 2349 minimum)", {{{"timeout", "1"}}}, 512, 1, 1, TFTP_OPT_TIMEOUT},
    {"timeout 255 (RFC 2349 maximum)", {{{"timeout", "255"}}}, 512, 1, 255, TFTP_OPT_TIMEOUT},
    {"tsize 0 is acknowledged", {{{"tsize", "0"}}}, 512, 1, 0, TFTP_OPT_TSIZE},
    {"a tsize of many digits saturates, still a number",
     {{{"tsize", "123456789012345678901234567890"}}}, 512, 1, 0, TFTP_OPT_TSIZE},
    {"names in any case (RFC 2347)",
     {{{"BLKSIZE", "1024"}, {"WindowSize", "4"}, {"TimeOut", "3"}, {"TSIZE", "0"}}}, 1024, 4, 3,
     ALL_OPTS},
    {"unknown options are ignored",
     {{{"multicast", ""}, {"rollover", "0"}, {"blksize", "1432"}, {"utimeout", "x"}}}, 1432, 1,
     0, TFTP_OPT_BLKSIZE},
    {"the first of a repeated option counts",
     {{{"blksize", "1024"}, {"blksize", "2048"}, {"windowsize", "8"}, {"windowsize", "16"}}},
     1024, 8, 0, TFTP_OPT_BLKSIZE | TFTP_OPT_WINDOWSIZE},
    {"a repeat with a bad value is ignored too",
     {{{"timeout", "5"}, {"timeout", "0"}, {"blksize", "512"}, {"blksize", "7"}}}, 512, 1, 5,
     TFTP_OPT_TIMEOUT | TFTP_OPT_BLKSIZE},
};

static void test_accepted_requests(void **state)
{
    (void)state;
    tftp_limits limits = default_limits();
    for (size_t i = 0; i < sizeof ACCEPTED / sizeof ACCEPTED[0]; i++) {
        const accepted_case *c = &ACCEPTED[i];
        tftp_negotiation n;
        const char *reason;
        print_message("%s\n", c->what);
        assert_int_equal(negotiate(&c->ro, &limits, &n, &reason), 0);
        assert_int_equal(n.blksize, c->blksize);
        assert_int_equal(n.windowsize, c->windowsize);
        assert_int_equal(n.timeout_s, c->timeout_s);
        assert_int_equal(n.acked, c->acked);
    }
}

/* Requests refused with error 8: a known option outside its range or not a plain number. */
typedef struct refused_case {
    const char *name, *value, *reason;
} refused_case;

static const refused_case REFUSED[] = {
    {"blksize", "7", "blksize must be a number from 8 to 65464"},
    {"blksize", "0", "blksize must be a number from 8 to 65464"},
    {"blksize", "65465", "blksize must be a number from 8 to 65464"},
    {"blksize", "99999999999999999999999", "blksize must be a number from 8 to 65464"},
    /* 2^64 + 512 and 2^64 + 5: too large, however a 64-bit number would wrap */
    {"blksize", "18446744073709552128", "blksize must be a number from 8 to 65464"},
    {"timeout", "18446744073709551621", "timeout must be a number from 1 to 255"},
    {"blksize", "", "blksize must be a number from 8 to 65464"},
    {"blksize", "-512", "blksize must be a number from 8 to 65464"},
    {"blksize", "+512", "blksize must be a number from 8 to 65464"},
    {"blksize", " 512", "blksize must be a number from 8 to 65464"},
    {"blksize", "512 ", "blksize must be a number from 8 to 65464"},
    {"blksize", "0x200", "blksize must be a number from 8 to 65464"},
    {"windowsize", "0", "windowsize must be a number from 1 to 65535"},
    {"windowsize", "65536", "windowsize must be a number from 1 to 65535"},
    {"WINDOWSIZE", "many", "windowsize must be a number from 1 to 65535"},
    {"timeout", "0", "timeout must be a number from 1 to 255"},
    {"timeout", "256", "timeout must be a number from 1 to 255"},
    {"timeout", "1.5", "timeout must be a number from 1 to 255"},
    {"tsize", "", "tsize must be a number"},
    {"tsize", "-1", "tsize must be a number"},
    {"Tsize", "ten", "tsize must be a number"},
};

static void test_refused_requests(void **state)
{
    (void)state;
    tftp_limits limits = default_limits();
    for (size_t i = 0; i < sizeof REFUSED / sizeof REFUSED[0]; i++) {
        const refused_case *c = &REFUSED[i];
        request_options ro = {{{c->name, c->value}}};
        tftp_negotiation n;
        const char *reason;
        print_message("%s=\"%s\"\n", c->name, c->value);
        assert_int_equal(negotiate(&ro, &limits, &n, &reason), -1);
        assert_non_null(reason);
        assert_string_equal(reason, c->reason);
    }
}

/* A bad value refuses the request even after good options and unknown ones. */
static void test_refused_after_good_options(void **state)
{
    (void)state;
    tftp_limits limits = default_limits();
    request_options ro = {{{"blksize", "1468"}, {"foo", "bar"}, {"timeout", "300"}}};
    tftp_negotiation n;
    const char *reason;
    assert_int_equal(negotiate(&ro, &limits, &n, &reason), -1);
    assert_string_equal(reason, "timeout must be a number from 1 to 255");
}

/* The server's caps: blksize and windowsize lowered to them, a timeout above the maximum
 * left out of the OACK (RFC 2349 does not let the server change it). */
static void test_caps_applied(void **state)
{
    (void)state;
    tftp_limits limits = default_limits();
    limits.max_blksize = 1468;
    limits.max_windowsize = 4;
    limits.max_timeout_s = 10;
    request_options over = {{{"blksize", "65464"}, {"windowsize", "16"}, {"timeout", "11"}}};
    request_options at = {{{"blksize", "1468"}, {"windowsize", "4"}, {"timeout", "10"}}};
    request_options under = {{{"blksize", "1000"}, {"windowsize", "3"}, {"timeout", "9"}}};
    tftp_negotiation n;
    const char *reason;

    assert_int_equal(negotiate(&over, &limits, &n, &reason), 0);
    assert_int_equal(n.blksize, 1468);
    assert_int_equal(n.windowsize, 4);
    assert_int_equal(n.timeout_s, 0);
    assert_int_equal(n.acked, TFTP_OPT_BLKSIZE | TFTP_OPT_WINDOWSIZE);

    assert_int_equal(negotiate(&at, &limits, &n, &reason), 0);
    assert_int_equal(n.blksize, 1468);
    assert_int_equal(n.windowsize, 4);
    assert_int_equal(n.timeout_s, 10);
    assert_int_equal(n.acked, TFTP_OPT_BLKSIZE | TFTP_OPT_WINDOWSIZE | TFTP_OPT_TIMEOUT);

    assert_int_equal(negotiate(&under, &limits, &n, &reason), 0);
    assert_int_equal(n.blksize, 1000);
    assert_int_equal(n.windowsize, 3);
    assert_int_equal(n.timeout_s, 9);
}

/* The OACK's pairs as "name=value name=value", after checking it parses as an OACK. */
static const char *oack_pairs(const uint8_t *buf, size_t len)
{
    static char text[256];
    tftp_packet p;
    tftp_option opt;
    const char *reason = NULL;
    size_t cursor = 0, pos = 0;
    assert_int_equal(tftp_packet_parse(buf, len, &p, &reason), 0);
    assert_int_equal(p.opcode, TFTP_OP_OACK);
    text[0] = '\0';
    while (tftp_packet_next_option(&p, &cursor, &opt))
        pos += (size_t)snprintf(text + pos, sizeof text - pos, "%s%s=%s", pos ? " " : "",
                                opt.name, opt.value);
    return text;
}

/* The OACK carries the acknowledged options only, with the values in force, in one order,
 * and tsize as the size the transfer will send (RFC 2349: a RRQ's tsize 0 is answered with
 * the size). */
static const struct {
    request_options ro;
    uint32_t max_windowsize;
    uint64_t tsize;
    const char *pairs;
} OACKS[] = {
    {{{{"TSIZE", "0"}, {"blksize", "1468"}, {"windowsize", "32"}, {"unknown", "1"}}}, 8,
     4194304, "blksize=1468 windowsize=8 tsize=4194304"},
    {{{{"timeout", "7"}, {"tsize", "0"}}}, 64, UINT64_C(5000000000),
     "timeout=7 tsize=5000000000"},
    {{{{"timeout", "3"}, {"WINDOWSIZE", "4"}, {"tsize", "12"}, {"BlkSize", "1024"}}}, 64, 99,
     "blksize=1024 windowsize=4 timeout=3 tsize=99"},
};

static void test_oack_carries_acked_options(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof OACKS / sizeof OACKS[0]; i++) {
        tftp_limits limits = default_limits();
        tftp_negotiation n;
        const char *reason;
        uint8_t buf[512];
        limits.max_windowsize = OACKS[i].max_windowsize;
        assert_int_equal(negotiate(&OACKS[i].ro, &limits, &n, &reason), 0);
        size_t len = tftp_options_build_oack(&n, OACKS[i].tsize, buf, sizeof buf);
        assert_true(len > 0);
        assert_string_equal(oack_pairs(buf, len), OACKS[i].pairs);
    }
}

/* A buffer too small for the OACK gives 0, never a cut packet. */
static void test_oack_too_small(void **state)
{
    (void)state;
    tftp_negotiation n = {.blksize = 1468, .windowsize = 4, .acked = TFTP_OPT_BLKSIZE |
                                                                     TFTP_OPT_WINDOWSIZE};
    uint8_t buf[64];
    size_t full = tftp_options_build_oack(&n, 0, buf, sizeof buf);
    assert_true(full > 0);
    assert_int_equal(tftp_options_build_oack(&n, 0, buf, full - 1), 0);
    assert_int_equal(tftp_options_build_oack(&n, 0, buf, full), full);
}

/* The description for the log: block and window size always, timeout and tsize when acked. */
static void test_describe(void **state)
{
    (void)state;
    tftp_negotiation plain = {.blksize = 512, .windowsize = 1};
    tftp_negotiation all = {.blksize = 1468, .windowsize = 4, .timeout_s = 3, .acked = ALL_OPTS};
    tftp_negotiation tsize_only = {.blksize = 512, .windowsize = 1, .acked = TFTP_OPT_TSIZE};
    char buf[128];

    tftp_options_describe(&plain, 99, buf, sizeof buf);
    assert_string_equal(buf, "blksize=512 windowsize=1");
    tftp_options_describe(&all, 123, buf, sizeof buf);
    assert_string_equal(buf, "blksize=1468 windowsize=4 timeout=3 tsize=123");
    tftp_options_describe(&tsize_only, 4194304, buf, sizeof buf);
    assert_string_equal(buf, "blksize=512 windowsize=1 tsize=4194304");
}

/* A short buffer gets a terminated prefix of the description and nothing past its end. */
static void test_describe_short_buffer(void **state)
{
    (void)state;
    tftp_negotiation all = {.blksize = 1468, .windowsize = 4, .timeout_s = 3, .acked = ALL_OPTS};
    const char *full = "blksize=1468 windowsize=4 timeout=3 tsize=123";
    char buf[64];

    for (size_t cap = 1; cap <= strlen(full) + 1; cap++) {
        memset(buf, 'X', sizeof buf);
        tftp_options_describe(&all, 123, buf, cap);
        assert_int_equal(strlen(buf), cap - 1);
        assert_memory_equal(buf, full, cap - 1);
        assert_int_equal(buf[cap], 'X');
    }
    buf[0] = 'X';
    tftp_options_describe(&all, 123, buf, 0);
    assert_int_equal(buf[0], 'X');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accepted_requests),
        cmocka_unit_test(test_refused_requests),
        cmocka_unit_test(test_refused_after_good_options),
        cmocka_unit_test(test_caps_applied),
        cmocka_unit_test(test_oack_carries_acked_options),
        cmocka_unit_test(test_oack_too_small),
        cmocka_unit_test(test_describe),
        cmocka_unit_test(test_describe_short_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
