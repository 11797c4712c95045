/* ms_server_run.c: one server's part of a run (see ms_server_run.h): read, diff, carry out
 * with an undo entry per change, undo in reverse order, processing orders restored after an
 * undo. */
#include "ms_server_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ms_advice.h"
#include "ms_desired.h"
#include "ms_diff.h"

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

void pxb_ms_server_run_init(pxb_ms_server_run *r, enum pxb_dhcp_action action,
                            const char *target, const char *label, const pxb_boot_plan *plan)
{
    memset(r, 0, sizeof *r);
    r->target = target;
    r->plan = *plan;
    pxb_ms_state_init(&r->have);
    pxb_ms_diff_init(&r->diff);
    r->o.action = action;
    r->o.server = label;
}

void pxb_ms_server_run_free(pxb_ms_server_run *r)
{
    pxb_ms_diff_free(&r->diff);
    pxb_ms_state_free(&r->have);
}

/* The cause of a failed call, with advice naming the server. */
static void advise(const pxb_ms_server_run *r, const pxb_ms_error *err, char *out, size_t len)
{
    pxb_ms_advise(err, r->o.server, out, len);
}

/* Undoes changes [0, done) in reverse order; stops at the first that fails. */
static void undo_changes(pxb_ms_server_run *r, const pxb_ms_backend *be,
                         pxb_dhcp_progress_fn progress, void *ctx)
{
    pxb_ms_change *back = malloc(sizeof *back);
    pxb_ms_outcome *o = &r->o;
    pxb_ms_error err;

    if (back == NULL) {
        o->undo_failed = 1;
        snprintf(o->undo_cause, sizeof o->undo_cause, "out of memory");
        return;
    }
    for (size_t i = o->done; i-- > 0;) {
        pxb_ms_change_invert(&r->diff.changes[i], back);
        tell(progress, ctx, "undoing: ", back);
        memset(&err, 0, sizeof err);
        if (be->change(be->ctx, r->target, back, &err) != 0) {
            o->undo_failed = 1;
            advise(r, &err, o->undo_cause, sizeof o->undo_cause);
            break;
        }
        o->undone++;
    }
    free(back);
}

/* Gives a policy of the server now read its order as read before the run back. */
static int restore_order(pxb_ms_server_run *r, const pxb_ms_backend *be,
                         const pxb_ms_policy *was, const pxb_ms_policy *now,
                         pxb_dhcp_progress_fn progress, void *ctx)
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
    rc = be->change(be->ctx, r->target, back, &err);
    if (rc != 0)
        advise(r, &err, r->o.undo_cause, sizeof r->o.undo_cause);
    free(back);
    return rc;
}

/* Deleting a policy moves no other one (MS-DHCPM 3.2.4.112, strictest reading), so undoing
 * a create leaves the policies it moved down where they are: after the undo, each policy
 * whose order (read again) is not what it was before the run gets it back. A server that
 * renumbers on delete needs nothing here. */
static void restore_orders(pxb_ms_server_run *r, const pxb_ms_backend *be,
                           pxb_dhcp_progress_fn progress, void *ctx)
{
    pxb_ms_outcome *o = &r->o;
    pxb_ms_state now;
    pxb_ms_error err;

    pxb_ms_state_init(&now);
    memset(&err, 0, sizeof err);
    if (be->read(be->ctx, r->target, &now, &err) != 0) {
        o->undo_failed = 1;
        advise(r, &err, o->undo_cause, sizeof o->undo_cause);
        return;
    }
    for (size_t i = 0; i < r->have.policy_count && !o->undo_failed; i++) {
        const pxb_ms_policy *was = &r->have.policies[i];
        const pxb_ms_policy *cur = pxb_ms_find_policy(&now, &was->level, was->name);
        if (cur != NULL && cur->order != was->order &&
            restore_order(r, be, was, cur, progress, ctx) != 0)
            o->undo_failed = 1;
    }
    pxb_ms_state_free(&now);
}

void pxb_ms_server_undo(pxb_ms_server_run *r, const pxb_ms_backend *be,
                        pxb_dhcp_progress_fn progress, void *ctx)
{
    undo_changes(r, be, progress, ctx);
    if (!r->o.undo_failed && r->have.has_policies && r->o.done > 0)
        restore_orders(r, be, progress, ctx);
}

int pxb_ms_server_carry_out(pxb_ms_server_run *r, const pxb_ms_backend *be,
                            pxb_dhcp_progress_fn progress, void *ctx)
{
    pxb_ms_outcome *o = &r->o;
    pxb_ms_error err;

    for (size_t i = 0; i < r->diff.count; i++) {
        tell(progress, ctx, "", &r->diff.changes[i]);
        memset(&err, 0, sizeof err);
        if (be->change(be->ctx, r->target, &r->diff.changes[i], &err) != 0) {
            o->failed = 1;
            advise(r, &err, o->cause, sizeof o->cause);
            pxb_ms_server_undo(r, be, progress, ctx);
            return -1;
        }
        o->done++;
    }
    return 0;
}

int pxb_ms_server_prepare(pxb_ms_server_run *r, const pxb_ms_backend *be)
{
    pxb_ms_outcome *o = &r->o;
    pxb_ms_state want;
    pxb_ms_error err;
    int rc;

    memset(&err, 0, sizeof err);
    if (be->read(be->ctx, r->target, &r->have, &err) != 0) {
        o->failed = 1;
        advise(r, &err, o->cause, sizeof o->cause);
        return -1;
    }
    o->have = &r->have;
    if (pxb_ms_desire(&r->plan, &r->have, &want) != 0) {
        o->failed = 1;
        snprintf(o->cause, sizeof o->cause, "out of memory");
        return -1;
    }
    rc = o->action == PXB_DHCP_REMOVE
             ? pxb_ms_diff_remove(&r->have, &want, &r->diff)
             : pxb_ms_diff_apply(&r->plan, &r->have, &want, r->target, &r->diff);
    pxb_ms_state_free(&want);
    if (rc != 0) {
        o->failed = 1;
        snprintf(o->cause, sizeof o->cause, "out of memory");
        return -1;
    }
    o->diff = &r->diff;
    return 0;
}
