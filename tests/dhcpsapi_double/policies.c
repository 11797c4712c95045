/* policies.c: the DhcpV4* calls on one policy: R_DhcpV4CreatePolicy (MS-DHCPM 3.2.4.109),
 * GetPolicy (3.2.4.110), DeletePolicy (3.2.4.112) and SetPolicyEnforcement (3.2.4.108), each
 * checking in the order its section lists. A policy lives at the server level (subnet 0) or
 * in one scope. SetPolicy is policy_set.c, the enumerations policy_enum.c. */
#include <stdlib.h>
#include <string.h>

#include "exports.h"
#include "policy.h"
#include "policy_level.h"
#include "session.h"

/* 3.2.4.109's first three rules and 2.2.1.2.110's limits: ERROR_INVALID_PARAMETER. */
static DWORD check_create_args(const DHCP_POLICY *in)
{
    if (!in || !in->PolicyName || !in->Conditions || !in->Expressions || !in->Ranges ||
        in->Conditions->NumElements == 0 || in->Expressions->NumElements == 0 ||
        !in->Conditions->Elements || !in->Expressions->Elements)
        return PXB_ERROR_INVALID_PARAMETER;
    if (in->Ranges->NumElements && !in->Ranges->Elements)
        return PXB_ERROR_INVALID_PARAMETER;
    DWORD rc = policy_check_name(in->PolicyName);
    return rc ? rc : policy_check_description(in->Description);
}

/* 3.2.4.109's range rules that need no scope, in its order. */
static DWORD check_create_ranges(const dbl_server *server, const DHCP_POLICY *in,
                                 const dbl_policy *out)
{
    if (in->IsGlobalPolicy && out->range_count)
        return PXB_ERROR_DHCP_RANGE_INVALID_IN_SERVER_POLICY;
    DWORD rc = policy_check_level(in->IsGlobalPolicy, in->Subnet);
    if (!rc)
        rc = policy_check_own_ranges(out);
    /* <79>: 2012 makes no FQDN check. */
    if (!rc && out->range_count && policy_has_fqdn(out) &&
        model_version(server) >= DBL_VERSION_2012_R2)
        rc = PXB_ERROR_DHCP_POLICY_FQDN_RANGE_UNSUPPORTED;
    return rc;
}

/* Builds the model of a new policy and checks it, in 3.2.4.109's order. */
static DWORD build_policy(dbl_server *server, const DHCP_POLICY *in, dbl_policy *out)
{
    out->subnet = in->IsGlobalPolicy ? 0 : in->Subnet;
    out->order = in->ProcessingOrder;
    out->enabled = in->Enabled != 0;
    out->name = rpc_utf8(in->PolicyName);
    out->description = rpc_utf8(in->Description);
    if (!out->name || !out->description)
        return PXB_ERROR_INVALID_PARAMETER;
    DWORD rc = policy_in_tree(in, out);
    if (!rc)
        rc = policy_in_ranges(in, out);
    if (!rc)
        rc = policy_check_tree(server, out);
    if (!rc)
        rc = check_create_ranges(server, in, out);
    if (!rc && out->subnet && !model_find_subnet(server, out->subnet))
        rc = PXB_ERROR_DHCP_SUBNET_NOT_PRESENT;
    if (!rc && model_find_policy(server, out->subnet, out->name))
        rc = PXB_ERROR_DHCP_POLICY_EXISTS;
    if (!rc)
        rc = policy_check_scope_ranges(server, out);
    if (!rc)
        rc = policy_check_order(server, out->subnet, out->order);
    if (!rc)
        rc = policy_check_class_refs(server, out);
    return rc ? rc : policy_assign_class(server, out);
}

DWORD WINAPI DhcpV4CreatePolicy(LPWSTR server_name, LPDHCP_POLICY policy)
{
    session s;
    dbl_policy built = {0};
    DWORD rc = session_open(&s, server_name, CALL_V4_WRITE);
    if (rc == ERROR_SUCCESS)
        rc = check_create_args(policy);
    if (rc == ERROR_SUCCESS)
        rc = session_authorize(&s);
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
    DWORD rc = level_find_policy(server, global, subnet, name, &found);
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
    DWORD rc = session_open(&s, server_name, CALL_V4_READ);
    if (rc == ERROR_SUCCESS)
        rc = policy_check_level(global, subnet);
    if (rc == ERROR_SUCCESS && (!name || !policy))
        rc = PXB_ERROR_INVALID_PARAMETER;
    if (rc == ERROR_SUCCESS) {
        *policy = NULL;
        rc = session_authorize(&s);
    }
    if (rc == ERROR_SUCCESS)
        rc = get_policy(s.server, global, subnet, name, policy);
    return session_close(&s, rc);
}

DWORD WINAPI DhcpV4DeletePolicy(LPWSTR server_name, BOOL global, DHCP_IP_ADDRESS subnet,
                                LPWSTR name)
{
    session s;
    dbl_policy *target;
    DWORD rc = session_open(&s, server_name, CALL_V4_WRITE);
    if (rc == ERROR_SUCCESS)
        rc = policy_check_level(global, subnet);
    if (rc == ERROR_SUCCESS && !name)
        rc = PXB_ERROR_INVALID_PARAMETER;
    if (rc == ERROR_SUCCESS)
        rc = session_authorize(&s);
    if (rc == ERROR_SUCCESS)
        rc = level_find_policy(s.server, global, subnet, name, &target);
    if (rc == ERROR_SUCCESS)
        policy_remove(s.server, target);
    return session_close(&s, rc);
}

DWORD WINAPI DhcpV4SetPolicyEnforcement(LPWSTR server_name, BOOL global,
                                        DHCP_IP_ADDRESS subnet, BOOL enable)
{
    session s;
    uint32_t level;
    DWORD rc = session_open(&s, server_name, CALL_V4_WRITE);
    if (rc == ERROR_SUCCESS)
        rc = policy_check_level(global, subnet);
    if (rc == ERROR_SUCCESS)
        rc = session_authorize(&s);
    if (rc == ERROR_SUCCESS)
        rc = level_resolve(s.server, global, subnet, &level);
    if (rc == ERROR_SUCCESS) {
        if (level == 0)
            s.server->enforce = enable != 0;
        else
            model_find_subnet(s.server, level)->enforce = enable != 0;
    }
    return session_close(&s, rc);
}
