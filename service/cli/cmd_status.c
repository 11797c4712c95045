/* cmd_status.c: `pxebridge status [--json]`: the running service's state from its status
 * pipe (pipe_client.h): version, uptime, TFTP root, listeners, counters, transfers in
 * flight, the proxyDHCP server's mode and counts per verdict, the DHCP check of each server
 * and the clients seen looping. When the service is
 * not running it says so (stopped or not installed) and how to start it, with exit 1. */
#include <stdio.h>

#include "cli.h"
#include "console.h"
#include "json_writer.h"
#include "pipe_client.h"
#include "scm.h"

#define PIPE_NAME_TEXT "\\\\.\\pipe\\" CLI_SERVICE_NAME

/* "stopped", "not installed", ... and the hint for a service that is not running. */
static const char *state_name(long state)
{
    switch (state) {
    case 0:
        return "not installed";
    case SERVICE_STOPPED:
        return "stopped";
    case SERVICE_START_PENDING:
        return "starting";
    case SERVICE_STOP_PENDING:
        return "stopping";
    case SERVICE_RUNNING:
        return "running";
    default:
        return "unknown";
    }
}

static const char *start_hint(long state)
{
    return state == 0 ? "install and start it with '" CLI_PROGRAM " service install' and '"
                        CLI_PROGRAM " service start'"
                      : "start it with '" CLI_PROGRAM " service start' (or 'sc start "
                        CLI_SERVICE_NAME "')";
}

int cli_service_absent(const cli_call *call, const char *what)
{
    pxb_error err = {0};
    long state = cli_scm_state(&err);
    if (state < 0)
        return cli_fail("the " CLI_SERVICE_NAME " service does not answer on its status pipe "
                        "and its state cannot be read: %s; run from an elevated prompt", err.text);
    if (call->json) {
        pxb_json j;
        pxb_json_init(&j);
        pxb_json_begin_object(&j);
        pxb_json_field_bool(&j, "running", 0);
        pxb_json_field_string(&j, "state", state_name(state));
        pxb_json_field_string(&j, "hint", start_hint(state));
        pxb_json_key(&j, what);
        pxb_json_null(&j);
        pxb_json_end_object(&j);
        cli_put_json(&j);
    } else {
        cli_printf(CLI_STDOUT, "Service:  " CLI_SERVICE_NAME " is %s\n", state_name(state));
    }
    return cli_fail("the " CLI_SERVICE_NAME " service is %s; %s", state_name(state),
                    start_hint(state));
}

static int show_json(const cli_answer *a)
{
    pxb_json j;
    pxb_json_init(&j);
    pxb_json_begin_object(&j);
    pxb_json_field_bool(&j, "running", 1);
    pxb_json_field_string(&j, "state", "running");
    pxb_json_key(&j, "status");
    pxb_json_raw(&j, a->text);
    pxb_json_key(&j, "pipe");
    pxb_json_begin_object(&j);
    pxb_json_field_string(&j, "name", PIPE_NAME_TEXT);
    pxb_json_field_string(&j, "dacl", a->dacl[0] ? a->dacl : NULL);
    pxb_json_end_object(&j);
    pxb_json_end_object(&j);
    return cli_put_json(&j);
}

static void show_counters(const pxb_jvalue *c, long long in_flight)
{
    cli_printf(CLI_STDOUT,
               "Requests: %lld (%lld completed, %lld aborted by the client, %lld failed, "
               "%lld refused, %lld left for the client to retry)\nSent:     %lld bytes, "
               "%lld retransmits\nIn flight: %lld transfers\n",
               pxb_json_get_int(c, "requests", 0), pxb_json_get_int(c, "completed", 0),
               pxb_json_get_int(c, "aborted", 0), pxb_json_get_int(c, "failed", 0),
               pxb_json_get_int(c, "refused", 0), pxb_json_get_int(c, "deferred", 0),
               pxb_json_get_int(c, "bytes", 0),
               pxb_json_get_int(c, "retransmits", 0), in_flight);
}

static void show_http(const pxb_jvalue *h)
{
    const pxb_jvalue *status = pxb_json_get(h, "status");
    if (h == NULL || !pxb_json_get_int(h, "listening", 0)) {
        cli_printf(CLI_STDOUT, "HTTP:     not listening (HttpPort 0, or see '" CLI_PROGRAM
                               " log')\n");
        return;
    }
    cli_printf(CLI_STDOUT, "HTTP:     %lld requests, %lld bytes, %lld in flight; by status:",
               pxb_json_get_int(h, "requests", 0), pxb_json_get_int(h, "bytes", 0),
               pxb_json_get_int(h, "in_flight", 0));
    for (size_t i = 0; status != NULL && i < status->count; i++) {
        if (status->items[i].number != 0)
            cli_printf(CLI_STDOUT, " %s %lld", status->items[i].key, status->items[i].number);
    }
    cli_printf(CLI_STDOUT, "\n");
}

