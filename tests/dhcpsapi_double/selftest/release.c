/* release.c: giving back what the double returns, every nested block with
 * DhcpRpcFreeMemory, as a careful caller does (the memory test checks none is left). */
#include "selftest.h"

static void free_policy_parts(DHCP_POLICY *policy)
{
    api.Free(policy->PolicyName);
    api.Free(policy->Description);
    for (DWORD i = 0; policy->Conditions && i < policy->Conditions->NumElements; i++) {
        api.Free(policy->Conditions->Elements[i].VendorName);
        api.Free(policy->Conditions->Elements[i].Value);
    }
    if (policy->Conditions)
        api.Free(policy->Conditions->Elements);
    api.Free(policy->Conditions);
    if (policy->Expressions)
        api.Free(policy->Expressions->Elements);
    api.Free(policy->Expressions);
    if (policy->Ranges)
        api.Free(policy->Ranges->Elements);
    api.Free(policy->Ranges);
}

void free_policy(LPDHCP_POLICY policy)
{
    if (!policy)
        return;
    free_policy_parts(policy);
    api.Free(policy);
}

void free_policy_array(LPDHCP_POLICY_ARRAY array)
{
    if (!array)
        return;
    for (DWORD i = 0; i < array->NumElements; i++)
        free_policy_parts(&array->Elements[i]);
    api.Free(array->Elements);
    api.Free(array);
}

void free_policy_ex_array(LPDHCP_POLICY_EX_ARRAY array)
{
    if (!array)
        return;
    for (DWORD i = 0; i < array->NumElements; i++) {
        DHCP_POLICY_EX *ex = &array->Elements[i];
        DHCP_POLICY base = {ex->PolicyName, ex->IsGlobalPolicy, ex->Subnet,
                            ex->ProcessingOrder, ex->Conditions, ex->Expressions,
                            ex->Ranges, ex->Description, ex->Enabled};
        free_policy_parts(&base);
        if (ex->Properties)
            api.Free(ex->Properties->Elements);
        api.Free(ex->Properties);
    }
    api.Free(array->Elements);
    api.Free(array);
}

void free_class_array(LPDHCP_CLASS_INFO_ARRAY array)
{
    if (!array)
        return;
    for (DWORD i = 0; i < array->NumElements; i++) {
        api.Free(array->Classes[i].ClassName);
        api.Free(array->Classes[i].ClassComment);
        api.Free(array->Classes[i].ClassData);
    }
    api.Free(array->Classes);
    api.Free(array);
}

static void free_option_data(DHCP_OPTION_DATA *data)
{
    for (DWORD i = 0; i < data->NumElements; i++) {
        DHCP_OPTION_DATA_ELEMENT *e = &data->Elements[i];
        if (e->OptionType == DhcpStringDataOption || e->OptionType == DhcpIpv6AddressOption)
            api.Free(e->Element.StringDataOption);
        else if (e->OptionType == DhcpBinaryDataOption ||
                 e->OptionType == DhcpEncapsulatedDataOption)
            api.Free(e->Element.BinaryDataOption.Data);
    }
    api.Free(data->Elements);
}

void free_option_value(LPDHCP_OPTION_VALUE value)
{
    if (!value)
        return;
    free_option_data(&value->Value);
    api.Free(value);
}

void free_option_info(LPDHCP_OPTION info)
{
    if (!info)
        return;
    api.Free(info->OptionName);
    api.Free(info->OptionComment);
    free_option_data(&info->DefaultValue);
    api.Free(info);
}

static void free_relationship_parts(DHCP_FAILOVER_RELATIONSHIP *relationship)
{
    api.Free(relationship->relationshipName);
    api.Free(relationship->primaryServerName);
    api.Free(relationship->secondaryServerName);
    api.Free(relationship->pSharedSecret);
    if (relationship->pScopes)
        api.Free(relationship->pScopes->Elements);
    api.Free(relationship->pScopes);
}

void free_relationship(LPDHCP_FAILOVER_RELATIONSHIP relationship)
{
    if (!relationship)
        return;
    free_relationship_parts(relationship);
    api.Free(relationship);
}

void free_relationship_array(LPDHCP_FAILOVER_RELATIONSHIP_ARRAY array)
{
    if (!array)
        return;
    for (DWORD i = 0; i < array->numElements; i++)
        free_relationship_parts(&array->pRelationships[i]);
    api.Free(array->pRelationships);
    api.Free(array);
}
