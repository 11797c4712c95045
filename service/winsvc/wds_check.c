/* wds_check.c: is WDS running beside the proxyDHCP server (see wds_check.h)? Asks the
 * Service Control Manager for WDSServer's state. */
#include "wds_check.h"

#include <windows.h>

#include "log.h"
#include "win_text.h"

enum wds_state { WDS_ABSENT, WDS_NOT_RUNNING, WDS_RUNNING, WDS_UNKNOWN };

/* WDSServer's state; WDS_UNKNOWN with the reason in err when it cannot be read. */
static enum wds_state wds_state(pxb_error *err)
{
    SERVICE_STATUS st;
    SC_HANDLE scm = OpenSCManagerW(NULL, NULL, SC_MANAGER_CONNECT);
    SC_HANDLE svc = scm ? OpenServiceW(scm, PXB_WDS_SERVICE, SERVICE_QUERY_STATUS) : NULL;
    DWORD code = GetLastError();
    enum wds_state state = WDS_UNKNOWN;
    if (svc != NULL && QueryServiceStatus(svc, &st))
        state = st.dwCurrentState == SERVICE_STOPPED ? WDS_NOT_RUNNING : WDS_RUNNING;
    else if (scm != NULL && svc == NULL && code == ERROR_SERVICE_DOES_NOT_EXIST)
        state = WDS_ABSENT;
    else
        code = GetLastError();
    if (state == WDS_UNKNOWN) {
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

void pxb_wds_check(const pxb_boot_plan *plan)
{
    pxb_error err = {0};
    if (plan->proxy_dhcp == PXB_PROXY_OFF)
        return;
    enum wds_state state = wds_state(&err);
    if (state == WDS_UNKNOWN) {
        pxb_log(PXB_LOG_DEBUG, PXB_EV_GENERIC,
                "proxyDHCP: whether WDS (WDSServer) runs cannot be read: %s", err.text);
        return;
    }
    if (state != WDS_RUNNING)
        return;
    pxb_log(PXB_LOG_WARN, PXB_EV_WDS_RUNNING,
            "proxyDHCP: Windows Deployment Services (WDSServer) is running on this machine "
            "and answers PXE clients too (ports 67 and 4011), so a client may take WDS's "
            "answer instead of the boot plan's: stop and disable WDS ('sc stop WDSServer', "
            "'sc config WDSServer start= disabled') or its PXE provider, or set ProxyDhcp=off "
            "and let the DHCP server's policies send the boot options");
}
