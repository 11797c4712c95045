/* st_samples.c: the call shapes of Microsoft's own DHCP samples (Windows-classic-samples,
 * Samples/DHCP), re-expressed here, accepted as they are: CreatePolicy (a scope policy,
 * processing order 0, a root OR expression, one user-class Equal condition on the BOOTP
 * class data, an empty range array as DhcpHlprCreateV4Policy makes), SetPolicy (a changed
 * description), AddPolicyExpr (a second, AND, expression under the root with its own
 * condition) and EnumPolicy (0xFFFFFFFF, reading the batch before looking at the code,
 * stopping on ERROR_NO_MORE_ITEMS). */
#include "selftest.h"

#define SAMPLE_SCOPE SCOPE_A

static void test_create_sample(void)
{
    policy_spec spec;
    const cond_spec bootp[] = {USER_IS("BOOTP.Microsoft", 0)};
    DHCP_POLICY *p = build(&spec, L"testPolicy", SAMPLE_SCOPE, 0, DhcpLogicalOr, bootp, 1);
    p->Description = L"PolicyDescription";
    expect(api.CreatePolicy(NULL, p), 0, "CreatePolicy sample: order 0, OR root, user class EQ");
    p->Description = L"new description";
    expect(api.SetPolicy(NULL, DhcpUpdatePolicyDescr, FALSE, SAMPLE_SCOPE, L"testPolicy", p), 0,
           "SetPolicy sample: a new description");
}

static void test_expr_sample(void)
{
    policy_spec spec;
    const cond_spec two[] = {USER_IS("BOOTP.Microsoft", 0), VENDOR_BEGINS("MSFT", 1)};
    DHCP_POLICY *p = build(&spec, L"", SAMPLE_SCOPE, 0, DhcpLogicalOr, two, 2);
    expect(api.SetPolicy(NULL, DhcpUpdatePolicyExpr, FALSE, SAMPLE_SCOPE, L"testPolicy", p), 0,
           "AddPolicyExpr sample: an AND expression under the root with its own condition");
}

static void test_enum_sample(void)
{
    DWORD resume = 0, read = 0, total = 0, rc, calls = 0, seen = 0;
    for (;;) {
        LPDHCP_POLICY_ARRAY info = NULL;
        rc = api.EnumPolicies(NULL, &resume, ANY_SIZE, FALSE, SAMPLE_SCOPE, &info, &read, &total);
        calls++;
        if (rc != ERROR_SUCCESS && rc != ERROR_MORE_DATA && rc != ERROR_NO_MORE_ITEMS)
            break;
        if (read && info)
            seen += info->NumElements;
        free_policy_array(info);
        if (rc == ERROR_NO_MORE_ITEMS || (rc == ERROR_SUCCESS && total == 0) || calls > 10)
            break;
    }
    check(rc == ERROR_NO_MORE_ITEMS && seen == 1 && calls == 1,
          "EnumPolicy sample loop: the policy arrives with ERROR_NO_MORE_ITEMS in one call");
    expect(api.DeletePolicy(NULL, FALSE, SAMPLE_SCOPE, L"testPolicy"), 0,
           "DeletePolicy sample shape");
}

void test_samples(void)
{
    test_create_sample();
    test_expr_sample();
    test_enum_sample();
}
