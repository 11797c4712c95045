/* policy_check.c: the validation R_DhcpV4CreatePolicy and R_DhcpV4SetPolicy make: name
 * length, the expression tree's well-formedness (Expressions[0] is the root, every other
 * expression's parent comes before it, every condition's parent exists, no expression is
 * empty), known classes in option 60 / 77 conditions, and IP ranges. */
#include "policy.h"

#include <wchar.h>

#include "names.h"

#define USER_CLASS_OPTION 77
#define VENDOR_CLASS_OPTION 60

DWORD policy_check_name(const WCHAR *name)
{
    size_t len = name ? wcslen(name) : 0;
    return len == 0 || len > PXB_DHCP_POLICY_NAME_MAX ? PXB_ERROR_INVALID_PARAMETER
                                                       : ERROR_SUCCESS;
}

static int has_child(const dbl_policy *policy, uint32_t expr)
{
    for (size_t i = 0; i < policy->cond_count; i++) {
        if (policy->conds[i].parent == expr)
            return 1;
    }
    for (size_t i = 1; i < policy->expr_count; i++) {
        if (policy->exprs[i].parent == expr)
            return 1;
    }
    return 0;
}

DWORD policy_check_tree(const dbl_policy *policy)
{
    if (policy->expr_count == 0 || policy->exprs[0].parent != 0)
        return policy->expr_count ? PXB_ERROR_DHCP_POLICY_BAD_PARENT_EXPR
                                  : PXB_ERROR_DHCP_INVALID_POLICY_EXPRESSION;
    for (size_t i = 1; i < policy->expr_count; i++) {
        if (policy->exprs[i].parent >= i)
            return PXB_ERROR_DHCP_POLICY_BAD_PARENT_EXPR;
    }
    for (size_t i = 0; i < policy->cond_count; i++) {
        if (policy->conds[i].parent >= policy->expr_count)
            return PXB_ERROR_DHCP_POLICY_BAD_PARENT_EXPR;
    }
    for (size_t i = 0; i < policy->expr_count; i++) {
        if (!names_of(NAMES_LOGIC, policy->exprs[i].op) || !has_child(policy, (uint32_t)i))
            return PXB_ERROR_DHCP_INVALID_POLICY_EXPRESSION;
    }
    for (size_t i = 0; i < policy->cond_count; i++) {
        const dbl_cond *cond = &policy->conds[i];
        if (!names_of(NAMES_ATTR, cond->type) || !names_of(NAMES_COMP, cond->op) ||
            cond->value.len == 0)
            return PXB_ERROR_DHCP_INVALID_POLICY_EXPRESSION;
    }
    return ERROR_SUCCESS;
}

DWORD policy_check_classes(dbl_server *server, const dbl_policy *policy)
{
    for (size_t i = 0; i < policy->cond_count; i++) {
        const dbl_cond *cond = &policy->conds[i];
        if (cond->type != DhcpAttrOption ||
            (cond->option != USER_CLASS_OPTION && cond->option != VENDOR_CLASS_OPTION))
            continue;
        if (!model_find_class_data(server, cond->option == VENDOR_CLASS_OPTION, &cond->value))
            return PXB_ERROR_DHCP_CLASS_NOT_FOUND;
    }
    return ERROR_SUCCESS;
}

static int ranges_overlap(const dbl_range *a, const dbl_range *b)
{
    return a->start <= b->end && b->start <= a->end;
}

DWORD policy_check_ranges(dbl_server *server, const dbl_policy *policy,
                          const dbl_policy *self)
{
    if (policy->range_count == 0)
        return ERROR_SUCCESS;
    if (policy->subnet == 0)
        return PXB_ERROR_DHCP_RANGE_INVALID_IN_SERVER_POLICY;
    const dbl_subnet *subnet = model_find_subnet(server, policy->subnet);
    for (size_t i = 0; i < policy->range_count; i++) {
        const dbl_range *range = &policy->ranges[i];
        if (range->start > range->end || (range->start & subnet->mask) != subnet->addr ||
            (range->end & subnet->mask) != subnet->addr)
            return PXB_ERROR_DHCP_POLICY_RANGE_BAD;
        for (size_t j = 0; j < i; j++) {
            if (ranges_overlap(range, &policy->ranges[j]))
                return PXB_ERROR_DHCP_POLICY_RANGE_BAD;
        }
        for (size_t p = 0; p < server->policy_count; p++) {
            const dbl_policy *other = &server->policies[p];
            if (other == self || other->subnet != policy->subnet)
                continue;
            for (size_t j = 0; j < other->range_count; j++) {
                if (ranges_overlap(range, &other->ranges[j]))
                    return PXB_ERROR_DHCP_POLICY_RANGE_EXISTS;
            }
        }
    }
    return ERROR_SUCCESS;
}

int policy_is_class_policy(const dbl_policy *policy, const dbl_class *cls)
{
    const dbl_cond *cond = policy->conds;
    return policy->cond_count == 1 && policy->expr_count == 1 && policy->range_count == 0 &&
           cond->type == DhcpAttrOption && cond->option == USER_CLASS_OPTION &&
           cond->op == DhcpCompEqual && !cls->vendor && model_bytes_eq(&cond->value, &cls->data);
}
