/* cmd_clients.c: `pxebridge clients [--json]` (one line per recent network-boot client:
 * address, MAC, architecture, last step, state, since when) and `pxebridge clients show
 * ADDRESS|MAC [--json]` (that client's journey as a timeline), from the running service's
 * status pipe (pipe_client.h) as `status` asks it. When the service is not running it says
 * so, as `status` does. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "console.h"
#include "json_writer.h"
#include "pipe_client.h"
#include "throughput.h"

/* {"running": true, what: the service's answer}. */
static int show_json(const cli_answer *a, const char *what)
{
    pxb_json j;
    pxb_json_init(&j);
    pxb_json_begin_object(&j);
    pxb_json_field_bool(&j, "running", 1);
    pxb_json_key(&j, what);
    pxb_json_raw(&j, a->text);
    pxb_json_end_object(&j);
    return cli_put_json(&j);
}

static void show_list(const pxb_jvalue *clients)
{
    if (clients == NULL || clients->count == 0) {
        cli_printf(CLI_STDOUT, "No client seen since the service started.\n");
        return;
    }
    cli_printf(CLI_STDOUT, "%-39s %-17s %-10s %-12s %-6s %s\n", "ADDRESS", "MAC", "ARCH",
               "STATE", "SINCE", "LAST STEP");
    for (size_t i = 0; i < clients->count; i++) {
        const pxb_jvalue *c = &clients->items[i];
        const pxb_jvalue *last = pxb_json_get(c, "last_step");
        cli_printf(CLI_STDOUT, "%-39s %-17s %-10s %-12s %4llds %s '%s'\n",
                   pxb_json_get_text(c, "address", "?"), pxb_json_get_text(c, "mac", "-"),
                   pxb_json_get_text(c, "arch", "-"), pxb_json_get_text(c, "state", "?"),
                   pxb_json_get_int(c, "last_seen_s_ago", 0),
                   pxb_json_get_text(last, "kind", "?"), pxb_json_get_text(last, "name", ""));
    }
}

static void show_step(const pxb_jvalue *s)
{
    long long bytes = pxb_json_get_int(s, "bytes", 0);
    long long ms = pxb_json_get_int(s, "duration_ms", 0);
    cli_printf(CLI_STDOUT, "%6llds ago  %-11s %-12s %12lld bytes %7lld ms %7.1f MB/s  '%s'\n",
               pxb_json_get_int(s, "at_s_ago", 0), pxb_json_get_text(s, "kind", "?"),
               pxb_json_get_text(s, "end", "?"), bytes, ms,
               pxb_megabytes_per_second((uint64_t)bytes, (uint64_t)ms),
               pxb_json_get_text(s, "name", ""));
}

static void show_timeline(const pxb_jvalue *c)
{
    const pxb_jvalue *steps = pxb_json_get(c, "steps");
    cli_printf(CLI_STDOUT, "Client:   %s  MAC %s  arch %s\n", pxb_json_get_text(c, "address", "?"),
               pxb_json_get_text(c, "mac", "-"), pxb_json_get_text(c, "arch", "-"));
    if (pxb_json_get_int(c, "dropped", 0) > 0)
        cli_printf(CLI_STDOUT, "(%lld older steps no longer kept)\n",
                   pxb_json_get_int(c, "dropped", 0));
    for (size_t i = 0; steps != NULL && i < steps->count; i++)
        show_step(&steps->items[i]);
}

/* The request the words ask for: none, or "show KEY". Returns CLI_OK or CLI_USAGE. */
static int read_words(const cli_call *call, pxb_request *req)
{
    const pxb_cli_args *a = &call->args;
    if (a->word_count == 0)
        return CLI_OK;
    if (a->word_count != 2 || strcmp(a->words[0], "show") != 0)
        return cli_bad_usage(call->command, "give nothing, or 'show' and an address or MAC");
    if (strlen(a->words[1]) >= sizeof req->key)
        return cli_bad_usage(call->command, "'%s' is not an address or MAC", a->words[1]);
    snprintf(req->key, sizeof req->key, "%s", a->words[1]);
    return CLI_OK;
}

int cli_clients(const cli_call *call)
{
    cli_answer a;
    pxb_error err = {0};
    pxb_request req = {.command = PXB_PROTO_CLIENTS};
    int rc = read_words(call, &req);
    if (rc != CLI_OK)
        return rc;
    rc = cli_pipe_ask(&req, &a, &err);
    if (rc == CLI_PIPE_ABSENT)
        return cli_service_absent(call, req.key[0] ? "client" : "clients");
    if (rc != CLI_PIPE_OK)
        return cli_fail("%s", err.text);
    rc = CLI_OK;
    if (call->json)
        rc = show_json(&a, req.key[0] ? "client" : "clients");
    else if (req.key[0])
        show_timeline(pxb_json_get(a.doc, "client"));
    else
        show_list(pxb_json_get(a.doc, "clients"));
    cli_answer_free(&a);
    return rc;
}
