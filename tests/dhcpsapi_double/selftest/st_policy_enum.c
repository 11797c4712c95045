/* st_policy_enum.c: R_DhcpV4EnumPolicies (MS-DHCPM 3.2.4.113) and R_DhcpV4EnumPoliciesEx
 * (3.2.4.130): batches of PreferredMaximum policies, ERROR_MORE_DATA while more remain,
 * ERROR_NO_MORE_ITEMS together with the last batch; on 6.3 the plain call hides a policy
 * with an EndsWith condition (<86>), the Ex call shows it; the Ex call is absent on 6.2. */
#include <stdio.h>

#include "selftest.h"

/* One call of either kind: its code; *count the policies in its batch. */
static DWORD enum_once(int ex, const wchar_t *server, DWORD *resume, DWORD pref_max,
                       DWORD subnet, DWORD *count, DWORD *total)
{
    DWORD read = 0, rc;
    *count = 0;
    if (ex) {
        LPDHCP_POLICY_EX_ARRAY array = NULL;
        rc = api.EnumPoliciesEx((LPWSTR)server, resume, pref_max, subnet == 0, subnet, &array,
                                &read, total);
        *count = array ? array->NumElements : 0;
        check(!array || (array->Elements[0].Properties &&
                         array->Elements[0].Properties->NumElements == 0),
              "3.2.4.130 every DHCP_POLICY_EX has its (empty) property list");
        free_policy_ex_array(array);
    } else {
        LPDHCP_POLICY_ARRAY array = NULL;
        rc = api.EnumPolicies((LPWSTR)server, resume, pref_max, subnet == 0, subnet, &array,
                              &read, total);
        *count = array ? array->NumElements : 0;
        free_policy_array(array);
    }
    check(read == *count, "ElementsRead counts the batch");
    return rc;
}

static void make_policies(void)
{
    const cond_spec ipxe[] = {USER_IS("iPXE", 0)};
    const cond_spec ends[] = {{DhcpAttrOption, 60, DhcpCompEndsWith, "00007", 0, 0}};
    static const wchar_t *const names[] = {L"d1", L"d2", L"d3", L"d4"};
    DWORD rc = 0;
    for (DWORD i = 0; i < 4; i++)
        rc |= add_policy(NULL, names[i], SCOPE_D, i + 1, DhcpLogicalOr, ipxe, 1);
    rc |= add_policy(NULL, L"d ends", SCOPE_D, 5, DhcpLogicalOr, ends, 1);
    expect(rc, 0, "5 scope-D policies, one with an EndsWith condition");
}

static void test_batches(int ex, DWORD visible, const char *call)
{
    DWORD resume = 0, count, total, rc;
    char what[200];
    rc = enum_once(ex, NULL, &resume, 2, SCOPE_D, &count, &total);
    snprintf(what, sizeof what, "%s batch 1 of 2: ERROR_MORE_DATA", call);
    check(rc == ERROR_MORE_DATA && count == 2 && total == visible - 2, what);
    rc = enum_once(ex, NULL, &resume, 2, SCOPE_D, &count, &total);
    if (visible > 4)
        rc = enum_once(ex, NULL, &resume, 2, SCOPE_D, &count, &total);
    snprintf(what, sizeof what, "%s the last batch comes with ERROR_NO_MORE_ITEMS", call);
    check(rc == ERROR_NO_MORE_ITEMS && count == visible - (visible > 4 ? 4 : 2) && total == 0,
          what);
    rc = enum_once(ex, NULL, &resume, 2, SCOPE_D, &count, &total);
    snprintf(what, sizeof what, "%s past the end: ERROR_NO_MORE_ITEMS, no batch", call);
    check(rc == ERROR_NO_MORE_ITEMS && count == 0, what);
    resume = 0;
    rc = enum_once(ex, NULL, &resume, ANY_SIZE, SCOPE_D, &count, &total);
    snprintf(what, sizeof what, "%s 0xFFFFFFFF: all %lu in one batch", call,
             (unsigned long)visible);
    check(rc == ERROR_NO_MORE_ITEMS && count == visible, what);
    resume = 0;
    rc = enum_once(ex, NULL, &resume, 0, SCOPE_D, &count, &total);
    snprintf(what, sizeof what, "%s PreferredMaximum 0: ERROR_MORE_DATA, no batch", call);
    check(rc == ERROR_MORE_DATA && count == 0 && resume == 0, what);
}

static void test_arguments(void)
{
    DWORD resume = 0, count, total, read;
    LPDHCP_POLICY_ARRAY array = NULL;
    expect(api.EnumPolicies(NULL, &resume, ANY_SIZE, FALSE, SCOPE_D, &array, NULL, &total),
           ERROR_INVALID_PARAMETER, "3.2.4.113 a NULL out-parameter: INVALID_PARAMETER");
    expect(api.EnumPolicies(NULL, &resume, ANY_SIZE, TRUE, SCOPE_D, &array, &read, &total),
           ERROR_INVALID_PARAMETER, "3.2.4.113 ServerPolicy with a subnet: INVALID_PARAMETER");
    expect(api.EnumPolicies(NULL, &resume, ANY_SIZE, FALSE, 0, &array, &read, &total),
           ERROR_INVALID_PARAMETER, "3.2.4.113 a scope call without a subnet");
    expect(enum_once(0, NULL, &resume, ANY_SIZE, SCOPE_MISSING, &count, &total),
           PXB_ERROR_DHCP_SUBNET_NOT_PRESENT, "3.2.4.113 a missing scope: SUBNET_NOT_PRESENT");
    resume = 0;
    expect(enum_once(0, NULL, &resume, ANY_SIZE, SCOPE_C, &count, &total), ERROR_NO_MORE_ITEMS,
           "3.2.4.113 a level without policies: ERROR_NO_MORE_ITEMS");
    resume = 0;
    expect(enum_once(1, SERVER_2012, &resume, ANY_SIZE, SCOPE_A, &count, &total),
           PXB_RPC_S_PROCNUM_OUT_OF_RANGE, "6.2 has no DhcpV4EnumPoliciesEx: 1745");
    resume = 0;
    expect(enum_once(1, SERVER_2016, &resume, ANY_SIZE, SCOPE_A, &count, &total),
           ERROR_NO_MORE_ITEMS, "10.0 has DhcpV4EnumPoliciesEx");
}

void test_policy_enum(void)
{
    make_policies();
    test_batches(0, 4, "3.2.4.113 <86> (EndsWith policy hidden on 6.3)");
    test_batches(1, 5, "3.2.4.130 Ex (every policy)");
    test_arguments();
}
