/* test_args.c: unit tests for the command-line flags: switches and value flags in both
 * "--flag value" and "--flag=value" forms, repeated --listen joined into one setting, clear
 * messages for unknown flags, missing values and bad values (naming the flag), and a usage
 * text that lists every flag. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "args.h"
#include "config.h"
#include "log.h"

#define TEXT_MAX 1024
#define ARGV_MAX 40

/* Parses the NULL-terminated words as a command line after the program name. */
static int parse(pxb_args *out, pxb_error *err, const char *const *words)
{
    char *argv[ARGV_MAX] = {"pxebridge-tftpd"};
    int argc = 1;
    for (; words[argc - 1] != NULL; argc++) {
        assert_true(argc < ARGV_MAX);
        argv[argc] = (char *)words[argc - 1];
    }
    return pxb_args_parse(argc, argv, out, err);
}

/* Parses words and applies them to defaults; returns pxb_args_apply's result. */
static int parse_and_apply(pxb_config *cfg, pxb_error *err, const char *const *words)
{
    pxb_args args;
    assert_int_equal(parse(&args, err, words), 0);
    pxb_config_defaults(cfg);
    return pxb_args_apply(&args, cfg, err);
}

static void test_no_flags(void **state)
{
    pxb_args args;
    pxb_error err = {0};
    const char *const words[] = {NULL};
    (void)state;
    assert_int_equal(parse(&args, &err, words), 0);
    assert_int_equal(args.console, 0);
    assert_int_equal(args.help, 0);
    assert_int_equal(args.version, 0);
    assert_int_equal(args.override_count, 0);
}

static void test_switches(void **state)
{
    pxb_args args;
    pxb_error err = {0};
    const char *const words[] = {"--console", "--help", "--version", NULL};
    (void)state;
    assert_int_equal(parse(&args, &err, words), 0);
    assert_int_equal(args.console, 1);
    assert_int_equal(args.help, 1);
    assert_int_equal(args.version, 1);
}

static void test_value_flags(void **state)
{
    pxb_config cfg;
    pxb_error err = {0};
    char out[TEXT_MAX];
    const char *const words[] = {"--root",      "/srv/tftp", "--port=6969", "--log-level",
                                 "debug",       "--log-dir", "/var/log/pxb", NULL};
    (void)state;
    assert_int_equal(parse_and_apply(&cfg, &err, words), 0);
    assert_string_equal(cfg.tftp_root, "/srv/tftp");
    assert_int_equal(cfg.port, 6969);
    assert_int_equal(cfg.log_level, PXB_LOG_DEBUG);
    assert_string_equal(cfg.log_dir, "/var/log/pxb");
    assert_int_equal(pxb_config_get(&cfg, "ListenAddresses", out, sizeof out), 0);
    assert_string_equal(out, "0.0.0.0,::");
}

static void test_listen_joined(void **state)
{
    pxb_config cfg;
    pxb_error err = {0};
    char out[TEXT_MAX];
    const char *const words[] = {"--listen", "127.0.0.1", "--port", "70",
                                 "--listen=::1,192.0.2.1", NULL};
    (void)state;
    assert_int_equal(parse_and_apply(&cfg, &err, words), 0);
    assert_int_equal(pxb_config_get(&cfg, "ListenAddresses", out, sizeof out), 0);
    assert_string_equal(out, "127.0.0.1,::1,192.0.2.1");
    assert_int_equal(cfg.port, 70);
}

static void test_later_value_wins(void **state)
{
    pxb_config cfg;
    pxb_error err = {0};
    const char *const words[] = {"--port", "70", "--port", "71", NULL};
    (void)state;
    assert_int_equal(parse_and_apply(&cfg, &err, words), 0);
    assert_int_equal(cfg.port, 71);
}

static void assert_parse_error(const char *const *words, const char *want)
{
    pxb_args args;
    pxb_error err = {0};
    assert_int_equal(parse(&args, &err, words), -1);
    assert_string_equal(err.text, want);
}

