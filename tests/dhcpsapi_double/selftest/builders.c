/* builders.c: the in-structures the self-test passes (policies, classes, option values,
 * scopes) and small look-ups through the API. */
#include <string.h>

#include "selftest.h"

DHCP_POLICY *build(policy_spec *spec, const wchar_t *name, DWORD subnet, DWORD order,
                   DHCP_POL_LOGIC_OPER root, const cond_spec *conds, DWORD count)
{
    DWORD exprs = 1;
    memset(spec, 0, sizeof *spec);
    for (DWORD i = 0; i < count && i < SPEC_CONDS_MAX; i++) {
        DHCP_POL_COND *cond = &spec->conds[i];
        DWORD len = conds[i].len ? conds[i].len : (DWORD)strlen(conds[i].value);
        *cond = (DHCP_POL_COND){conds[i].parent, conds[i].type, conds[i].option, 0, NULL,
                                conds[i].op, (LPBYTE)conds[i].value, len};
        if (conds[i].parent + 1 > exprs && conds[i].parent < SPEC_EXPRS_MAX)
            exprs = conds[i].parent + 1;
    }
    spec->exprs[0] = (DHCP_POL_EXPR){0, root};
    for (DWORD i = 1; i < exprs; i++)
        spec->exprs[i] = (DHCP_POL_EXPR){0, DhcpLogicalAnd};
    spec->cond_array = (DHCP_POL_COND_ARRAY){count, spec->conds};
    spec->expr_array = (DHCP_POL_EXPR_ARRAY){exprs, spec->exprs};
    spec->range_array = (DHCP_IP_RANGE_ARRAY){0, spec->ranges};
    spec->policy = (DHCP_POLICY){(LPWSTR)name,       subnet == 0,       subnet,
                                 order,              &spec->cond_array, &spec->expr_array,
                                 &spec->range_array, L"selftest",       TRUE};
    return &spec->policy;
}

void add_range(policy_spec *spec, DWORD start, DWORD end)
{
    if (spec->range_array.NumElements < SPEC_RANGES_MAX)
        spec->ranges[spec->range_array.NumElements++] = (DHCP_IP_RANGE){start, end};
}

DWORD add_policy(const wchar_t *server, const wchar_t *name, DWORD subnet, DWORD order,
                 DHCP_POL_LOGIC_OPER root, const cond_spec *conds, DWORD count)
{
    policy_spec spec;
    return api.CreatePolicy((LPWSTR)server, build(&spec, name, subnet, order, root, conds, count));
}

DWORD add_class(const wchar_t *server, const wchar_t *name, const char *data, BOOL vendor)
{
    DHCP_CLASS_INFO info = {(LPWSTR)name, L"selftest", (DWORD)strlen(data), vendor, 0,
                            (LPBYTE)data};
    return api.CreateClass((LPWSTR)server, 0, &info);
}

DHCP_OPTION_SCOPE_INFO scope_of(DWORD subnet)
{
    DHCP_OPTION_SCOPE_INFO scope = {.ScopeType = subnet ? DhcpSubnetOptions : DhcpGlobalOptions};
    scope.ScopeInfo.SubnetScopeInfo = subnet;
    return scope;
}

DWORD set_text(DWORD subnet, const wchar_t *policy, DWORD option, const wchar_t *text)
{
    DHCP_OPTION_SCOPE_INFO scope = scope_of(subnet);
    DHCP_OPTION_DATA_ELEMENT elem = {.OptionType = DhcpStringDataOption};
    DHCP_OPTION_DATA data = {1, &elem};
    elem.Element.StringDataOption = (LPWSTR)text;
    return api.SetValue(NULL, 0, option, (LPWSTR)policy, NULL, &scope, &data);
}

DWORD set_text_v5(const wchar_t *server, const wchar_t *cls, DWORD subnet, DWORD option,
                  const wchar_t *text)
{
    DHCP_OPTION_SCOPE_INFO scope = scope_of(subnet);
    DHCP_OPTION_DATA_ELEMENT elem = {.OptionType = DhcpStringDataOption};
    DHCP_OPTION_DATA data = {1, &elem};
    elem.Element.StringDataOption = (LPWSTR)text;
    return api.SetValueV5((LPWSTR)server, 0, option, (LPWSTR)cls, NULL, &scope, &data);
}

DWORD policy_order(const wchar_t *name, DWORD subnet)
{
    LPDHCP_POLICY policy = NULL;
    DWORD order = (DWORD)-1;
    if (api.GetPolicy(NULL, subnet == 0, subnet, (LPWSTR)name, &policy) == ERROR_SUCCESS) {
        order = policy->ProcessingOrder;
        free_policy(policy);
    }
    return order;
}

int policy_exists(const wchar_t *server, const wchar_t *name, DWORD subnet)
{
    LPDHCP_POLICY policy = NULL;
    DWORD rc = api.GetPolicy((LPWSTR)server, subnet == 0, subnet, (LPWSTR)name, &policy);
    if (rc == ERROR_SUCCESS)
        free_policy(policy);
    return rc == ERROR_SUCCESS;
}

DHCP_FAILOVER_RELATIONSHIP *build_relationship(relationship_spec *spec, const wchar_t *name,
                                               DHCP_FAILOVER_SERVER role, DWORD partner,
                                               const DWORD *scopes, DWORD count)
{
    memset(spec, 0, sizeof *spec);
    for (DWORD i = 0; i < count && i < SPEC_SCOPES_MAX; i++)
        spec->scopes[i] = scopes[i];
    spec->scope_array = (DHCP_IP_ARRAY){count, spec->scopes};
    spec->record = (DHCP_FAILOVER_RELATIONSHIP){
        .primaryServer = role == PrimaryServer ? ADDR_LOCAL : partner,
        .secondaryServer = role == PrimaryServer ? partner : ADDR_LOCAL,
        .mode = LoadBalance,
        .serverType = role,
        .mclt = 3600,
        .relationshipName = (LPWSTR)name,
        .primaryServerName = role == PrimaryServer ? L"selftest" : L"partner",
        .secondaryServerName = role == PrimaryServer ? L"partner" : L"selftest",
        .pScopes = &spec->scope_array,
        .percentage = 50,
        .pSharedSecret = L"secret",
    };
    return &spec->record;
}

DWORD relationship_state(const wchar_t *server, const wchar_t *name)
{
    LPDHCP_FAILOVER_RELATIONSHIP relationship = NULL;
    DWORD state = (DWORD)-1;
    if (api.GetRelationship((LPWSTR)server, (LPWSTR)name, &relationship) == ERROR_SUCCESS) {
        state = relationship->state;
        free_relationship(relationship);
    }
    return state;
}

DWORD set_relationship_state(const wchar_t *server, const wchar_t *name, FSM_STATE state)
{
    DHCP_FAILOVER_RELATIONSHIP change = {.relationshipName = (LPWSTR)name, .state = state};
    return api.SetRelationship((LPWSTR)server, PXB_DHCP_FO_CHANGESTATE, &change);
}
