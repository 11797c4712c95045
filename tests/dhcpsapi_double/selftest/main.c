/* main.c: the self-test's order: a fresh state (four scopes; servers of versions 6.1, 6.2
 * and 10.0 beside the local 6.3; addresses for the failover partners; a server with 32
 * scopes for the failover limits), every method family, then the check that every block
 * the double handed out was freed. Needs PXB_DHCP_DOUBLE_STATE. Last line:
 * "dhcp-double selftest: N passed, M failed"; exit status 1 on any failure. */
#include <stdio.h>
#include <wchar.h>

#include "selftest.h"

/* FO_MAX_SERVER: 6.3, address 10.0.9.4, scopes 10.1.0.0/24 .. 10.1.31.0/24. */
static int make_fo_max(void)
{
    wchar_t line[128];
    int ok = tool(L"add-server " FO_MAX_SERVER L" --addr 10.0.9.4");
    for (int n = 0; ok && n < 32; n++) {
        swprintf(line, 128, L"add-subnet 10.1.%d.0 255.255.255.0 --server " FO_MAX_SERVER, n);
        ok = tool(line);
    }
    return ok;
}

static int make_state(void)
{
    return tool(L"init") && tool(L"add-subnet 10.0.0.0 255.255.255.0") &&
           tool(L"add-subnet 10.0.1.0 255.255.255.0") &&
           tool(L"add-subnet 10.0.2.0 255.255.255.0") &&
           tool(L"add-subnet 10.0.3.0 255.255.255.0") &&
           tool(L"add-server partner --version 6.1") &&
           tool(L"add-subnet 10.0.0.0 255.255.255.0 --server partner") &&
           tool(L"add-server w2012 --version 6.2") &&
           tool(L"add-subnet 10.0.0.0 255.255.255.0 --server w2012") &&
           tool(L"add-server w2016 --version 10.0") &&
           tool(L"add-subnet 10.0.0.0 255.255.255.0 --server w2016") &&
           tool(L"add-subnet 10.0.1.0 255.255.255.0 --server w2016") &&
           tool(L"set-addr local 10.0.9.1") && tool(L"set-addr w2016 10.0.9.2") &&
           tool(L"set-addr w2012 10.0.9.3") && make_fo_max();
}

/* The classes that conditions in several method families name by their data (3.2.4.109's
 * CLASS_NOT_FOUND, policy_check.c): a vendor class whose data is a prefix of the PXE
 * clients' and one whose data is a suffix, for the BeginsWith and EndsWith cases. */
static int make_classes(void)
{
    return add_class(NULL, L"selftest PXE prefix", "PXEClient", TRUE) == 0 &&
           add_class(NULL, L"selftest arch suffix", "00007", TRUE) == 0;
}

int wmain(int argc, wchar_t **argv);

/* --leak: a call's result kept and a foreign pointer freed, so that the DLL's unload report
 * has something to say (tests/wine/dhcp_double.sh checks the leak log). */
static int leak_on_purpose(void)
{
    DWORD major, minor, read, total;
    DHCP_RESUME_HANDLE resume = 0;
    LPDHCP_IP_ARRAY subnets = NULL;
    static char foreign[16];
    if (!load_api() || api.GetVersion(NULL, &major, &minor))
        return 1;
    api.EnumSubnets(NULL, &resume, ANY_SIZE, &subnets, &read, &total);
    api.Free(foreign + 8);
    return subnets ? 0 : 1;
}

/* --leak-outer: a failover record (the self-test leaves "lb-w2016" on the local server)
 * freed as a careless client does, only its outer block: the unload report must count the
 * six nested blocks. */
static int leak_nested(void)
{
    LPDHCP_FAILOVER_RELATIONSHIP relationship = NULL;
    if (!load_api() || api.GetRelationship(NULL, L"lb-w2016", &relationship))
        return 1;
    api.Free(relationship);
    return 0;
}

int wmain(int argc, wchar_t **argv)
{
    if (argc > 1 && wcscmp(argv[1], L"--leak") == 0)
        return leak_on_purpose();
    if (argc > 1 && wcscmp(argv[1], L"--leak-outer") == 0)
        return leak_nested();
    check(load_api(), "dhcpsapi.dll loads and exports every call");
    check(make_state(), "fresh state: 4 scopes, servers 6.1, 6.2, 6.3 and 10.0, addresses, "
                        "a server of 32 scopes");
    check(make_classes(), "vendor classes PXEClient and 00007 for the conditions to name");
    if (!selftest_failed()) {
        test_server();
        test_classes();
        test_policy_create();
        test_policy_tree();
        test_policy_change();
        test_policy_enum();
        test_option_values();
        test_option_defs();
        test_faults();
        test_samples();
        test_evaluation();
        test_failover();
        test_failover_scopes();
        test_failover_enum();
        test_memory();
    }
    selftest_summary();
    return selftest_failed() ? 1 : 0;
}
