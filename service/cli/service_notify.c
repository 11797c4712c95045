/* service_notify.c: PARAMCHANGE to the running PxeBridge service (see service_notify.h). */
#include "service_notify.h"

#include <windows.h>

#include "cli.h"
#include "console.h"
#include "pxb_error.h"
#include "win_text.h"


static int failed(const char *what, DWORD code)
{
    char reason[PXB_ERROR_TEXT_MAX];
    pxb_describe_error(code, reason, sizeof reason);
    return cli_fail("the settings are stored, but %s: %s; run 'sc control " CLI_SERVICE_NAME
                    " paramchange' as an administrator to apply them now",
                    what, reason);
}

/* Sends PARAMCHANGE if the service is running; prints the outcome. */
static int notify(SC_HANDLE svc)
{
    SERVICE_STATUS st;
    if (!QueryServiceStatus(svc, &st))
        return failed("the state of the " CLI_SERVICE_NAME " service cannot be read",
                      GetLastError());
    if (st.dwCurrentState != SERVICE_RUNNING) {
        cli_printf(CLI_STDOUT, "The " CLI_SERVICE_NAME " service is not running: the settings "
                               "apply when it starts.\n");
        return CLI_OK;
    }
    if (!ControlService(svc, SERVICE_CONTROL_PARAMCHANGE, &st))
        return failed("the running " CLI_SERVICE_NAME " service could not be sent PARAMCHANGE",
                      GetLastError());
    cli_printf(CLI_STDOUT, "The " CLI_SERVICE_NAME " service is running: it was sent PARAMCHANGE "
                           "and applies the settings now, without a restart.\n");
    return CLI_OK;
}

int cli_notify_service(void)
{
    SC_HANDLE scm = OpenSCManagerW(NULL, NULL, SC_MANAGER_CONNECT);
    if (scm == NULL)
        return failed("the Service Control Manager cannot be reached", GetLastError());
    SC_HANDLE svc = OpenServiceW(scm, L"" CLI_SERVICE_NAME,
                                 SERVICE_QUERY_STATUS | SERVICE_PAUSE_CONTINUE);
    DWORD code = GetLastError();
    CloseServiceHandle(scm);
    if (svc == NULL && code == ERROR_SERVICE_DOES_NOT_EXIST) {
        cli_printf(CLI_STDOUT, "The " CLI_SERVICE_NAME " service is not installed: the "
                               "settings apply once it is installed and started.\n");
        return CLI_OK;
    }
    if (svc == NULL)
        return failed("the " CLI_SERVICE_NAME " service cannot be opened", code);
    int rc = notify(svc);
    CloseServiceHandle(svc);
    return rc;
}
