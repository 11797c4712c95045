/* service_state.c: a service's state from the Service Control Manager (service_state.h). */
#include "service_state.h"

#include <windows.h>

#include "win_text.h"

long pxb_service_state(const wchar_t *name, pxb_error *err)
{
    SERVICE_STATUS st;
    SC_HANDLE scm = OpenSCManagerW(NULL, NULL, SC_MANAGER_CONNECT);
    SC_HANDLE svc = scm ? OpenServiceW(scm, name, SERVICE_QUERY_STATUS) : NULL;
    DWORD code = GetLastError();
    long state = -1;
    if (svc != NULL && QueryServiceStatus(svc, &st))
        state = (long)st.dwCurrentState;
    else if (scm != NULL && svc == NULL && code == ERROR_SERVICE_DOES_NOT_EXIST)
        state = 0;
    else
        code = GetLastError();
    if (state < 0) {
        char reason[256];
        pxb_describe_error(code, reason, sizeof reason);
        pxb_error_set_code(err, code, "%s", reason);
    }
    if (svc != NULL)
        CloseServiceHandle(svc);
    if (scm != NULL)
        CloseServiceHandle(scm);
    return state;
}
