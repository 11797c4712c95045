/* scm.c: the PxeBridge service under the Service Control Manager (see scm.h). */
#include "scm.h"

#include <stdio.h>
#include <wchar.h>

#include "console.h"
#include "service_state.h"
#include "win_text.h"

#define SERVICE_DESCRIPTION L"Serves the iPXE boot images over TFTP and keeps the DHCP " \
                            L"server's boot policies correct."
/* The same policy as the MSI's: a boot server should come back quickly, then back off. */
#define RESTART_SOON_MS 5000
#define RESTART_LATER_MS 60000
#define RESET_PERIOD_S 86400
#define POLL_MS 250

long cli_scm_state(pxb_error *err)
{
    return pxb_service_state(L"" CLI_SERVICE_NAME, err);
}

DWORD cli_scm_open(DWORD access, cli_service *s)
{
    s->svc = NULL;
    s->scm = OpenSCManagerW(NULL, NULL, SC_MANAGER_CONNECT);
    if (s->scm == NULL)
        return GetLastError();
    s->svc = OpenServiceW(s->scm, L"" CLI_SERVICE_NAME, access);
    if (s->svc != NULL)
        return ERROR_SUCCESS;
    DWORD code = GetLastError();
    cli_scm_close(s);
    return code;
}

void cli_scm_close(cli_service *s)
{
    if (s->svc != NULL)
        CloseServiceHandle(s->svc);
    if (s->scm != NULL)
        CloseServiceHandle(s->scm);
    s->svc = s->scm = NULL;
}

/* The description and the failure actions of a service just created. */
static DWORD configure(SC_HANDLE svc)
{
    SERVICE_DESCRIPTIONW description = {(LPWSTR)SERVICE_DESCRIPTION};
    SC_ACTION actions[] = {{SC_ACTION_RESTART, RESTART_SOON_MS},
                           {SC_ACTION_RESTART, RESTART_SOON_MS},
                           {SC_ACTION_RESTART, RESTART_LATER_MS}};
    SERVICE_FAILURE_ACTIONSW failure = {RESET_PERIOD_S, NULL, NULL,
                                        sizeof actions / sizeof actions[0], actions};
    if (!ChangeServiceConfig2W(svc, SERVICE_CONFIG_DESCRIPTION, &description))
        return GetLastError();
    if (!ChangeServiceConfig2W(svc, SERVICE_CONFIG_FAILURE_ACTIONS, &failure))
        return GetLastError();
    return ERROR_SUCCESS;
}

DWORD cli_scm_create(const wchar_t *binary)
{
    wchar_t quoted[MAX_PATH + 3];
    if (swprintf(quoted, sizeof quoted / sizeof quoted[0], L"\"%ls\"", binary) < 0)
        return ERROR_FILENAME_EXCED_RANGE;
    SC_HANDLE scm = OpenSCManagerW(NULL, NULL, SC_MANAGER_CREATE_SERVICE);
    if (scm == NULL)
        return GetLastError();
    SC_HANDLE svc = CreateServiceW(scm, L"" CLI_SERVICE_NAME, L"" CLI_SERVICE_DISPLAY,
                                   SERVICE_ALL_ACCESS, SERVICE_WIN32_OWN_PROCESS,
                                   SERVICE_AUTO_START, SERVICE_ERROR_NORMAL, quoted, NULL, NULL,
                                   NULL, NULL, NULL);
    DWORD code = svc == NULL ? GetLastError() : configure(svc);
    if (svc != NULL && code != ERROR_SUCCESS)
        DeleteService(svc);
    if (svc != NULL)
        CloseServiceHandle(svc);
    CloseServiceHandle(scm);
    return code;
}

DWORD cli_scm_query(const cli_service *s, DWORD *state)
{
    SERVICE_STATUS st;
    if (!QueryServiceStatus(s->svc, &st))
        return GetLastError();
    *state = st.dwCurrentState;
    return ERROR_SUCCESS;
}

DWORD cli_scm_wait(const cli_service *s, DWORD state, unsigned seconds)
{
    for (unsigned waited_ms = 0;; waited_ms += POLL_MS) {
        DWORD now = 0;
        DWORD code = cli_scm_query(s, &now);
        if (code != ERROR_SUCCESS)
            return code;
        if (now == state)
            return ERROR_SUCCESS;
        if (now == SERVICE_STOPPED && state == SERVICE_RUNNING)
            return ERROR_SERVICE_NOT_ACTIVE;
        if (waited_ms >= seconds * 1000u)
            return ERROR_TIMEOUT;
        if (waited_ms % 1000u == 0)
            cli_printf(CLI_STDERR, ".");
        Sleep(POLL_MS);
    }
}
