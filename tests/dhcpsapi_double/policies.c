/* policies.c: the DhcpV4* policy calls (MS-DHCPM R_DhcpV4CreatePolicy, GetPolicy,
 * SetPolicy, DeletePolicy, EnumPolicies, SetPolicyEnforcement). A policy lives at the
 * server level (fGlobalPolicy, subnet 0) or in one scope. */
#include <stdlib.h>
#include <string.h>

#include "exports.h"
#include "paging.h"
#include "policy.h"
#include "session.h"

/* The level a call addresses: 0 for the server, else a scope that must exist. */
static DWORD resolve_level(dbl_server *server, BOOL global, DHCP_IP_ADDRESS subnet,
                           uint32_t *level)
{
    *level = global ? 0 : subnet;
    if (global)
        return ERROR_SUCCESS;
    if (subnet == 0)
        return PXB_ERROR_INVALID_PARAMETER;
    return model_find_subnet(server, subnet) ? ERROR_SUCCESS : PXB_ERROR_DHCP_SUBNET_NOT_PRESENT;
}

static DWORD find_policy(dbl_server *server, BOOL global, DHCP_IP_ADDRESS subnet,
                         const WCHAR *name, dbl_policy **found)
{
    uint32_t level;
    DWORD rc = resolve_level(server, global, subnet, &level);
    if (rc)
        return rc;
    char *utf8 = rpc_utf8(name);
    if (!utf8)
        return PXB_ERROR_INVALID_PARAMETER;
    *found = model_find_policy(server, level, utf8);
    free(utf8);
    return *found ? ERROR_SUCCESS : PXB_ERROR_DHCP_POLICY_NOT_FOUND;
}

/* Builds the model of a new policy and checks it, in R_DhcpV4CreatePolicy's order. */
static DWORD build_policy(dbl_server *server, const DHCP_POLICY *in, dbl_policy *out)
{
    DWORD rc = resolve_level(server, in->IsGlobalPolicy, in->Subnet, &out->subnet);
    if (rc)
        return rc;
    if (in->IsGlobalPolicy && in->Subnet != 0)
        return PXB_ERROR_INVALID_PARAMETER;
    out->name = rpc_utf8(in->PolicyName);
    out->description = rpc_utf8(in->Description);
    out->order = in->ProcessingOrder;
    out->enabled = in->Enabled != 0;
    if (!out->name || !out->description)
        return PXB_ERROR_INVALID_PARAMETER;
    rc = policy_in_tree(in, out);
    if (!rc)
        rc = policy_in_ranges(in, out);
    if (!rc)
        rc = policy_check_tree(out);
    if (!rc)
        rc = policy_check_ranges(server, out, NULL);
    if (!rc && model_find_policy(server, out->subnet, out->name))
        rc = PXB_ERROR_DHCP_POLICY_EXISTS;
    if (!rc)
        rc = policy_check_classes(server, out);
    return rc;
}

DWORD WINAPI DhcpV4CreatePolicy(LPWSTR server_name, LPDHCP_POLICY policy)
{
    session s;
    dbl_policy built = {0};
    if (!policy || policy_check_name(policy->PolicyName))
        return PXB_ERROR_INVALID_PARAMETER;
    DWORD rc = session_open(&s, server_name, CALL_V4_WRITE);
    if (rc == ERROR_SUCCESS)
        rc = build_policy(s.server, policy, &built);
    if (rc == ERROR_SUCCESS)
        rc = policy_insert(s.server, &built);
    if (rc)
        model_policy_free(&built);
    return session_close(&s, rc);
}

static DWORD get_policy(dbl_server *server, BOOL global, DHCP_IP_ADDRESS subnet,
                        const WCHAR *name, LPDHCP_POLICY *out)
{
    dbl_policy *found;
    rpc_batch batch = {0};
    DWORD rc = find_policy(server, global, subnet, name, &found);
    if (rc)
        return rc;
    LPDHCP_POLICY policy = rpc_alloc(&batch, sizeof *policy);
    if (policy)
        policy_out(&batch, found, policy);
    rc = rpc_finish(&batch);
    if (rc == ERROR_SUCCESS)
        *out = policy;
    return rc;
}

