/* policy_set.c: R_DhcpV4SetPolicy (MS-DHCPM 3.2.4.111): every requested field checked in the
 * section's order on a scratch copy, then all applied together (a refused call changes
 * nothing). */
#include <stdlib.h>
#include <string.h>

#include "exports.h"
#include "policy.h"
#include "policy_level.h"
#include "session.h"

#define SETTABLE_FIELDS                                                                        \
    (DhcpUpdatePolicyName | DhcpUpdatePolicyOrder | DhcpUpdatePolicyExpr |                     \
     DhcpUpdatePolicyRanges | DhcpUpdatePolicyDescr | DhcpUpdatePolicyStatus)
#define OPTION_LEASE_TIME 51
#define OPTION_CLIENT_FQDN 81

/* One SetPolicy call: the target, the requested fields and the checked new values. */
typedef struct policy_change {
    dbl_server *server;
    dbl_policy *target;
    DWORD fields;
    const DHCP_POLICY *in;
    dbl_policy next; /* the new conditions, expressions and ranges */
    char *name;
    char *description;
} policy_change;

/* 1 if the policy has option values other than DNS settings (81) and lease time (51). */
static int has_non_fqdn_values(const dbl_server *server, const dbl_policy *policy)
{
    for (size_t i = 0; i < server->value_count; i++) {
        const dbl_value *value = &server->values[i];
        if (value->subnet == policy->subnet && model_name_eq(value->policy, policy->name) &&
            value->option != OPTION_CLIENT_FQDN && value->option != OPTION_LEASE_TIME)
            return 1;
    }
    return 0;
}

static DWORD check_ranges(policy_change *c)
{
    if (!c->in->Ranges)
        return PXB_ERROR_INVALID_PARAMETER;
    DWORD rc = policy_in_ranges(c->in, &c->next);
    if (!rc)
        rc = policy_check_own_ranges(&c->next);
    /* <80>: 2012 makes no FQDN check; the conditions are the updated policy's. */
    const dbl_policy *conds = c->fields & DhcpUpdatePolicyExpr ? &c->next : c->target;
    if (!rc && c->next.range_count && policy_has_fqdn(conds) &&
        model_version(c->server) >= DBL_VERSION_2012_R2)
        rc = PXB_ERROR_DHCP_POLICY_EDIT_FQDN_UNSUPPORTED;
    return rc ? rc : policy_check_scope_ranges(c->server, &c->next);
}

static DWORD check_expr(policy_change *c)
{
    const DHCP_POLICY *in = c->in;
    /* Here a missing tree is INVALID_POLICY_EXPRESSION, not INVALID_PARAMETER. */
    if (!in->Expressions || !in->Conditions || in->Expressions->NumElements == 0 ||
        in->Conditions->NumElements == 0)
        return PXB_ERROR_DHCP_INVALID_POLICY_EXPRESSION;
    DWORD rc = policy_in_tree(in, &c->next);
    if (rc)
        return rc;
    /* <81>: 2012 makes no FQDN check. */
    size_t ranges = c->fields & DhcpUpdatePolicyRanges ? c->next.range_count
                                                       : c->target->range_count;
    if (policy_has_fqdn(&c->next) && model_version(c->server) >= DBL_VERSION_2012_R2 &&
        (ranges || has_non_fqdn_values(c->server, c->target)))
        return PXB_ERROR_DHCP_POLICY_EDIT_FQDN_UNSUPPORTED;
    rc = policy_check_tree(c->server, &c->next);
    /* The return-value table's CLASS_NOT_FOUND, as for 3.2.4.109 (policy_check.c). */
    return rc ? rc : policy_check_class_refs(c->server, &c->next);
}

/* The name and description rules are not in 3.2.4.111's list; strictest reading, the
 * limits of 2.2.1.2.110 and the uniqueness of 3.2.4.109 hold for a change too. */
static DWORD check_name(policy_change *c)
{
    if (policy_check_name(c->in->PolicyName) || !(c->name = rpc_utf8(c->in->PolicyName)))
        return PXB_ERROR_INVALID_PARAMETER;
    const dbl_policy *same = model_find_policy(c->server, c->target->subnet, c->name);
    return same && same != c->target ? PXB_ERROR_DHCP_POLICY_EXISTS : ERROR_SUCCESS;
}

static DWORD check_description(policy_change *c)
{
    if (policy_check_description(c->in->Description) ||
        !(c->description = rpc_utf8(c->in->Description)))
        return PXB_ERROR_INVALID_PARAMETER;
    return ERROR_SUCCESS;
}

