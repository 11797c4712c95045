/* ms_pair_check.c: two failover partners compared with each other (see ms_pair_check.h). */
#include "ms_pair_check.h"

#include <stdio.h>
#include <string.h>

/* What one comparison adds up. */
typedef struct pair {
    const pxb_ms_partner *a, *b;
    pxb_ms_diff *out;
    int found;
    int oom;
} pair;

/* Adds one difference: "<b>: <what differs>". */
static void differ(pair *p, const char *text)
{
    if (pxb_ms_diff_finding(p->out, PXB_MS_WARNING, "failover partners differ: %s: %s",
                            p->b->label, text) != 0)
        p->oom = 1;
    p->found++;
}

static const char *value_or_none(const pxb_ms_options *o, enum pxb_ms_opt opt)
{
    return o->has[opt] ? o->value[opt] : "nothing";
}

/* The option values of one object on both partners. */
static void compare_options(pair *p, const char *what, const char *level,
                            const pxb_ms_options *a, const pxb_ms_options *b)
{
    static const char *const NAMES[PXB_MS_OPT_COUNT] = {"066", "067", "060"};
    char text[PXB_MS_FINDING_MAX];

    for (int opt = 0; opt < PXB_MS_OPT_COUNT; opt++) {
        const char *va = value_or_none(a, (enum pxb_ms_opt)opt);
        const char *vb = value_or_none(b, (enum pxb_ms_opt)opt);
        if (strcmp(va, vb) == 0)
            continue;
        snprintf(text, sizeof text, "%s (%s) hands out %s '%s', where %s hands out '%s'", what,
                 level, NAMES[opt], vb, p->a->label, va);
        differ(p, text);
    }
}

static void compare_policy(pair *p, const pxb_ms_policy *pa, const pxb_ms_policy *pb,
                           const char *level)
{
    char what[PXB_MS_NAME_MAX + 16];
    char text[PXB_MS_FINDING_MAX];

    snprintf(what, sizeof what, "policy '%s'", pa->name);
    if (pb == NULL) {
        snprintf(text, sizeof text, "has no %s (%s), which %s has at processing order %u",
                 what, level, p->a->label, pa->order);
        differ(p, text);
        return;
    }
    if (pa->order != pb->order) {
        snprintf(text, sizeof text, "%s (%s) has processing order %u, where %s has %u", what,
                 level, pb->order, p->a->label, pa->order);
        differ(p, text);
    }
    if (pa->enabled != pb->enabled) {
        snprintf(text, sizeof text, "%s (%s) is %s, where %s has it %s", what, level,
                 pb->enabled ? "enabled" : "disabled", p->a->label,
                 pa->enabled ? "enabled" : "disabled");
        differ(p, text);
    }
    if (!pxb_ms_same_conditions(pa, pb)) {
        snprintf(text, sizeof text, "%s (%s) matches other clients than on %s (its "
                 "conditions differ)", what, level, p->a->label);
        differ(p, text);
    }
    compare_options(p, what, level, &pa->options, &pb->options);
}

/* Policies of a at the level against b's, then b's that a lacks. */
static void compare_policies(pair *p, const pxb_ms_level *level, const char *level_name)
{
    const pxb_ms_state *a = p->a->state, *b = p->b->state;

    for (size_t i = 0; i < a->policy_count; i++)
        if (pxb_ms_level_equal(&a->policies[i].level, level))
            compare_policy(p, &a->policies[i],
                           pxb_ms_find_policy(b, level, a->policies[i].name), level_name);
    pair back = {p->b, p->a, p->out, 0, 0};
    for (size_t i = 0; i < b->policy_count; i++)
        if (pxb_ms_level_equal(&b->policies[i].level, level) &&
            pxb_ms_find_policy(a, level, b->policies[i].name) == NULL)
            compare_policy(&back, &b->policies[i], NULL, level_name);
    p->found += back.found;
    p->oom |= back.oom;
}

/* Option values outside policies, for everyone and per user class, at the level. */
static void compare_values(pair *p, const pxb_ms_level *level, const char *level_name)
{
    static const pxb_ms_options NONE;
    const pxb_ms_state *a = p->a->state, *b = p->b->state;
    char what[PXB_MS_NAME_MAX + 32];

    for (int side = 0; side < 2; side++) {
        const pxb_ms_state *from = side ? b : a, *to = side ? a : b;
        for (size_t i = 0; i < from->value_count; i++) {
            const pxb_ms_values *v = &from->values[i];
            const pxb_ms_values *w = pxb_ms_find_values(to, level, v->class_name);
            if (!pxb_ms_level_equal(&v->level, level) || (side && w != NULL))
                continue;
            snprintf(what, sizeof what, v->class_name[0] ? "the value for class '%s'"
                                                         : "the option value%s", v->class_name);
            const pxb_ms_options *va = side ? (w ? &w->options : &NONE) : &v->options;
            const pxb_ms_options *vb = side ? &v->options : (w ? &w->options : &NONE);
            compare_options(p, what, level_name, va, vb);
        }
    }
}

static void compare_level(pair *p, const pxb_ms_level *level)
{
    char name[32];

    pxb_ms_level_name(level, name);
    compare_policies(p, level, name);
    compare_values(p, level, name);
}

int pxb_ms_pair_check(const pxb_ms_partner *a, const pxb_ms_partner *b,
                      const uint32_t *scopes, size_t scope_count, pxb_ms_diff *out)
{
    pair p = {a, b, out, 0, 0};
    pxb_ms_level level = {1, 0};

    compare_level(&p, &level);
    for (size_t i = 0; i < scope_count; i++) {
        pxb_ms_level scope = {0, scopes[i]};
        compare_level(&p, &scope);
    }
    return p.oom ? -1 : p.found;
}
