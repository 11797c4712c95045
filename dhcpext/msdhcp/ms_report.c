/* ms_report.c: writes the text and JSON reports of a Microsoft DHCP run (see ms_report.h).
 * Each report is written twice: once to measure, once into a buffer of that size. */
#include "ms_report.h"

#include <stdio.h>
#include <stdlib.h>

#include "text_out.h"

static const char *const ACTIONS[] = {"plan", "apply", "verify", "remove"};
static const char *const STATUSES[] = {"ok", "changes", "failed"};
static const char *const SEVERITIES[] = {"note", "warning", "blocked"};

static const char *server_name(const pxb_ms_outcome *o)
{
    return o->server != NULL && o->server[0] != '\0' ? o->server : "this machine";
}

static size_t change_count(const pxb_ms_outcome *o)
{
    return o->diff != NULL ? o->diff->count : 0;
}

/* The closing line when nothing failed. */
static void write_summary(const pxb_ms_outcome *o, pxb_text *t)
{
    size_t n = change_count(o);

    if (o->diff != NULL && o->diff->blocked) {
        pxb_text_put(t, "nothing changed: fix what is marked 'blocked' above, then run again\n");
        return;
    }
    if (n == 0) {
        pxb_text_put(t, o->action == PXB_DHCP_REMOVE
                            ? "nothing to remove: the server holds nothing of pxebridge's\n"
                            : "no changes: the server is in line with the boot plan\n");
        return;
    }
    switch (o->action) {
    case PXB_DHCP_PLAN:
        pxb_text_printf(t, "%u change(s) to make: run apply to make them\n", (unsigned)n);
        break;
    case PXB_DHCP_APPLY:
        pxb_text_printf(t, "applied %u change(s)\n", (unsigned)o->done);
        break;
    case PXB_DHCP_VERIFY:
        pxb_text_printf(t, "drift: %u difference(s) from the boot plan; run apply to repair\n",
                        (unsigned)n);
        break;
    case PXB_DHCP_REMOVE:
        pxb_text_printf(t, "removed: %u change(s)\n", (unsigned)o->done);
        break;
    }
}

static void write_failure(const pxb_ms_outcome *o, pxb_text *t)
{
    pxb_text_put(t, "error: ");
    pxb_text_put(t, o->cause);
    pxb_text_put(t, "\n");
    if (o->undo_failed) {
        pxb_text_printf(t, "error: undoing this run failed after %u of %u change(s): ",
                        (unsigned)o->undone, (unsigned)o->done);
        pxb_text_put(t, o->undo_cause);
        pxb_text_put(t, "\nthe server keeps the first changes listed above that were not "
                        "undone: run remove, or apply again once the cause is fixed\n");
    } else if (o->done > 0) {
        pxb_text_printf(t, "undid the %u change(s) this run had made: the server is as it "
                        "was\n", (unsigned)o->done);
    } else if (o->diff != NULL) {
        pxb_text_put(t, "nothing was changed\n");
    }
}

/* The closing lines of a server whose changes were undone for another's failure. */
static void write_undone_for(const pxb_ms_outcome *o, pxb_text *t)
{
    if (o->undo_failed) {
        pxb_text_printf(t, "error: undoing this server's %u change(s) after the failure on "
                        "%s failed after %u: ", (unsigned)o->done, o->undone_for,
                        (unsigned)o->undone);
        pxb_text_put(t, o->undo_cause);
        pxb_text_put(t, "\nthe server keeps the first changes listed above that were not "
                        "undone: run remove, or apply again once the cause is fixed\n");
        return;
    }
    pxb_text_printf(t, "undid the %u change(s) this run had made here, because the run "
                    "failed on %s: the server is as it was\n", (unsigned)o->done,
                    o->undone_for);
}

void pxb_ms_report_text(const pxb_ms_outcome *o, pxb_text *t)
{
    pxb_text_printf(t, "pxebridge dhcp %s on %s", ACTIONS[o->action], server_name(o));
    if (o->have != NULL)
        pxb_text_printf(t, " (DHCP Server %u.%u, %s)", o->have->major, o->have->minor,
                        o->have->has_policies ? "policies" : "no policies: user-class fallback");
    pxb_text_put(t, "\n");
    for (size_t i = 0; i < change_count(o); i++) {
        pxb_ms_change_describe(&o->diff->changes[i], t);
        pxb_text_put(t, "\n");
    }
    for (size_t i = 0; o->diff != NULL && i < o->diff->finding_count; i++) {
        pxb_text_printf(t, "%s: ", SEVERITIES[o->diff->findings[i].severity]);
        pxb_text_put(t, o->diff->findings[i].text);
        pxb_text_put(t, "\n");
    }
    if (o->failed)
        write_failure(o, t);
    else if (o->undone_for != NULL && o->done > 0)
        write_undone_for(o, t);
    else
        write_summary(o, t);
}

