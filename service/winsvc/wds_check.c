/* wds_check.c: is WDS running beside the proxyDHCP server (see wds_check.h)? Asks the
 * Service Control Manager for WDSServer's state (service_state.h). */
#include "wds_check.h"

#include <windows.h>

#include "log.h"
#include "service_state.h"

void pxb_wds_check(const pxb_boot_plan *plan)
{
    pxb_error err = {0};
    if (plan->proxy_dhcp == PXB_PROXY_OFF)
        return;
    long state = pxb_service_state(PXB_WDS_SERVICE, &err);
    if (state < 0) {
        pxb_log(PXB_LOG_DEBUG, PXB_EV_GENERIC,
                "proxyDHCP: whether WDS (WDSServer) runs cannot be read: %s", err.text);
        return;
    }
    if (state == 0 || state == SERVICE_STOPPED)
        return; /* not installed, or not running */
    pxb_log(PXB_LOG_WARN, PXB_EV_WDS_RUNNING,
            "proxyDHCP: Windows Deployment Services (WDSServer) is running on this machine "
            "and answers PXE clients too (ports 67 and 4011), so a client may take WDS's "
            "answer instead of the boot plan's: stop and disable WDS ('sc stop WDSServer', "
            "'sc config WDSServer start= disabled') or its PXE provider, or set ProxyDhcp=off "
            "and let the DHCP server's policies send the boot options");
}
