/* dhcp_reach.c: which DHCP servers a run covers (see dhcp_reach.h). */
#include "dhcp_reach.h"

#include "config_registry.h"

enum pxb_dhcp_reach cli_dhcp_reach(const cli_call *call)
{
    pxb_config config;
    pxb_error err = {0};

    if (pxb_cli_has(&call->args, "no-failover"))
        return PXB_DHCP_THIS_SERVER_ONLY;
    if (pxb_registry_load(NULL, &config, &err) == 0 && !config.dhcp_failover)
        return PXB_DHCP_THIS_SERVER_ONLY;
    return PXB_DHCP_WITH_PARTNERS;
}
