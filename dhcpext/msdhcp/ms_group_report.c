/* ms_group_report.c: writes the report of a run over a server and its failover partners (see
 * ms_group_report.h). */
#include "ms_group_report.h"

#include <stdlib.h>
#include <string.h>

#include "net_text.h"

static enum pxb_dhcp_status server_status(const pxb_ms_run *run, size_t i)
{
    const pxb_ms_outcome *o = &run->servers[i].o;

    if (run->skipped[i])
        return PXB_DHCP_OK;
    if (o->failed || o->undone_for != NULL || (o->diff != NULL && o->diff->blocked))
        return PXB_DHCP_FAILED;
    if (o->diff == NULL)
        return PXB_DHCP_FAILED; /* not read: another server failed before */
    if ((o->action == PXB_DHCP_PLAN || o->action == PXB_DHCP_VERIFY) && o->diff->count > 0)
        return PXB_DHCP_CHANGES;
    return PXB_DHCP_OK;
}

static enum pxb_dhcp_status run_status(const pxb_ms_run *run)
{
    enum pxb_dhcp_status worst = PXB_DHCP_OK;

    if (run->group.failed || run->out_of_memory)
        return PXB_DHCP_FAILED;
    for (size_t i = 0; i < run->server_count; i++)
        if (run->servers[i].o.status > worst)
            worst = run->servers[i].o.status;
    if (worst == PXB_DHCP_OK && run->differences.finding_count > 0)
        return PXB_DHCP_CHANGES;
    return worst;
}

/* Marks the servers undone for a later one's failure and sets every status. */
static void settle(pxb_ms_run *run)
{
    for (size_t i = 0; run->failed_at > 0 && i + 1 < run->failed_at; i++)
        run->servers[i].o.undone_for = run->group.members[run->failed_at - 1].label;
    for (size_t i = 0; i < run->server_count; i++)
        run->servers[i].o.status = server_status(run, i);
}

/* Whether relationship i of member m was written already (both partners hold a record). */
static int shown_before(const pxb_ms_group *g, size_t m, size_t i)
{
    const char *name = g->members[m].failover.rels[i].name;

    for (size_t k = 0; k < m; k++)
        if (pxb_ms_failover_find(&g->members[k].failover, name) != NULL)
            return 1;
    for (size_t k = 0; k < i; k++)
        if (strcmp(g->members[m].failover.rels[k].name, name) == 0)
            return 1;
    return 0;
}

static void write_scopes(const pxb_ms_relationship *r, pxb_text *t)
{
    char net[PXB_IPV4_TEXT_MAX];

    pxb_text_put(t, r->scope_count ? "scopes " : "no scopes");
    for (size_t s = 0; s < r->scope_count; s++) {
        pxb_ipv4_format(r->scopes[s], net);
        pxb_text_printf(t, "%s%s", s ? ", " : "", net);
    }
}

static void write_relationship(const pxb_ms_relationship *r, pxb_text *t)
{
    char primary[PXB_IPV4_TEXT_MAX], secondary[PXB_IPV4_TEXT_MAX];

    pxb_ipv4_format(r->primary, primary);
    pxb_ipv4_format(r->secondary, secondary);
    pxb_text_printf(t, "failover: relationship '%s' (%s", r->name, pxb_ms_fo_mode_name(r->mode));
    if (r->mode == PXB_MS_FO_LOAD_BALANCE)
        pxb_text_printf(t, ", %u %% of the clients to the primary", r->percentage);
    pxb_text_printf(t, ", state %s): primary %s (%s), secondary %s (%s); ",
                    pxb_ms_fo_state_name(r->state), r->primary_name, primary,
                    r->secondary_name, secondary);
    write_scopes(r, t);
    pxb_text_put(t, "\n");
}

static void write_group_head(const pxb_ms_run *run, pxb_text *t)
{
    const pxb_ms_group *g = &run->group;

    for (size_t m = 0; m < g->count; m++)
        for (size_t i = 0; i < g->members[m].failover.count; i++)
            if (!shown_before(g, m, i))
                write_relationship(&g->members[m].failover.rels[i], t);
    if (g->count > 1) {
        pxb_text_printf(t, "this run covers %u servers:", (unsigned)g->count);
        for (size_t m = 0; m < g->count; m++)
            pxb_text_printf(t, "%s %s", m ? "," : "", g->members[m].label);
        pxb_text_put(t, "\n");
    }
    for (size_t i = 0; i < g->notes.finding_count; i++)
        pxb_text_printf(t, "warning: %s\n", g->notes.findings[i].text);
}

static void write_closing(const pxb_ms_run *run, pxb_text *t)
{
    size_t n = run->differences.finding_count;

    for (size_t i = 0; i < n; i++)
        pxb_text_printf(t, "warning: %s\n", run->differences.findings[i].text);
    if (run->group.count < 2)
        return;
    for (size_t i = 0; i < run->server_count && run->failed_at == 0; i++)
        if (run->servers[i].o.failed)
            pxb_text_printf(t, "failover pair: %s could not be read: nothing was written to "
                            "any server (pxebridge writes every partner or none)\n",
                            run->servers[i].o.server);
    if (run->failed_at > 0)
        pxb_text_printf(t, "failover pair: the run failed on %s, and every server it had "
                        "changed was put back (see above): the partners are as they were\n",
                        run->group.members[run->failed_at - 1].label);
    else if (n > 0)
        pxb_text_printf(t, "failover pair: %u difference(s) between the partners: apply brings "
                        "pxebridge's objects in line on every partner; the admin's own objects "
                        "are the admin's to settle (make them the same, or replicate the "
                        "relationship)\n", (unsigned)n);
}