DWORD WINAPI DhcpV4GetPolicy(LPWSTR server_name, BOOL global, DHCP_IP_ADDRESS subnet,
                             LPWSTR name, LPDHCP_POLICY *policy)
{
    session s;
    if (!name || !policy)
        return PXB_ERROR_INVALID_PARAMETER;
    *policy = NULL;
    DWORD rc = session_open(&s, server_name, CALL_V4_READ);
    if (rc == ERROR_SUCCESS)
        rc = get_policy(s.server, global, subnet, name, policy);
    return session_close(&s, rc);
}

#define SETTABLE_FIELDS                                                                        \
    (DhcpUpdatePolicyName | DhcpUpdatePolicyOrder | DhcpUpdatePolicyExpr |                     \
     DhcpUpdatePolicyRanges | DhcpUpdatePolicyDescr | DhcpUpdatePolicyStatus)

/* Renames the policy's option values along with it. */
static void rename_values(dbl_server *server, const dbl_policy *policy, char *new_name)
{
    for (size_t i = 0; i < server->value_count; i++) {
        dbl_value *value = &server->values[i];
        if (value->subnet == policy->subnet && model_name_eq(value->policy, policy->name)) {
            free(value->policy);
            value->policy = model_strdup(new_name);
        }
    }
}

/* Checks every requested change on a scratch copy, then applies them all. */
static DWORD set_policy(dbl_server *server, DWORD fields, dbl_policy *target,
                        const DHCP_POLICY *in)
{
    dbl_policy next = {.subnet = target->subnet};
    char *name = NULL, *description = NULL;
    DWORD rc = ERROR_SUCCESS;
    if (fields & DhcpUpdatePolicyName) {
        name = rpc_utf8(in->PolicyName);
        if (policy_check_name(in->PolicyName) || !name)
            rc = PXB_ERROR_INVALID_PARAMETER;
        else if (!model_name_eq(name, target->name) &&
                 model_find_policy(server, target->subnet, name))
            rc = PXB_ERROR_DHCP_POLICY_EXISTS;
    }
    if (!rc && (fields & DhcpUpdatePolicyOrder) &&
        (in->ProcessingOrder == 0 ||
         in->ProcessingOrder > policy_max_order(server, target->subnet)))
        rc = PXB_ERROR_DHCP_INVALID_PROCESSING_ORDER;
    if (!rc && (fields & DhcpUpdatePolicyExpr)) {
        rc = policy_in_tree(in, &next);
        if (!rc)
            rc = policy_check_tree(&next);
        if (!rc)
            rc = policy_check_classes(server, &next);
    }
    if (!rc && (fields & DhcpUpdatePolicyRanges)) {
        rc = policy_in_ranges(in, &next);
        if (!rc)
            rc = policy_check_ranges(server, &next, target);
    }
    if (!rc && (fields & DhcpUpdatePolicyDescr) && !(description = rpc_utf8(in->Description)))
        rc = PXB_ERROR_INVALID_PARAMETER;
    if (rc) {
        free(name);
        model_policy_free(&next);
        return rc;
    }
    if (fields & DhcpUpdatePolicyExpr) {
        dbl_cond *conds = target->conds;
        dbl_expr *exprs = target->exprs;
        size_t cond_count = target->cond_count;
        target->conds = next.conds;
        target->cond_count = next.cond_count;
        target->exprs = next.exprs;
        target->expr_count = next.expr_count;
        next.conds = conds;
        next.cond_count = cond_count;
        next.exprs = exprs;
    }
    if (fields & DhcpUpdatePolicyRanges) {
        dbl_range *ranges = target->ranges;
        target->ranges = next.ranges;
        target->range_count = next.range_count;
        next.ranges = ranges;
    }
    model_policy_free(&next);
    if (fields & DhcpUpdatePolicyDescr) {
        free(target->description);
        target->description = description;
    }
    if (fields & DhcpUpdatePolicyStatus)
        target->enabled = in->Enabled != 0;
    if (fields & DhcpUpdatePolicyName) {
        rename_values(server, target, name);
        free(target->name);
        target->name = name;
    }
    if (fields & DhcpUpdatePolicyOrder)
        rc = policy_move(server, target, in->ProcessingOrder);
    return rc;
}

