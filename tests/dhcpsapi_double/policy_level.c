/* policy_level.c: the level and the policy a policy call names (policy_level.h). */
#include "policy_level.h"

#include <stdlib.h>

#include "rpcmem.h"

DWORD level_resolve(dbl_server *server, BOOL global, DHCP_IP_ADDRESS subnet, uint32_t *level)
{
    *level = global ? 0 : subnet;
    if (global)
        return ERROR_SUCCESS;
    return model_find_subnet(server, subnet) ? ERROR_SUCCESS : PXB_ERROR_DHCP_SUBNET_NOT_PRESENT;
}

DWORD level_find_policy(dbl_server *server, BOOL global, DHCP_IP_ADDRESS subnet,
                        const WCHAR *name, dbl_policy **found)
{
    uint32_t level;
    DWORD rc = level_resolve(server, global, subnet, &level);
    if (rc)
        return rc;
    char *utf8 = rpc_utf8(name);
    if (!utf8)
        return PXB_ERROR_INVALID_PARAMETER;
    *found = model_find_policy(server, level, utf8);
    free(utf8);
    /* 3.2.4.110 gives no code for a missing policy: POLICY_NOT_FOUND, as 3.2.4.111/112. */
    return *found ? ERROR_SUCCESS : PXB_ERROR_DHCP_POLICY_NOT_FOUND;
}
