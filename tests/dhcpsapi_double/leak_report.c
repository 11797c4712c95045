/* leak_report.c: what the double says about the memory its callers did not give back: the
 * PxbDoubleOutstanding export, and at DLL unload one line in the leak log for a process
 * that left blocks or freed foreign pointers (double_leaks.h). Test scripts fail when the
 * log is not empty (tests/wine/lib.sh, double_leaks_check). */
#include <stdio.h>
#include <wchar.h>
#include <windows.h>

#include "double_leaks.h"
#include "rpcmem.h"

#define LEAKS_VARIABLE L"PXB_DHCP_DOUBLE_LEAKS"
#define STATE_VARIABLE L"PXB_DHCP_DOUBLE_STATE"
#define LEAKS_SUFFIX L".leaks"

DWORD WINAPI PxbDoubleOutstanding(DWORD *bad_frees)
{
    if (bad_frees)
        *bad_frees = (DWORD)rpc_bad_frees();
    return (DWORD)rpc_outstanding();
}

/* The leak log's path into path; 0 when neither variable is set. */
static int find_leak_log(wchar_t *path, DWORD size)
{
    DWORD len = GetEnvironmentVariableW(LEAKS_VARIABLE, path, size);
    if (len > 0 && len < size)
        return 1;
    len = GetEnvironmentVariableW(STATE_VARIABLE, path, size);
    if (len == 0 || len + wcslen(LEAKS_SUFFIX) >= size)
        return 0;
    wcscat(path, LEAKS_SUFFIX);
    return 1;
}

static void report_leaks(void)
{
    wchar_t path[MAX_PATH + 16], program[MAX_PATH];
    size_t outstanding = rpc_outstanding(), bad = rpc_bad_frees();
    if ((outstanding == 0 && bad == 0) || !find_leak_log(path, MAX_PATH + 16))
        return;
    if (!GetModuleFileNameW(NULL, program, MAX_PATH))
        wcscpy(program, L"?");
    FILE *log = _wfopen(path, L"ab"); /* binary: LF line ends */
    if (!log)
        return;
    fprintf(log, "pid=%lu program=%ls outstanding=%lu bad-frees=%lu\n",
            (unsigned long)GetCurrentProcessId(), program, (unsigned long)outstanding,
            (unsigned long)bad);
    fclose(log);
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved);

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    (void)instance;
    (void)reserved;
    if (reason == DLL_PROCESS_DETACH)
        report_leaks();
    return TRUE;
}
