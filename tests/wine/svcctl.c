/* svcctl.c: the wine test's service helper, for what wine's sc.exe lacks (it only creates,
 * starts, stops and deletes): reads a service's status, waits for a state, sends a control
 * such as PARAMCHANGE, looks up a text in an executable's Event Log message table, and runs
 * as a service that does nothing (to stand in for another product's service, such as WDS's
 * WDSServer, under any name it is created with).
 *   svcctl query NAME                  prints "state=RUNNING exit=0 specific=0 pid=42"
 *   svcctl wait NAME STATE SECONDS     waits until NAME is in STATE (e.g. STOPPED)
 *   svcctl control NAME paramchange|interrogate
 *   svcctl message EXE ID              prints message ID of EXE's message table
 *   svcctl serve                       (as a service's program) runs until told to stop
 * Exit status 0 on success, 1 on failure, 2 on bad usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

static const struct {
    DWORD state;
    const wchar_t *name;
} states[] = {
    {SERVICE_STOPPED, L"STOPPED"},          {SERVICE_START_PENDING, L"START_PENDING"},
    {SERVICE_STOP_PENDING, L"STOP_PENDING"}, {SERVICE_RUNNING, L"RUNNING"},
    {SERVICE_CONTINUE_PENDING, L"CONTINUE_PENDING"},
    {SERVICE_PAUSE_PENDING, L"PAUSE_PENDING"}, {SERVICE_PAUSED, L"PAUSED"},
};

static const wchar_t *state_name(DWORD state)
{
    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++) {
        if (states[i].state == state)
            return states[i].name;
    }
    return L"UNKNOWN";
}

static int fail(const char *what)
{
    fprintf(stderr, "svcctl: %s failed: error %lu\n", what, (unsigned long)GetLastError());
    return 1;
}

static SC_HANDLE open_service(const wchar_t *name, DWORD access)
{
    SC_HANDLE scm = OpenSCManagerW(NULL, NULL, SC_MANAGER_CONNECT);
    if (scm == NULL)
        return NULL;
    SC_HANDLE svc = OpenServiceW(scm, name, access);
    CloseServiceHandle(scm);
    return svc;
}

static int read_status(SC_HANDLE svc, SERVICE_STATUS_PROCESS *out)
{
    DWORD needed;
    return QueryServiceStatusEx(svc, SC_STATUS_PROCESS_INFO, (BYTE *)out, sizeof *out, &needed)
               ? 0
               : -1;
}

static void print_status(const SERVICE_STATUS_PROCESS *st)
{
    wprintf(L"state=%ls exit=%lu specific=%lu pid=%lu\n", state_name(st->dwCurrentState),
            (unsigned long)st->dwWin32ExitCode, (unsigned long)st->dwServiceSpecificExitCode,
            (unsigned long)st->dwProcessId);
}

static int query(const wchar_t *name)
{
    SERVICE_STATUS_PROCESS st;
    SC_HANDLE svc = open_service(name, SERVICE_QUERY_STATUS);
    if (svc == NULL)
        return fail("OpenService");
    int rc = read_status(svc, &st) == 0 ? 0 : fail("QueryServiceStatusEx");
    if (rc == 0)
        print_status(&st);
    CloseServiceHandle(svc);
    return rc;
}

static int wait_for(const wchar_t *name, const wchar_t *want, const wchar_t *seconds)
{
    SERVICE_STATUS_PROCESS st;
    SC_HANDLE svc = open_service(name, SERVICE_QUERY_STATUS);
    if (svc == NULL)
        return fail("OpenService");
    ULONGLONG deadline = GetTickCount64() + wcstoul(seconds, NULL, 10) * 1000;
    int rc = 1;
    while (read_status(svc, &st) == 0) {
        if (wcscmp(state_name(st.dwCurrentState), want) == 0) {
            rc = 0;
            break;
        }
        if (GetTickCount64() >= deadline)
            break;
        Sleep(100);
    }
    print_status(&st);
    CloseServiceHandle(svc);
    return rc;
}

static int control(const wchar_t *name, const wchar_t *what)
{
    DWORD code;
    DWORD access;
    if (wcscmp(what, L"paramchange") == 0) {
        code = SERVICE_CONTROL_PARAMCHANGE;
        access = SERVICE_PAUSE_CONTINUE;
    } else if (wcscmp(what, L"interrogate") == 0) {
        code = SERVICE_CONTROL_INTERROGATE;
        access = SERVICE_INTERROGATE;
    } else {
        fwprintf(stderr, L"svcctl: unknown control '%ls'\n", what);
        return 2;
    }
    SC_HANDLE svc = open_service(name, access);
    if (svc == NULL)
        return fail("OpenService");
    SERVICE_STATUS st;
    int rc = ControlService(svc, code, &st) ? 0 : fail("ControlService");
    CloseServiceHandle(svc);
    return rc;
}

/* Event ids carry the severity in their top bits; the message table is looked up with all
 * four so the caller can give the plain number Event Viewer shows. */
