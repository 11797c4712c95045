/* policy_conv.c: DHCP_POLICY (the API's form) to the model and back. */
#include "policy.h"

#include <stdlib.h>
#include <string.h>

DWORD policy_in_tree(const DHCP_POLICY *in, dbl_policy *out)
{
    const DHCP_POL_COND_ARRAY *conds = in->Conditions;
    const DHCP_POL_EXPR_ARRAY *exprs = in->Expressions;
    if ((conds && conds->NumElements && !conds->Elements) ||
        (exprs && exprs->NumElements && !exprs->Elements))
        return PXB_ERROR_INVALID_PARAMETER;
    for (DWORD i = 0; exprs && i < exprs->NumElements; i++) {
        dbl_expr *expr = model_grow((void **)&out->exprs, &out->expr_count, sizeof *expr);
        if (!expr)
            return ERROR_NOT_ENOUGH_MEMORY;
        expr->parent = exprs->Elements[i].ParentExpr;
        expr->op = exprs->Elements[i].Operator;
    }
    for (DWORD i = 0; conds && i < conds->NumElements; i++) {
        const DHCP_POL_COND *from = &conds->Elements[i];
        dbl_cond *cond = model_grow((void **)&out->conds, &out->cond_count, sizeof *cond);
        if (!cond)
            return ERROR_NOT_ENOUGH_MEMORY;
        cond->parent = from->ParentExpr;
        cond->type = from->Type;
        cond->option = from->OptionID;
        cond->suboption = from->SubOptionID;
        cond->op = from->Operator;
        cond->vendor = rpc_utf8(from->VendorName);
        if (!cond->vendor || (from->ValueLength && !from->Value))
            return PXB_ERROR_INVALID_PARAMETER;
        if (model_bytes_set(&cond->value, from->Value, from->ValueLength))
            return ERROR_NOT_ENOUGH_MEMORY;
    }
    return ERROR_SUCCESS;
}

DWORD policy_in_ranges(const DHCP_POLICY *in, dbl_policy *out)
{
    const DHCP_IP_RANGE_ARRAY *ranges = in->Ranges;
    if (ranges && ranges->NumElements && !ranges->Elements)
        return PXB_ERROR_INVALID_PARAMETER;
    for (DWORD i = 0; ranges && i < ranges->NumElements; i++) {
        dbl_range *range = model_grow((void **)&out->ranges, &out->range_count, sizeof *range);
        if (!range)
            return ERROR_NOT_ENOUGH_MEMORY;
        range->start = ranges->Elements[i].StartAddress;
        range->end = ranges->Elements[i].EndAddress;
    }
    return ERROR_SUCCESS;
}

static LPDHCP_POL_COND_ARRAY conds_out(rpc_batch *batch, const dbl_policy *in)
{
    LPDHCP_POL_COND_ARRAY array = rpc_alloc(batch, sizeof *array);
    LPDHCP_POL_COND conds = rpc_alloc(batch, in->cond_count * sizeof *conds);
    if (!array || !conds)
        return array;
    array->NumElements = (DWORD)in->cond_count;
    array->Elements = conds;
    for (size_t i = 0; i < in->cond_count; i++) {
        const dbl_cond *cond = &in->conds[i];
        conds[i].ParentExpr = cond->parent;
        conds[i].Type = (DHCP_POL_ATTR_TYPE)cond->type;
        conds[i].OptionID = cond->option;
        conds[i].SubOptionID = cond->suboption;
        conds[i].VendorName = *cond->vendor ? rpc_wstr(batch, cond->vendor) : NULL;
        conds[i].Operator = (DHCP_POL_COMPARATOR)cond->op;
        conds[i].Value = rpc_bytes(batch, &cond->value);
        conds[i].ValueLength = (DWORD)cond->value.len;
    }
    return array;
}

static LPDHCP_POL_EXPR_ARRAY exprs_out(rpc_batch *batch, const dbl_policy *in)
{
    LPDHCP_POL_EXPR_ARRAY array = rpc_alloc(batch, sizeof *array);
    LPDHCP_POL_EXPR exprs = rpc_alloc(batch, in->expr_count * sizeof *exprs);
    if (!array || !exprs)
        return array;
    array->NumElements = (DWORD)in->expr_count;
    array->Elements = exprs;
    for (size_t i = 0; i < in->expr_count; i++) {
        exprs[i].ParentExpr = in->exprs[i].parent;
        exprs[i].Operator = (DHCP_POL_LOGIC_OPER)in->exprs[i].op;
    }
    return array;
}

static LPDHCP_IP_RANGE_ARRAY ranges_out(rpc_batch *batch, const dbl_policy *in)
{
    LPDHCP_IP_RANGE_ARRAY array = rpc_alloc(batch, sizeof *array);
    if (!array || in->range_count == 0)
        return array;
    array->Elements = rpc_alloc(batch, in->range_count * sizeof *array->Elements);
    if (!array->Elements)
        return array;
    array->NumElements = (DWORD)in->range_count;
    for (size_t i = 0; i < in->range_count; i++) {
        array->Elements[i].StartAddress = in->ranges[i].start;
        array->Elements[i].EndAddress = in->ranges[i].end;
    }
    return array;
}

void policy_out(rpc_batch *batch, const dbl_policy *in, DHCP_POLICY *out)
{
    out->PolicyName = rpc_wstr(batch, in->name);
    out->IsGlobalPolicy = in->subnet == 0;
    out->Subnet = in->subnet;
    out->ProcessingOrder = in->order;
    out->Conditions = conds_out(batch, in);
    out->Expressions = exprs_out(batch, in);
    out->Ranges = ranges_out(batch, in);
    out->Description = rpc_wstr(batch, in->description);
    out->Enabled = in->enabled;
}

void policy_out_ex(rpc_batch *batch, const dbl_policy *in, DHCP_POLICY_EX *out)
{
    DHCP_POLICY base;
    policy_out(batch, in, &base);
    out->PolicyName = base.PolicyName;
    out->IsGlobalPolicy = base.IsGlobalPolicy;
    out->Subnet = base.Subnet;
    out->ProcessingOrder = base.ProcessingOrder;
    out->Conditions = base.Conditions;
    out->Expressions = base.Expressions;
    out->Ranges = base.Ranges;
    out->Description = base.Description;
    out->Enabled = base.Enabled;
    /* The double keeps no DNS suffix: an empty property list (3.2.4.130). */
    out->Properties = rpc_alloc(batch, sizeof *out->Properties);
}
