/* dhcp_reach.h: which Microsoft DHCP servers a `dhcp` or `explain --server` run covers: the
 * servers named and their failover partners, unless --no-failover is given or the service's
 * DhcpFailover setting is 0 (settings that cannot be read leave it on, the default). */
#ifndef PXB_CLI_DHCP_REACH_H
#define PXB_CLI_DHCP_REACH_H

#include "cli.h"
#include "dhcp_sync.h"

/* The --no-failover option, for the commands' option tables. */
#define CLI_NO_FAILOVER_OPTION                                                               \
    {"no-failover", 0, NULL, 0,                                                               \
     "work on the servers named only, not on their failover partners (default: the "          \
     "DhcpFailover setting, on)"}

enum pxb_dhcp_reach cli_dhcp_reach(const cli_call *call);

#endif
