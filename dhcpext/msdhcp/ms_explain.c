/* ms_explain.c: what the servers of a run hand a client, against the boot plan (see
 * ms_explain.h). */
#include "ms_explain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ms_advice.h"
#include "ms_answer.h"
#include "ms_group.h"
#include "ms_report.h"

static const char *const OPT_NAMES[PXB_MS_OPT_COUNT] = {"066", "067", "060"};

/* One server's part. */
typedef struct server_answer {
    const char *label;
    int failed;
    char cause[PXB_MS_CAUSE_MAX];
    int serves;               /* the client's scope is this server's to answer */
    pxb_ms_answer answer;
    int as_planned;
} server_answer;

typedef struct explain_run {
    pxb_ms_group group;
    pxb_ms_options want;      /* the plan's answer */
    server_answer servers[PXB_MS_GROUP_MAX];
    size_t count;
    int partners_differ;
} explain_run;

/* Whether the client is at a level the plan covers: the server level, or one of Scopes. */
static int in_plan(const pxb_boot_plan *plan, const pxb_client *c)
{
    for (size_t i = 0; c->has_address && i < plan->scope_count; i++)
        if (pxb_net_contains(&plan->scopes[i], c->address))
            return 1;
    return plan->scope_count == 0;
}

/* The plan's answer from the DHCP server; with ProxyDhcp=4011 also 060 PXEClient for every
 * client of its levels, where no HTTPClient policy outranks it. */
static void plan_answer(const pxb_boot_plan *plan, const pxb_client *c, pxb_ms_options *want)
{
    pxb_explanation e;

    pxb_explain(plan, c, &e);
    memset(want, 0, sizeof *want);
    if (e.next_server != 0) {
        want->has[PXB_MS_OPT_066] = 1;
        pxb_ipv4_format(e.next_server, want->value[PXB_MS_OPT_066]);
    }
    if (e.boot_file[0] != '\0') {
        want->has[PXB_MS_OPT_067] = 1;
        snprintf(want->value[PXB_MS_OPT_067], PXB_PLAN_VALUE_MAX, "%s", e.boot_file);
    }
    if (e.http_client) {
        want->has[PXB_MS_OPT_060] = 1;
        snprintf(want->value[PXB_MS_OPT_060], PXB_PLAN_VALUE_MAX, "%s", PXB_HTTP_CLIENT_ID);
    } else if (plan->proxy_dhcp == PXB_PROXY_4011 && in_plan(plan, c)) {
        want->has[PXB_MS_OPT_060] = 1;
        snprintf(want->value[PXB_MS_OPT_060], PXB_PLAN_VALUE_MAX, "%s", PXB_VENDOR_PXE);
    }
}

static int same_value(int has_a, const char *a, int has_b, const char *b)
{
    return has_a == has_b && (!has_a || strcmp(a, b) == 0);
}

/* Whether two sets of 066 / 067 / 060 are the same. */
static int same_options(const int *has_a, const char (*a)[PXB_PLAN_VALUE_MAX],
                        const int *has_b, const char (*b)[PXB_PLAN_VALUE_MAX])
{
    for (int i = 0; i < PXB_MS_OPT_COUNT; i++)
        if (!same_value(has_a[i], a[i], has_b[i], b[i]))
            return 0;
    return 1;
}

static int answers_alike(const pxb_ms_answer *a, const pxb_ms_answer *b)
{
    return same_options(a->has, a->value, b->has, b->value);
}

static void answer_member(explain_run *run, size_t i, const pxb_client *c,
                          const pxb_ms_backend *be)
{
    server_answer *s = &run->servers[i];
    pxb_ms_state state;
    pxb_ms_error err;

    memset(&err, 0, sizeof err);
    pxb_ms_state_init(&state);
    s->label = run->group.members[i].label;
    if (be->read(be->ctx, run->group.members[i].target, &state, &err) != 0) {
        s->failed = 1;
        pxb_ms_advise(&err, s->label, s->cause, sizeof s->cause);
    } else {
        pxb_ms_answer_client(&state, c, &s->answer);
        uint32_t scope = run->servers[0].answer.scope;
        s->serves = scope == 0 || pxb_ms_group_holds_scope(&run->group, i, scope);
        s->as_planned = same_options(s->answer.has, s->answer.value, run->want.has,
                                     run->want.value);
    }
    pxb_ms_state_free(&state);
}

static enum pxb_dhcp_status run_status(const explain_run *run)
{
    enum pxb_dhcp_status st = PXB_DHCP_OK;

    if (run->group.failed)
        return PXB_DHCP_FAILED;
    for (size_t i = 0; i < run->count; i++) {
        if (run->servers[i].failed)
            return PXB_DHCP_FAILED;
        if (run->servers[i].serves && !run->servers[i].as_planned)
            st = PXB_DHCP_CHANGES;
    }
    return run->partners_differ ? PXB_DHCP_CHANGES : st;
}

/* --- the report ----------------------------------------------------------------------- */