static void write_text(const void *what, pxb_text *t)
{
    const pxb_ms_run *run = what;

    write_group_head(run, t);
    if (run->group.failed) {
        pxb_text_printf(t, "error: %s\n", run->group.cause);
        return;
    }
    for (size_t i = 0; i < run->server_count; i++) {
        if (run->skipped[i])
            pxb_text_printf(t, "%s: none of the plan's scopes is in its failover relationships "
                            "with the others: nothing to do there\n",
                            run->group.members[i].label);
        else
            pxb_ms_report_text(&run->servers[i].o, t);
    }
    write_closing(run, t);
}

static void write_json_relationship(const pxb_ms_relationship *r, const char *held_by,
                                    pxb_text *t)
{
    char primary[PXB_IPV4_TEXT_MAX], secondary[PXB_IPV4_TEXT_MAX], net[PXB_IPV4_TEXT_MAX];

    pxb_ipv4_format(r->primary, primary);
    pxb_ipv4_format(r->secondary, secondary);
    pxb_text_put(t, "{\"name\":");
    pxb_ms_report_json_string(t, r->name);
    pxb_text_put(t, ",\"held_by\":");
    pxb_ms_report_json_string(t, held_by);
    pxb_text_printf(t, ",\"mode\":\"%s\",\"state\":\"%s\",\"role\":\"%s\",\"percentage\":%u,"
                    "\"primary\":\"%s\",\"secondary\":\"%s\",\"primary_name\":",
                    r->mode == PXB_MS_FO_HOT_STANDBY ? "hot-standby" : "load-balance",
                    pxb_ms_fo_state_name(r->state), r->this_is_secondary ? "secondary" : "primary",
                    r->percentage, primary, secondary);
    pxb_ms_report_json_string(t, r->primary_name);
    pxb_text_put(t, ",\"secondary_name\":");
    pxb_ms_report_json_string(t, r->secondary_name);
    pxb_text_put(t, ",\"scopes\":[");
    for (size_t s = 0; s < r->scope_count; s++) {
        pxb_ipv4_format(r->scopes[s], net);
        pxb_text_printf(t, "%s\"%s\"", s ? "," : "", net);
    }
    pxb_text_put(t, "]}");
}

static void write_json_group(const pxb_ms_run *run, pxb_text *t)
{
    const pxb_ms_group *g = &run->group;
    int first = 1;

    pxb_text_put(t, ",\"failover\":[");
    for (size_t m = 0; m < g->count; m++)
        for (size_t i = 0; i < g->members[m].failover.count; i++) {
            pxb_text_put(t, first ? "" : ",");
            write_json_relationship(&g->members[m].failover.rels[i], g->members[m].label, t);
            first = 0;
        }
    pxb_text_put(t, "],\"partners\":[");
    for (size_t i = 1; i < run->server_count; i++) {
        pxb_text_put(t, i > 1 ? ",{" : "{");
        pxb_ms_report_json_members(&run->servers[i].o, t);
        pxb_text_printf(t, ",\"skipped\":%s}", run->skipped[i] ? "true" : "false");
    }
    pxb_text_put(t, "],\"notes\":");
    pxb_ms_report_json_findings(&g->notes, t);
    pxb_text_put(t, ",\"differences\":");
    pxb_ms_report_json_findings(&run->differences, t);
    pxb_text_put(t, ",\"group_error\":");
    if (g->failed)
        pxb_ms_report_json_string(t, g->cause);
    else
        pxb_text_put(t, "null");
}

/* The first server's report with the group's fields after it, in one object. */
static void write_json(const void *what, pxb_text *t)
{
    static const char *const STATUSES[] = {"ok", "changes", "failed"};
    const pxb_ms_run *run = what;
    pxb_ms_outcome first = run->servers[0].o;

    if (run->group.failed) {
        first.failed = 1;
        memcpy(first.cause, run->group.cause, sizeof first.cause);
        first.status = PXB_DHCP_FAILED;
    }
    pxb_text_put(t, "{");
    pxb_ms_report_json_members(&first, t);
    pxb_text_printf(t, ",\"group_status\":\"%s\"", STATUSES[run_status(run)]);
    write_json_group(run, t);
    pxb_text_put(t, "}\n");
}

/* The warnings of every server and of the relationships. */
static size_t run_warnings(const pxb_ms_run *run)
{
    size_t n = run->group.notes.finding_count; /* each written as a warning */

    for (size_t i = 0; i < run->server_count; i++)
        n += pxb_ms_count_warnings(run->servers[i].o.diff);
    return n;
}

int pxb_ms_group_report(pxb_ms_run *run, pxb_dhcp_result *out)
{
    settle(run);
    out->status = run_status(run);
    out->warnings = run_warnings(run);
    out->text = pxb_ms_render(run, write_text);
    out->json = pxb_ms_render(run, write_json);
    if (out->text != NULL && out->json != NULL)
        return 0;
    pxb_dhcp_result_free(out);
    return -1;
}
