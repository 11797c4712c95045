/* scm.c: the PxeBridge service's state (see scm.h). */
#include "scm.h"

#include <stdio.h>

#include "win_text.h"

long cli_scm_state(char *err, size_t err_len)
{
    SERVICE_STATUS st;
    SC_HANDLE scm = OpenSCManagerW(NULL, NULL, SC_MANAGER_CONNECT);
    SC_HANDLE svc = scm ? OpenServiceW(scm, L"" CLI_SERVICE_NAME, SERVICE_QUERY_STATUS) : NULL;
    DWORD code = GetLastError();
    long state = -1;
    if (svc != NULL && QueryServiceStatus(svc, &st))
        state = (long)st.dwCurrentState;
    else if (scm != NULL && svc == NULL && code == ERROR_SERVICE_DOES_NOT_EXIST)
        state = 0;
    else
        code = GetLastError();
    if (state < 0)
        pxb_describe_error(code, err, err_len);
    if (svc != NULL)
        CloseServiceHandle(svc);
    if (scm != NULL)
        CloseServiceHandle(scm);
    return state;
}
