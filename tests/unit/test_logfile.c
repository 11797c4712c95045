/* test_logfile.c: unit tests for the rotating log file and the log front end it plugs into:
 * the directory is created with its parents, lines carry time, level and event id, the file
 * rotates before it would pass its size, only the configured number of old files is kept,
 * a reopened file appends, and the front end filters by level and flattens control
 * characters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "log.h"
#include "logfile.h"
#include "tmptree.h"

#define TEXT_MAX 4096

/* Reads the whole file rel under t into out; returns its length, or -1 if it is missing. */
static long read_text(const tmptree *t, const char *rel, char *out, size_t out_len)
{
    char path[PATH_MAX];
    tmptree_path(t, rel, path, sizeof path);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return -1;
    size_t n = fread(out, 1, out_len - 1, f);
    out[n] = '\0';
    fclose(f);
    return (long)n;
}

static pxb_logfile *open_in(const tmptree *t, const char *rel, uint32_t max_bytes,
                            uint32_t kept)
{
    char dir[PATH_MAX];
    pxb_error err = {0};
    tmptree_path(t, rel, dir, sizeof dir);
    pxb_logfile *lf = pxb_logfile_open(dir, max_bytes, kept, &err);
    assert_non_null(lf);
    assert_string_equal(err.text, "");
    return lf;
}

static void test_creates_directories_and_writes_lines(void **state)
{
    tmptree t;
    char text[TEXT_MAX];
    (void)state;
    tmptree_create(&t);
    pxb_logfile *lf = open_in(&t, "a/b/logs", 4096, 2);
    pxb_logfile_sink(lf, PXB_LOG_WARN, PXB_EV_TRANSFER_FAILED, "transfer failed");
    pxb_logfile_sink(lf, PXB_LOG_INFO, PXB_EV_GENERIC, "second");
    pxb_logfile_close(lf);
    assert_true(read_text(&t, "a/b/logs/pxebridge.log", text, sizeof text) > 0);
    /* "YYYY-MM-DD HH:MM:SS warn  [1005] transfer failed" */
    assert_int_equal(text[4], '-');
    assert_int_equal(text[10], ' ');
    assert_int_equal(text[13], ':');
    assert_non_null(strstr(text, " warn  [1005] transfer failed\n"));
    assert_non_null(strstr(text, " info  [1000] second\n"));
    tmptree_destroy(&t);
}

static void test_reopen_appends(void **state)
{
    tmptree t;
    char text[TEXT_MAX];
    (void)state;
    tmptree_create(&t);
    pxb_logfile *lf = open_in(&t, "logs", 4096, 2);
    pxb_logfile_sink(lf, PXB_LOG_INFO, PXB_EV_GENERIC, "one");
    pxb_logfile_close(lf);
    lf = open_in(&t, "logs/", 4096, 2);
    pxb_logfile_sink(lf, PXB_LOG_INFO, PXB_EV_GENERIC, "two");
    pxb_logfile_close(lf);
    assert_true(read_text(&t, "logs/pxebridge.log", text, sizeof text) > 0);
    assert_non_null(strstr(text, "one\n"));
    assert_non_null(strstr(text, "two\n"));
    tmptree_destroy(&t);
}

/* Writes count lines "line N" padded to about 100 bytes each. */
static void write_lines(pxb_logfile *lf, int first, int count)
{
    char message[128];
    for (int i = first; i < first + count; i++) {
        snprintf(message, sizeof message, "line %04d %060d", i, 0);
        pxb_logfile_sink(lf, PXB_LOG_INFO, PXB_EV_GENERIC, message);
    }
}

static void test_rotates_and_keeps_files(void **state)
{
    tmptree t;
    char text[TEXT_MAX];
    (void)state;
    tmptree_create(&t);
    pxb_logfile *lf = open_in(&t, "logs", 4096, 2);
    write_lines(lf, 0, 200); /* about 20 KB: five files' worth */
    pxb_logfile_close(lf);
    long live = read_text(&t, "logs/pxebridge.log", text, sizeof text);
    assert_true(live > 0 && live <= 4096);
    assert_non_null(strstr(text, "line 0199"));
    long first = read_text(&t, "logs/pxebridge.1.log", text, sizeof text);
    assert_true(first > 4000 && first <= 4096);
    long second = read_text(&t, "logs/pxebridge.2.log", text, sizeof text);
    assert_true(second > 4000 && second <= 4096);
    assert_int_equal(read_text(&t, "logs/pxebridge.3.log", text, sizeof text), -1);
    tmptree_destroy(&t);
}

