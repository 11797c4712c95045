/* ms_sync.c: one plan / apply / verify / remove run against a Microsoft DHCP server through
 * a backend (see ms_sync.h): read, derive what the plan wants, diff, carry out the changes
 * in order with an undo entry for each, undo in reverse order on the first failure (then
 * give every policy its processing order back), report.
 * Pure C, no OS calls. */
#include "ms_sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ms_advice.h"
#include "ms_desired.h"
#include "ms_diff.h"
#include "ms_report.h"

static void tell(pxb_dhcp_progress_fn progress, void *ctx, const char *prefix,
                 const pxb_ms_change *c)
{
    char line[2048];
    pxb_text t;

    if (progress == NULL)
        return;
    pxb_text_init(&t, line, sizeof line);
    pxb_text_put(&t, prefix);
    pxb_ms_change_describe(c, &t);
    progress(ctx, line);
}

/* Undoes changes [0, done) in reverse order; stops at the first that fails. */
static void undo(const pxb_ms_backend *be, const char *server, const pxb_ms_diff *diff,
                 pxb_dhcp_progress_fn progress, void *ctx, pxb_ms_outcome *o)
{
    pxb_ms_change *back = malloc(sizeof *back);
    pxb_ms_error err;

    if (back == NULL) {
        o->undo_failed = 1;
        snprintf(o->undo_cause, sizeof o->undo_cause, "out of memory");
        return;
    }
    for (size_t i = o->done; i-- > 0;) {
        pxb_ms_change_invert(&diff->changes[i], back);
        tell(progress, ctx, "undoing: ", back);
        memset(&err, 0, sizeof err);
        if (be->change(be->ctx, server, back, &err) != 0) {
            o->undo_failed = 1;
            pxb_ms_advise(&err, server, o->undo_cause, sizeof o->undo_cause);
            break;
        }
        o->undone++;
    }
    free(back);
}

/* Gives a policy of the server now read its order as read before the run back. */
static int restore_order(const pxb_ms_backend *be, const char *server, const pxb_ms_policy *was,
                         const pxb_ms_policy *now, pxb_dhcp_progress_fn progress, void *ctx,
                         pxb_ms_outcome *o)
{
    pxb_ms_change *back = calloc(1, sizeof *back);
    pxb_ms_error err;
    int rc;

    if (back == NULL)
        return -1;
    back->op = PXB_MS_SET_POLICY;
    back->fields = PXB_MS_FIELD_ORDER;
    back->old = *now;
    back->policy = *now;
    back->policy.order = was->order;
    tell(progress, ctx, "undoing: ", back);
    memset(&err, 0, sizeof err);
    rc = be->change(be->ctx, server, back, &err);
    if (rc != 0)
        pxb_ms_advise(&err, server, o->undo_cause, sizeof o->undo_cause);
    free(back);
    return rc;
}

/* Deleting a policy moves no other one (MS-DHCPM 3.2.4.112, strictest reading), so undoing
 * a create leaves the policies it moved down where they are: after the undo, each policy
 * whose order (read again) is not what it was before the run gets it back. A server that
 * renumbers on delete needs nothing here. */
static void restore_orders(const pxb_ms_backend *be, const char *server,
                           pxb_dhcp_progress_fn progress, void *ctx, pxb_ms_outcome *o)
{
    pxb_ms_state now;
    pxb_ms_error err;

    pxb_ms_state_init(&now);
    memset(&err, 0, sizeof err);
    if (be->read(be->ctx, server, &now, &err) != 0) {
        o->undo_failed = 1;
        pxb_ms_advise(&err, server, o->undo_cause, sizeof o->undo_cause);
        return;
    }
    for (size_t i = 0; i < o->have->policy_count && !o->undo_failed; i++) {
        const pxb_ms_policy *was = &o->have->policies[i];
        const pxb_ms_policy *cur = pxb_ms_find_policy(&now, &was->level, was->name);
        if (cur != NULL && cur->order != was->order &&
            restore_order(be, server, was, cur, progress, ctx, o) != 0)
            o->undo_failed = 1;
    }
    pxb_ms_state_free(&now);
}

