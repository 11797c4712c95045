/* harness.c: the self-test's frame: loading dhcpsapi.dll beside the program the way the
 * product does (LoadLibraryW + GetProcAddress, the project's own declarations), PASS/FAIL
 * lines and counts, and running dhcpdouble.exe (beside it too) for setup and faults. */
#include <stdio.h>
#include <wchar.h>

#include "selftest.h"

selftest_api api;
static int passed, failed;

void check(int ok, const char *what)
{
    if (ok)
        passed++;
    else
        failed++;
    printf("%s: %s\n", ok ? "PASS" : "FAIL", what);
}

void expect(DWORD got, DWORD want, const char *what)
{
    char line[400];
    snprintf(line, sizeof line, "%s (got %lu, want %lu)", what, (unsigned long)got,
             (unsigned long)want);
    check(got == want, line);
}

int selftest_failed(void)
{
    return failed;
}

void selftest_summary(void)
{
    printf("dhcp-double selftest: %d passed, %d failed\n", passed, failed);
}

static FARPROC need(HMODULE dll, const char *name)
{
    FARPROC proc = GetProcAddress(dll, name);
    if (!proc)
        printf("FAIL: dhcpsapi.dll exports %s\n", name);
    return proc;
}

#define LOAD(field, name) ((api.field = (void *)need(dll, name)) != NULL)

int load_api(void)
{
    HMODULE dll = LoadLibraryW(L"dhcpsapi.dll");
    if (!dll)
        return 0;
    return LOAD(GetVersion, "DhcpGetVersion") & LOAD(EnumSubnets, "DhcpEnumSubnets") &
           LOAD(EnumClasses, "DhcpEnumClasses") & LOAD(CreateClass, "DhcpCreateClass") &
           LOAD(DeleteClass, "DhcpDeleteClass") & LOAD(CreatePolicy, "DhcpV4CreatePolicy") &
           LOAD(GetPolicy, "DhcpV4GetPolicy") & LOAD(SetPolicy, "DhcpV4SetPolicy") &
           LOAD(DeletePolicy, "DhcpV4DeletePolicy") & LOAD(EnumPolicies, "DhcpV4EnumPolicies") &
           LOAD(EnumPoliciesEx, "DhcpV4EnumPoliciesEx") &
           LOAD(SetEnforcement, "DhcpV4SetPolicyEnforcement") &
           LOAD(SetValue, "DhcpV4SetOptionValue") & LOAD(GetValue, "DhcpV4GetOptionValue") &
           LOAD(RemoveValue, "DhcpV4RemoveOptionValue") &
           LOAD(SetValueV5, "DhcpSetOptionValueV5") & LOAD(GetValueV5, "DhcpGetOptionValueV5") &
           LOAD(RemoveValueV5, "DhcpRemoveOptionValueV5") &
           LOAD(GetOptionInfo, "DhcpGetOptionInfoV5") & LOAD(CreateOption, "DhcpCreateOptionV5") &
           LOAD(RemoveOption, "DhcpRemoveOptionV5") &
           LOAD(CreateRelationship, "DhcpV4FailoverCreateRelationship") &
           LOAD(SetRelationship, "DhcpV4FailoverSetRelationship") &
           LOAD(DeleteRelationship, "DhcpV4FailoverDeleteRelationship") &
           LOAD(GetRelationship, "DhcpV4FailoverGetRelationship") &
           LOAD(EnumRelationship, "DhcpV4FailoverEnumRelationship") &
           LOAD(AddScopeToRelationship, "DhcpV4FailoverAddScopeToRelationship") &
           LOAD(DeleteScopeFromRelationship, "DhcpV4FailoverDeleteScopeFromRelationship") &
           LOAD(GetScopeRelationship, "DhcpV4FailoverGetScopeRelationship") &
           LOAD(Free, "DhcpRpcFreeMemory") &
           LOAD(Evaluate, "PxbDoubleEvaluate") & LOAD(Outstanding, "PxbDoubleOutstanding");
}

static wchar_t tool_path[MAX_PATH];

int tool(const wchar_t *arguments)
{
    wchar_t line[1024];
    STARTUPINFOW startup = {.cb = sizeof startup};
    PROCESS_INFORMATION process;
    DWORD status = 1;
    if (!*tool_path) {
        GetModuleFileNameW(NULL, tool_path, MAX_PATH);
        wchar_t *slash = wcsrchr(tool_path, L'\\');
        wcscpy(slash ? slash + 1 : tool_path, L"dhcpdouble.exe");
    }
    swprintf(line, 1024, L"\"%ls\" %ls", tool_path, arguments);
    if (!CreateProcessW(tool_path, line, NULL, NULL, FALSE, 0, NULL, NULL, &startup, &process))
        return 0;
    WaitForSingleObject(process.hProcess, INFINITE);
    GetExitCodeProcess(process.hProcess, &status);
    CloseHandle(process.hProcess);
    CloseHandle(process.hThread);
    return status == 0;
}
