/* ms_state.c: the Microsoft DHCP object model (see ms_state.h): growing its lists, copying,
 * lookups by name, level or class data, and the server's renumbering of processing orders.
 * Pure C, no OS calls. */
#include "ms_state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const unsigned OPTION_IDS[PXB_MS_OPT_COUNT] = {66, 67, 60};

void pxb_ms_state_init(pxb_ms_state *s)
{
    memset(s, 0, sizeof *s);
}

void pxb_ms_state_free(pxb_ms_state *s)
{
    free(s->subnets);
    free(s->classes);
    free(s->policies);
    free(s->values);
    pxb_ms_state_init(s);
}

/* Makes room for one more item of `size` bytes in *items; returns the new (zeroed) item. */
static void *grow(void **items, size_t *count, size_t *cap, size_t size)
{
    unsigned char *base;

    if (*count == *cap) {
        size_t next = *cap ? *cap * 2 : 8;
        void *p = realloc(*items, next * size);
        if (p == NULL)
            return NULL;
        *items = p;
        *cap = next;
    }
    base = *items;
    memset(base + *count * size, 0, size);
    return base + (*count)++ * size;
}

pxb_ms_class *pxb_ms_add_class(pxb_ms_state *s)
{
    return grow((void **)&s->classes, &s->class_count, &s->class_cap, sizeof *s->classes);
}

pxb_ms_policy *pxb_ms_add_policy(pxb_ms_state *s)
{
    return grow((void **)&s->policies, &s->policy_count, &s->policy_cap, sizeof *s->policies);
}

pxb_ms_values *pxb_ms_add_values(pxb_ms_state *s)
{
    return grow((void **)&s->values, &s->value_count, &s->value_cap, sizeof *s->values);
}

int pxb_ms_add_subnet(pxb_ms_state *s, uint32_t subnet)
{
    uint32_t *p = grow((void **)&s->subnets, &s->subnet_count, &s->subnet_cap,
                       sizeof *s->subnets);

    if (p == NULL)
        return -1;
    *p = subnet;
    return 0;
}

/* Copies count items of size bytes into a new array; *out stays NULL for none. */
static int copy_items(void **out, size_t *cap, const void *items, size_t count, size_t size)
{
    *cap = 0;
    if (count == 0)
        return 0;
    *out = malloc(count * size);
    if (*out == NULL)
        return -1;
    memcpy(*out, items, count * size);
    *cap = count;
    return 0;
}

int pxb_ms_state_copy(pxb_ms_state *dst, const pxb_ms_state *src)
{
    *dst = *src;
    dst->subnets = NULL;
    dst->classes = NULL;
    dst->policies = NULL;
    dst->values = NULL;
    if (copy_items((void **)&dst->subnets, &dst->subnet_cap, src->subnets, src->subnet_count,
                   sizeof *src->subnets) == 0 &&
        copy_items((void **)&dst->classes, &dst->class_cap, src->classes, src->class_count,
                   sizeof *src->classes) == 0 &&
        copy_items((void **)&dst->policies, &dst->policy_cap, src->policies,
                   src->policy_count, sizeof *src->policies) == 0 &&
        copy_items((void **)&dst->values, &dst->value_cap, src->values, src->value_count,
                   sizeof *src->values) == 0)
        return 0;
    pxb_ms_state_free(dst);
    return -1;
}

unsigned pxb_ms_opt_id(enum pxb_ms_opt opt)
{
    return OPTION_IDS[opt];
}

int pxb_ms_level_equal(const pxb_ms_level *a, const pxb_ms_level *b)
{
    return a->global == b->global && (a->global || a->subnet == b->subnet);
}

void pxb_ms_level_name(const pxb_ms_level *level, char out[32])
{
    char net[PXB_IPV4_TEXT_MAX];

    if (level->global) {
        snprintf(out, 32, "server");
        return;
    }
    pxb_ipv4_format(level->subnet, net);
    snprintf(out, 32, "scope %s", net);
}

int pxb_ms_owned(const char *description)
{
    return strncmp(description, PXB_OWNER_MARK, strlen(PXB_OWNER_MARK)) == 0;
}

