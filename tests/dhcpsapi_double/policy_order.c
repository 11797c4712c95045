/* policy_order.c: processing orders as MS-DHCPM states them: a new policy may take any
 * order up to the level's highest + 1 (0 included: Microsoft's CreatePolicy sample sends
 * it), and the policies at that order or later move down by one (3.2.4.109); a changed
 * order (3.2.4.111) and a deleted policy (3.2.4.112) move no other policy, so a level's
 * orders may have gaps and repeats (strictest reading: callers must not assume 1..n). */
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

DWORD policy_check_order(const dbl_server *server, uint32_t subnet, uint32_t order)
{
    /* 3.2.4.109 / 3.2.4.111: "greater than the maximum ProcessingOrder plus 1". */
    return order > policy_max_order(server, subnet) + 1 ? PXB_ERROR_DHCP_INVALID_PROCESSING_ORDER
                                                        : ERROR_SUCCESS;
}

DWORD policy_insert(dbl_server *server, dbl_policy *policy)
{
    dbl_policy *slot = model_grow((void **)&server->policies, &server->policy_count,
                                  sizeof *slot);
    if (!slot)
        return ERROR_NOT_ENOUGH_MEMORY;
    for (size_t i = 0; i + 1 < server->policy_count; i++) {
        dbl_policy *other = &server->policies[i];
        if (other->subnet == policy->subnet && other->order >= policy->order)
            other->order++;
    }
    *slot = *policy;
    return ERROR_SUCCESS;
}

void policy_remove(dbl_server *server, dbl_policy *policy)
{
    for (size_t i = server->value_count; i-- > 0;) {
        dbl_value *value = &server->values[i];
        if (value->subnet == policy->subnet && model_name_eq(value->policy, policy->name)) {
            model_value_free(value);
            model_cut(server->values, &server->value_count, sizeof *value, i);
        }
    }
    model_policy_free(policy);
    model_cut(server->policies, &server->policy_count, sizeof *policy,
              (size_t)(policy - server->policies));
}
