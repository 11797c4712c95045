/* ms_diff.c: the ordered change list between a Microsoft DHCP server and the boot plan's
 * objects, for apply and for remove (see ms_diff.h). Works on a copy of the server's state
 * that it changes as the server will, processing orders included, so each change is listed
 * against the state the change before it leaves. Pure C, no OS calls. */
#include "ms_diff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ms_findings.h"

/* Appends a zeroed change of kind op, or returns NULL if out of memory. */
static pxb_ms_change *add_change(pxb_ms_diff *d, enum pxb_ms_op op)
{
    pxb_ms_change *c;

    if (d->count == d->cap) {
        size_t next = d->cap ? d->cap * 2 : 16;
        void *p = realloc(d->changes, next * sizeof *d->changes);
        if (p == NULL)
            return NULL;
        d->changes = p;
        d->cap = next;
    }
    c = &d->changes[d->count++];
    memset(c, 0, sizeof *c);
    c->op = op;
    return c;
}

/* --- blockers ------------------------------------------------------------------------- */

static int block_scopes(const pxb_boot_plan *plan, const pxb_ms_state *have, pxb_ms_diff *d)
{
    char net[PXB_NET_TEXT_MAX];

    for (size_t i = 0; i < plan->scope_count; i++) {
        if (pxb_ms_has_subnet(have, plan->scopes[i].network))
            continue;
        pxb_net_format(&plan->scopes[i], net);
        if (pxb_ms_diff_finding(d, PXB_MS_BLOCKER, "scope %s (in Scopes) does not exist on "
                                "the server: create it, or take it out of Scopes", net) != 0)
            return -1;
    }
    return 0;
}

/* Class data are unique across user and vendor classes (3.2.4.25): a class of the other
 * kind with the data pxebridge needs makes DhcpCreateClass fail. */
static int block_class_data(const pxb_ms_state *have, const pxb_ms_state *want,
                            pxb_ms_diff *d)
{
    for (size_t i = 0; i < want->class_count; i++) {
        const pxb_ms_class *w = &want->classes[i];
        const pxb_ms_class *c = pxb_ms_find_class_data(have, !w->is_vendor, w->data,
                                                       w->data_len);
        if (c == NULL || pxb_ms_find_class_data(have, w->is_vendor, w->data, w->data_len))
            continue;
        if (pxb_ms_diff_finding(d, PXB_MS_BLOCKER, "the %s class '%s' has the data '%.*s' "
                                "that pxebridge needs for a %s class, and class data must be "
                                "unique among all classes: delete it or change its data, then "
                                "run again", c->is_vendor ? "vendor" : "user", c->name,
                                (int)c->data_len, (const char *)c->data,
                                w->is_vendor ? "vendor" : "user") != 0)
            return -1;
    }
    return 0;
}

static int block_names(const pxb_ms_state *have, const pxb_ms_state *want, pxb_ms_diff *d)
{
    char level[32];

    for (size_t i = 0; i < want->policy_count; i++) {
        const pxb_ms_policy *w = &want->policies[i];
        const pxb_ms_policy *p = pxb_ms_find_policy(have, &w->level, w->name);
        if (p == NULL || pxb_ms_owned(p->description))
            continue;
        pxb_ms_level_name(&w->level, level);
        if (pxb_ms_diff_finding(d, PXB_MS_BLOCKER, "policy '%s' on %s exists but is not "
                                "pxebridge's (its description does not start with %s): "
                                "rename or delete it, then run again", w->name, level,
                                PXB_OWNER_MARK) != 0)
            return -1;
    }
    for (size_t i = 0; i < want->class_count; i++) {
        const pxb_ms_class *w = &want->classes[i];
        const pxb_ms_class *c = pxb_ms_find_class(have, w->name);
        if (c == NULL || pxb_ms_find_class_data(have, w->is_vendor, w->data, w->data_len))
            continue;
        if (pxb_ms_diff_finding(d, PXB_MS_BLOCKER, "class '%s' exists with other data than "
                                "'%.*s': rename or delete it, then run again", w->name,
                                (int)w->data_len, (const char *)w->data) != 0)
            return -1;
    }
    return block_class_data(have, want, d);
}

