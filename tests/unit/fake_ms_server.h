/* fake_ms_server.h: in-memory Microsoft DHCP servers for the unit tests of the sync
 * (test_ms_diff.c, test_ms_failover.c, test_ms_proxy.c): each carries out changes the way Microsoft DHCP does
 * (processing orders renumbered on insert, move and delete; DhcpDeleteClass's cascade), fails
 * its k-th write when told, and answers reads of its state and failover relationships or the
 * error it is given. A backend (ms_backend.h) over a list of them finds each by the name the
 * call gives, and answers 1722 for a name it does not know. Also the helpers the tests build
 * and compare states with, and a run of the sync over them. Header only: each test includes it once, after cmocka.h. */
#ifndef PXB_FAKE_MS_SERVER_H
#define PXB_FAKE_MS_SERVER_H

#include <stdio.h>
#include <string.h>

#include "ms_backend.h"
#include "ms_sync.h"

/* One in-memory server: its name, state, relationships, and the change number that fails
 * (0: none). */
typedef struct fake {
    const char *name;            /* what the calls name it; NULL = any name (one server) */
    pxb_ms_state s;
    size_t writes;
    size_t fail_at;
    unsigned long fail_code;
    int strict; /* deleting or reordering a policy moves no other one (3.2.4.111/112) */
    unsigned long read_code;     /* every call fails with this (unreachable, denied); 0 none */
    pxb_ms_failover failover;
    unsigned long failover_code; /* reading relationships fails with this (1745: pre-2012) */
} fake;

/* The servers a backend reaches. */
typedef struct fake_net {
    fake *servers;
    size_t count;
} fake_net;

/* The server a call names, or NULL with err (1722, or the server's own read_code). */
static fake *fake_find(void *ctx, const char *server, const char *call, pxb_ms_error *err)
{
    fake_net *net = ctx;

    for (size_t i = 0; i < net->count; i++) {
        fake *f = &net->servers[i];
        if (f->name != NULL && strcmp(f->name, server ? server : "") != 0)
            continue;
        if (f->read_code == 0)
            return f;
        err->error.code = f->read_code;
        snprintf(err->call, sizeof err->call, "%s", call);
        return NULL;
    }
    err->error.code = 1722;
    snprintf(err->call, sizeof err->call, "%s", call);
    return NULL;
}

static int fake_read(void *ctx, const char *server, pxb_ms_state *state, pxb_ms_error *err)
{
    fake *f = fake_find(ctx, server, "FakeRead", err);

    return f != NULL ? pxb_ms_state_copy(state, &f->s) : -1;
}

static int fake_relationships(void *ctx, const char *server, pxb_ms_failover *out,
                              pxb_ms_error *err)
{
    fake *f = fake_find(ctx, server, "FakeEnumRelationship", err);

    if (f == NULL)
        return -1;
    if (f->failover_code != 0) {
        err->error.code = f->failover_code;
        snprintf(err->call, sizeof err->call, "FakeEnumRelationship");
        return -1;
    }
    for (size_t i = 0; i < f->failover.count; i++) {
        const pxb_ms_relationship *r = &f->failover.rels[i];
        pxb_ms_relationship *copy = pxb_ms_failover_add(out);
        *copy = *r;
        copy->scopes = NULL;
        copy->scope_count = copy->scope_cap = 0;
        for (size_t s = 0; s < r->scope_count; s++)
            pxb_ms_relationship_add_scope(copy, r->scopes[s]);
    }
    return 0;
}

static void drop_policy(pxb_ms_state *s, pxb_ms_policy *p, int strict)
{
    pxb_ms_level level = p->level;
    unsigned order = p->order;

    memmove(p, p + 1, (size_t)(&s->policies[s->policy_count] - (p + 1)) * sizeof *p);
    s->policy_count--;
    if (!strict)
        pxb_ms_order_remove(s, &level, order);
}

static pxb_ms_options *value_slot(pxb_ms_state *s, const pxb_ms_change *c)
{
    pxb_ms_values *v;

    if (c->policy_name[0] != '\0')
        return &pxb_ms_find_policy(s, &c->level, c->policy_name)->options;
    v = pxb_ms_find_values(s, &c->level, c->class_name);
    if (v == NULL) {
        v = pxb_ms_add_values(s);
        v->level = c->level;
        strcpy(v->class_name, c->class_name);
    }
    return &v->options;
}

