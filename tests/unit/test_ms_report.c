/* test_ms_report.c: unit tests for the report of one Microsoft DHCP run (ms_report.c), built
 * from outcomes made by hand: the heading (server, version, policies or the fallback), one
 * line per change and per finding, the closing line of each action with and without
 * changes, a blocked run, a failure (nothing changed, changes undone, the undo failing too,
 * the server unreadable), the status passed through, and the JSON object with the same
 * content: its keys, null for no error, and strings escaped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ms_report.h"

/* The outcome under test and what it points to. */
static pxb_ms_outcome outcome;
static pxb_ms_state server;
static pxb_ms_diff diff;
static pxb_ms_change changes[2];
static pxb_ms_finding findings[2];
static pxb_dhcp_result result;

static int setup(void **state)
{
    (void)state;
    memset(&outcome, 0, sizeof outcome);
    memset(&server, 0, sizeof server);
    memset(&diff, 0, sizeof diff);
    memset(changes, 0, sizeof changes);
    memset(findings, 0, sizeof findings);
    pxb_dhcp_result_free(&result);
    server.major = 10;
    server.minor = 0;
    server.has_policies = 1;
    outcome.server = "dhcp1";
    outcome.have = &server;
    diff.changes = changes;
    diff.findings = findings;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    pxb_dhcp_result_free(&result);
    return 0;
}

/* Two changes (a class and a value) in the diff. */
static void with_changes(void)
{
    changes[0].op = PXB_MS_CREATE_CLASS;
    snprintf(changes[0].cls.name, sizeof changes[0].cls.name, "pxebridge class iPXE");
    memcpy(changes[0].cls.data, "iPXE", 4);
    changes[0].cls.data_len = 4;
    changes[1].op = PXB_MS_SET_VALUE;
    changes[1].opt = PXB_MS_OPT_067;
    changes[1].level.global = 1;
    snprintf(changes[1].value, sizeof changes[1].value, "undionly.kpxe");
    diff.count = 2;
    outcome.diff = &diff;
}

static void add_finding(enum pxb_ms_severity severity, const char *text)
{
    findings[diff.finding_count].severity = severity;
    snprintf(findings[diff.finding_count].text, PXB_MS_FINDING_MAX, "%s", text);
    diff.finding_count++;
    outcome.diff = &diff;
}

static void report(void)
{
    pxb_dhcp_result_free(&result);
    assert_int_equal(pxb_ms_report(&outcome, &result), 0);
    assert_non_null(result.text);
    assert_non_null(result.json);
    assert_int_equal(result.status, outcome.status);
}

/* The last line of the text report, without its newline. */
static const char *last_line(void)
{
    static char line[1024];
    size_t len = strlen(result.text);
    assert_true(len > 0 && result.text[len - 1] == '\n');
    size_t start = len - 1;
    while (start > 0 && result.text[start - 1] != '\n')
        start--;
    snprintf(line, sizeof line, "%.*s", (int)(len - 1 - start), result.text + start);
    return line;
}

static void assert_has(const char *text, const char *part)
{
    if (strstr(text, part) == NULL)
        fail_msg("\"%s\" not in:\n%s", part, text);
}

static void assert_starts(const char *text, const char *start)
{
    if (strncmp(text, start, strlen(start)) != 0)
        fail_msg("does not start with \"%s\":\n%s", start, text);
}

/* The heading names the action, the server (or this machine), its version and whether it has
 * policies; an unreadable server gets no version. */
static void test_heading(void **state)
{
    (void)state;
    report();
    assert_starts(result.text, "pxebridge dhcp plan on dhcp1 (DHCP Server 10.0, policies)\n");
    outcome.action = PXB_DHCP_VERIFY;
    outcome.server = NULL;
    server.major = 6;
    server.minor = 1;
    server.has_policies = 0;
    report();
    assert_starts(result.text, "pxebridge dhcp verify on this machine (DHCP Server 6.1, no "
                               "policies: user-class fallback)\n");
    outcome.action = PXB_DHCP_REMOVE;
    outcome.server = "";
    outcome.have = NULL;
    report();
    assert_starts(result.text, "pxebridge dhcp remove on this machine\n");
}