static int block_fallback(const pxb_boot_plan *plan, const pxb_ms_state *have,
                          pxb_ms_diff *d)
{
    if (have->has_policies || plan->stage[PXB_STAGE_BIOS][0] != '\0')
        return 0;
    return pxb_ms_diff_finding(d, PXB_MS_BLOCKER, "the server has no policies (Windows Server "
                               "2008 R2 or older), so pxebridge can only hand out the BIOS "
                               "image to everyone, but BiosFile is empty: set BiosFile, or "
                               "upgrade the server to Windows Server 2012 or later");
}

/* --- steps ---------------------------------------------------------------------------- */

static int add_optdef(const pxb_ms_state *want, pxb_ms_state *work, pxb_ms_diff *d)
{
    pxb_ms_change *c;

    if (!want->has_opt60 || work->has_opt60)
        return 0;
    c = add_change(d, PXB_MS_CREATE_OPTDEF);
    if (c == NULL)
        return -1;
    snprintf(c->comment, sizeof c->comment, "%s", want->opt60_comment);
    work->has_opt60 = 1;
    snprintf(work->opt60_comment, sizeof work->opt60_comment, "%s", want->opt60_comment);
    return 0;
}

static int uses_opt60(const pxb_ms_state *s)
{
    for (size_t i = 0; i < s->policy_count; i++)
        if (s->policies[i].options.has[PXB_MS_OPT_060])
            return 1;
    for (size_t i = 0; i < s->value_count; i++)
        if (s->values[i].options.has[PXB_MS_OPT_060])
            return 1;
    return 0;
}

static int drop_optdef(const pxb_ms_state *want, pxb_ms_state *work, pxb_ms_diff *d)
{
    pxb_ms_change *c;

    if (want->has_opt60 || !work->has_opt60 || !pxb_ms_owned(work->opt60_comment) ||
        uses_opt60(work))
        return 0;
    c = add_change(d, PXB_MS_DELETE_OPTDEF);
    if (c == NULL)
        return -1;
    snprintf(c->comment, sizeof c->comment, "%s", work->opt60_comment);
    work->has_opt60 = 0;
    return 0;
}

static int add_classes(const pxb_ms_state *want, pxb_ms_state *work, pxb_ms_diff *d)
{
    for (size_t i = 0; i < want->class_count; i++) {
        const pxb_ms_class *w = &want->classes[i];
        pxb_ms_class *c;
        pxb_ms_change *ch;
        if (pxb_ms_find_class_data(work, w->is_vendor, w->data, w->data_len) != NULL)
            continue;
        ch = add_change(d, PXB_MS_CREATE_CLASS);
        c = pxb_ms_add_class(work);
        if (ch == NULL || c == NULL)
            return -1;
        ch->cls = *w;
        *c = *w;
    }
    return 0;
}

/* A class stays while a policy that is not going away uses it: deleting it would also
 * delete a policy bound to it (3.2.4.27) or leave one matching on data no class has. */
static int class_in_use(const pxb_ms_state *s, const pxb_ms_class *c, pxb_ms_diff *d)
{
    for (size_t i = 0; i < s->policy_count; i++) {
        if (!pxb_ms_policy_uses(&s->policies[i], c) &&
            !pxb_ms_class_cascades(&s->policies[i], c))
            continue;
        if (pxb_ms_diff_finding(d, PXB_MS_NOTE, "class '%s' stays: policy '%s' (not "
                                "pxebridge's) uses it", c->name, s->policies[i].name) != 0)
            return -1;
        return 1;
    }
    for (size_t i = 0; i < s->value_count; i++) {
        const pxb_ms_options *o = &s->values[i].options;
        if (strcmp(s->values[i].class_name, c->name) == 0 &&
            (o->has[PXB_MS_OPT_066] || o->has[PXB_MS_OPT_067] || o->has[PXB_MS_OPT_060]))
            return 1;
    }
    return 0;
}

