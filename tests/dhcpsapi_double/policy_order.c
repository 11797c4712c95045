/* policy_order.c: processing orders: each level (the server, each scope) numbers its
 * policies 1..n; inserting at k moves k..n down by one, deleting moves later ones up,
 * and DhcpV4SetPolicy with DhcpUpdatePolicyOrder moves one policy. */
#include "policy.h"

#include <stdlib.h>

uint32_t policy_max_order(const dbl_server *server, uint32_t subnet)
{
    uint32_t max = 0;
    for (size_t i = 0; i < server->policy_count; i++) {
        const dbl_policy *policy = &server->policies[i];
        if (policy->subnet == subnet && policy->order > max)
            max = policy->order;
    }
    return max;
}

/* Adds delta to the order of every policy of the level whose order is in [from, to]. */
static void shift_orders(dbl_server *server, uint32_t subnet, uint32_t from, uint32_t to,
                         int delta)
{
    for (size_t i = 0; i < server->policy_count; i++) {
        dbl_policy *policy = &server->policies[i];
        if (policy->subnet == subnet && policy->order >= from && policy->order <= to)
            policy->order = (uint32_t)((int)policy->order + delta);
    }
}

DWORD policy_insert(dbl_server *server, dbl_policy *policy)
{
    uint32_t max = policy_max_order(server, policy->subnet);
    if (policy->order == 0 || policy->order > max + 1)
        return PXB_ERROR_DHCP_INVALID_PROCESSING_ORDER;
    dbl_policy *slot = model_grow((void **)&server->policies, &server->policy_count,
                                  sizeof *slot);
    if (!slot)
        return ERROR_NOT_ENOUGH_MEMORY;
    shift_orders(server, policy->subnet, policy->order, max, +1);
    *slot = *policy;
    return ERROR_SUCCESS;
}

DWORD policy_move(dbl_server *server, dbl_policy *policy, uint32_t order)
{
    uint32_t old = policy->order;
    if (order == 0 || order > policy_max_order(server, policy->subnet))
        return PXB_ERROR_DHCP_INVALID_PROCESSING_ORDER;
    policy->order = 0;
    if (order < old)
        shift_orders(server, policy->subnet, order, old - 1, +1);
    else
        shift_orders(server, policy->subnet, old + 1, order, -1);
    policy->order = order;
    return ERROR_SUCCESS;
}

void policy_remove(dbl_server *server, dbl_policy *policy)
{
    uint32_t subnet = policy->subnet;
    uint32_t order = policy->order;
    for (size_t i = server->value_count; i-- > 0;) {
        dbl_value *value = &server->values[i];
        if (value->subnet == subnet && model_name_eq(value->policy, policy->name)) {
            model_value_free(value);
            model_cut(server->values, &server->value_count, sizeof *value, i);
        }
    }
    model_policy_free(policy);
    model_cut(server->policies, &server->policy_count, sizeof *policy,
              (size_t)(policy - server->policies));
    shift_orders(server, subnet, order + 1, UINT32_MAX, -1);
}