static int message(const wchar_t *exe, const wchar_t *id_text)
{
    HMODULE mod = LoadLibraryExW(exe, NULL, LOAD_LIBRARY_AS_DATAFILE);
    if (mod == NULL)
        return fail("LoadLibraryEx");
    DWORD id = wcstoul(id_text, NULL, 10);
    const wchar_t *inserts[] = {L"<insert>"};
    wchar_t text[512];
    DWORD n = 0;
    for (DWORD severity = 0; n == 0 && severity < 4; severity++) {
        n = FormatMessageW(FORMAT_MESSAGE_FROM_HMODULE | FORMAT_MESSAGE_ARGUMENT_ARRAY, mod,
                           (severity << 30) | id, 0, text, sizeof text / sizeof text[0],
                           (va_list *)inserts);
    }
    FreeLibrary(mod);
    if (n == 0)
        return fail("FormatMessage");
    wprintf(L"%ls", text);
    return 0;
}

/* The idle service of `svcctl serve`. */
static SERVICE_STATUS_HANDLE idle_handle;
static HANDLE idle_stop;

static void report_idle(DWORD state)
{
    SERVICE_STATUS st = {SERVICE_WIN32_OWN_PROCESS, state,
                         state == SERVICE_RUNNING ? SERVICE_ACCEPT_STOP : 0, NO_ERROR, 0, 0, 0};
    SetServiceStatus(idle_handle, &st);
}

static DWORD WINAPI idle_control(DWORD code, DWORD type, void *data, void *ctx)
{
    if (code == SERVICE_CONTROL_STOP)
        SetEvent(idle_stop);
    return NO_ERROR;
}

static void WINAPI idle_main(DWORD argc, wchar_t **argv)
{
    idle_handle = RegisterServiceCtrlHandlerExW(L"", idle_control, NULL);
    if (idle_handle == NULL)
        return;
    report_idle(SERVICE_RUNNING);
    WaitForSingleObject(idle_stop, INFINITE);
    report_idle(SERVICE_STOPPED);
}

/* An own-process service takes the one entry of its table whatever name it is started
 * under. */
static int serve(void)
{
    wchar_t name[] = L"";
    SERVICE_TABLE_ENTRYW table[] = {{name, idle_main}, {NULL, NULL}};
    idle_stop = CreateEventW(NULL, TRUE, FALSE, NULL);
    if (idle_stop == NULL)
        return fail("CreateEvent");
    return StartServiceCtrlDispatcherW(table) ? 0 : fail("StartServiceCtrlDispatcher");
}

int wmain(int argc, wchar_t **argv);

int wmain(int argc, wchar_t **argv)
{
    if (argc == 3 && wcscmp(argv[1], L"query") == 0)
        return query(argv[2]);
    if (argc == 5 && wcscmp(argv[1], L"wait") == 0)
        return wait_for(argv[2], argv[3], argv[4]);
    if (argc == 4 && wcscmp(argv[1], L"control") == 0)
        return control(argv[2], argv[3]);
    if (argc == 4 && wcscmp(argv[1], L"message") == 0)
        return message(argv[2], argv[3]);
    if (argc == 2 && wcscmp(argv[1], L"serve") == 0)
        return serve();
    fprintf(stderr, "usage: svcctl query NAME | wait NAME STATE SECONDS | "
                    "control NAME paramchange|interrogate | message EXE ID | serve\n");
    return 2;
}
