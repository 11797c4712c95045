/* st_faults.c: the injected failures (faults.h) and where they come in a call: transport
 * (1722, 1753) and a missing procedure (1745, pre-2012 DhcpV4*) before the parameter
 * checks; access denied (MS-DHCPM 3.5.4 / 3.5.5) after the checks the sections list first. */
#include "selftest.h"

static DWORD version_of(const wchar_t *server)
{
    DWORD major = 0, minor = 0;
    return api.GetVersion((LPWSTR)server, &major, &minor) ? 0 : major * 10 + minor;
}

static void test_transport(void)
{
    DWORD major, minor;
    expect(api.GetVersion(L"nosuch", &major, &minor), 1722, "an unknown server: 1722");
    check(version_of(SERVER_2008) == 61 && version_of(SERVER_2012) == 62 &&
              version_of(SERVER_2016) == 100,
          "the other servers answer with their versions");
    check(tool(L"set-fault local unreachable"), "set fault unreachable");
    expect(api.GetVersion(NULL, &major, &minor), 1722, "unreachable: 1722");
    check(tool(L"set-fault local none") && tool(L"set-fault local stopped"), "set fault stopped");
    expect(api.GetVersion(NULL, &major, &minor), 1753, "service stopped: 1753");
    check(tool(L"set-fault local none"), "clear");
    expect(api.CreatePolicy(SERVER_2008, NULL), PXB_RPC_S_PROCNUM_OUT_OF_RANGE,
           "6.1: DhcpV4CreatePolicy is 1745, before its parameter check");
    expect(add_class(SERVER_2008, L"iPXE", "iPXE", FALSE), 0, "6.1: classes work");
    expect(set_text_v5(SERVER_2008, L"iPXE", SCOPE_A, 67, L"tftp://10.0.0.2/boot.ipxe"), 0,
           "6.1: a V5 user-class value works");
}

static void test_access(void)
{
    DWORD major, minor;
    DHCP_CLASS_INFO bad = {L"bad", L"", 0, FALSE, 0, NULL};
    check(tool(L"set-fault local deny-writes"), "set fault deny-writes");
    expect(add_class(NULL, L"denied", "denied", FALSE), ERROR_ACCESS_DENIED, "writes are denied");
    expect(api.CreateClass(NULL, 0, &bad), ERROR_INVALID_PARAMETER,
           "3.2.4.25 checks its parameters before access");
    expect(api.CreatePolicy(NULL, NULL), ERROR_INVALID_PARAMETER,
           "3.2.4.109 checks its parameters before access");
    check(version_of(NULL) == 63, "reads still work");
    check(tool(L"set-fault local deny-all"), "set fault deny-all");
    expect(api.GetVersion(NULL, &major, &minor), ERROR_ACCESS_DENIED, "every call is denied");
    check(tool(L"set-fault local none"), "clear");
}

static void test_failing_writes(void)
{
    check(tool(L"set-fault local fail-write 2"), "set fault fail-write 2");
    expect(add_class(NULL, L"w1", "w1", FALSE), 0, "write 1 succeeds");
    check(version_of(NULL) == 63, "reads are not counted");
    expect(add_class(NULL, L"w2", "w2", FALSE), PXB_ERROR_DHCP_JET_ERROR,
           "write 2 fails: JET_ERROR");
    expect(add_class(NULL, L"w2", "w2", FALSE), 0, "write 3 succeeds");
    check(tool(L"set-fault local fail-write 1 1722"), "set fault fail-write 1 1722");
    expect(api.DeleteClass(NULL, 0, L"w1"), 1722, "the next write fails with 1722");
    expect(api.DeleteClass(NULL, 0, L"w1"), 0, "and the one after succeeds");
    expect(api.DeleteClass(NULL, 0, L"w2"), 0, "(clean up)");
    check(tool(L"set-fault local none"), "clear the faults");
}

void test_faults(void)
{
    test_transport();
    test_access();
    test_failing_writes();
}
