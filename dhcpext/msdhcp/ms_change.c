/* ms_change.c: inverting and describing changes to a Microsoft DHCP server (see
 * ms_change.h). Pure C, no OS calls. */
#include "ms_change.h"

#include <stdio.h>
#include <string.h>

void pxb_ms_change_invert(const pxb_ms_change *c, pxb_ms_change *out)
{
    static const enum pxb_ms_op OPPOSITE[] = {
        [PXB_MS_CREATE_OPTDEF] = PXB_MS_DELETE_OPTDEF,
        [PXB_MS_DELETE_OPTDEF] = PXB_MS_CREATE_OPTDEF,
        [PXB_MS_CREATE_CLASS] = PXB_MS_DELETE_CLASS,
        [PXB_MS_DELETE_CLASS] = PXB_MS_CREATE_CLASS,
        [PXB_MS_CREATE_POLICY] = PXB_MS_DELETE_POLICY,
        [PXB_MS_DELETE_POLICY] = PXB_MS_CREATE_POLICY,
        [PXB_MS_SET_POLICY] = PXB_MS_SET_POLICY,
        [PXB_MS_SET_VALUE] = PXB_MS_SET_VALUE,
        [PXB_MS_REMOVE_VALUE] = PXB_MS_SET_VALUE,
    };

    *out = *c;
    out->op = OPPOSITE[c->op];
    switch (c->op) {
    case PXB_MS_SET_POLICY:
        out->policy = c->old;
        out->old = c->policy;
        break;
    case PXB_MS_SET_VALUE:
        if (!c->had_old)
            out->op = PXB_MS_REMOVE_VALUE;
        snprintf(out->value, sizeof out->value, "%s", c->old_value);
        snprintf(out->old_value, sizeof out->old_value, "%s", c->value);
        out->had_old = 1;
        break;
    case PXB_MS_REMOVE_VALUE:
        snprintf(out->value, sizeof out->value, "%s", c->old_value);
        out->old_value[0] = '\0';
        out->had_old = 0;
        break;
    default:
        break;
    }
}

static int is_text(const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (b[i] < 0x20 || b[i] > 0x7e)
            return 0;
    return 1;
}

static void put_hex(const uint8_t *b, size_t n, pxb_text *out)
{
    for (size_t i = 0; i < n; i++)
        pxb_text_printf(out, "%s%02x", i ? ":" : "", b[i]);
}

/* Class data or a condition value: as text when printable, else as hex bytes. */
static void put_bytes(const uint8_t *b, size_t n, pxb_text *out)
{
    if (is_text(b, n))
        pxb_text_printf(out, "%.*s", (int)n, (const char *)b);
    else
        put_hex(b, n, out);
}

static void describe_cond(const pxb_ms_cond *k, pxb_text *out)
{
    static const char *const OPS[] = {"EQ", "NE", "EQ", "NE", "EQ", "NE"};
    int begins = k->op == PXB_MS_BEGINS || k->op == PXB_MS_NOT_BEGINS;
    int ends = k->op == PXB_MS_ENDS || k->op == PXB_MS_NOT_ENDS;

    if (k->type == PXB_MS_ATTR_HWADDR)
        pxb_text_put(out, "MAC");
    else if (k->type == PXB_MS_ATTR_OPTION && k->option == 77 && k->vendor[0] == '\0')
        pxb_text_put(out, "user class");
    else if (k->type == PXB_MS_ATTR_OPTION && k->option == 60 && k->vendor[0] == '\0')
        pxb_text_put(out, "vendor class");
    else if (k->type == PXB_MS_ATTR_OPTION || k->type == PXB_MS_ATTR_SUBOPTION)
        pxb_text_printf(out, "option %u.%u", k->option, k->suboption);
    else
        pxb_text_put(out, "FQDN");
    pxb_text_printf(out, " %s %s", OPS[k->op], ends ? "*" : "");
    if (k->type == PXB_MS_ATTR_HWADDR)
        put_hex(k->value, k->value_len, out); /* a MAC is hex even when its bytes print */
    else
        put_bytes(k->value, k->value_len, out);
    if (begins)
        pxb_text_put(out, "*");
}

/* The number of conditions and sub-expressions directly under expression e. */
static size_t count_parts(const pxb_ms_policy *p, unsigned e)
{
    size_t n = 0;

    for (size_t i = 0; i < p->cond_count; i++)
        n += p->conds[i].parent == e;
    for (size_t x = 1; x < p->expr_count; x++)
        n += p->exprs[x].parent == e;
    return n;
}

/* Writes expression e: its conditions and sub-expressions joined by its operator, a
 * sub-expression in parentheses when it joins more than one part. */
static void describe_expr(const pxb_ms_policy *p, unsigned e, unsigned depth, pxb_text *out)
{
    const char *join = p->exprs[e].op == PXB_MS_AND ? " AND " : " OR ";
    size_t parts = 0;

    for (size_t i = 0; i < p->cond_count; i++) {
        if (p->conds[i].parent != e)
            continue;
        pxb_text_put(out, parts++ ? join : "");
        describe_cond(&p->conds[i], out);
    }
    for (size_t x = 1; x < p->expr_count && depth < PXB_MS_EXPRS_MAX; x++) {
        int wrap = count_parts(p, (unsigned)x) > 1;
        if (p->exprs[x].parent != e)
            continue;
        pxb_text_put(out, parts++ ? join : "");
        pxb_text_put(out, wrap ? "(" : "");
        describe_expr(p, (unsigned)x, depth + 1, out);
        pxb_text_put(out, wrap ? ")" : "");
    }
}

