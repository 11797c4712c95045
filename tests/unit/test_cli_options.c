/* test_cli_options.c: unit tests for the command line's option parser: long and short
 * options, "--name=value", switches, repeatable options, positional words and "--",
 * options from several tables, and messages for unknown options (with "did you mean"),
 * missing values, values given to switches and options given twice. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "cli_options.h"


static const pxb_option OWN[] = {
    {"server", 0, "NAME", 1, "a DHCP server"},
    {"format", 'f', "FORMAT", 0, "the format"},
};
static const pxb_option GLOBAL[] = {
    {"help", 'h', NULL, 0, "show help"},
    {"json", 0, NULL, 0, "JSON output"},
};
static const pxb_option_table TABLES[] = {
    {OWN, sizeof OWN / sizeof OWN[0]},
    {GLOBAL, sizeof GLOBAL / sizeof GLOBAL[0]},
};

static int parse(const char *const *words, pxb_cli_args *out, pxb_error *err)
{
    int argc = 0;
    while (words[argc] != NULL)
        argc++;
    return pxb_cli_parse(TABLES, 2, argc, (char *const *)words, out, err);
}

static void test_forms(void **state)
{
    const char *const words[] = {"A=1", "--server", "one", "--server=two", "-f", "isc",
                                 "--json", "B=2", "--", "--help", NULL};
    const char *servers[4];
    pxb_cli_args args;
    pxb_error err;
    (void)state;
    assert_int_equal(parse(words, &args, &err), 0);
    assert_int_equal(pxb_cli_values(&args, "server", servers, 4), 2);
    assert_string_equal(servers[0], "one");
    assert_string_equal(servers[1], "two");
    assert_string_equal(pxb_cli_value(&args, "server"), "two");
    assert_string_equal(pxb_cli_value(&args, "format"), "isc");
    assert_true(pxb_cli_has(&args, "json"));
    assert_false(pxb_cli_has(&args, "help"));
    assert_null(pxb_cli_value(&args, "json"));
    assert_int_equal(args.word_count, 3);
    assert_string_equal(args.words[0], "A=1");
    assert_string_equal(args.words[1], "B=2");
    assert_string_equal(args.words[2], "--help");
}

static void test_dash_is_a_word(void **state)
{
    const char *const words[] = {"-", "--format=", NULL};
    pxb_cli_args args;
    pxb_error err;
    (void)state;
    assert_int_equal(parse(words, &args, &err), 0);
    assert_int_equal(args.word_count, 1);
    assert_string_equal(pxb_cli_value(&args, "format"), "");
}

static void expect_error(const char *const *words, const char *want)
{
    pxb_cli_args args;
    pxb_error err;
    assert_int_equal(parse(words, &args, &err), -1);
    if (strstr(err.text, want) == NULL)
        fail_msg("'%s' lacks '%s'", err.text, want);
}

/* The message is the whole text, and a caller may pass no error at all. */
static void test_error_text_and_null(void **state)
{
    const char *const words[] = {"--json=1", NULL};
    pxb_cli_args args;
    pxb_error err;
    (void)state;
    assert_int_equal(parse(words, &args, &err), -1);
    assert_string_equal(err.text, "--json takes no value");
    assert_int_equal(parse(words, &args, NULL), -1);
}

static void test_errors(void **state)
{
    const char *const typo[] = {"--jsn", NULL};
    const char *const far[] = {"--color", NULL};
    const char *const short_unknown[] = {"-x", NULL};
    const char *const missing[] = {"--format", NULL};
    const char *const valued_switch[] = {"--json=yes", NULL};
    const char *const twice[] = {"--format", "isc", "--format=kea", NULL};
    (void)state;
    expect_error(typo, "unknown option '--jsn'; did you mean '--json'?");
    expect_error(far, "unknown option '--color'");
    expect_error(short_unknown, "unknown option '-x'");
    expect_error(missing, "--format needs a value (FORMAT)");
    expect_error(valued_switch, "--json takes no value");
    expect_error(twice, "--format is given twice");
}

static void test_too_many(void **state)
{
    const char *words[PXB_CLI_ARGS_MAX + 2];
    for (size_t i = 0; i <= PXB_CLI_ARGS_MAX; i++)
        words[i] = "word";
    words[PXB_CLI_ARGS_MAX + 1] = NULL;
    (void)state;
    expect_error(words, "too many arguments");
}

static void test_labels(void **state)
{
    char label[PXB_OPTION_LABEL_MAX];
    (void)state;
    pxb_option_label(&GLOBAL[0], label);
    assert_string_equal(label, "-h, --help");
    pxb_option_label(&OWN[0], label);
    assert_string_equal(label, "--server NAME");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forms),
        cmocka_unit_test(test_dash_is_a_word),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_error_text_and_null),
        cmocka_unit_test(test_too_many),
        cmocka_unit_test(test_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
