/* ms_desired.c: derives the Microsoft DHCP objects the boot plan wants (see ms_desired.h)
 * from the plan's ordered rule list. Pure C, no OS calls. */
#include "ms_desired.h"

#include <stdio.h>
#include <string.h>

#include "ms_policy_set.h"

size_t pxb_ms_plan_levels(const pxb_boot_plan *plan, pxb_ms_level out[PXB_PLAN_SCOPES_MAX])
{
    if (plan->scope_count == 0) {
        out[0].global = 1;
        out[0].subnet = 0;
        return 1;
    }
    for (size_t i = 0; i < plan->scope_count; i++) {
        out[i].global = 0;
        out[i].subnet = plan->scopes[i].network;
    }
    return plan->scope_count;
}

/* Wants a class with these data: the server's own if it has one, else pxebridge's. */
static int want_class(const pxb_ms_state *have, pxb_ms_state *want, int is_vendor,
                      const char *data, const char *name, const char *comment)
{
    const pxb_ms_class *old = pxb_ms_find_class_data(have, is_vendor, data, strlen(data));
    pxb_ms_class *c;

    if (pxb_ms_find_class_data(want, is_vendor, data, strlen(data)) != NULL)
        return 0;
    c = pxb_ms_add_class(want);
    if (c == NULL)
        return -1;
    if (old != NULL) {
        *c = *old;
        return 0;
    }
    snprintf(c->name, sizeof c->name, "%s", name);
    snprintf(c->comment, sizeof c->comment, "%s", comment);
    c->is_vendor = is_vendor;
    c->data_len = strlen(data);
    memcpy(c->data, data, c->data_len);
    return 0;
}

/* With policies every rule tests the user class; the fallback only for the iPXE rule. */
static int needs_ipxe_class(const pxb_rule_list *rules, int has_policies)
{
    for (size_t i = 0; i < rules->count; i++)
        if (rules->rules[i].kind == PXB_RULE_IPXE || (has_policies && rules->rules[i].not_ipxe))
            return 1;
    return 0;
}

/* The iPXE user class comes first: the fallback's class option values name it. */
static int want_classes(const pxb_rule_list *rules, const pxb_ms_state *have,
                        pxb_ms_state *want)
{
    char comment[PXB_MS_TEXT_MAX];

    if (needs_ipxe_class(rules, have->has_policies) &&
        want_class(have, want, 0, PXB_IPXE_USER_CLASS, PXB_IPXE_CLASS_NAME,
                   PXB_OWNER_MARK " iPXE clients (user class iPXE)") != 0)
        return -1;
    for (size_t i = 0; i < rules->count && have->has_policies; i++) {
        const pxb_rule *r = &rules->rules[i];
        for (size_t v = 0; v < r->vendor_count; v++) {
            snprintf(comment, sizeof comment, "%s %s clients (arch %u)", PXB_OWNER_MARK,
                     pxb_arch_label(r->vendors[v].arch), r->vendors[v].arch);
            if (want_class(have, want, 1, r->vendors[v].prefix, r->vendors[v].class_name,
                           comment) != 0)
                return -1;
        }
    }
    return 0;
}

static void add_cond(pxb_ms_policy *p, enum pxb_ms_attr type, unsigned option,
                     enum pxb_ms_cmp op, const void *value, size_t len)
{
    pxb_ms_cond *k = &p->conds[p->cond_count++];

    k->parent = (unsigned)p->expr_count - 1;
    k->type = type;
    k->option = option;
    k->op = op;
    k->value_len = len;
    memcpy(k->value, value, len);
}

/* Opens the AND sub-expression under the root that the next conditions go into. */
static void add_group(pxb_ms_policy *p)
{
    p->exprs[p->expr_count].parent = 0;
    p->exprs[p->expr_count].op = PXB_MS_AND;
    p->expr_count++;
}

