/* service_main.c: pxebridge-service.exe, the PxeBridge Windows service. Parses the command
 * line, then either talks to the Service Control Manager (status reports, stop, shutdown,
 * interrogate, and PARAMCHANGE to reload the registry settings without dropping transfers)
 * or, with --console, serves in the foreground until Ctrl+C. The work itself is in
 * service_run.c. */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

#include "args.h"
#include "service_run.h"
#include "win_text.h"

#define PROGRAM "pxebridge-service"
#define SERVICE_NAME L"PxeBridge"
#define START_WAIT_HINT_MS 10000
#define STOP_WAIT_HINT_MS 10000

/* The running service the control handlers act on, NULL while there is none: the lock keeps
 * a control from reaching it while it is being torn down. */
static SRWLOCK controlled_lock = SRWLOCK_INIT;
static pxb_service *controlled;

/* The service's state as reported to the SCM; the lock orders reports from the service
 * thread and the control handler. */
static SRWLOCK status_lock = SRWLOCK_INIT;
static SERVICE_STATUS_HANDLE status_handle;
static SERVICE_STATUS status;

/* The parsed command line, for the service thread. */
static const pxb_args *service_args;
static int service_exit_code;

static void set_controlled(pxb_service *svc)
{
    AcquireSRWLockExclusive(&controlled_lock);
    controlled = svc;
    ReleaseSRWLockExclusive(&controlled_lock);
}

static void stop_controlled(void)
{
    AcquireSRWLockShared(&controlled_lock);
    if (controlled != NULL)
        pxb_service_request_stop(controlled);
    ReleaseSRWLockShared(&controlled_lock);
}

static void reload_controlled(void)
{
    AcquireSRWLockShared(&controlled_lock);
    if (controlled != NULL)
        pxb_service_request_reload(controlled);
    ReleaseSRWLockShared(&controlled_lock);
}

/* Reports state to the SCM. exit_code (for SERVICE_STOPPED) is one of pxb_service_exit. */
static void report(DWORD state, int exit_code)
{
    AcquireSRWLockExclusive(&status_lock);
    status.dwServiceType = SERVICE_WIN32_OWN_PROCESS;
    status.dwCurrentState = state;
    status.dwControlsAccepted = state == SERVICE_RUNNING
                                    ? SERVICE_ACCEPT_STOP | SERVICE_ACCEPT_SHUTDOWN |
                                          SERVICE_ACCEPT_PARAMCHANGE
                                    : 0;
    status.dwWin32ExitCode = exit_code == PXB_EXIT_OK ? NO_ERROR : ERROR_SERVICE_SPECIFIC_ERROR;
    status.dwServiceSpecificExitCode = (DWORD)exit_code;
    int pending = state == SERVICE_START_PENDING || state == SERVICE_STOP_PENDING;
    status.dwCheckPoint = pending ? status.dwCheckPoint + 1 : 0;
    status.dwWaitHint = state == SERVICE_START_PENDING  ? START_WAIT_HINT_MS
                        : state == SERVICE_STOP_PENDING ? STOP_WAIT_HINT_MS
                                                        : 0;
    SetServiceStatus(status_handle, &status);
    ReleaseSRWLockExclusive(&status_lock);
}

static DWORD WINAPI on_control(DWORD control, DWORD event_type, LPVOID event_data,
                               LPVOID context)
{
    switch (control) {
    case SERVICE_CONTROL_STOP:
    case SERVICE_CONTROL_SHUTDOWN:
        report(SERVICE_STOP_PENDING, PXB_EXIT_OK);
        stop_controlled();
        return NO_ERROR;
    case SERVICE_CONTROL_PARAMCHANGE:
        reload_controlled();
        return NO_ERROR;
    case SERVICE_CONTROL_INTERROGATE:
        return NO_ERROR; /* the SCM has the last report */
    default:
        return ERROR_CALL_NOT_IMPLEMENTED;
    }
}

