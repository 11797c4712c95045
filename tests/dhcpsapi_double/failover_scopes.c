/* failover_scopes.c: the scopes of a failover relationship: the checks the failover calls
 * make on the scopes they name (MS-DHCPM 3.2.4.90, 95, 96), adding and removing them, and
 * the states that count as a re-integration with the partner. */
#include "failover.h"

int failover_mode_known(DWORD mode)
{
    return mode == LoadBalance || mode == HotStandby;
}

DWORD failover_check_scope_list(const DHCP_IP_ARRAY *scopes)
{
    if (!scopes || scopes->NumElements == 0 || !scopes->Elements)
        return PXB_ERROR_INVALID_PARAMETER;
    return ERROR_SUCCESS;
}

DWORD failover_check_scopes_present(dbl_server *server, const DHCP_IP_ARRAY *scopes)
{
    for (DWORD i = 0; i < scopes->NumElements; i++) {
        if (!model_find_subnet(server, scopes->Elements[i]))
            return PXB_ERROR_DHCP_SUBNET_NOT_PRESENT;
    }
    return ERROR_SUCCESS;
}

int failover_scopes_taken(dbl_server *server, const DHCP_IP_ARRAY *scopes)
{
    for (DWORD i = 0; i < scopes->NumElements; i++) {
        if (model_find_failover_scope(server, scopes->Elements[i]))
            return 1;
    }
    return 0;
}

static int holds_scope(const dbl_failover *failover, uint32_t scope)
{
    for (size_t i = 0; i < failover->scope_count; i++) {
        if (failover->scopes[i] == scope)
            return 1;
    }
    return 0;
}

int failover_has_scopes(const dbl_failover *failover, const DHCP_IP_ARRAY *scopes)
{
    for (DWORD i = 0; i < scopes->NumElements; i++) {
        if (!holds_scope(failover, scopes->Elements[i]))
            return 0;
    }
    return 1;
}

int failover_add_scopes(dbl_failover *failover, const DHCP_IP_ARRAY *scopes)
{
    for (DWORD i = 0; i < scopes->NumElements; i++) {
        if (holds_scope(failover, scopes->Elements[i]))
            continue;
        uint32_t *scope = model_grow((void **)&failover->scopes, &failover->scope_count,
                                     sizeof *scope);
        if (!scope)
            return -1;
        *scope = scopes->Elements[i];
    }
    return 0;
}

void failover_remove_scopes(dbl_failover *failover, const DHCP_IP_ARRAY *scopes)
{
    for (size_t i = failover->scope_count; i-- > 0;) {
        for (DWORD k = 0; k < scopes->NumElements; k++) {
            if (failover->scopes[i] == scopes->Elements[k]) {
                model_cut(failover->scopes, &failover->scope_count, sizeof(uint32_t), i);
                break;
            }
        }
    }
}

int failover_reintegrating(int state)
{
    return state == POTENTIAL_CONFLICT || state == CONFLICT_DONE || state == RECOVER ||
           state == RECOVER_WAIT || state == RECOVER_DONE;
}