/* The policy's match as an expression tree valid under every reading of MS-DHCPM 3.2.4.109
 * and 3.2.4.111 with notes <75>-<78>, <84>, <85>: an AND root, and under it one AND
 * sub-expression per condition (vendor class begins with, user class EQ or NE iPXE, each
 * excluded MAC NE). Every expression's parent is the root, every one after the root is AND,
 * and no condition has a sibling: read literally, the Windows Server 2012 notes <77>/<78>
 * would refuse even two "MAC NE" conditions side by side, so none are. */
static void set_conditions(const pxb_boot_plan *plan, const pxb_ms_policy_spec *spec,
                           pxb_ms_policy *p)
{
    const pxb_rule *r = spec->rule;
    const size_t ipxe_len = strlen(PXB_IPXE_USER_CLASS);

    p->exprs[0].parent = 0;
    p->exprs[0].op = PXB_MS_AND;
    p->expr_count = 1;
    if (spec->vendor != NULL) {
        add_group(p);
        add_cond(p, PXB_MS_ATTR_OPTION, 60, PXB_MS_BEGINS, spec->vendor->prefix,
                 strlen(spec->vendor->prefix));
    }
    if (r->kind == PXB_RULE_IPXE || r->not_ipxe) {
        add_group(p);
        add_cond(p, PXB_MS_ATTR_OPTION, 77, r->not_ipxe ? PXB_MS_NE : PXB_MS_EQ,
                 PXB_IPXE_USER_CLASS, ipxe_len);
    }
    for (size_t m = 0; r->not_excluded && m < plan->excluded_count; m++) {
        add_group(p);
        add_cond(p, PXB_MS_ATTR_HWADDR, 0, PXB_MS_NE, plan->excluded[m].b,
                 sizeof plan->excluded[m].b);
    }
}

static void set_option(pxb_ms_options *o, enum pxb_ms_opt opt, const char *value)
{
    o->has[opt] = 1;
    snprintf(o->value[opt], sizeof o->value[opt], "%s", value);
}

/* Option 060 is not defined for IPv4 on a fresh server: the definition comes first. */
static void want_opt60_definition(pxb_ms_state *want)
{
    want->has_opt60 = 1;
    snprintf(want->opt60_comment, sizeof want->opt60_comment, "%s", PXB_MS_OPT60_COMMENT);
}

static int want_policy(const pxb_boot_plan *plan, const pxb_ms_policy_spec *spec,
                       const pxb_ms_level *level, pxb_ms_state *want)
{
    const pxb_rule *r = spec->rule;
    pxb_ms_policy *p = pxb_ms_add_policy(want);
    char server[PXB_IPV4_TEXT_MAX];

    if (p == NULL)
        return -1;
    snprintf(p->name, sizeof p->name, "%s", spec->name);
    p->level = *level;
    p->order = spec->order;
    set_conditions(plan, spec, p);
    snprintf(p->description, sizeof p->description, "%s", spec->description);
    p->enabled = 1;
    if (r->next_server != 0) {
        pxb_ipv4_format(r->next_server, server);
        set_option(&p->options, PXB_MS_OPT_066, server);
    }
    set_option(&p->options, PXB_MS_OPT_067, r->boot_file);
    if (r->http_client) {
        set_option(&p->options, PXB_MS_OPT_060, PXB_HTTP_CLIENT_ID);
        want_opt60_definition(want);
    }
    return 0;
}

/* The rules of one level: its scope's boot server (ScopeBootServers), BootServer's at
 * server level. */
static void level_rules(const pxb_boot_plan *plan, const pxb_ms_level *level,
                        pxb_rule_list *out)
{
    if (level->global)
        pxb_plan_rules(plan, out);
    else
        pxb_plan_scope_rules(plan, level->subnet, out);
}

static int want_policies(const pxb_boot_plan *plan, pxb_ms_state *want)
{
    pxb_ms_level levels[PXB_PLAN_SCOPES_MAX];
    pxb_ms_policy_spec specs[PXB_MS_LEVEL_POLICIES_MAX];
    pxb_rule_list rules;
    size_t n = pxb_ms_plan_levels(plan, levels);

    for (size_t l = 0; l < n; l++) {
        level_rules(plan, &levels[l], &rules);
        size_t count = pxb_ms_policy_set(&rules, specs);
        for (size_t i = 0; i < count; i++)
            if (want_policy(plan, &specs[i], &levels[l], want) != 0)
                return -1;
    }
    return 0;
}

