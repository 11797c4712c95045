/* st_memory.c: the double's allocation tracking (double_leaks.h): every block a call hands
 * out is counted until DhcpRpcFreeMemory gives it back, nested blocks included. Runs last:
 * after every family freed what it got, nothing may be outstanding. */
#include "selftest.h"

void test_memory(void)
{
    DWORD bad = 1;
    LPDHCP_POLICY policy = NULL;
    DWORD before = api.Outstanding(&bad);
    check(before == 0 && bad == 0, "every block handed out so far has been freed");
    expect(api.GetPolicy(NULL, FALSE, SCOPE_A, L"pxb BIOS", &policy), 0, "get a policy");
    /* name, description, conditions (array, elements, 3 values), expressions (array,
     * elements), ranges (array), the policy itself */
    expect(api.Outstanding(NULL), 11, "every nested block is counted (11 for this policy)");
    api.Free(policy->PolicyName);
    expect(api.Outstanding(NULL), 10, "freeing one block counts it back");
    policy->PolicyName = NULL;
    free_policy(policy);
    expect(api.Outstanding(&bad), 0, "freeing the rest leaves none outstanding");
    expect(bad, 0, "and no foreign pointer was freed");
}