/* The closing line of each action, with no changes and with two. */
static void test_summary_lines(void **state)
{
    static const struct {
        enum pxb_dhcp_action action;
        int changes;
        const char *line;
    } SUMMARIES[] = {
        {PXB_DHCP_PLAN, 0, "no changes: the server is in line with the boot plan"},
        {PXB_DHCP_APPLY, 0, "no changes: the server is in line with the boot plan"},
        {PXB_DHCP_VERIFY, 0, "no changes: the server is in line with the boot plan"},
        {PXB_DHCP_REMOVE, 0, "nothing to remove: the server holds nothing of pxebridge's"},
        {PXB_DHCP_PLAN, 1, "2 change(s) to make: run apply to make them"},
        {PXB_DHCP_APPLY, 1, "applied 2 change(s)"},
        {PXB_DHCP_VERIFY, 1, "drift: 2 difference(s) from the boot plan; run apply to repair"},
        {PXB_DHCP_REMOVE, 1, "removed: 2 change(s)"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof SUMMARIES / sizeof SUMMARIES[0]; i++) {
        setup(NULL);
        outcome.action = SUMMARIES[i].action;
        if (SUMMARIES[i].changes) {
            with_changes();
            outcome.done = 2;
        }
        report();
        assert_string_equal(last_line(), SUMMARIES[i].line);
    }
}

/* One line per change as ms_change describes it, then the findings with their severity. */
static void test_changes_and_findings(void **state)
{
    (void)state;
    with_changes();
    add_finding(PXB_MS_NOTE, "class 'iPXE' reused");
    add_finding(PXB_MS_WARNING, "scope 10.0.0.0 sets option 067 for every client");
    outcome.status = PXB_DHCP_CHANGES;
    report();
    assert_string_equal(result.text,
                        "pxebridge dhcp plan on dhcp1 (DHCP Server 10.0, policies)\n"
                        "+ class 'pxebridge class iPXE' (user, data 'iPXE')\n"
                        "+ option 067 = 'undionly.kpxe' on server, for every client\n"
                        "note: class 'iPXE' reused\n"
                        "warning: scope 10.0.0.0 sets option 067 for every client\n"
                        "2 change(s) to make: run apply to make them\n");
    assert_string_equal(result.json,
                        "{\"action\":\"plan\",\"server\":\"dhcp1\",\"status\":\"changes\","
                        "\"version\":\"10.0\",\"policies\":true,\"changes\":["
                        "{\"op\":\"create-class\",\"text\":\"+ class 'pxebridge class iPXE' "
                        "(user, data 'iPXE')\"},{\"op\":\"set-value\",\"text\":\"+ option 067 = "
                        "'undionly.kpxe' on server, for every client\"}],\"findings\":["
                        "{\"severity\":\"note\",\"text\":\"class 'iPXE' reused\"},"
                        "{\"severity\":\"warning\",\"text\":\"scope 10.0.0.0 sets option 067 "
                        "for every client\"}],\"blocked\":false,\"done\":0,\"error\":null,"
                        "\"undone\":0,\"undo_error\":null,\"undone_for\":null}\n");
    /* The warnings are counted for the service's log; notes are not. */
    assert_int_equal(result.warnings, 1);
}

/* A blocker: the finding is marked blocked and the closing line says to fix it first. */
static void test_blocked(void **state)
{
    (void)state;
    add_finding(PXB_MS_BLOCKER, "policy 'pxebridge iPXE' on server exists but is not ours");
    diff.blocked = 1;
    outcome.action = PXB_DHCP_APPLY;
    outcome.status = PXB_DHCP_FAILED;
    report();
    assert_has(result.text, "\nblocked: policy 'pxebridge iPXE' on server exists but is not "
                            "ours\n");
    assert_string_equal(last_line(), "nothing changed: fix what is marked 'blocked' above, "
                                     "then run again");
    assert_has(result.json, "\"status\":\"failed\"");
    assert_has(result.json, "{\"severity\":\"blocked\",\"text\":");
    assert_has(result.json, "\"blocked\":true");
}

/* A failure: the cause, then what became of the changes made before it. */
static void test_failures(void **state)
{
    static const struct {
        int with_diff;
        size_t done, undone;
        const char *undo_cause; /* NULL: the undo worked */
        const char *after;      /* the lines after the cause; NULL: none */
    } FAILURES[] = {
        {0, 0, 0, NULL, NULL},
        {1, 0, 0, NULL, "nothing was changed"},
        {1, 1, 1, NULL, "undid the 1 change(s) this run had made: the server is as it was"},
        {1, 2, 2, NULL, "undid the 2 change(s) this run had made: the server is as it was"},
        {1, 2, 1, "DhcpDeleteClass on dhcp1 failed with 1722",
         "error: undoing this run failed after 1 of 2 change(s): DhcpDeleteClass on dhcp1 "
         "failed with 1722\nthe server keeps the first changes listed above that were not "
         "undone: run remove, or apply again once the cause is fixed"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof FAILURES / sizeof FAILURES[0]; i++) {
        char expected[1024];
        setup(NULL);
        outcome.action = PXB_DHCP_APPLY;
        outcome.status = PXB_DHCP_FAILED;
        if (FAILURES[i].with_diff)
            with_changes();
        outcome.failed = 1;
        snprintf(outcome.cause, sizeof outcome.cause, "DhcpV4CreatePolicy on dhcp1 failed");
        outcome.done = FAILURES[i].done;
        outcome.undone = FAILURES[i].undone;
        outcome.undo_failed = FAILURES[i].undo_cause != NULL;
        snprintf(outcome.undo_cause, sizeof outcome.undo_cause, "%s",
                 FAILURES[i].undo_cause ? FAILURES[i].undo_cause : "");
        report();
        snprintf(expected, sizeof expected, "\nerror: DhcpV4CreatePolicy on dhcp1 failed\n%s%s",
                 FAILURES[i].after ? FAILURES[i].after : "", FAILURES[i].after ? "\n" : "");
        assert_true(strlen(result.text) > strlen(expected));
        assert_string_equal(result.text + strlen(result.text) - strlen(expected), expected);
        assert_has(result.json, "\"error\":\"DhcpV4CreatePolicy on dhcp1 failed\"");
        if (outcome.undo_failed) {
            assert_has(result.json, "\"undone\":1,\"undo_error\":\"DhcpDeleteClass on dhcp1 "
                                    "failed with 1722\",\"undone_for\":null}");
        } else {
            assert_has(result.json, "\"undo_error\":null,\"undone_for\":null}");
        }
    }
}

/* The server could not be read: no version in the JSON, no changes, the cause. */
static void test_unreadable_server_json(void **state)
{
    (void)state;
    outcome.action = PXB_DHCP_VERIFY;
    outcome.status = PXB_DHCP_FAILED;
    outcome.have = NULL;
    outcome.failed = 1;
    snprintf(outcome.cause, sizeof outcome.cause, "not reachable");
    report();
    assert_string_equal(result.json,
                        "{\"action\":\"verify\",\"server\":\"dhcp1\",\"status\":\"failed\","
                        "\"changes\":[],\"findings\":[],\"blocked\":false,\"done\":0,"
                        "\"error\":\"not reachable\",\"undone\":0,\"undo_error\":null,\"undone_for\":null}\n");
}

/* Quotes, backslashes and control characters in any text are escaped in the JSON. */
static void test_json_escapes(void **state)
{
    (void)state;
    outcome.server = "dhcp\"1\\";
    add_finding(PXB_MS_WARNING, "line one\nline\ttwo \x01\x1f");
    outcome.failed = 1;
    snprintf(outcome.cause, sizeof outcome.cause, "class \"x\" at C:\\dhcp");
    report();
    assert_has(result.json, "\"server\":\"dhcp\\\"1\\\\\"");
    assert_has(result.json, "\"text\":\"line one\\u000aline\\u0009two \\u0001\\u001f\"");
    assert_has(result.json, "\"error\":\"class \\\"x\\\" at C:\\\\dhcp\"");
    assert_has(result.text, "pxebridge dhcp plan on dhcp\"1\\ (DHCP");
    for (const char *c = result.json; *c; c++)
        assert_true((unsigned char)*c >= 0x20 || (*c == '\n' && c[1] == '\0'));
}

/* A long report is written whole: the buffer is measured first. */
static void test_long_report_whole(void **state)
{
    (void)state;
    char cause[PXB_MS_CAUSE_MAX];
    memset(cause, 'c', sizeof cause - 1);
    cause[sizeof cause - 1] = '\0';
    with_changes();
    for (size_t i = 0; i < 2; i++) {
        memset(findings[i].text, 'f', PXB_MS_FINDING_MAX - 1);
        findings[i].text[PXB_MS_FINDING_MAX - 1] = '\0';
    }
    diff.finding_count = 2;
    outcome.failed = 1;
    snprintf(outcome.cause, sizeof outcome.cause, "%s", cause);
    report();
    assert_has(result.text, findings[1].text);
    assert_has(result.text, cause);
    assert_has(result.json, cause);
    assert_string_equal(result.json + strlen(result.json) - strlen("\"undo_error\":null,\"undone_for\":null}\n"),
                        "\"undo_error\":null,\"undone_for\":null}\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_heading, setup, teardown),
        cmocka_unit_test_setup_teardown(test_summary_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(test_changes_and_findings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_blocked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failures, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unreadable_server_json, setup, teardown),
        cmocka_unit_test_setup_teardown(test_json_escapes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_report_whole, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