DWORD WINAPI DhcpV4SetPolicy(LPWSTR server_name, DWORD fields, BOOL global,
                             DHCP_IP_ADDRESS subnet, LPWSTR name, LPDHCP_POLICY policy)
{
    session s;
    dbl_policy *target;
    if (!name || !policy || fields == 0 || (fields & ~(DWORD)SETTABLE_FIELDS))
        return PXB_ERROR_INVALID_PARAMETER;
    DWORD rc = session_open(&s, server_name, CALL_V4_WRITE);
    if (rc == ERROR_SUCCESS)
        rc = find_policy(s.server, global, subnet, name, &target);
    if (rc == ERROR_SUCCESS)
        rc = set_policy(s.server, fields, target, policy);
    return session_close(&s, rc);
}

DWORD WINAPI DhcpV4DeletePolicy(LPWSTR server_name, BOOL global, DHCP_IP_ADDRESS subnet,
                                LPWSTR name)
{
    session s;
    dbl_policy *target;
    if (!name)
        return PXB_ERROR_INVALID_PARAMETER;
    DWORD rc = session_open(&s, server_name, CALL_V4_WRITE);
    if (rc == ERROR_SUCCESS)
        rc = find_policy(s.server, global, subnet, name, &target);
    if (rc == ERROR_SUCCESS)
        policy_remove(s.server, target);
    return session_close(&s, rc);
}

static DWORD enum_policies(dbl_server *server, LPDWORD resume, DWORD pref_max, uint32_t level,
                           LPDHCP_POLICY_ARRAY *info, DWORD *read, DWORD *total)
{
    rpc_batch batch = {0};
    size_t first = 0, count = 0; /* the level's policies: sorted, so contiguous */
    for (size_t i = 0; i < server->policy_count; i++) {
        if (server->policies[i].subnet != level)
            continue;
        if (count++ == 0)
            first = i;
    }
    page window = paging_window(resume, count, pref_max);
    if (window.count == 0)
        return window.rc;
    LPDHCP_POLICY_ARRAY array = rpc_alloc(&batch, sizeof *array);
    LPDHCP_POLICY policies = rpc_alloc(&batch, window.count * sizeof *policies);
    for (size_t i = 0; policies && i < window.count; i++)
        policy_out(&batch, &server->policies[first + window.first + i], &policies[i]);
    if (array) {
        array->NumElements = (DWORD)window.count;
        array->Elements = policies;
    }
    DWORD rc = paging_finish(&batch, &window, count, read, total);
    if (rc == ERROR_SUCCESS || rc == PXB_ERROR_MORE_DATA)
        *info = array;
    return rc;
}

DWORD WINAPI DhcpV4EnumPolicies(LPWSTR server_name, LPDWORD resume, DWORD pref_max,
                                BOOL global, DHCP_IP_ADDRESS subnet, LPDHCP_POLICY_ARRAY *info,
                                DWORD *read, DWORD *total)
{
    session s;
    uint32_t level;
    if (!resume || !info || !read || !total)
        return PXB_ERROR_INVALID_PARAMETER;
    *info = NULL;
    *read = *total = 0;
    DWORD rc = session_open(&s, server_name, CALL_V4_READ);
    if (rc == ERROR_SUCCESS)
        rc = resolve_level(s.server, global, subnet, &level);
    if (rc == ERROR_SUCCESS)
        rc = enum_policies(s.server, resume, pref_max, level, info, read, total);
    return session_close(&s, rc);
}

DWORD WINAPI DhcpV4SetPolicyEnforcement(LPWSTR server_name, BOOL global,
                                        DHCP_IP_ADDRESS subnet, BOOL enable)
{
    session s;
    uint32_t level;
    DWORD rc = session_open(&s, server_name, CALL_V4_WRITE);
    if (rc == ERROR_SUCCESS)
        rc = resolve_level(s.server, global, subnet, &level);
    if (rc == ERROR_SUCCESS) {
        if (level == 0)
            s.server->enforce = enable != 0;
        else
            model_find_subnet(s.server, level)->enforce = enable != 0;
    }
    return session_close(&s, rc);
}