/* What DhcpDeleteClass takes with the class (3.2.4.27): the policies bound to it and its
 * option values at every level. */
static void cascade_class(pxb_ms_state *work, const pxb_ms_class *c)
{
    size_t i = 0;

    while (i < work->policy_count) {
        pxb_ms_policy *p = &work->policies[i];
        pxb_ms_level level = p->level;
        unsigned order = p->order;
        if (!pxb_ms_class_cascades(p, c)) {
            i++;
            continue;
        }
        memmove(p, p + 1, (work->policy_count - i - 1) * sizeof *p);
        work->policy_count--;
        pxb_ms_order_remove(work, &level, order);
    }
    for (size_t v = 0; v < work->value_count; v++)
        if (strcmp(work->values[v].class_name, c->name) == 0)
            memset(&work->values[v].options, 0, sizeof work->values[v].options);
}

static int drop_classes(const pxb_ms_state *want, pxb_ms_state *work, pxb_ms_diff *d)
{
    size_t i = 0;

    while (i < work->class_count) {
        pxb_ms_class *c = &work->classes[i];
        pxb_ms_change *ch;
        int used;
        if (!pxb_ms_owned(c->comment) ||
            pxb_ms_find_class_data(want, c->is_vendor, c->data, c->data_len) != NULL) {
            i++;
            continue;
        }
        used = class_in_use(work, c, d);
        if (used < 0)
            return -1;
        if (used) {
            i++;
            continue;
        }
        ch = add_change(d, PXB_MS_DELETE_CLASS);
        if (ch == NULL)
            return -1;
        ch->cls = *c;
        memmove(c, c + 1, (work->class_count - i - 1) * sizeof *c);
        work->class_count--;
        cascade_class(work, &ch->cls);
    }
    return 0;
}

/* Deletes pxebridge's policies that `want` does not have, renumbering as the server does. */
static int drop_policies(const pxb_ms_state *want, pxb_ms_state *work, pxb_ms_diff *d)
{
    size_t i = 0;

    while (i < work->policy_count) {
        pxb_ms_policy *p = &work->policies[i];
        pxb_ms_change *ch;
        pxb_ms_level level;
        unsigned order;
        if (!pxb_ms_owned(p->description) ||
            pxb_ms_find_policy(want, &p->level, p->name) != NULL) {
            i++;
            continue;
        }
        ch = add_change(d, PXB_MS_DELETE_POLICY);
        if (ch == NULL)
            return -1;
        ch->policy = *p;
        level = p->level;
        order = p->order;
        memmove(p, p + 1, (work->policy_count - i - 1) * sizeof *p);
        work->policy_count--;
        pxb_ms_order_remove(work, &level, order);
    }
    return 0;
}

static int set_value(pxb_ms_diff *d, enum pxb_ms_op op, const pxb_ms_level *level,
                     const char *policy, const char *class_name, enum pxb_ms_opt opt,
                     const char *value, const pxb_ms_options *old)
{
    pxb_ms_change *c = add_change(d, op);

    if (c == NULL)
        return -1;
    c->level = *level;
    snprintf(c->policy_name, sizeof c->policy_name, "%s", policy);
    snprintf(c->class_name, sizeof c->class_name, "%s", class_name);
    c->opt = opt;
    snprintf(c->value, sizeof c->value, "%s", value);
    c->had_old = old != NULL && old->has[opt];
    if (c->had_old)
        snprintf(c->old_value, sizeof c->old_value, "%s", old->value[opt]);
    return 0;
}

/* Sets every value of want that cur (NULL: none yet) lacks or holds otherwise; with
 * `exact`, removes the values cur has and want does not. */
