/* test_log_ring.c: unit tests for the in-memory ring of recent log lines: lines come back
 * oldest first with their level, event id and time, the newest N of them when asked for N,
 * the oldest overwritten once the ring is full (also across several turns), and messages
 * longer than a slot cut. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log_ring.h"

static pxb_log_entry out[PXB_LOG_RING_LINES + 8];

static void log_numbered(pxb_log_ring *ring, int from, int to)
{
    char text[32];
    for (int i = from; i < to; i++) {
        snprintf(text, sizeof text, "line %d", i);
        pxb_log_ring_sink(ring, i % 4, 1000 + i, text);
    }
}

/* out[k] is "line first+k" for k < n. */
static void expect_run(size_t n, int first)
{
    char text[32];
    for (size_t k = 0; k < n; k++) {
        snprintf(text, sizeof text, "line %d", first + (int)k);
        assert_string_equal(out[k].message, text);
        assert_int_equal(out[k].event_id, 1000 + first + (int)k);
        assert_int_equal(out[k].level, (first + (int)k) % 4);
    }
}

static void test_empty(void **state)
{
    pxb_log_ring *ring = pxb_log_ring_create();
    (void)state;
    assert_non_null(ring);
    assert_int_equal(pxb_log_ring_tail(ring, out, 10), 0);
    pxb_log_ring_destroy(ring);
}

static void test_oldest_first(void **state)
{
    pxb_log_ring *ring = pxb_log_ring_create();
    time_t before = time(NULL);
    (void)state;
    log_numbered(ring, 0, 5);
    assert_int_equal(pxb_log_ring_tail(ring, out, 10), 5);
    expect_run(5, 0);
    assert_true(out[0].at >= before && out[4].at <= time(NULL));
    pxb_log_ring_destroy(ring);
}

static void test_newest_n(void **state)
{
    pxb_log_ring *ring = pxb_log_ring_create();
    (void)state;
    log_numbered(ring, 0, 10);
    assert_int_equal(pxb_log_ring_tail(ring, out, 3), 3);
    expect_run(3, 7);
    assert_int_equal(pxb_log_ring_tail(ring, out, 0), 0);
    pxb_log_ring_destroy(ring);
}

static void test_wrap_around(void **state)
{
    pxb_log_ring *ring = pxb_log_ring_create();
    (void)state;
    log_numbered(ring, 0, PXB_LOG_RING_LINES + 10);
    assert_int_equal(pxb_log_ring_tail(ring, out, PXB_LOG_RING_LINES + 8), PXB_LOG_RING_LINES);
    expect_run(PXB_LOG_RING_LINES, 10);
    /* The newest few straddle the end of the storage. */
    assert_int_equal(pxb_log_ring_tail(ring, out, 15), 15);
    expect_run(15, PXB_LOG_RING_LINES - 5);
    /* Several turns. */
    log_numbered(ring, PXB_LOG_RING_LINES + 10, 3 * PXB_LOG_RING_LINES + 1);
    assert_int_equal(pxb_log_ring_tail(ring, out, PXB_LOG_RING_LINES), PXB_LOG_RING_LINES);
    expect_run(PXB_LOG_RING_LINES, 2 * PXB_LOG_RING_LINES + 1);
    pxb_log_ring_destroy(ring);
}

static void test_long_message_cut(void **state)
{
    pxb_log_ring *ring = pxb_log_ring_create();
    char *text = malloc(PXB_LOG_RING_TEXT * 2);
    (void)state;
    assert_non_null(text);
    memset(text, 'x', PXB_LOG_RING_TEXT * 2 - 1);
    text[PXB_LOG_RING_TEXT * 2 - 1] = '\0';
    pxb_log_ring_sink(ring, 1, 7, text);
    assert_int_equal(pxb_log_ring_tail(ring, out, 1), 1);
    assert_int_equal(strlen(out[0].message), PXB_LOG_RING_TEXT - 1);
    assert_int_equal(out[0].message[0], 'x');
    free(text);
    pxb_log_ring_destroy(ring);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_oldest_first),
        cmocka_unit_test(test_newest_n),
        cmocka_unit_test(test_wrap_around),
        cmocka_unit_test(test_long_message_cut),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
