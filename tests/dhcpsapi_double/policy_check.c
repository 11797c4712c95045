/* policy_check.c: the parameter, level, range and class-reference checks R_DhcpV4CreatePolicy
 * (MS-DHCPM 3.2.4.109) and R_DhcpV4SetPolicy (3.2.4.111) make; the condition tree's rules
 * are in policy_tree.c. */
#include "policy.h"

#include <wchar.h>

DWORD policy_check_name(const WCHAR *name)
{
    /* 2.2.1.2.110: "restricted to 64 characters"; no code given: ERROR_INVALID_PARAMETER. */
    size_t len = name ? wcslen(name) : 0;
    return len == 0 || len > PXB_DHCP_POLICY_NAME_MAX ? PXB_ERROR_INVALID_PARAMETER
                                                       : ERROR_SUCCESS;
}

DWORD policy_check_description(const WCHAR *description)
{
    /* 2.2.1.2.110: "restricted to 255 characters"; no code given: ERROR_INVALID_PARAMETER. */
    return description && wcslen(description) > PXB_DHCP_POLICY_DESCRIPTION_MAX
               ? PXB_ERROR_INVALID_PARAMETER
               : ERROR_SUCCESS;
}

DWORD policy_check_level(BOOL global, DHCP_IP_ADDRESS subnet)
{
    /* 3.2.4.108, 3.2.4.110-113 first rules: server level with a subnet, or a scope call
     * without one. */
    return (global && subnet != 0) || (!global && subnet == 0) ? PXB_ERROR_INVALID_PARAMETER
                                                                : ERROR_SUCCESS;
}

static int ranges_overlap(const dbl_range *a, const dbl_range *b)
{
    return a->start <= b->end && b->start <= a->end;
}

DWORD policy_check_own_ranges(const dbl_policy *policy)
{
    /* 3.2.4.109 / 3.2.4.111: a server level policy has no ranges. */
    if (policy->subnet == 0)
        return policy->range_count ? PXB_ERROR_DHCP_RANGE_INVALID_IN_SERVER_POLICY
                                   : ERROR_SUCCESS;
    for (size_t i = 0; i < policy->range_count; i++) {
        const dbl_range *range = &policy->ranges[i];
        /* StartAddress above EndAddress, or two of the policy's ranges overlapping. */
        if (range->start > range->end)
            return PXB_ERROR_DHCP_POLICY_RANGE_BAD;
        for (size_t j = 0; j < i; j++) {
            if (ranges_overlap(range, &policy->ranges[j]))
                return PXB_ERROR_DHCP_POLICY_RANGE_BAD;
        }
    }
    return ERROR_SUCCESS;
}

/* 1 if range overlaps one of policy's ranges. */
static int overlaps_policy(const dbl_range *range, const dbl_policy *policy)
{
    for (size_t j = 0; j < policy->range_count; j++) {
        if (ranges_overlap(range, &policy->ranges[j]))
            return 1;
    }
    return 0;
}

DWORD policy_check_scope_ranges(dbl_server *server, const dbl_policy *policy)
{
    const dbl_subnet *subnet = model_find_subnet(server, policy->subnet);
    for (size_t i = 0; subnet && i < policy->range_count; i++) {
        const dbl_range *range = &policy->ranges[i];
        /* 3.2.4.109: within the scope's IP range (the double's scope range is the whole
         * subnet), else RANGE_BAD. */
        if ((range->start & subnet->mask) != subnet->addr ||
            (range->end & subnet->mask) != subnet->addr)
            return PXB_ERROR_DHCP_POLICY_RANGE_BAD;
        /* 3.2.4.109: overlapping an existing policy's ranges; 3.2.4.111 compares with the
         * changed policy's own current ranges, and (strictest reading) with the others'
         * too: so every policy of the scope, the changed one included. */
        for (size_t p = 0; p < server->policy_count; p++) {
            const dbl_policy *other = &server->policies[p];
            if (other->subnet == policy->subnet && overlaps_policy(range, other))
                return PXB_ERROR_DHCP_POLICY_RANGE_EXISTS;
        }
    }
    return ERROR_SUCCESS;
}

int policy_has_fqdn(const dbl_policy *policy)
{
    for (size_t i = 0; i < policy->cond_count; i++) {
        if (policy->conds[i].type == DhcpAttrFqdn ||
            policy->conds[i].type == DhcpAttrFqdnSingleLabel)
            return 1;
    }
    return 0;
}

/* 1 if the condition names a class by its data: option 60 (vendor class) or 77 (user
 * class), compared with Equal / BeginsWith / EndsWith or their negations. */
static int names_class(const dbl_cond *cond)
{
    return cond->type == DhcpAttrOption && (cond->option == 60 || cond->option == 77);
}

DWORD policy_check_class_refs(dbl_server *server, const dbl_policy *policy)
{
    /* 3.2.4.109 and 3.2.4.111, return-value tables: CLASS_NOT_FOUND when "the vendor class
     * or user class reference in the conditions of the policy does not exist". The MUST
     * lists spell out only the VendorName check; strictest reading, a vendor- or user-class
     * condition's Value must be the data of an existing class of that kind (what the
     * PowerShell cmdlets send: a class's data, with BeginsWith for a trailing '*'). */
    for (size_t i = 0; i < policy->cond_count; i++) {
        const dbl_cond *cond = &policy->conds[i];
        int vendor = cond->option == 60;
        if (names_class(cond) && !model_find_class_data(server, vendor, &cond->value))
            return PXB_ERROR_DHCP_CLASS_NOT_FOUND;
    }
    return policy_check_vendor_names(server, policy);
}

DWORD policy_check_vendor_names(dbl_server *server, const dbl_policy *policy)
{
    /* 3.2.4.109: "check whether the VendorName member of the condition exists in the
     * DHCPv4ClassDefList". An empty VendorName is the default vendor class. */
    for (size_t i = 0; i < policy->cond_count; i++) {
        const char *vendor = policy->conds[i].vendor;
        if (*vendor && !model_find_class(server, vendor))
            return PXB_ERROR_DHCP_CLASS_NOT_FOUND;
    }
    return ERROR_SUCCESS;
}
