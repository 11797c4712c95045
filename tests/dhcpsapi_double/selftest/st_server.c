/* st_server.c: R_DhcpGetVersion (MS-DHCPM 3.1.4.29) and R_DhcpEnumSubnets (3.1.4.4): a
 * batch of at most PreferredMaximum subnets, ERROR_SUCCESS with every batch (a partial one
 * too), ERROR_NO_MORE_ITEMS and no batch past the end or for PreferredMaximum 0. */
#include "selftest.h"

/* One DhcpEnumSubnets call; returns its code, *count the subnets it returned. */
static DWORD enum_once(DHCP_RESUME_HANDLE *resume, DWORD pref_max, DWORD *count, DWORD *total)
{
    LPDHCP_IP_ARRAY subnets = NULL;
    DWORD read = 0;
    DWORD rc = api.EnumSubnets(NULL, resume, pref_max, &subnets, &read, total);
    *count = subnets ? subnets->NumElements : 0;
    check(read == *count, "ElementsRead counts the batch");
    if (subnets) {
        api.Free(subnets->Elements);
        api.Free(subnets);
    }
    return rc;
}

void test_server(void)
{
    DWORD major = 0, minor = 0, count, total;
    DHCP_RESUME_HANDLE resume = 0;
    expect(api.GetVersion(NULL, &major, &minor), 0, "3.1.4.29 DhcpGetVersion");
    check(major == 6 && minor == 3, "a fresh local server is 6.3");
    expect(api.GetVersion(NULL, NULL, &minor), ERROR_INVALID_PARAMETER,
           "DhcpGetVersion without out-parameters");
    expect(enum_once(&resume, 3, &count, &total), ERROR_SUCCESS,
           "3.1.4.4 a partial batch answers ERROR_SUCCESS, not ERROR_MORE_DATA");
    check(count == 3 && total == 1 && resume == 3, "3 of 4 subnets, 1 left, resume 3");
    expect(enum_once(&resume, 3, &count, &total), ERROR_SUCCESS, "the last batch: ERROR_SUCCESS");
    check(count == 1 && total == 0, "with the 4th subnet");
    expect(enum_once(&resume, 3, &count, &total), ERROR_NO_MORE_ITEMS,
           "3.1.4.4 resume handle at the end: ERROR_NO_MORE_ITEMS");
    check(count == 0, "and no batch");
    resume = 0;
    expect(enum_once(&resume, 0, &count, &total), ERROR_NO_MORE_ITEMS,
           "3.1.4.4 PreferredMaximum 0: ERROR_NO_MORE_ITEMS");
    expect(enum_once(&resume, ANY_SIZE, &count, &total), ERROR_SUCCESS, "0xFFFFFFFF: everything");
    check(count == 4, "all 4 subnets in one batch");
    check(tool(L"set-fault local page-max 1"), "variant: at most 1 item per call");
    resume = 0;
    DWORD calls = 0, seen = 0;
    while (enum_once(&resume, ANY_SIZE, &count, &total) == ERROR_SUCCESS && calls < 10) {
        calls++;
        seen += count;
    }
    check(calls == 4 && seen == 4, "page-max 1: 4 calls of 1 subnet, then NO_MORE_ITEMS");
    check(tool(L"set-fault local none"), "variant off");
}
