/* cmd_dhcp.c: `pxebridge dhcp plan|apply|verify|remove [--server NAME]... [--no-failover]`:
 * runs one action of dhcpext/msdhcp/dhcp_sync.h against each Microsoft DHCP server in turn
 * (--server, else the service's DhcpServers setting, else this machine), each with its
 * failover partners unless --no-failover or DhcpFailover=0 says otherwise, showing progress
 * on stderr and each server's report on stdout; a failure on one server does not stop the
 * next. */
#include <stdio.h>

#include "cli.h"
#include "config_registry.h"
#include "console.h"
#include "dhcp_reach.h"
#include "dhcp_sync.h"
#include "json_writer.h"
#include "plan_source.h"

#define THIS_MACHINE "this machine"

static const pxb_option OPTIONS[] = {
    {"server", 's', "NAME", 1, "a Microsoft DHCP server, by host name or IPv4 address "
                               "(default: the DhcpServers setting, else this machine)"},
    CLI_NO_FAILOVER_OPTION,
};

const pxb_option_table cli_dhcp_server_options = {OPTIONS, sizeof OPTIONS / sizeof OPTIONS[0]};

/* How one action speaks of itself and of each outcome. */
typedef struct action_words {
    const char *name;
    const char *doing;                 /* "applying" */
    const char *said[PXB_DHCP_FAILED + 1]; /* per pxb_dhcp_status */
} action_words;

static const action_words WORDS[] = {
    [PXB_DHCP_PLAN] = {"plan", "planning", {"nothing to do", "changes pending", "failed"}},
    [PXB_DHCP_APPLY] = {"apply", "applying", {"done", "not done", "failed"}},
    [PXB_DHCP_VERIFY] = {"verify", "verifying", {"in line", "drift found", "failed"}},
    [PXB_DHCP_REMOVE] = {"remove", "removing", {"done", "not done", "failed"}},
};

static const char *const STATUS_KEYS[] = {"ok", "changes", "failed"};

/* The servers to work on; NULL stands for this machine. */
typedef struct server_list {
    const char *names[PXB_CLI_ARGS_MAX];
    size_t count;
    enum pxb_dhcp_reach reach;
    pxb_config config; /* holds the DhcpServers names when they come from there */
} server_list;

static int pick_servers(const cli_call *call, server_list *list)
{
    pxb_error err = {0};
    list->count = pxb_cli_values(&call->args, "server", list->names, PXB_CLI_ARGS_MAX);
    list->reach = cli_dhcp_reach(call);
    if (list->count > 0)
        return CLI_OK;
    if (pxb_registry_load(NULL, &list->config, &err) != 0)
        return cli_fail("the service settings cannot be read for DhcpServers: %s; give the "
                        "servers with --server NAME, or fix the settings", err.text);
    for (size_t i = 0; i < list->config.dhcp_server_count; i++)
        list->names[list->count++] = list->config.dhcp_servers[i];
    if (list->count == 0)
        list->names[list->count++] = NULL;
    return CLI_OK;
}

/* Progress context: which server of how many. */
typedef struct progress {
    size_t index, total;
    const char *name;
} progress;

/* A pxb_dhcp_progress_fn. */
static void show_progress(void *ctx, const char *line)
{
    const progress *p = ctx;
    cli_printf(CLI_STDERR, "[%zu/%zu] %s: %s\n", p->index, p->total, p->name, line);
}

static void add_json_server(pxb_json *j, const char *server, enum pxb_dhcp_status status,
                            const action_words *w, const pxb_dhcp_result *result)
{
    pxb_json_begin_object(j);
    pxb_json_field_string(j, "server", server ? server : THIS_MACHINE);
    pxb_json_field_string(j, "status", STATUS_KEYS[status]);
    pxb_json_field_string(j, "summary", w->said[status]);
    pxb_json_key(j, "report");
    if (result->json != NULL)
        pxb_json_raw(j, result->json);
    else
        pxb_json_null(j);
    pxb_json_end_object(j);
}

static int run(const cli_call *call, enum pxb_dhcp_action action)
{
    const action_words *w = &WORDS[action];
    pxb_boot_plan plan;
    server_list list = {.count = 0};
    size_t tally[PXB_DHCP_FAILED + 1] = {0};
    pxb_json j;
    int rc = pick_servers(call, &list);
    if (rc == CLI_OK)
        rc = cli_load_plan(call, &plan);
    if (rc != CLI_OK)
        return rc;
    pxb_json_init(&j);
    pxb_json_begin_object(&j);
    pxb_json_field_string(&j, "action", w->name);
    pxb_json_key(&j, "servers");
    pxb_json_begin_array(&j);
    for (size_t i = 0; i < list.count; i++) {
        progress p = {i + 1, list.count, list.names[i] ? list.names[i] : THIS_MACHINE};
        pxb_dhcp_result result = {PXB_DHCP_FAILED, NULL, NULL, 0};
        show_progress(&p, w->doing);
        enum pxb_dhcp_status status =
            pxb_dhcp_run(action, &plan, list.names[i], list.reach, show_progress, &p, &result);
        tally[status]++;
        if (call->json)
            add_json_server(&j, list.names[i], status, w, &result);
        else
            cli_printf(CLI_STDOUT, "%s: %s\n%s%s", p.name, w->said[status],
                       result.text ? result.text : "",
                       result.text && result.text[0] ? "\n" : "");
        pxb_dhcp_result_free(&result);
    }
    pxb_json_end_array(&j);
    int ok = tally[PXB_DHCP_OK] == list.count;
    if (call->json) {
        pxb_json_field_bool(&j, "ok", ok);
        pxb_json_end_object(&j);
        rc = cli_put_json(&j);
    } else {
        pxb_json_free(&j);
        if (list.count > 1)
            cli_printf(CLI_STDOUT, "%zu servers: %zu %s, %zu %s, %zu failed\n", list.count,
                       tally[PXB_DHCP_OK], w->said[PXB_DHCP_OK], tally[PXB_DHCP_CHANGES],
                       w->said[PXB_DHCP_CHANGES], tally[PXB_DHCP_FAILED]);
    }
    return ok && rc == CLI_OK ? CLI_OK : CLI_FAILED;
}

int cli_dhcp_plan(const cli_call *call)
{
    return run(call, PXB_DHCP_PLAN);
}

int cli_dhcp_apply(const cli_call *call)
{
    return run(call, PXB_DHCP_APPLY);
}

int cli_dhcp_verify(const cli_call *call)
{
    return run(call, PXB_DHCP_VERIFY);
}

int cli_dhcp_remove(const cli_call *call)
{
    return run(call, PXB_DHCP_REMOVE);
}