static int diff_options(const pxb_ms_level *level, const char *policy, const char *class_name,
                        const pxb_ms_options *want, const pxb_ms_options *cur, int exact,
                        pxb_ms_diff *d)
{
    for (int i = 0; i < PXB_MS_OPT_COUNT; i++) {
        enum pxb_ms_opt opt = (enum pxb_ms_opt)i;
        int has = cur != NULL && cur->has[i];
        if (want->has[i] && (!has || strcmp(cur->value[i], want->value[i]) != 0)) {
            if (set_value(d, PXB_MS_SET_VALUE, level, policy, class_name, opt,
                          want->value[i], cur) != 0)
                return -1;
        } else if (exact && !want->has[i] && has) {
            if (set_value(d, PXB_MS_REMOVE_VALUE, level, policy, class_name, opt, "", cur) != 0)
                return -1;
        }
    }
    return 0;
}

static void move_policy(pxb_ms_state *work, pxb_ms_policy *p, unsigned order)
{
    unsigned from = p->order;

    p->order = 0;
    pxb_ms_order_remove(work, &p->level, from);
    pxb_ms_order_insert(work, &p->level, order);
    p->order = order;
}

/* One SET_POLICY change for one field (DhcpV4SetPolicy takes one field per call). */
static int set_field(const pxb_ms_policy *w, pxb_ms_policy *cur, unsigned field,
                     pxb_ms_diff *d)
{
    pxb_ms_change *ch = add_change(d, PXB_MS_SET_POLICY);

    if (ch == NULL)
        return -1;
    ch->fields = field;
    ch->old = *cur;
    ch->policy = *cur;
    if (field == PXB_MS_FIELD_ORDER)
        ch->policy.order = w->order;
    if (field == PXB_MS_FIELD_EXPR) {
        memcpy(ch->policy.exprs, w->exprs, sizeof w->exprs);
        ch->policy.expr_count = w->expr_count;
        memcpy(ch->policy.conds, w->conds, sizeof w->conds);
        ch->policy.cond_count = w->cond_count;
    }
    if (field == PXB_MS_FIELD_DESCR)
        snprintf(ch->policy.description, sizeof ch->policy.description, "%s", w->description);
    if (field == PXB_MS_FIELD_ENABLED)
        ch->policy.enabled = w->enabled;
    *cur = ch->policy;
    return 0;
}

static int update_policy(const pxb_ms_policy *w, pxb_ms_state *work, pxb_ms_policy *cur,
                         pxb_ms_diff *d)
{
    unsigned from = cur->order;

    if (cur->order != w->order) {
        if (set_field(w, cur, PXB_MS_FIELD_ORDER, d) != 0)
            return -1;
        cur->order = from;
        move_policy(work, cur, w->order);
    }
    if ((!pxb_ms_same_conditions(cur, w) && set_field(w, cur, PXB_MS_FIELD_EXPR, d) != 0) ||
        (strcmp(cur->description, w->description) != 0 &&
         set_field(w, cur, PXB_MS_FIELD_DESCR, d) != 0) ||
        (!cur->enabled != !w->enabled && set_field(w, cur, PXB_MS_FIELD_ENABLED, d) != 0))
        return -1;
    if (diff_options(&w->level, w->name, "", &w->options, &cur->options, 1, d) != 0)
        return -1;
    cur->options = w->options;
    return 0;
}

static int add_policies(const pxb_ms_state *want, pxb_ms_state *work, pxb_ms_diff *d)
{
    for (size_t i = 0; i < want->policy_count; i++) {
        const pxb_ms_policy *w = &want->policies[i];
        pxb_ms_policy *cur = pxb_ms_find_policy(work, &w->level, w->name);
        pxb_ms_change *ch;
        if (cur != NULL) {
            if (update_policy(w, work, cur, d) != 0)
                return -1;
            continue;
        }
        ch = add_change(d, PXB_MS_CREATE_POLICY);
        if (ch == NULL)
            return -1;
        ch->policy = *w;
        pxb_ms_order_insert(work, &w->level, w->order);
        cur = pxb_ms_add_policy(work);
        if (cur == NULL)
            return -1;
        *cur = *w;
    }
    return 0;
}