static void write_option_line(const explain_run *run, const server_answer *s, int i,
                              pxb_text *t)
{
    const pxb_ms_answer *a = &s->answer;

    pxb_text_printf(t, "    %s %s", OPT_NAMES[i], a->has[i] ? a->value[i] : "nothing");
    if (a->has[i])
        pxb_text_printf(t, "  from %s", a->source[i]);
    if (!same_value(a->has[i], a->value[i], run->want.has[i], run->want.value[i]))
        pxb_text_printf(t, "  (the plan: %s)",
                        run->want.has[i] ? run->want.value[i] : "nothing");
    pxb_text_put(t, "\n");
}

static void write_server(const explain_run *run, const server_answer *s, pxb_text *t)
{
    char scope[PXB_IPV4_TEXT_MAX];

    if (s->failed) {
        pxb_text_printf(t, "%s: cannot be read: %s\n", s->label, s->cause);
        return;
    }
    if (!s->serves) {
        pxb_text_printf(t, "%s: its failover relationships do not hold the client's scope: it "
                        "does not answer this client\n", s->label);
        return;
    }
    pxb_ipv4_format(s->answer.scope, scope);
    pxb_text_printf(t, "%s%s%s: %s\n", s->label, s->answer.scope ? ", scope " : "",
                    s->answer.scope ? scope : "",
                    s->as_planned ? "as the boot plan says"
                                  : "differs from the boot plan: 'pxebridge dhcp apply' "
                                    "repairs pxebridge's policies; an option outside them "
                                    "is the admin's to remove");
    for (int i = 0; i < PXB_MS_OPT_COUNT; i++)
        write_option_line(run, s, i, t);
}

static void write_text(const void *what, pxb_text *t)
{
    const explain_run *run = what;

    if (run->group.failed) {
        pxb_text_printf(t, "error: %s\n", run->group.cause);
        return;
    }
    for (size_t i = 0; i < run->count; i++)
        write_server(run, &run->servers[i], t);
    if (run->partners_differ)
        pxb_text_put(t, "the failover partners answer this client differently: which answer "
                        "it gets depends on which partner serves it\n");
}

static void write_json_server(const server_answer *s, pxb_text *t)
{
    pxb_text_put(t, "{\"server\":");
    pxb_ms_report_json_string(t, s->label);
    pxb_text_printf(t, ",\"serves\":%s,\"as_planned\":%s,\"options\":{",
                    s->serves ? "true" : "false", s->as_planned ? "true" : "false");
    for (int i = 0; i < PXB_MS_OPT_COUNT && !s->failed; i++) {
        pxb_text_printf(t, "%s\"%s\":", i ? "," : "", OPT_NAMES[i]);
        if (!s->answer.has[i]) {
            pxb_text_put(t, "null");
            continue;
        }
        pxb_text_put(t, "{\"value\":");
        pxb_ms_report_json_string(t, s->answer.value[i]);
        pxb_text_put(t, ",\"source\":");
        pxb_ms_report_json_string(t, s->answer.source[i]);
        pxb_text_put(t, "}");
    }
    pxb_text_put(t, "},\"error\":");
    if (s->failed)
        pxb_ms_report_json_string(t, s->cause);
    else
        pxb_text_put(t, "null");
    pxb_text_put(t, "}");
}

static void write_json(const void *what, pxb_text *t)
{
    const explain_run *run = what;

    pxb_text_put(t, "{\"servers\":[");
    for (size_t i = 0; i < run->count; i++) {
        pxb_text_put(t, i ? "," : "");
        write_json_server(&run->servers[i], t);
    }
    pxb_text_printf(t, "],\"partners_differ\":%s,\"notes\":",
                    run->partners_differ ? "true" : "false");
    pxb_ms_report_json_findings(&run->group.notes, t);
    pxb_text_put(t, ",\"error\":");
    if (run->group.failed)
        pxb_ms_report_json_string(t, run->group.cause);
    else
        pxb_text_put(t, "null");
    pxb_text_put(t, "}");
}

/* --- the run ---------------------------------------------------------------------------- */

static void compare_partners(explain_run *run)
{
    const server_answer *first = NULL;

    for (size_t i = 0; i < run->count; i++) {
        const server_answer *s = &run->servers[i];
        if (s->failed || !s->serves)
            continue;
        if (first != NULL && !answers_alike(&first->answer, &s->answer))
            run->partners_differ = 1;
        if (first == NULL)
            first = s;
    }
}

enum pxb_dhcp_status pxb_ms_explain(const pxb_boot_plan *plan, const pxb_client *client,
                                    const char *server, enum pxb_dhcp_reach reach,
                                    const pxb_ms_backend *be, pxb_dhcp_result *out)
{
    explain_run *run = calloc(1, sizeof *run);

    if (run == NULL)
        return pxb_ms_no_report(out);
    plan_answer(plan, client, &run->want);
    if (pxb_ms_group_find(&run->group, be, server, reach) == 0) {
        run->count = run->group.count;
        for (size_t i = 0; i < run->count; i++)
            answer_member(run, i, client, be);
        compare_partners(run);
    }
    out->status = run_status(run);
    out->warnings = 0;
    out->text = pxb_ms_render(run, write_text);
    out->json = pxb_ms_render(run, write_json);
    if (out->text == NULL || out->json == NULL) {
        pxb_dhcp_result_free(out);
        out->status = PXB_DHCP_FAILED;
    }
    pxb_ms_group_free(&run->group);
    free(run);
    return out->status;
}
