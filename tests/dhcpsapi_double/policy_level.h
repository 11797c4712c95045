/* policy_level.h: the level (server or scope) a policy call names and the policy it names
 * there, as MS-DHCPM 3.2.4.108-113 retrieve them: a missing scope is SUBNET_NOT_PRESENT, a
 * missing policy POLICY_NOT_FOUND. The caller has checked the level's arguments
 * (policy_check_level). */
#ifndef PXB_DOUBLE_POLICY_LEVEL_H
#define PXB_DOUBLE_POLICY_LEVEL_H

#include "dhcpsapi_decl.h"
#include "model.h"

/* *level: 0 for the server, else the scope, which must exist. */
DWORD level_resolve(dbl_server *server, BOOL global, DHCP_IP_ADDRESS subnet, uint32_t *level);
DWORD level_find_policy(dbl_server *server, BOOL global, DHCP_IP_ADDRESS subnet,
                        const WCHAR *name, dbl_policy **found);

#endif
