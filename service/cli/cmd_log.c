/* cmd_log.c: `pxebridge log [--lines N] [--json]`: the service's recent log lines, from its
 * status pipe while it runs (the in-memory ring, log_ring.h), else the tail of pxebridge.log
 * under LogDirectory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "config_registry.h"
#include "console.h"
#include "json_writer.h"
#include "pipe_client.h"
#include "service_notify.h"
#include "whole_file.h"

#define DEFAULT_LINES 20
#define LOG_READ_MAX (64u * 1024 * 1024)

static const pxb_option OPTIONS[] = {
    {"lines", 'n', "N", 0, "how many of the newest lines (default 20)"},
};

const pxb_option_table cli_log_options = {OPTIONS, sizeof OPTIONS / sizeof OPTIONS[0]};

static void put_event_json(pxb_json *j, const pxb_jvalue *e)
{
    pxb_json_begin_object(j);
    pxb_json_field_string(j, "time", pxb_json_get_text(e, "time", NULL));
    pxb_json_field_string(j, "level", pxb_json_get_text(e, "level", NULL));
    pxb_json_field_int(j, "id", pxb_json_get_int(e, "id", 0));
    pxb_json_field_string(j, "message", pxb_json_get_text(e, "message", NULL));
    pxb_json_end_object(j);
}

static int show_service_log(const cli_call *call, const cli_answer *a)
{
    const pxb_jvalue *events = pxb_json_get(a->doc, "events");
    size_t count = events != NULL ? events->count : 0;
    if (call->json) {
        pxb_json j;
        pxb_json_init(&j);
        pxb_json_begin_object(&j);
        pxb_json_field_string(&j, "source", "service");
        pxb_json_key(&j, "events");
        pxb_json_begin_array(&j);
        for (size_t i = 0; i < count; i++)
            put_event_json(&j, &events->items[i]);
        pxb_json_end_array(&j);
        pxb_json_end_object(&j);
        return cli_put_json(&j);
    }
    for (size_t i = 0; i < count; i++) {
        const pxb_jvalue *e = &events->items[i];
        cli_printf(CLI_STDOUT, "%s %-5s [%lld] %s\n", pxb_json_get_text(e, "time", "-"),
                   pxb_json_get_text(e, "level", "?"), pxb_json_get_int(e, "id", 0),
                   pxb_json_get_text(e, "message", ""));
    }
    return CLI_OK;
}

/* The start of the last `lines` lines of text. */
static const char *tail_of(const char *text, unsigned lines)
{
    const char *p = text + strlen(text);
    if (p > text && p[-1] == '\n')
        p--;
    while (p > text) {
        if (p[-1] == '\n' && --lines == 0)
            break;
        p--;
    }
    return p;
}

static int show_file_tail(const cli_call *call, const char *dir, unsigned lines)
{
    char path[PXB_CONFIG_PATH_MAX + 32];
    pxb_error err = {0};
    snprintf(path, sizeof path, "%s\\pxebridge.log", dir);
    char *text = pxb_file_read_text(path, LOG_READ_MAX, &err);
    if (text == NULL)
        return cli_fail("the service is not running and its log file cannot be read: %s", err.text);
    const char *tail = tail_of(text, lines);
    int rc = CLI_OK;
    if (call->json) {
        pxb_json j;
        pxb_json_init(&j);
        pxb_json_begin_object(&j);
        pxb_json_field_string(&j, "source", path);
        pxb_json_key(&j, "lines");
        pxb_json_begin_array(&j);
        for (const char *p = tail; *p != '\0';) {
            size_t n = strcspn(p, "\r\n");
            char *line = malloc(n + 1);
            if (line != NULL) {
                memcpy(line, p, n);
                line[n] = '\0';
            }
            pxb_json_string(&j, line != NULL ? line : "");
            free(line);
            p += n;
            p += strspn(p, "\r\n");
        }
        pxb_json_end_array(&j);
        pxb_json_end_object(&j);
        rc = cli_put_json(&j);
    } else {
        cli_printf(CLI_STDERR, "The " CLI_SERVICE_NAME " service is not running; the end of "
                               "%s:\n", path);
        cli_write(CLI_STDOUT, tail, strlen(tail));
    }
    free(text);
    return rc;
}

/* The service is not running: the log file under LogDirectory. */
static int show_log_file(const cli_call *call, unsigned lines)
{
    pxb_error err = {0};
    pxb_config *cfg = malloc(sizeof *cfg);
    if (cfg == NULL)
        return cli_fail("out of memory");
    int rc;
    if (pxb_registry_load(NULL, cfg, &err) != 0)
        rc = cli_fail("the service is not running and its settings cannot be read: %s", err.text);
    else if (cfg->log_dir[0] == '\0')
        rc = cli_fail("the service is not running and LogDirectory is empty (no log file); "
                      "see the Event Log, or set one with '" CLI_PROGRAM
                      " config set LogDirectory=DIR'");
    else
        rc = show_file_tail(call, cfg->log_dir, lines);
    free(cfg);
    return rc;
}

int cli_log(const cli_call *call)
{
    const char *text = pxb_cli_value(&call->args, "lines");
    unsigned long lines = DEFAULT_LINES;
    if (text != NULL) {
        char *end;
        lines = strtoul(text, &end, 10);
        if (text[0] < '0' || text[0] > '9' || *end != '\0' || lines < 1 ||
            lines > PXB_PROTO_LINES_MAX)
            return cli_bad_usage(call->command, "--lines: '%s' is not a number from 1 to %d",
                                 text, PXB_PROTO_LINES_MAX);
    }
    cli_answer a;
    pxb_error err = {0};
    pxb_request req = {.command = PXB_PROTO_LOG, .lines = (unsigned)lines};
    int rc = cli_pipe_ask(&req, &a, &err);
    if (rc == CLI_PIPE_ABSENT)
        return show_log_file(call, (unsigned)lines);
    if (rc != CLI_PIPE_OK)
        return cli_fail("%s", err.text);
    rc = show_service_log(call, &a);
    cli_answer_free(&a);
    return rc;
}