/* 3.2.4.111's checks in its order; the unknown-field rule, listed last, comes before any
 * change. */
static DWORD check_change(policy_change *c)
{
    DWORD rc = ERROR_SUCCESS;
    if (c->fields & DhcpUpdatePolicyRanges)
        rc = check_ranges(c);
    if (!rc && (c->fields & DhcpUpdatePolicyExpr))
        rc = check_expr(c);
    if (!rc && (c->fields & DhcpUpdatePolicyOrder))
        rc = policy_check_order(c->server, c->target->subnet, c->in->ProcessingOrder);
    if (!rc && (c->fields & DhcpUpdatePolicyName))
        rc = check_name(c);
    if (!rc && (c->fields & DhcpUpdatePolicyDescr))
        rc = check_description(c);
    /* Strictest reading: FieldsModified 0 asks for nothing and is refused too. */
    if (!rc && (c->fields == 0 || (c->fields & ~(DWORD)SETTABLE_FIELDS)))
        rc = PXB_ERROR_INVALID_PARAMETER;
    return rc;
}

/* Swaps the new tree or ranges into the target; the old ones end in c->next. */
static void swap_parts(policy_change *c)
{
    dbl_policy *t = c->target, *n = &c->next;
    if (c->fields & DhcpUpdatePolicyExpr) {
        dbl_policy old = *t;
        t->conds = n->conds;
        t->cond_count = n->cond_count;
        t->exprs = n->exprs;
        t->expr_count = n->expr_count;
        n->conds = old.conds;
        n->cond_count = old.cond_count;
        n->exprs = old.exprs;
        n->expr_count = old.expr_count;
    }
    if (c->fields & DhcpUpdatePolicyRanges) {
        dbl_range *ranges = t->ranges;
        size_t count = t->range_count;
        t->ranges = n->ranges;
        t->range_count = n->range_count;
        n->ranges = ranges;
        n->range_count = count;
    }
}

/* Renames the policy's option values along with it (the double keeps them together). */
static void rename_values(dbl_server *server, const dbl_policy *policy, const char *new_name)
{
    for (size_t i = 0; i < server->value_count; i++) {
        dbl_value *value = &server->values[i];
        if (value->subnet == policy->subnet && model_name_eq(value->policy, policy->name)) {
            char *copy = model_strdup(new_name);
            if (!copy)
                continue;
            free(value->policy);
            value->policy = copy;
        }
    }
}

static DWORD apply_change(policy_change *c)
{
    dbl_policy *t = c->target;
    swap_parts(c);
    if (c->fields & DhcpUpdatePolicyOrder)
        t->order = c->in->ProcessingOrder; /* 3.2.4.111 moves no other policy */
    if (c->fields & DhcpUpdatePolicyDescr) {
        free(t->description);
        t->description = c->description;
        c->description = NULL;
    }
    if (c->fields & DhcpUpdatePolicyStatus)
        t->enabled = c->in->Enabled != 0;
    if (c->fields & DhcpUpdatePolicyName) {
        rename_values(c->server, t, c->name);
        free(t->name);
        t->name = c->name;
        c->name = NULL;
    }
    return c->fields & DhcpUpdatePolicyExpr ? policy_assign_class(c->server, t) : ERROR_SUCCESS;
}

DWORD WINAPI DhcpV4SetPolicy(LPWSTR server_name, DWORD fields, BOOL global,
                             DHCP_IP_ADDRESS subnet, LPWSTR name, LPDHCP_POLICY policy)
{
    session s;
    policy_change change = {.fields = fields, .in = policy};
    DWORD rc = session_open(&s, server_name, CALL_V4_WRITE);
    if (rc == ERROR_SUCCESS)
        rc = policy_check_level(global, subnet);
    if (rc == ERROR_SUCCESS && (!name || !policy))
        rc = PXB_ERROR_INVALID_PARAMETER;
    if (rc == ERROR_SUCCESS)
        rc = session_authorize(&s);
    if (rc == ERROR_SUCCESS)
        rc = level_find_policy(s.server, global, subnet, name, &change.target);
    if (rc == ERROR_SUCCESS) {
        change.server = s.server;
        change.next.subnet = change.target->subnet;
        rc = check_change(&change);
    }
    if (rc == ERROR_SUCCESS)
        rc = apply_change(&change);
    model_policy_free(&change.next);
    free(change.name);
    free(change.description);
    return session_close(&s, rc);
}
