/* test_setting_source.c: unit tests for settings taken by precedence (setting_source.h): a
 * value from Group Policy wins over the program's own stored value whichever is read first,
 * each setting remembers where its value came from, a bad value changes neither the value
 * nor its source, and both product tables fit what a record of sources holds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "boot_plan.h"
#include "config.h"
#include "setting_source.h"

typedef struct sample {
    uint16_t port;
    int level;
} sample;

static const char *const LEVELS[] = {"low", "high", NULL};

static const pxb_setting SETTINGS[] = {
    {.name = "Port", .kind = PXB_SETTING_NUMBER, PXB_SETTING_FIELD(sample, port), .min = 1,
     .max = 65535, .default_text = "69", .help = "a port"},
    {.name = "Level", .kind = PXB_SETTING_CHOICE, PXB_SETTING_FIELD(sample, level),
     .choices = LEVELS, .default_text = "low", .help = "a level"},
};

static const pxb_setting_table TABLE = {"the sample's", SETTINGS, 2, sizeof(sample)};

typedef struct loaded {
    sample obj;
    pxb_setting_sources sources;
} loaded;

static void start(loaded *l)
{
    memset(l, 0, sizeof *l);
    pxb_setting_defaults(&TABLE, &l->obj);
    pxb_setting_sources_init(&l->sources);
}

static int take(loaded *l, enum pxb_setting_source from, const char *name, const char *text)
{
    pxb_error err;
    return pxb_setting_take(&TABLE, pxb_setting_find(&TABLE, name), &l->obj, &l->sources, from,
                            text, &err);
}

static void test_untouched_is_default(void **state)
{
    loaded l;
    (void)state;
    start(&l);
    assert_int_equal(pxb_setting_source_of(&TABLE, &l.sources, "Port"), PXB_SOURCE_DEFAULT);
    assert_int_equal(pxb_setting_source_of(&TABLE, &l.sources, "NoSuch"), PXB_SOURCE_DEFAULT);
    assert_string_equal(pxb_setting_source_name(PXB_SOURCE_DEFAULT), "default");
    assert_string_equal(pxb_setting_source_name(PXB_SOURCE_REGISTRY), "registry");
    assert_string_equal(pxb_setting_source_name(PXB_SOURCE_POLICY), "policy");
}

static void test_policy_read_first_wins(void **state)
{
    loaded l;
    (void)state;
    start(&l);
    assert_int_equal(take(&l, PXB_SOURCE_POLICY, "port", "70"), 1);
    assert_int_equal(take(&l, PXB_SOURCE_REGISTRY, "Port", "71"), 0);
    assert_int_equal(take(&l, PXB_SOURCE_REGISTRY, "Level", "high"), 1);
    assert_int_equal(l.obj.port, 70);
    assert_int_equal(l.obj.level, 1);
    assert_int_equal(pxb_setting_source_of(&TABLE, &l.sources, "PORT"), PXB_SOURCE_POLICY);
    assert_int_equal(pxb_setting_source_of(&TABLE, &l.sources, "Level"), PXB_SOURCE_REGISTRY);
}

static void test_policy_read_last_wins(void **state)
{
    loaded l;
    (void)state;
    start(&l);
    assert_int_equal(take(&l, PXB_SOURCE_REGISTRY, "Port", "71"), 1);
    assert_int_equal(take(&l, PXB_SOURCE_POLICY, "Port", "70"), 1);
    assert_int_equal(l.obj.port, 70);
    assert_int_equal(pxb_setting_source_of(&TABLE, &l.sources, "Port"), PXB_SOURCE_POLICY);
}

static void test_bad_value_changes_nothing(void **state)
{
    loaded l;
    pxb_error err;
    (void)state;
    start(&l);
    assert_int_equal(pxb_setting_take(&TABLE, &SETTINGS[0], &l.obj, &l.sources,
                                      PXB_SOURCE_POLICY, "0", &err), -1);
    assert_non_null(strstr(err.text, "Port"));
    assert_int_equal(l.obj.port, 69);
    assert_int_equal(pxb_setting_source_of(&TABLE, &l.sources, "Port"), PXB_SOURCE_DEFAULT);
    /* The stored value of lower precedence is then still taken. */
    assert_int_equal(take(&l, PXB_SOURCE_REGISTRY, "Port", "71"), 1);
    assert_int_equal(l.obj.port, 71);
}

static void test_list_by_source(void **state)
{
    loaded l;
    char out[64];
    (void)state;
    start(&l);
    assert_int_equal(pxb_setting_sources_list(&TABLE, &l.sources, PXB_SOURCE_POLICY, out,
                                              sizeof out), 0);
    assert_string_equal(out, "");
    take(&l, PXB_SOURCE_POLICY, "Level", "high");
    take(&l, PXB_SOURCE_POLICY, "Port", "70");
    assert_int_equal(pxb_setting_sources_list(&TABLE, &l.sources, PXB_SOURCE_POLICY, out,
                                              sizeof out), 2);
    assert_string_equal(out, "Port, Level");
    assert_int_equal(pxb_setting_sources_list(&TABLE, &l.sources, PXB_SOURCE_POLICY, out, 6), 2);
    assert_string_equal(out, "Port,");
}

static void test_product_tables_fit(void **state)
{
    (void)state;
    assert_true(pxb_config_table()->count <= PXB_SETTINGS_MAX);
    assert_true(pxb_plan_table()->count <= PXB_SETTINGS_MAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_untouched_is_default),
        cmocka_unit_test(test_policy_read_first_wins),
        cmocka_unit_test(test_policy_read_last_wins),
        cmocka_unit_test(test_bad_value_changes_nothing),
        cmocka_unit_test(test_list_by_source),
        cmocka_unit_test(test_product_tables_fit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
