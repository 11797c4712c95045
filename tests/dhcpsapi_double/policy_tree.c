/* policy_tree.c: the rules a policy's conditions and expressions must meet, MS-DHCPM
 * 3.2.4.109 (create) and 3.2.4.111 (set, the same list), with the Windows Server 2012
 * variants of notes <75>-<78> and <82>-<85>. Every broken rule answers
 * ERROR_DHCP_INVALID_POLICY_EXPRESSION (20109). The shape they allow: Expressions[0] is the
 * root (AND or OR); every other expression is an AND whose parent is the root; every
 * expression has a child; the conditions under one expression all test the same attribute
 * (Type, OptionID, SubOptionID, VendorName) with the same polarity. */
#include "policy.h"

#include "names.h"

#define OPTION_VENDOR_CLASS 60
#define OPTION_CLIENT_ID 61
#define OPTION_USER_CLASS 77
#define OPTION_RELAY_AGENT 82
#define SUBOPTION_CIRCUIT_ID 1
#define SUBOPTION_REMOTE_ID 2
#define SUBOPTION_SUBSCRIBER_ID 6
#define MAC_LENGTH 6

static int is_negative(int op)
{
    return op == DhcpCompNotEqual || op == DhcpCompNotBeginWith || op == DhcpCompNotEndWith;
}

static int is_prefix_or_suffix(int op)
{
    return op >= DhcpCompBeginsWith && op <= DhcpCompNotEndWith;
}

/* 2012 knows neither the EndsWith comparators nor the FQDN attributes: they came with 2012
 * R2, which hides them from 2012-era callers (3.2.4.113 note <86>); strictest reading, a
 * 2012 server refuses them. */
static int known_at_version(const dbl_server *server, const dbl_cond *cond)
{
    if (!names_of(NAMES_ATTR, cond->type) || !names_of(NAMES_COMP, cond->op))
        return 0;
    if (model_version(server) >= DBL_VERSION_2012_R2)
        return 1;
    return cond->op <= DhcpCompNotBeginWith && cond->type <= DhcpAttrSubOption;
}

/* 3.2.4.109's list for one condition, ParentExpr and sibling rules aside. */
static int is_valid_attribute(const dbl_server *server, const dbl_cond *cond)
{
    if (!known_at_version(server, cond) || cond->value.len == 0)
        return 0;
    switch (cond->type) {
    case DhcpAttrOption: /* only options 60, 77, 61 and 82, without a sub-option */
        return (cond->option == OPTION_VENDOR_CLASS || cond->option == OPTION_USER_CLASS ||
                cond->option == OPTION_CLIENT_ID || cond->option == OPTION_RELAY_AGENT) &&
               cond->suboption == 0 &&
               /* <75>: on 2012, no BeginsWith / NotBeginWith on the relay agent option */
               !(model_version(server) < DBL_VERSION_2012_R2 &&
                 cond->option == OPTION_RELAY_AGENT && is_prefix_or_suffix(cond->op));
    case DhcpAttrSubOption: /* option 82's circuit ID, remote ID and subscriber ID */
        return cond->option == OPTION_RELAY_AGENT &&
               (cond->suboption == SUBOPTION_CIRCUIT_ID ||
                cond->suboption == SUBOPTION_REMOTE_ID ||
                cond->suboption == SUBOPTION_SUBSCRIBER_ID);
    case DhcpAttrHWAddr: /* "not 0" read as either ID not 0 (strictest) */
        if (cond->option || cond->suboption)
            return 0;
        /* Equal / NotEqual take a whole MAC; the prefix and suffix ones a part (<76>) */
        return is_prefix_or_suffix(cond->op) ? cond->value.len < MAC_LENGTH
                                             : cond->value.len == MAC_LENGTH;
    default: /* FQDN attributes: no option IDs */
        return cond->option == 0 && cond->suboption == 0;
    }
}

/* 3.2.4.109: the conditions sharing a ParentExpr: not the relay agent option, the same
 * OptionID, SubOptionID, Type and VendorName, and one polarity (<77>, <78>: Equal goes with
 * Equal, BeginsWith, EndsWith; NotEqual with NotEqual, NotBeginWith, NotEndWith; strictest
 * reading, BeginsWith and NotBeginWith may not share a parent either). */
static int fits_siblings(const dbl_policy *policy, size_t at)
{
    const dbl_cond *cond = &policy->conds[at];
    for (size_t i = 0; i < policy->cond_count; i++) {
        const dbl_cond *other = &policy->conds[i];
        if (i == at || other->parent != cond->parent)
            continue;
        if (cond->option == OPTION_RELAY_AGENT || other->type != cond->type ||
            other->option != cond->option || other->suboption != cond->suboption ||
            !model_name_eq(other->vendor, cond->vendor) ||
            is_negative(other->op) != is_negative(cond->op))
            return 0;
    }
    return 1;
}

static int has_child(const dbl_policy *policy, uint32_t expr)
{
    for (size_t i = 0; i < policy->cond_count; i++) {
        if (policy->conds[i].parent == expr)
            return 1;
    }
    for (size_t i = 1; i < policy->expr_count; i++) {
        if (i != expr && policy->exprs[i].parent == expr)
            return 1;
    }
    return 0;
}

/* 3.2.4.109's list for each expression. */
static int is_valid_expression(const dbl_policy *policy, size_t at)
{
    const dbl_expr *expr = &policy->exprs[at];
    return (expr->op == DhcpLogicalAnd || expr->op == DhcpLogicalOr) && expr->parent == 0 &&
           (at == 0 || expr->op == DhcpLogicalAnd) && has_child(policy, (uint32_t)at);
}

DWORD policy_check_tree(const dbl_server *server, const dbl_policy *policy)
{
    if (policy->expr_count == 0 || policy->cond_count == 0)
        return PXB_ERROR_DHCP_INVALID_POLICY_EXPRESSION;
    for (size_t i = 0; i < policy->cond_count; i++) {
        /* "ParentExpr greater than NumElements": strictest reading, an index that names no
         * expression (equal to NumElements included). */
        if (policy->conds[i].parent >= policy->expr_count ||
            !is_valid_attribute(server, &policy->conds[i]) || !fits_siblings(policy, i))
            return PXB_ERROR_DHCP_INVALID_POLICY_EXPRESSION;
    }
    for (size_t i = 0; i < policy->expr_count; i++) {
        if (!is_valid_expression(policy, i))
            return PXB_ERROR_DHCP_INVALID_POLICY_EXPRESSION;
    }
    return ERROR_SUCCESS;
}