int pxb_ms_has_subnet(const pxb_ms_state *s, uint32_t subnet)
{
    for (size_t i = 0; i < s->subnet_count; i++)
        if (s->subnets[i] == subnet)
            return 1;
    return 0;
}

pxb_ms_class *pxb_ms_find_class(const pxb_ms_state *s, const char *name)
{
    for (size_t i = 0; i < s->class_count; i++)
        if (strcmp(s->classes[i].name, name) == 0)
            return &s->classes[i];
    return NULL;
}

pxb_ms_class *pxb_ms_find_class_data(const pxb_ms_state *s, int is_vendor, const void *data,
                                     size_t len)
{
    for (size_t i = 0; i < s->class_count; i++) {
        pxb_ms_class *c = &s->classes[i];
        if (!c->is_vendor == !is_vendor && c->data_len == len && memcmp(c->data, data, len) == 0)
            return c;
    }
    return NULL;
}

pxb_ms_policy *pxb_ms_find_policy(const pxb_ms_state *s, const pxb_ms_level *level,
                                  const char *name)
{
    for (size_t i = 0; i < s->policy_count; i++) {
        pxb_ms_policy *p = &s->policies[i];
        if (pxb_ms_level_equal(&p->level, level) && strcmp(p->name, name) == 0)
            return p;
    }
    return NULL;
}

pxb_ms_values *pxb_ms_find_values(const pxb_ms_state *s, const pxb_ms_level *level,
                                  const char *class_name)
{
    for (size_t i = 0; i < s->value_count; i++) {
        pxb_ms_values *v = &s->values[i];
        if (pxb_ms_level_equal(&v->level, level) && strcmp(v->class_name, class_name) == 0)
            return v;
    }
    return NULL;
}

int pxb_ms_policy_uses(const pxb_ms_policy *p, const pxb_ms_class *c)
{
    unsigned option = c->is_vendor ? 60 : 77;

    for (size_t i = 0; i < p->cond_count; i++) {
        const pxb_ms_cond *k = &p->conds[i];
        if (k->type == PXB_MS_ATTR_OPTION && k->option == option && k->vendor[0] == '\0' &&
            k->value_len == c->data_len && memcmp(k->value, c->data, c->data_len) == 0)
            return 1;
    }
    return 0;
}

int pxb_ms_class_cascades(const pxb_ms_policy *p, const pxb_ms_class *c)
{
    const pxb_ms_cond *k = &p->conds[0];

    return !c->is_vendor && p->cond_count == 1 && k->op == PXB_MS_EQ &&
           k->value_len == c->data_len && memcmp(k->value, c->data, c->data_len) == 0;
}

static int same_cond(const pxb_ms_cond *a, const pxb_ms_cond *b)
{
    return a->parent == b->parent && a->type == b->type && a->option == b->option &&
           a->suboption == b->suboption && strcmp(a->vendor, b->vendor) == 0 &&
           a->op == b->op && a->value_len == b->value_len &&
           memcmp(a->value, b->value, a->value_len) == 0;
}

int pxb_ms_same_conditions(const pxb_ms_policy *a, const pxb_ms_policy *b)
{
    if (a->expr_count != b->expr_count || a->cond_count != b->cond_count)
        return 0;
    for (size_t i = 0; i < a->expr_count; i++)
        if (a->exprs[i].parent != b->exprs[i].parent || a->exprs[i].op != b->exprs[i].op)
            return 0;
    for (size_t i = 0; i < a->cond_count; i++)
        if (!same_cond(&a->conds[i], &b->conds[i]))
            return 0;
    return 1;
}

void pxb_ms_order_insert(pxb_ms_state *s, const pxb_ms_level *level, unsigned order)
{
    for (size_t i = 0; i < s->policy_count; i++) {
        pxb_ms_policy *p = &s->policies[i];
        if (pxb_ms_level_equal(&p->level, level) && p->order >= order)
            p->order++;
    }
}

void pxb_ms_order_remove(pxb_ms_state *s, const pxb_ms_level *level, unsigned order)
{
    for (size_t i = 0; i < s->policy_count; i++) {
        pxb_ms_policy *p = &s->policies[i];
        if (pxb_ms_level_equal(&p->level, level) && p->order > order)
            p->order--;
    }
}