static void test_parse_errors(void **state)
{
    const char *const unknown[] = {"--colour", "red", NULL};
    const char *const unknown_eq[] = {"--colour=red", NULL};
    const char *const single_dash[] = {"-p", NULL};
    const char *const missing[] = {"--root", NULL};
    const char *const positional[] = {"serve", NULL};
    const char *const switch_value[] = {"--help=yes", NULL};
    (void)state;
    assert_parse_error(unknown, "unknown option '--colour'; see --help");
    assert_parse_error(unknown_eq, "unknown option '--colour'; see --help");
    assert_parse_error(single_dash, "unexpected argument '-p'; see --help");
    assert_parse_error(missing, "--root needs a value (DIR); see --help");
    assert_parse_error(positional, "unexpected argument 'serve'; see --help");
    assert_parse_error(switch_value, "--help takes no value; see --help");
}

static void test_too_many_overrides(void **state)
{
    const char *words[PXB_ARGS_MAX_OVERRIDES + 2];
    (void)state;
    for (size_t i = 0; i <= PXB_ARGS_MAX_OVERRIDES; i++)
        words[i] = "--port=70";
    words[PXB_ARGS_MAX_OVERRIDES + 1] = NULL;
    assert_parse_error(words, "too many options: at most 16 flags with values");
}

static void test_bad_values_name_the_flag(void **state)
{
    pxb_config cfg;
    pxb_error err = {0};
    const char *const port[] = {"--port", "70000", NULL};
    const char *const listen[] = {"--listen", "::1", "--listen", "nowhere", NULL};
    const char *const level[] = {"--log-level=chatty", NULL};
    (void)state;
    assert_int_equal(parse_and_apply(&cfg, &err, port), -1);
    assert_string_equal(err.text, "--port: Port: '70000' is not a number from 1 to 65535");
    assert_int_equal(parse_and_apply(&cfg, &err, listen), -1);
    assert_string_equal(err.text, "--listen: ListenAddresses: 'nowhere' is not an IPv4 or IPv6 "
                             "address; give literal addresses separated by commas, e.g. "
                             "0.0.0.0,::");
    assert_int_equal(parse_and_apply(&cfg, &err, level), -1);
    assert_string_equal(err.text,
                        "--log-level: LogLevel: 'chatty' is not one of error, warn, info, debug");
}

static void test_listen_too_long(void **state)
{
    pxb_config cfg;
    pxb_error err = {0};
    char big[700];
    const char *const words[] = {"--listen", big, "--listen", big, NULL};
    (void)state;
    memset(big, ' ', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(parse_and_apply(&cfg, &err, words), -1);
    assert_string_equal(err.text, "--listen: the addresses are longer than 1023 characters");
}

static void test_usage_lists_flags(void **state)
{
    char out[4096];
    const char *flags[] = {"--root DIR", "--listen ADDR", "--port N", "--log-level LEVEL",
                           "--log-dir DIR", "--console", "--help", "--version"};
    (void)state;
    pxb_args_usage("pxebridge-tftpd", out, sizeof out);
    assert_non_null(strstr(out, "Usage: pxebridge-tftpd [options]\n"));
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        assert_non_null(strstr(out, flags[i]));
    assert_int_equal(out[strlen(out) - 1], '\n');
}

static void test_usage_truncates_safely(void **state)
{
    char out[20];
    (void)state;
    pxb_args_usage("pxebridge-tftpd", out, sizeof out);
    assert_int_equal(strlen(out), sizeof out - 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_flags),
        cmocka_unit_test(test_switches),
        cmocka_unit_test(test_value_flags),
        cmocka_unit_test(test_listen_joined),
        cmocka_unit_test(test_later_value_wins),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_too_many_overrides),
        cmocka_unit_test(test_bad_values_name_the_flag),
        cmocka_unit_test(test_listen_too_long),
        cmocka_unit_test(test_usage_lists_flags),
        cmocka_unit_test(test_usage_truncates_safely),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