static void fake_set_policy(pxb_ms_state *s, const pxb_ms_change *c, int strict)
{
    pxb_ms_policy *p = pxb_ms_find_policy(s, &c->policy.level, c->policy.name);
    pxb_ms_options keep = p->options;

    if ((c->fields & PXB_MS_FIELD_ORDER) && !strict) {
        unsigned from = p->order;
        p->order = 0;
        pxb_ms_order_remove(s, &p->level, from);
        pxb_ms_order_insert(s, &p->level, c->policy.order);
    }
    *p = c->policy;
    p->options = keep;
}

/* DhcpDeleteClass's cascade (3.2.4.27): bound policies and the class's values go too. */
static void fake_cascade(pxb_ms_state *s, const pxb_ms_class *c)
{
    for (size_t i = s->policy_count; i-- > 0;)
        if (pxb_ms_class_cascades(&s->policies[i], c))
            drop_policy(s, &s->policies[i], 0);
    for (size_t v = 0; v < s->value_count; v++)
        if (strcmp(s->values[v].class_name, c->name) == 0)
            memset(&s->values[v].options, 0, sizeof s->values[v].options);
}

static int fake_change(void *ctx, const char *server, const pxb_ms_change *c, pxb_ms_error *err)
{
    fake *f = fake_find(ctx, server, "FakeWrite", err);
    pxb_ms_state *s;
    pxb_ms_class *cls;

    if (f == NULL)
        return -1;
    s = &f->s;
    if (++f->writes == f->fail_at) {
        err->error.code = f->fail_code;
        snprintf(err->call, sizeof err->call, "FakeCall");
        return -1;
    }
    switch (c->op) {
    case PXB_MS_CREATE_OPTDEF:
    case PXB_MS_DELETE_OPTDEF:
        s->has_opt60 = c->op == PXB_MS_CREATE_OPTDEF;
        strcpy(s->opt60_comment, c->comment);
        break;
    case PXB_MS_CREATE_CLASS:
        *pxb_ms_add_class(s) = c->cls;
        break;
    case PXB_MS_DELETE_CLASS:
        cls = pxb_ms_find_class(s, c->cls.name);
        memmove(cls, cls + 1, (size_t)(&s->classes[s->class_count] - (cls + 1)) * sizeof *cls);
        s->class_count--;
        fake_cascade(s, &c->cls);
        break;
    case PXB_MS_CREATE_POLICY:
        pxb_ms_order_insert(s, &c->policy.level, c->policy.order);
        *pxb_ms_add_policy(s) = c->policy;
        break;
    case PXB_MS_DELETE_POLICY:
        drop_policy(s, pxb_ms_find_policy(s, &c->policy.level, c->policy.name), f->strict);
        break;
    case PXB_MS_SET_POLICY:
        /* 3.2.4.111 names single DHCP_POLICY_FIELDS_TO_UPDATE values. */
        if ((c->fields & (c->fields - 1)) != 0) {
            err->error.code = 87;
            snprintf(err->call, sizeof err->call, "FakeSetPolicy");
            return -1;
        }
        fake_set_policy(s, c, f->strict);
        break;
    case PXB_MS_SET_VALUE:
    case PXB_MS_REMOVE_VALUE: {
        /* 3.2.4.20: a value outside policies only for a defined option (060 is not). */
        if (c->op == PXB_MS_SET_VALUE && c->policy_name[0] == '\0' &&
            c->opt == PXB_MS_OPT_060 && !s->has_opt60) {
            err->error.code = 20010;
            snprintf(err->call, sizeof err->call, "DhcpSetOptionValueV5");
            return -1;
        }
        pxb_ms_options *o = value_slot(s, c);
        o->has[c->opt] = c->op == PXB_MS_SET_VALUE;
        strcpy(o->value[c->opt], c->op == PXB_MS_SET_VALUE ? c->value : "");
        break;
    }
    }
    return 0;
}

/* --- what the tests build and check servers with (cmocka's header comes first) --------- */