/* "ProxyDHCP: on, 2 sockets: offered 3, acked 2, malformed 1, ..." (every verdict). */
static void show_proxy(const pxb_jvalue *p)
{
    const char *mode = pxb_json_get_text(p, "mode", "off");
    const pxb_jvalue *counters = pxb_json_get(p, "counters");
    cli_printf(CLI_STDOUT, "ProxyDHCP: %s, %lld sockets:", mode,
               pxb_json_get_int(p, "listeners", 0));
    for (size_t i = 0; counters != NULL && i < counters->count; i++)
        cli_printf(CLI_STDOUT, "%s %s %lld", i ? "," : "", counters->items[i].key,
                   counters->items[i].number);
    cli_printf(CLI_STDOUT, "\n");
}

static void show_dhcp(const pxb_jvalue *servers)
{
    if (servers == NULL || servers->count == 0) {
        cli_printf(CLI_STDOUT, "DHCP:     no servers checked (set DhcpServers to have the "
                               "service check them)\n");
        return;
    }
    for (size_t i = 0; i < servers->count; i++) {
        const pxb_jvalue *s = &servers->items[i];
        cli_printf(CLI_STDOUT, "%s %s: %s at %s%s%s\n", i ? "         " : "DHCP:    ",
                   pxb_json_get_text(s, "server", "?"), pxb_json_get_text(s, "result", "?"),
                   pxb_json_get_text(s, "checked_at", "?"),
                   *pxb_json_get_text(s, "message", "") ? ": " : "",
                   pxb_json_get_text(s, "message", ""));
    }
}

static void show_loops(const pxb_jvalue *loops)
{
    if (loops == NULL || loops->count == 0) {
        cli_printf(CLI_STDOUT, "Loops:    no client seen looping\n");
        return;
    }
    for (size_t i = 0; i < loops->count; i++) {
        const pxb_jvalue *l = &loops->items[i];
        cli_printf(CLI_STDOUT, "%s %s fetched '%s' %lld times (last %lld s ago); run '"
                               CLI_PROGRAM " dhcp verify'\n", i ? "         " : "Loops:   ",
                   pxb_json_get_text(l, "client", "?"), pxb_json_get_text(l, "file", "?"),
                   pxb_json_get_int(l, "count", 0), pxb_json_get_int(l, "last_seen_s_ago", 0));
    }
}

static void show_text(const cli_answer *a)
{
    const pxb_jvalue *d = a->doc;
    const pxb_jvalue *listen = pxb_json_get(d, "listen");
    cli_printf(CLI_STDOUT, "Service:  " CLI_SERVICE_NAME " %s is running, since %s (%lld s)\n",
               pxb_json_get_text(d, "pxebridge_version", "?"),
               pxb_json_get_text(d, "started_at", "?"), pxb_json_get_int(d, "uptime_s", 0));
    cli_printf(CLI_STDOUT, "Root:     %s\nListen:   UDP port %lld of", pxb_json_get_text(d, "tftp_root", "?"),
               pxb_json_get_int(d, "port", 0));
    for (size_t i = 0; listen != NULL && i < listen->count; i++)
        cli_printf(CLI_STDOUT, "%s %s", i ? "," : "", listen->items[i].text ? listen->items[i].text : "?");
    cli_printf(CLI_STDOUT, "\n");
    show_counters(pxb_json_get(d, "counters"), pxb_json_get_int(d, "transfers_in_flight", 0));
    show_http(pxb_json_get(d, "http"));
    show_proxy(pxb_json_get(d, "proxy_dhcp"));
    cli_printf(CLI_STDOUT, "WinPE:    %s\n", pxb_json_get_text(d, "winpe", "?"));
    show_dhcp(pxb_json_get(d, "dhcp"));
    show_loops(pxb_json_get(d, "loops"));
}

int cli_status(const cli_call *call)
{
    cli_answer a;
    pxb_error err = {0};
    pxb_request req = {.command = PXB_PROTO_STATUS};
    int rc = cli_pipe_ask(&req, &a, &err);
    if (rc == CLI_PIPE_ABSENT)
        return cli_service_absent(call, "status");
    if (rc != CLI_PIPE_OK)
        return cli_fail("%s", err.text);
    rc = CLI_OK;
    if (call->json)
        rc = show_json(&a);
    else
        show_text(&a);
    cli_answer_free(&a);
    return rc;
}
