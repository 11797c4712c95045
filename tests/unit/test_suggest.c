/* test_suggest.c: unit tests for "did you mean": edit distances (insertions, deletions,
 * substitutions, swapped neighbours, case ignored), the closest candidate winning, and no
 * suggestion for words too far off or too short to judge. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "suggest.h"

static void test_distances(void **state)
{
    (void)state;
    assert_int_equal(pxb_edit_distance("apply", "apply"), 0);
    assert_int_equal(pxb_edit_distance("aply", "apply"), 1);
    assert_int_equal(pxb_edit_distance("applyy", "apply"), 1);
    assert_int_equal(pxb_edit_distance("verfiy", "verify"), 1);
    assert_int_equal(pxb_edit_distance("PORT", "port"), 0);
    assert_int_equal(pxb_edit_distance("", "json"), 4);
    assert_int_equal(pxb_edit_distance("kitten", "sitting"), 3);
}

static void test_long_words_are_far(void **state)
{
    char longer[PXB_SUGGEST_WORD_MAX + 2];
    (void)state;
    memset(longer, 'a', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    assert_int_equal(pxb_edit_distance(longer, "a"), SIZE_MAX);
}

static const char *suggest(const char *typed, const char *const *words)
{
    pxb_suggestion s;
    pxb_suggest_start(&s, typed);
    for (; *words != NULL; words++)
        pxb_suggest_offer(&s, *words);
    return pxb_suggest_best(&s);
}

static void test_closest_wins(void **state)
{
    const char *const verbs[] = {"plan", "apply", "verify", "remove", "export", NULL};
    (void)state;
    assert_string_equal(suggest("aply", verbs), "apply");
    assert_string_equal(suggest("verfy", verbs), "verify");
    assert_string_equal(suggest("exprot", verbs), "export");
    assert_string_equal(suggest("PLAN", verbs), "plan");
}

static void test_no_suggestion(void **state)
{
    const char *const verbs[] = {"plan", "apply", "verify", "remove", "export", NULL};
    const char *const none[] = {NULL};
    (void)state;
    assert_null(suggest("status", verbs));
    assert_null(suggest("x", verbs));
    assert_null(suggest("apply", none));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_distances),
        cmocka_unit_test(test_long_words_are_far),
        cmocka_unit_test(test_closest_wins),
        cmocka_unit_test(test_no_suggestion),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