/* The fallback without policies at one level: 066 and the BIOS image for everyone, and
 * the script for the iPXE user class. */
static int want_fallback_level(const pxb_boot_plan *plan, const pxb_ms_level *level,
                               pxb_ms_state *want)
{
    pxb_rule_list rules;
    pxb_ms_values *all = pxb_ms_add_values(want);
    char server[PXB_IPV4_TEXT_MAX];

    if (all == NULL)
        return -1;
    level_rules(plan, level, &rules);
    all->level = *level;
    pxb_ipv4_format(level->global ? plan->server : pxb_plan_scope_server(plan, level->subnet),
                    server);
    set_option(&all->options, PXB_MS_OPT_066, server);
    if (plan->stage[PXB_STAGE_BIOS][0] != '\0')
        set_option(&all->options, PXB_MS_OPT_067, plan->stage[PXB_STAGE_BIOS]);
    for (size_t i = 0; i < rules.count; i++) {
        pxb_ms_values *ipxe;
        if (rules.rules[i].kind != PXB_RULE_IPXE)
            continue;
        ipxe = pxb_ms_add_values(want);
        if (ipxe == NULL)
            return -1;
        ipxe->level = *level;
        snprintf(ipxe->class_name, sizeof ipxe->class_name, "%s", want->classes[0].name);
        set_option(&ipxe->options, PXB_MS_OPT_067, rules.rules[i].boot_file);
    }
    return 0;
}

static int want_fallback(const pxb_boot_plan *plan, pxb_ms_state *want)
{
    pxb_ms_level levels[PXB_PLAN_SCOPES_MAX];
    size_t n = pxb_ms_plan_levels(plan, levels);

    for (size_t l = 0; l < n; l++)
        if (want_fallback_level(plan, &levels[l], want) != 0)
            return -1;
    return 0;
}

/* ProxyDhcp=4011: 060 'PXEClient' for every client at each level of the plan, in the same
 * entry as the fallback's values of that level where there is one. */
static int want_proxy_4011(const pxb_boot_plan *plan, pxb_ms_state *want)
{
    pxb_ms_level levels[PXB_PLAN_SCOPES_MAX];
    size_t n = pxb_ms_plan_levels(plan, levels);

    if (plan->proxy_dhcp != PXB_PROXY_4011)
        return 0;
    want_opt60_definition(want);
    for (size_t l = 0; l < n; l++) {
        pxb_ms_values *v = pxb_ms_find_values(want, &levels[l], "");
        if (v == NULL && (v = pxb_ms_add_values(want)) == NULL)
            return -1;
        v->level = levels[l];
        set_option(&v->options, PXB_MS_OPT_060, PXB_VENDOR_PXE);
    }
    return 0;
}

int pxb_ms_desire(const pxb_boot_plan *plan, const pxb_ms_state *have, pxb_ms_state *want)
{
    pxb_rule_list rules;
    int rc;

    pxb_ms_state_init(want);
    want->major = have->major;
    want->minor = have->minor;
    want->has_policies = have->has_policies;
    /* ProxyDhcp=on: the service answers PXE clients itself; a boot file from this server
     * too would be a second answer, so nothing of pxebridge's is wanted here. */
    if (plan->proxy_dhcp == PXB_PROXY_ON)
        return 0;
    pxb_plan_rules(plan, &rules);
    rc = want_classes(&rules, have, want);
    if (rc == 0)
        rc = have->has_policies ? want_policies(plan, want) : want_fallback(plan, want);
    if (rc == 0)
        rc = want_proxy_4011(plan, want);
    if (rc != 0)
        pxb_ms_state_free(want);
    return rc;
}