/* The option values outside policies (the fallback's, 060 PXEClient of ProxyDhcp=4011):
 * set what differs, never remove. Listed after the policies, so PXE clients are sent to
 * port 4011 only once the policies are in place. */
static int add_values(const pxb_ms_state *want, pxb_ms_state *work, pxb_ms_diff *d)
{
    for (size_t i = 0; i < want->value_count; i++) {
        const pxb_ms_values *w = &want->values[i];
        pxb_ms_values *cur = pxb_ms_find_values(work, &w->level, w->class_name);
        if (diff_options(&w->level, "", w->class_name, &w->options, cur ? &cur->options : NULL,
                         0, d) != 0)
            return -1;
        if (cur == NULL && (cur = pxb_ms_add_values(work)) == NULL)
            return -1;
        *cur = *w;
    }
    return 0;
}

/* Removal of values outside policies: only those that still hold what the plan sets.
 * Listed first, so no client is sent to port 4011 once the policies start to go. */
static int drop_values(const pxb_ms_state *want, pxb_ms_state *work, pxb_ms_diff *d)
{
    for (size_t i = 0; i < want->value_count; i++) {
        const pxb_ms_values *w = &want->values[i];
        pxb_ms_values *cur = pxb_ms_find_values(work, &w->level, w->class_name);
        for (int o = 0; cur != NULL && o < PXB_MS_OPT_COUNT; o++) {
            if (!w->options.has[o] || !cur->options.has[o] ||
                strcmp(w->options.value[o], cur->options.value[o]) != 0)
                continue;
            if (set_value(d, PXB_MS_REMOVE_VALUE, &w->level, "", w->class_name,
                          (enum pxb_ms_opt)o, "", &cur->options) != 0)
                return -1;
            cur->options.has[o] = 0;
        }
    }
    return 0;
}

int pxb_ms_diff_apply(const pxb_boot_plan *plan, const pxb_ms_state *have,
                      const pxb_ms_state *want, const char *server, pxb_ms_diff *out)
{
    pxb_ms_state work;
    int rc;

    pxb_ms_diff_init(out);
    if (block_scopes(plan, have, out) != 0 || block_names(have, want, out) != 0 ||
        block_fallback(plan, have, out) != 0 || pxb_ms_check_opt60(have, want, server, out) != 0)
        return -1;
    if (out->blocked)
        return 0;
    if (pxb_ms_state_copy(&work, have) != 0)
        return -1;
    rc = add_optdef(want, &work, out);
    rc = rc ? rc : add_classes(want, &work, out);
    rc = rc ? rc : drop_policies(want, &work, out);
    rc = rc ? rc : add_policies(want, &work, out);
    rc = rc ? rc : add_values(want, &work, out);
    rc = rc ? rc : drop_classes(want, &work, out);
    rc = rc ? rc : drop_optdef(want, &work, out);
    rc = rc ? rc : pxb_ms_findings(plan, have, want, &work, server, out);
    pxb_ms_state_free(&work);
    return rc;
}

int pxb_ms_diff_remove(const pxb_ms_state *have, const pxb_ms_state *want, pxb_ms_diff *out)
{
    pxb_ms_state work, none;
    int rc;

    pxb_ms_diff_init(out);
    pxb_ms_state_init(&none);
    if (pxb_ms_state_copy(&work, have) != 0)
        return -1;
    rc = drop_values(want, &work, out);
    rc = rc ? rc : drop_policies(&none, &work, out);
    rc = rc ? rc : drop_classes(&none, &work, out);
    rc = rc ? rc : drop_optdef(&none, &work, out);
    pxb_ms_state_free(&work);
    return rc;
}