static void assert_has(const char *text, const char *want)
{
    if (strstr(text, want) == NULL)
        fail_msg("report lacks '%s':\n%s", want, text);
}

/* An admin's policy "name" at server level, order `order`, user class EQ iPXE -> 067. */
static void add_admin_policy(pxb_ms_state *s, const char *name, unsigned order)
{
    pxb_ms_policy *p = pxb_ms_add_policy(s);

    strcpy(p->name, name);
    p->level.global = 1;
    p->order = order;
    p->enabled = 1;
    p->expr_count = 1;
    p->exprs[0].op = PXB_MS_OR;
    p->cond_count = 1;
    p->conds[0].type = PXB_MS_ATTR_OPTION;
    p->conds[0].option = 77;
    memcpy(p->conds[0].value, "iPXE", 4);
    p->conds[0].value_len = 4;
    p->options.has[PXB_MS_OPT_067] = 1;
    strcpy(p->options.value[PXB_MS_OPT_067], "http://old/boot.ipxe");
}

static int same_options(const pxb_ms_options *a, const pxb_ms_options *b)
{
    for (int i = 0; i < PXB_MS_OPT_COUNT; i++)
        if (!a->has[i] != !b->has[i] || (a->has[i] && strcmp(a->value[i], b->value[i]) != 0))
            return 0;
    return 1;
}

/* Same classes, policies (with order and options) and option values, in any list order. */
static void assert_same_state(const pxb_ms_state *a, const pxb_ms_state *b)
{
    assert_int_equal(a->class_count, b->class_count);
    assert_int_equal(a->policy_count, b->policy_count);
    assert_int_equal(a->has_opt60, b->has_opt60);
    for (size_t i = 0; i < a->class_count; i++)
        assert_non_null(pxb_ms_find_class(b, a->classes[i].name));
    for (size_t i = 0; i < a->policy_count; i++) {
        const pxb_ms_policy *p = &a->policies[i];
        const pxb_ms_policy *q = pxb_ms_find_policy(b, &p->level, p->name);
        assert_non_null(q);
        assert_int_equal(p->order, q->order);
        assert_true(pxb_ms_same_conditions(p, q));
        assert_true(same_options(&p->options, &q->options));
        assert_string_equal(p->description, q->description);
    }
    for (size_t i = 0; i < a->value_count; i++) {
        const pxb_ms_values *v = &a->values[i];
        const pxb_ms_values *w = pxb_ms_find_values(b, &v->level, v->class_name);
        pxb_ms_values none;
        memset(&none, 0, sizeof none);
        assert_true(same_options(&v->options, w ? &w->options : &none.options));
    }
}

/* An empty server with policies (DHCP Server 10.0), named name (NULL: any name). */
static void fake_reset(fake *f, const char *name)
{
    memset(f, 0, sizeof *f);
    f->name = name;
    f->s.major = 10;
    f->s.has_policies = 1;
}

/* Runs action with the plan plan_text from server "dhcp1" over be: the report's text into
 * text, its JSON into json (NULL: not kept), its warnings into *warnings (NULL: not kept). */
static enum pxb_dhcp_status fake_sync(const pxb_ms_backend *be, enum pxb_dhcp_action action,
                                      const char *plan_text, enum pxb_dhcp_reach reach,
                                      char *text, size_t len, char *json, size_t json_len,
                                      size_t *warnings)
{
    pxb_boot_plan plan;
    pxb_dhcp_result r;
    pxb_error err = {0};
    enum pxb_dhcp_status st;

    if (pxb_plan_parse(plan_text, &plan, &err) != 0)
        fail_msg("plan: %s", err.text);
    st = pxb_ms_sync(action, &plan, "dhcp1", reach, be, NULL, NULL, &r);
    assert_int_equal(st, r.status);
    assert_non_null(r.text);
    assert_non_null(r.json);
    assert_int_equal(r.json[0], '{');
    snprintf(text, len, "%s", r.text);
    if (json != NULL)
        snprintf(json, json_len, "%s", r.json);
    if (warnings != NULL)
        *warnings = r.warnings;
    pxb_dhcp_result_free(&r);
    return st;
}

static void fake_free(fake *f)
{
    pxb_ms_state_free(&f->s);
    pxb_ms_failover_free(&f->failover);
}

#endif