static void carry_out(const pxb_ms_backend *be, const char *server, const pxb_ms_diff *diff,
                      pxb_dhcp_progress_fn progress, void *ctx, pxb_ms_outcome *o)
{
    pxb_ms_error err;

    for (size_t i = 0; i < diff->count; i++) {
        tell(progress, ctx, "", &diff->changes[i]);
        memset(&err, 0, sizeof err);
        if (be->change(be->ctx, server, &diff->changes[i], &err) != 0) {
            o->failed = 1;
            pxb_ms_advise(&err, server, o->cause, sizeof o->cause);
            undo(be, server, diff, progress, ctx, o);
            if (!o->undo_failed && o->have->has_policies)
                restore_orders(be, server, progress, ctx, o);
            return;
        }
        o->done++;
    }
}

static enum pxb_dhcp_status status_of(const pxb_ms_outcome *o)
{
    if (o->failed || (o->diff != NULL && o->diff->blocked))
        return PXB_DHCP_FAILED;
    if ((o->action == PXB_DHCP_PLAN || o->action == PXB_DHCP_VERIFY) && o->diff->count > 0)
        return PXB_DHCP_CHANGES;
    return PXB_DHCP_OK;
}

/* Reads, derives and diffs; the outcome then points at have and diff. 0, or -1 with the
 * cause in o. */
static int prepare(enum pxb_dhcp_action action, const pxb_boot_plan *plan, const char *server,
                   const pxb_ms_backend *be, pxb_ms_state *have, pxb_ms_diff *diff,
                   pxb_ms_outcome *o)
{
    pxb_ms_state want;
    pxb_ms_error err;
    int rc;

    memset(&err, 0, sizeof err);
    if (be->read(be->ctx, server, have, &err) != 0) {
        o->failed = 1;
        pxb_ms_advise(&err, server, o->cause, sizeof o->cause);
        return -1;
    }
    o->have = have;
    if (pxb_ms_desire(plan, have, &want) != 0) {
        o->failed = 1;
        snprintf(o->cause, sizeof o->cause, "out of memory");
        return -1;
    }
    rc = action == PXB_DHCP_REMOVE ? pxb_ms_diff_remove(have, &want, diff)
                                   : pxb_ms_diff_apply(plan, have, &want, server, diff);
    pxb_ms_state_free(&want);
    if (rc != 0) {
        o->failed = 1;
        snprintf(o->cause, sizeof o->cause, "out of memory");
        return -1;
    }
    o->diff = diff;
    return 0;
}

enum pxb_dhcp_status pxb_ms_sync(enum pxb_dhcp_action action, const pxb_boot_plan *plan,
                                 const char *server, const pxb_ms_backend *backend,
                                 pxb_dhcp_progress_fn progress, void *progress_ctx,
                                 pxb_dhcp_result *out)
{
    pxb_ms_outcome *o = calloc(1, sizeof *o);
    pxb_ms_state have;
    pxb_ms_diff diff;

    if (o == NULL)
        return pxb_ms_no_report(out);
    pxb_ms_state_init(&have);
    pxb_ms_diff_init(&diff);
    o->action = action;
    o->server = server;
    if (prepare(action, plan, server, backend, &have, &diff, o) == 0 && !diff.blocked &&
        (action == PXB_DHCP_APPLY || action == PXB_DHCP_REMOVE))
        carry_out(backend, server, &diff, progress, progress_ctx, o);
    o->status = status_of(o);
    if (pxb_ms_report(o, out) != 0)
        out->status = PXB_DHCP_FAILED;
    pxb_ms_diff_free(&diff);
    pxb_ms_state_free(&have);
    free(o);
    return out->status;
}
