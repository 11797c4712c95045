/* test_gunzip.c: unit tests for gunzip.c, on gzip files zlib's deflate makes here: a file
 * larger than the first buffer, two members one after another, and the refusals (no gzip,
 * cut short, damaged, more than the bound), each with its words, NULL error accepted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "gunzip.h"

#define MIB ((size_t)1 << 20)

/* data gzip-compressed (one member) into a malloc'd buffer, its length in *out_len. */
static unsigned char *gzip_of(const unsigned char *data, size_t len, size_t *out_len)
{
    z_stream zs = {0};
    assert_int_equal(deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY),
                     Z_OK);
    size_t cap = deflateBound(&zs, (uLong)len) + 64;
    unsigned char *out = malloc(cap);
    assert_non_null(out);
    zs.next_in = (Bytef *)data;
    zs.avail_in = (uInt)len;
    zs.next_out = out;
    zs.avail_out = (uInt)cap;
    assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
    *out_len = zs.total_out;
    deflateEnd(&zs);
    return out;
}

/* len bytes that compress a little (a counter mixed), so the output outgrows 1 MiB. */
static unsigned char *sample(size_t len)
{
    unsigned char *data = malloc(len);
    assert_non_null(data);
    uint32_t x = 12345;
    for (size_t i = 0; i < len; i++) {
        x = x * 1103515245u + 12345u;
        data[i] = (unsigned char)(i % 7 == 0 ? x >> 24 : i);
    }
    return data;
}

static void test_round_trip_beyond_first_buffer(void **state)
{
    (void)state;
    size_t len = 3 * MIB + 17, packed_len, got_len;
    unsigned char *data = sample(len);
    unsigned char *packed = gzip_of(data, len, &packed_len);
    pxb_error err;
    assert_true(pxb_is_gzip(packed, packed_len));
    unsigned char *got = pxb_gunzip(packed, packed_len, 64 * MIB, &got_len, &err);
    assert_non_null(got);
    assert_int_equal(got_len, len);
    assert_memory_equal(got, data, len);
    free(got);
    free(packed);
    free(data);
}

static void test_two_members(void **state)
{
    (void)state;
    size_t a_len, b_len, got_len;
    unsigned char *a = gzip_of((const unsigned char *)"first ", 6, &a_len);
    unsigned char *b = gzip_of((const unsigned char *)"second", 6, &b_len);
    unsigned char *both = malloc(a_len + b_len);
    assert_non_null(both);
    memcpy(both, a, a_len);
    memcpy(both + a_len, b, b_len);
    unsigned char *got = pxb_gunzip(both, a_len + b_len, MIB, &got_len, NULL);
    assert_non_null(got);
    assert_int_equal(got_len, 12);
    assert_memory_equal(got, "first second", 12);
    free(got);
    free(both);
    free(b);
    free(a);
}

/* pxb_gunzip of data must fail with exactly the text want. */
static void expect_refused(const unsigned char *data, size_t len, size_t max, const char *want)
{
    size_t got_len;
    pxb_error err;
    assert_null(pxb_gunzip(data, len, max, &got_len, &err));
    assert_string_equal(err.text, want);
    assert_null(pxb_gunzip(data, len, max, &got_len, NULL));
}

static void test_refusals(void **state)
{
    (void)state;
    size_t len = 2 * MIB, packed_len;
    unsigned char *data = sample(len);
    unsigned char *packed = gzip_of(data, len, &packed_len);
    expect_refused((const unsigned char *)"MZ\x90\x00", 4, MIB, "it is no gzip file");
    expect_refused(packed, packed_len, MIB, "it unpacks to more than 1 MiB");
    expect_refused(packed, packed_len / 2, 64 * MIB, "it is cut short");
    packed[packed_len - 5] ^= 0xff; /* the length in the trailer no longer holds */
    size_t got_len;
    pxb_error err;
    assert_null(pxb_gunzip(packed, packed_len, 64 * MIB, &got_len, &err));
    assert_non_null(strstr(err.text, "it is damaged ("));
    free(packed);
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_beyond_first_buffer),
        cmocka_unit_test(test_two_members),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