static void test_keeps_no_old_files(void **state)
{
    tmptree t;
    char text[TEXT_MAX];
    (void)state;
    tmptree_create(&t);
    pxb_logfile *lf = open_in(&t, "logs", 4096, 0);
    write_lines(lf, 0, 100);
    pxb_logfile_close(lf);
    assert_true(read_text(&t, "logs/pxebridge.log", text, sizeof text) > 0);
    assert_non_null(strstr(text, "line 0099"));
    assert_int_equal(read_text(&t, "logs/pxebridge.1.log", text, sizeof text), -1);
    tmptree_destroy(&t);
}

static void test_open_fails_with_reason(void **state)
{
    tmptree t;
    char dir[PATH_MAX];
    pxb_error err = {0};
    (void)state;
    tmptree_create(&t);
    tmptree_write(&t, "file", "x", 1);
    tmptree_path(&t, "file/logs", dir, sizeof dir);
    assert_null(pxb_logfile_open(dir, 4096, 1, &err));
    assert_non_null(strstr(err.text, "cannot create directory"));
    tmptree_destroy(&t);
}

/* A sink that records the last line it got. */
typedef struct captured {
    int calls, level, event_id;
    char message[TEXT_MAX];
} captured;

static void capture(void *ctx, int level, int event_id, const char *message)
{
    captured *c = ctx;
    c->calls++;
    c->level = level;
    c->event_id = event_id;
    snprintf(c->message, sizeof c->message, "%s", message);
}

static void test_front_end_filters_and_flattens(void **state)
{
    captured c = {0};
    (void)state;
    pxb_log_clear_sinks();
    assert_int_equal(pxb_log_add_sink(capture, &c), 0);
    pxb_log_set_level(PXB_LOG_INFO);
    pxb_log(PXB_LOG_DEBUG, PXB_EV_GENERIC, "hidden");
    assert_int_equal(c.calls, 0);
    pxb_log(PXB_LOG_WARN, PXB_EV_REQUEST_REFUSED, "bad name '%s'", "a\nb\x1b");
    assert_int_equal(c.calls, 1);
    assert_int_equal(c.level, PXB_LOG_WARN);
    assert_int_equal(c.event_id, PXB_EV_REQUEST_REFUSED);
    assert_string_equal(c.message, "bad name 'a?b?'");
    pxb_log_set_level(PXB_LOG_DEBUG);
    pxb_log(PXB_LOG_DEBUG, PXB_EV_GENERIC, "shown");
    assert_int_equal(c.calls, 2);
    pxb_log_set_level(PXB_LOG_INFO);
    pxb_log_clear_sinks();
}

static void test_front_end_sink_limit(void **state)
{
    captured c = {0};
    (void)state;
    pxb_log_clear_sinks();
    for (int i = 0; i < 4; i++)
        assert_int_equal(pxb_log_add_sink(capture, &c), 0);
    assert_int_equal(pxb_log_add_sink(capture, &c), -1);
    pxb_log(PXB_LOG_ERROR, PXB_EV_GENERIC, "to all");
    assert_int_equal(c.calls, 4);
    pxb_log_clear_sinks();
}

static void test_level_names(void **state)
{
    (void)state;
    assert_int_equal(pxb_log_level_parse("Error"), PXB_LOG_ERROR);
    assert_int_equal(pxb_log_level_parse("warn"), PXB_LOG_WARN);
    assert_int_equal(pxb_log_level_parse("3"), PXB_LOG_DEBUG);
    assert_int_equal(pxb_log_level_parse("warning"), -1);
    assert_int_equal(pxb_log_level_parse(""), -1);
    assert_string_equal(pxb_log_level_name(PXB_LOG_INFO), "info");
    assert_string_equal(pxb_log_level_name(9), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_creates_directories_and_writes_lines),
        cmocka_unit_test(test_reopen_appends),
        cmocka_unit_test(test_rotates_and_keeps_files),
        cmocka_unit_test(test_keeps_no_old_files),
        cmocka_unit_test(test_open_fails_with_reason),
        cmocka_unit_test(test_front_end_filters_and_flattens),
        cmocka_unit_test(test_front_end_sink_limit),
        cmocka_unit_test(test_level_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