void pxb_ms_describe_conditions(const pxb_ms_policy *p, pxb_text *out)
{
    if (p->expr_count == 0) {
        pxb_text_put(out, "(no conditions)");
        return;
    }
    describe_expr(p, 0, 0, out);
}

static void describe_options(const pxb_ms_options *o, pxb_text *out)
{
    size_t n = 0;

    for (int i = 0; i < PXB_MS_OPT_COUNT; i++)
        if (o->has[i])
            pxb_text_printf(out, "%s%03u %s", n++ ? ", " : "", pxb_ms_opt_id((enum pxb_ms_opt)i),
                            o->value[i]);
}

static void describe_class(const char *sign, const pxb_ms_class *c, pxb_text *out)
{
    pxb_text_printf(out, "%s class '%s' (%s, data '", sign, c->name,
                    c->is_vendor ? "vendor" : "user");
    put_bytes(c->data, c->data_len, out);
    pxb_text_put(out, "')");
}

static void describe_policy(const char *sign, const pxb_ms_policy *p, pxb_text *out)
{
    char level[32];

    pxb_ms_level_name(&p->level, level);
    pxb_text_printf(out, "%s policy '%s' (order %u) on %s: ", sign, p->name, p->order, level);
    pxb_ms_describe_conditions(p, out);
    pxb_text_put(out, " -> ");
    describe_options(&p->options, out);
}

static void describe_set_policy(const pxb_ms_change *c, pxb_text *out)
{
    char level[32];
    const char *sep = " ";

    pxb_ms_level_name(&c->policy.level, level);
    pxb_text_printf(out, "~ policy '%s' on %s:", c->policy.name, level);
    if (c->fields & PXB_MS_FIELD_ORDER) {
        pxb_text_printf(out, "%sorder %u -> %u", sep, c->old.order, c->policy.order);
        sep = "; ";
    }
    if (c->fields & PXB_MS_FIELD_EXPR) {
        pxb_text_printf(out, "%sconditions ", sep);
        pxb_ms_describe_conditions(&c->old, out);
        pxb_text_put(out, " -> ");
        pxb_ms_describe_conditions(&c->policy, out);
        sep = "; ";
    }
    if (c->fields & PXB_MS_FIELD_DESCR) {
        pxb_text_printf(out, "%sdescription '%s'", sep, c->old.description);
        pxb_text_printf(out, " -> '%s'", c->policy.description);
        sep = "; ";
    }
    if (c->fields & PXB_MS_FIELD_ENABLED)
        pxb_text_printf(out, "%s%s", sep, c->policy.enabled ? "enabled again" : "disabled");
}

/* "on policy 'X' (server)", "for user class 'iPXE' on scope 10.0.0.0", "on server". */
static void describe_target(const pxb_ms_change *c, pxb_text *out)
{
    char level[32];

    pxb_ms_level_name(&c->level, level);
    if (c->policy_name[0] != '\0')
        pxb_text_printf(out, " on policy '%s' (%s)", c->policy_name, level);
    else if (c->class_name[0] != '\0')
        pxb_text_printf(out, " for user class '%s' on %s", c->class_name, level);
    else
        pxb_text_printf(out, " on %s, for every client", level);
}

static void describe_value(const pxb_ms_change *c, pxb_text *out)
{
    unsigned id = pxb_ms_opt_id(c->opt);

    if (c->op == PXB_MS_REMOVE_VALUE)
        pxb_text_printf(out, "- option %03u ('%s')", id, c->old_value);
    else if (c->had_old)
        pxb_text_printf(out, "~ option %03u '%s' -> '%s'", id, c->old_value, c->value);
    else
        pxb_text_printf(out, "+ option %03u = '%s'", id, c->value);
    describe_target(c, out);
}

void pxb_ms_change_describe(const pxb_ms_change *c, pxb_text *out)
{
    switch (c->op) {
    case PXB_MS_CREATE_OPTDEF:
        pxb_text_put(out, "+ option definition 060 (string, IPv4) for UEFI HTTP boot and "
                          "ProxyDhcp=4011");
        break;
    case PXB_MS_DELETE_OPTDEF:
        pxb_text_put(out, "- option definition 060 (created by pxebridge)");
        break;
    case PXB_MS_CREATE_CLASS:
        describe_class("+", &c->cls, out);
        break;
    case PXB_MS_DELETE_CLASS:
        describe_class("-", &c->cls, out);
        break;
    case PXB_MS_CREATE_POLICY:
        describe_policy("+", &c->policy, out);
        break;
    case PXB_MS_DELETE_POLICY:
        describe_policy("-", &c->policy, out);
        break;
    case PXB_MS_SET_POLICY:
        describe_set_policy(c, out);
        break;
    case PXB_MS_SET_VALUE:
    case PXB_MS_REMOVE_VALUE:
        describe_value(c, out);
        break;
    }
}

const char *pxb_ms_change_verb(const pxb_ms_change *c)
{
    static const char *const VERBS[] = {
        [PXB_MS_CREATE_OPTDEF] = "create-option-definition",
        [PXB_MS_DELETE_OPTDEF] = "delete-option-definition",
        [PXB_MS_CREATE_CLASS] = "create-class",
        [PXB_MS_DELETE_CLASS] = "delete-class",
        [PXB_MS_CREATE_POLICY] = "create-policy",
        [PXB_MS_DELETE_POLICY] = "delete-policy",
        [PXB_MS_SET_POLICY] = "set-policy",
        [PXB_MS_SET_VALUE] = "set-value",
        [PXB_MS_REMOVE_VALUE] = "remove-value",
    };

    return VERBS[c->op];
}
