/* cmd_service.c: `pxebridge service install|uninstall|start|stop|restart`: the PxeBridge
 * service under the Service Control Manager (scm.h). install creates it for
 * pxebridge-service.exe beside this program and registers its Event Log source; uninstall
 * stops and deletes it; start, stop and restart wait for the state, with progress. */
#include <stdlib.h>
#include <wchar.h>

#include "cli.h"
#include "console.h"
#include "eventlog.h"
#include "program_path.h"
#include "pxb_error.h"
#include "scm.h"
#include "win_text.h"

#define SERVICE_EXE L"pxebridge-service.exe"
#define WAIT_S 30

/* An SCM failure while doing what ("start", ...), with what to do next. */
static int scm_fail(const char *what, DWORD code)
{
    char reason[PXB_ERROR_TEXT_MAX];
    if (code == ERROR_ACCESS_DENIED)
        return cli_fail("cannot %s the " CLI_SERVICE_NAME " service: access is denied; run "
                        "this from an elevated prompt (Administrator)", what);
    if (code == ERROR_SERVICE_DOES_NOT_EXIST)
        return cli_fail("the " CLI_SERVICE_NAME " service is not installed: run '" CLI_PROGRAM
                        " service install'");
    pxb_describe_error(code, reason, sizeof reason);
    return cli_fail("cannot %s the " CLI_SERVICE_NAME " service: %s", what, reason);
}

/* Waits for state after "Starting"/"Stopping" was printed; ends the progress line. */
static int wait_for(const cli_service *s, DWORD state, const char *doing)
{
    DWORD code = cli_scm_wait(s, state, WAIT_S);
    cli_printf(CLI_STDERR, "\n");
    if (code == ERROR_SUCCESS) {
        cli_printf(CLI_STDOUT, "The " CLI_SERVICE_NAME " service is %s.\n",
                   state == SERVICE_RUNNING ? "running" : "stopped");
        return CLI_OK;
    }
    if (code == ERROR_SERVICE_NOT_ACTIVE)
        return cli_fail("the " CLI_SERVICE_NAME " service stopped while starting; see why with '"
                        CLI_PROGRAM " log' and in the Event Log (source " CLI_SERVICE_NAME ")");
    if (code == ERROR_TIMEOUT)
        return cli_fail("the " CLI_SERVICE_NAME " service is still %s after %d s; check again "
                        "with '" CLI_PROGRAM " status' and see '" CLI_PROGRAM " log'", doing,
                        WAIT_S);
    return scm_fail("query", code);
}

static int stop_service(const cli_service *s)
{
    SERVICE_STATUS st;
    DWORD state;
    DWORD code = cli_scm_query(s, &state);
    if (code != ERROR_SUCCESS)
        return scm_fail("query", code);
    if (state == SERVICE_STOPPED) {
        cli_printf(CLI_STDOUT, "The " CLI_SERVICE_NAME " service is stopped already.\n");
        return CLI_OK;
    }
    if (!ControlService(s->svc, SERVICE_CONTROL_STOP, &st) &&
        GetLastError() != ERROR_SERVICE_NOT_ACTIVE)
        return scm_fail("stop", GetLastError());
    cli_printf(CLI_STDERR, "Stopping the " CLI_SERVICE_NAME " service");
    return wait_for(s, SERVICE_STOPPED, "stopping");
}

static int start_service(const cli_service *s)
{
    if (!StartServiceW(s->svc, 0, NULL)) {
        DWORD code = GetLastError();
        if (code != ERROR_SERVICE_ALREADY_RUNNING)
            return scm_fail("start", code);
        cli_printf(CLI_STDOUT, "The " CLI_SERVICE_NAME " service is running already.\n");
        return CLI_OK;
    }
    cli_printf(CLI_STDERR, "Starting the " CLI_SERVICE_NAME " service");
    return wait_for(s, SERVICE_RUNNING, "starting");
}

/* Opens the service for access, runs act on it, closes it. */
static int with_service(DWORD access, const char *what, int (*act)(const cli_service *s))
{
    cli_service s;
    DWORD code = cli_scm_open(access, &s);
    if (code != ERROR_SUCCESS)
        return scm_fail(what, code);
    int rc = act(&s);
    cli_scm_close(&s);
    return rc;
}

int cli_service_start(const cli_call *call)
{
    return with_service(SERVICE_START | SERVICE_QUERY_STATUS, "start", start_service);
}

int cli_service_stop(const cli_call *call)
{
    return with_service(SERVICE_STOP | SERVICE_QUERY_STATUS, "stop", stop_service);
}

static int restart_service(const cli_service *s)
{
    int rc = stop_service(s);
    return rc == CLI_OK ? start_service(s) : rc;
}

int cli_service_restart(const cli_call *call)
{
    return with_service(SERVICE_START | SERVICE_STOP | SERVICE_QUERY_STATUS, "restart",
                        restart_service);
}

static int delete_service(const cli_service *s)
{
    pxb_error err;
    int rc = stop_service(s);
    if (rc != CLI_OK)
        return rc;
    if (!DeleteService(s->svc))
        return scm_fail("uninstall", GetLastError());
    if (pxb_eventlog_unregister(&err) != 0)
        cli_printf(CLI_STDERR, "warning: %s\n", err.text);
    cli_printf(CLI_STDOUT, "The " CLI_SERVICE_NAME " service is uninstalled. The settings stay "
                           "(see '" CLI_PROGRAM " config show').\n");
    return CLI_OK;
}

int cli_service_uninstall(const cli_call *call)
{
    return with_service(SERVICE_STOP | SERVICE_QUERY_STATUS | DELETE, "uninstall",
                        delete_service);
}

/* pxebridge-service.exe in this program's folder into out (MAX_PATH + 1 characters). */
static int find_service_exe(wchar_t *out)
{
    if (cli_beside_program(SERVICE_EXE, out) != 0)
        return cli_fail("cannot tell where " CLI_PROGRAM ".exe is, or its folder has too long "
                        "a name");
    if (GetFileAttributesW(out) != INVALID_FILE_ATTRIBUTES)
        return CLI_OK;
    char *text = pxb_utf8_from_wide(out, (size_t)-1);
    int rc = cli_fail("%s is missing: the service program must be beside " CLI_PROGRAM ".exe; "
                      "repair the installation (the pxebridge MSI)", text ? text : "?");
    free(text);
    return rc;
}

int cli_service_install(const cli_call *call)
{
    wchar_t exe[MAX_PATH + 1];
    pxb_error err;
    if (find_service_exe(exe) != CLI_OK)
        return CLI_FAILED;
    DWORD code = cli_scm_create(exe);
    if (code == ERROR_SERVICE_EXISTS)
        return cli_fail("the " CLI_SERVICE_NAME " service is installed already; start it with '"
                        CLI_PROGRAM " service start', or remove it first with '" CLI_PROGRAM
                        " service uninstall'");
    if (code != ERROR_SUCCESS)
        return scm_fail("install", code);
    if (pxb_eventlog_register(exe, &err) != 0)
        cli_printf(CLI_STDERR, "warning: %s (the service registers it when it starts)\n",
                   err.text);
    char *text = pxb_utf8_from_wide(exe, (size_t)-1);
    cli_printf(CLI_STDOUT, "The " CLI_SERVICE_NAME " service (" CLI_SERVICE_DISPLAY ") is "
                           "installed: %s, automatic start, restarted 60 s after a failure "
                           "(at most twice within a day).\nStart it with '" CLI_PROGRAM " service start'.\n",
               text ? text : "?");
    free(text);
    return CLI_OK;
}
