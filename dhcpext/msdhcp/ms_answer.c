/* ms_answer.c: what a server as read hands a client (see ms_answer.h). */
#include "ms_answer.h"

#include <stdio.h>
#include <string.h>

/* The bytes of the client a condition looks at; NULL when the client does not send them. */
static const uint8_t *client_bytes(const pxb_ms_cond *k, const pxb_client *c, size_t *len)
{
    if (k->type == PXB_MS_ATTR_HWADDR) {
        *len = sizeof c->mac.b;
        return c->has_mac ? c->mac.b : NULL;
    }
    if (k->type != PXB_MS_ATTR_OPTION || k->vendor[0] != '\0')
        return NULL;
    if (k->option == 60 && c->vendor_class != NULL) {
        *len = strlen(c->vendor_class);
        return (const uint8_t *)c->vendor_class;
    }
    if (k->option == 77 && c->user_class != NULL) {
        *len = c->user_class_len;
        return c->user_class;
    }
    return NULL;
}

/* Whether the condition's comparison holds, given what the client sends (NULL: nothing). */
static int cond_holds(const pxb_ms_cond *k, const uint8_t *have, size_t len)
{
    int fits = have != NULL && len >= k->value_len;
    int hit;

    switch (k->op) {
    case PXB_MS_EQ:
    case PXB_MS_NE:
        hit = have != NULL && len == k->value_len && memcmp(have, k->value, len) == 0;
        return k->op == PXB_MS_EQ ? hit : !hit;
    case PXB_MS_BEGINS:
    case PXB_MS_NOT_BEGINS:
        hit = fits && memcmp(have, k->value, k->value_len) == 0;
        return k->op == PXB_MS_BEGINS ? hit : !hit;
    default:
        hit = fits && memcmp(have + len - k->value_len, k->value, k->value_len) == 0;
        return k->op == PXB_MS_ENDS ? hit : !hit;
    }
}

static int cond_true(const pxb_ms_cond *k, const pxb_client *c)
{
    size_t len = 0;
    const uint8_t *have = client_bytes(k, c, &len);

    return cond_holds(k, have, len);
}

/* Expression e: AND of its parts, or OR; depth bounds a malformed tree. */
static int expr_true(const pxb_ms_policy *p, unsigned e, const pxb_client *c, unsigned depth)
{
    int all = p->exprs[e].op == PXB_MS_AND;
    int any = 0;

    if (depth > PXB_MS_EXPRS_MAX)
        return 0;
    for (size_t i = 0; i < p->cond_count; i++) {
        if (p->conds[i].parent != e)
            continue;
        int t = cond_true(&p->conds[i], c);
        if (all && !t)
            return 0;
        any |= t;
    }
    for (size_t x = 1; x < p->expr_count; x++) {
        if (p->exprs[x].parent != e || x == e)
            continue;
        int t = expr_true(p, (unsigned)x, c, depth + 1);
        if (all && !t)
            return 0;
        any |= t;
    }
    return all ? 1 : any;
}

static int policy_matches(const pxb_ms_policy *p, const pxb_client *c)
{
    return p->enabled && p->expr_count > 0 && expr_true(p, 0, c, 0);
}

static void take(pxb_ms_answer *a, const pxb_ms_options *o, const char *source)
{
    for (int i = 0; i < PXB_MS_OPT_COUNT; i++) {
        if (a->has[i] || !o->has[i])
            continue;
        a->has[i] = 1;
        snprintf(a->value[i], sizeof a->value[i], "%s", o->value[i]);
        snprintf(a->source[i], sizeof a->source[i], "%s", source);
    }
}

/* The level's matching policies, in processing order. */
static void take_policies(const pxb_ms_state *s, const pxb_ms_level *level,
                          const pxb_client *c, pxb_ms_answer *a)
{
    char where[32], source[PXB_MS_SOURCE_MAX];
    unsigned last = 0;

    pxb_ms_level_name(level, where);
    for (;;) {
        const pxb_ms_policy *next = NULL;
        for (size_t i = 0; i < s->policy_count; i++) {
            const pxb_ms_policy *p = &s->policies[i];
            if (pxb_ms_level_equal(&p->level, level) && p->order > last &&
                (next == NULL || p->order < next->order))
                next = p;
        }
        if (next == NULL)
            return;
        last = next->order;
        if (!policy_matches(next, c))
            continue;
        snprintf(source, sizeof source, "policy '%s' (%s, order %u)", next->name, where,
                 next->order);
        take(a, &next->options, source);
    }
}

/* The level's values outside policies: for the client's user class, then for everyone. */
static void take_values(const pxb_ms_state *s, const pxb_ms_level *level,
                        const pxb_client *c, pxb_ms_answer *a)
{
    char where[32], source[PXB_MS_SOURCE_MAX];

    pxb_ms_level_name(level, where);
    for (size_t i = 0; i < s->value_count; i++) {
        const pxb_ms_values *v = &s->values[i];
        const pxb_ms_class *cls = v->class_name[0] ? pxb_ms_find_class(s, v->class_name) : NULL;
        if (!pxb_ms_level_equal(&v->level, level) || cls == NULL || c->user_class == NULL ||
            cls->data_len != c->user_class_len ||
            memcmp(cls->data, c->user_class, cls->data_len) != 0)
            continue;
        snprintf(source, sizeof source, "%s value for user class '%s'", where, cls->name);
        take(a, &v->options, source);
    }
    const pxb_ms_values *plain = pxb_ms_find_values(s, level, "");
    snprintf(source, sizeof source, "%s option", where);
    if (plain != NULL)
        take(a, &plain->options, source);
}

static uint32_t client_scope(const pxb_ms_state *s, const pxb_client *c)
{
    uint32_t best = 0;

    for (size_t i = 0; c->has_address && i < s->subnet_count; i++)
        if (s->subnets[i] <= c->address && s->subnets[i] > best)
            best = s->subnets[i];
    return best;
}

void pxb_ms_answer_client(const pxb_ms_state *s, const pxb_client *c, pxb_ms_answer *out)
{
    pxb_ms_level server = {1, 0};

    memset(out, 0, sizeof *out);
    out->scope = client_scope(s, c);
    if (out->scope != 0) {
        pxb_ms_level scope = {0, out->scope};
        if (s->has_policies)
            take_policies(s, &scope, c, out);
        take_values(s, &scope, c, out);
    }
    if (s->has_policies)
        take_policies(s, &server, c, out);
    take_values(s, &server, c, out);
}