/* A JSON string: quotes, backslashes and control characters escaped. */
void pxb_ms_report_json_string(pxb_text *t, const char *s)
{
    pxb_text_put(t, "\"");
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            pxb_text_printf(t, "\\%c", c);
        else if (c < 0x20)
            pxb_text_printf(t, "\\u%04x", c);
        else
            pxb_text_printf(t, "%c", c);
    }
    pxb_text_put(t, "\"");
}

static void write_json_changes(const pxb_ms_outcome *o, pxb_text *t)
{
    pxb_text_put(t, "\"changes\":[");
    for (size_t i = 0; i < change_count(o); i++) {
        const pxb_ms_change *c = &o->diff->changes[i];
        char buf[8192];
        pxb_text line;
        pxb_text_init(&line, buf, sizeof buf);
        pxb_ms_change_describe(c, &line);
        pxb_text_printf(t, "%s{\"op\":\"%s\",\"text\":", i ? "," : "", pxb_ms_change_verb(c));
        pxb_ms_report_json_string(t, buf);
        pxb_text_put(t, "}");
    }
    pxb_text_put(t, "],\"findings\":");
    pxb_ms_report_json_findings(o->diff, t);
}

size_t pxb_ms_count_warnings(const pxb_ms_diff *d)
{
    size_t n = 0;

    for (size_t i = 0; d != NULL && i < d->finding_count; i++)
        n += d->findings[i].severity == PXB_MS_WARNING;
    return n;
}

void pxb_ms_report_json_findings(const pxb_ms_diff *d, pxb_text *t)
{
    pxb_text_put(t, "[");
    for (size_t i = 0; d != NULL && i < d->finding_count; i++) {
        pxb_text_printf(t, "%s{\"severity\":\"%s\",\"text\":", i ? "," : "",
                        SEVERITIES[d->findings[i].severity]);
        pxb_ms_report_json_string(t, d->findings[i].text);
        pxb_text_put(t, "}");
    }
    pxb_text_put(t, "]");
}

void pxb_ms_report_json_members(const pxb_ms_outcome *o, pxb_text *t)
{
    pxb_text_printf(t, "\"action\":\"%s\",\"server\":", ACTIONS[o->action]);
    pxb_ms_report_json_string(t, server_name(o));
    pxb_text_printf(t, ",\"status\":\"%s\",", STATUSES[o->status]);
    if (o->have != NULL)
        pxb_text_printf(t, "\"version\":\"%u.%u\",\"policies\":%s,", o->have->major,
                        o->have->minor, o->have->has_policies ? "true" : "false");
    write_json_changes(o, t);
    pxb_text_printf(t, ",\"blocked\":%s,\"done\":%u,\"error\":",
                    o->diff != NULL && o->diff->blocked ? "true" : "false", (unsigned)o->done);
    if (o->failed)
        pxb_ms_report_json_string(t, o->cause);
    else
        pxb_text_put(t, "null");
    pxb_text_printf(t, ",\"undone\":%u,\"undo_error\":", (unsigned)o->undone);
    if (o->undo_failed)
        pxb_ms_report_json_string(t, o->undo_cause);
    else
        pxb_text_put(t, "null");
    pxb_text_put(t, ",\"undone_for\":");
    if (o->undone_for != NULL)
        pxb_ms_report_json_string(t, o->undone_for);
    else
        pxb_text_put(t, "null");
}

static void write_text(const void *what, pxb_text *t)
{
    pxb_ms_report_text(what, t);
}

static void write_json(const void *what, pxb_text *t)
{
    pxb_text_put(t, "{");
    pxb_ms_report_json_members(what, t);
    pxb_text_put(t, "}\n");
}

char *pxb_ms_render(const void *o, pxb_ms_write_fn write)
{
    pxb_text t;
    char *buf;

    pxb_text_init(&t, NULL, 0);
    write(o, &t);
    buf = malloc(t.len + 1);
    if (buf == NULL)
        return NULL;
    pxb_text_init(&t, buf, t.len + 1);
    write(o, &t);
    return buf;
}

int pxb_ms_report(const pxb_ms_outcome *o, pxb_dhcp_result *out)
{
    out->status = o->status;
    out->warnings = pxb_ms_count_warnings(o->diff);
    out->text = pxb_ms_render(o, write_text);
    out->json = pxb_ms_render(o, write_json);
    if (out->text != NULL && out->json != NULL)
        return 0;
    pxb_dhcp_result_free(out);
    return -1;
}
