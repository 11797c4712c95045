/* test_storm_figures.c: unit tests for the load generator's figures (tests/bench/): the
 * seeded loss drops none, all, or about the share asked, the same way for the same seed;
 * nearest-rank percentiles; the server's CPU time read from a /proc/PID/stat line whose
 * command name holds spaces and parentheses,
 * its reaped children's time included. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "storm_loss.h"
#include "storm_proc.h"
#include "storm_stats.h"

static unsigned drops_of(uint64_t seed, double percent, unsigned draws)
{
    storm_loss l;
    unsigned n = 0;
    storm_loss_init(&l, seed, percent);
    for (unsigned i = 0; i < draws; i++)
        n += (unsigned)storm_loss_drop(&l);
    return n;
}

static void test_loss_drops_the_share_asked(void **state)
{
    assert_int_equal(drops_of(1, 0, 10000), 0);
    assert_int_equal(drops_of(1, 100, 10000), 10000);
    unsigned one = drops_of(7, 1, 100000);
    assert_in_range(one, 800, 1200);
    assert_int_equal(drops_of(7, 1, 100000), one);
    assert_int_equal(drops_of(0, 50, 1000) > 0, 1);
}

static void test_percentiles_by_nearest_rank(void **state)
{
    uint64_t v[] = {50, 10, 30, 20, 40};
    assert_int_equal(storm_stats_percentile(v, 5, 50), 30);
    assert_int_equal(storm_stats_percentile(v, 5, 99), 50);
    assert_int_equal(storm_stats_percentile(v, 5, 1), 10);
    assert_int_equal(storm_stats_percentile(v, 0, 50), 0);
}

static void test_cpu_from_a_stat_line(void **state)
{
    const char *line = "4242 (wine (x) srv) S 1 2 3 4 5 6 7 8 9 10 250 150 30 20 20 0 1 0";
    assert_true(storm_proc_parse_cpu(line, 100) == 4.5);
    assert_true(storm_proc_parse_cpu("4242 no parenthesis", 100) < 0);
    assert_true(storm_proc_parse_cpu("1 (x) S 1 2", 100) < 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_loss_drops_the_share_asked),
        cmocka_unit_test(test_percentiles_by_nearest_rank),
        cmocka_unit_test(test_cpu_from_a_stat_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