static void WINAPI service_main(DWORD argc, LPWSTR *argv)
{
    /* argv[0] is the name the service was installed under. */
    status_handle = RegisterServiceCtrlHandlerExW(argc > 0 ? argv[0] : SERVICE_NAME, on_control,
                                                  NULL);
    if (status_handle == NULL) {
        service_exit_code = PXB_EXIT_FAILED;
        return;
    }
    report(SERVICE_START_PENDING, PXB_EXIT_OK);
    int exit_code;
    pxb_service *svc = pxb_service_start(service_args, 0, &exit_code);
    if (svc != NULL) {
        set_controlled(svc);
        report(SERVICE_RUNNING, PXB_EXIT_OK);
        exit_code = pxb_service_run(svc);
        report(SERVICE_STOP_PENDING, PXB_EXIT_OK);
        set_controlled(NULL);
        pxb_service_finish(svc);
    }
    service_exit_code = exit_code;
    report(SERVICE_STOPPED, exit_code);
}

/* Hands the process to the SCM, which calls service_main on a thread of its own. */
static int run_service(const pxb_args *args)
{
    SERVICE_TABLE_ENTRYW table[] = {{(LPWSTR)SERVICE_NAME, service_main}, {NULL, NULL}};
    service_args = args;
    if (StartServiceCtrlDispatcherW(table))
        return service_exit_code;
    DWORD code = GetLastError();
    if (code == ERROR_FAILED_SERVICE_CONTROLLER_CONNECT) {
        fprintf(stderr,
                PROGRAM ": this is the PxeBridge Windows service; start it with "
                        "'sc start PxeBridge', or run it in the foreground with --console "
                        "(see --help)\n");
    } else {
        char reason[256];
        pxb_describe_error(code, reason, sizeof reason);
        fprintf(stderr, PROGRAM ": cannot connect to the Service Control Manager: %s\n",
                reason);
    }
    return 1;
}

static BOOL WINAPI on_console_event(DWORD event)
{
    stop_controlled();
    return TRUE;
}

/* Serves in the foreground, logging to stderr, until Ctrl+C or the console closes. */
static int run_console(const pxb_args *args)
{
    int exit_code;
    SetConsoleOutputCP(CP_UTF8);
    pxb_service *svc = pxb_service_start(args, 1, &exit_code);
    if (svc == NULL)
        return 1;
    set_controlled(svc);
    if (!SetConsoleCtrlHandler(on_console_event, TRUE))
        fprintf(stderr, PROGRAM ": Ctrl+C will not stop the server cleanly\n");
    exit_code = pxb_service_run(svc);
    set_controlled(NULL);
    SetConsoleCtrlHandler(on_console_event, FALSE);
    pxb_service_finish(svc);
    return exit_code == PXB_EXIT_OK ? 0 : 1;
}

/* The arguments as UTF-8, for pxb_args_parse; NULL if one can't be converted. */
static char **utf8_arguments(int argc, wchar_t **wargv)
{
    char **argv = calloc((size_t)argc + 1, sizeof *argv);
    for (int i = 0; argv != NULL && i < argc; i++) {
        argv[i] = pxb_utf8_from_wide(wargv[i], (size_t)-1);
        if (argv[i] == NULL) {
            for (int j = 0; j < i; j++)
                free(argv[j]);
            free(argv);
            return NULL;
        }
    }
    return argv;
}

static int run(int argc, char **argv)
{
    pxb_args args;
    pxb_error err = {0};
    if (pxb_args_parse(argc, argv, &args, &err) != 0) {
        fprintf(stderr, PROGRAM ": %s\n", err.text);
        return 2;
    }
    if (args.help) {
        char usage[4096];
        pxb_args_usage(PROGRAM, usage, sizeof usage);
        fputs(usage, stdout);
        printf("Without --console it runs as the PxeBridge service under the Service Control\n"
               "Manager, configured by the registry values under\n"
               "HKLM\\SYSTEM\\CurrentControlSet\\Services\\PxeBridge\\Parameters; the flags\n"
               "override them.\n");
        return 0;
    }
    if (args.version) {
        printf(PROGRAM " %s\n", PXB_VERSION);
        return 0;
    }
    return args.console ? run_console(&args) : run_service(&args);
}

/* The entry point -municode links to; declared here as no header does. */
int wmain(int argc, wchar_t **wargv);

int wmain(int argc, wchar_t **wargv)
{
    char **argv = utf8_arguments(argc, wargv);
    if (argv == NULL) {
        fprintf(stderr, PROGRAM ": the command line is not valid UTF-16\n");
        return 2;
    }
    int rc = run(argc, argv);
    for (int i = 0; i < argc; i++)
        free(argv[i]);
    free(argv);
    return rc;
}
