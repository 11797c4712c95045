/* failover.h: what the failover calls (MS-DHCPM 3.2.4.90-97: failover_create.c,
 * failover_change.c, failover_read.c) share: the checks on the scopes a call names, adding
 * and removing them in a relationship, and which states are a re-integration with the
 * partner. */
#ifndef PXB_DOUBLE_FAILOVER_H
#define PXB_DOUBLE_FAILOVER_H

#include "dhcpsapi_decl.h"
#include "model.h"

/* ERROR_INVALID_PARAMETER when the call's scope list is missing or empty (3.2.4.90, 95, 96:
 * pScopes NULL, NumElements 0; Elements NULL too: the double needs them), else 0. */
DWORD failover_check_scope_list(const DHCP_IP_ARRAY *scopes);
/* 3.2.4.90 / 95 / 96: ERROR_DHCP_SUBNET_NOT_PRESENT when a scope of the list is not one of
 * the server's; every scope of the double is a DHCP scope, so the rule on BOOTP-only
 * scopes that follows in each section never refuses. */
DWORD failover_check_scopes_present(dbl_server *server, const DHCP_IP_ARRAY *scopes);
/* 1 if a scope of the list is in one of the server's relationships. */
int failover_scopes_taken(dbl_server *server, const DHCP_IP_ARRAY *scopes);
/* 1 if every scope of the list is in the relationship. */
int failover_has_scopes(const dbl_failover *failover, const DHCP_IP_ARRAY *scopes);
/* Adds the list's scopes to the relationship (each once): 0, or -1 when out of memory. */
int failover_add_scopes(dbl_failover *failover, const DHCP_IP_ARRAY *scopes);
/* Removes the list's scopes from the relationship. */
void failover_remove_scopes(dbl_failover *failover, const DHCP_IP_ARRAY *scopes);
/* 1 if state is one where the partners re-integrate (2.2.1.1.20: POTENTIAL_CONFLICT,
 * CONFLICT_DONE, RECOVER, RECOVER_WAIT, RECOVER_DONE): 3.2.4.95 / 96's "re-integrating
 * with the partner server". */
int failover_reintegrating(int state);
/* 1 if mode is a DHCP_FAILOVER_MODE (2.2.1.1.18). */
int failover_mode_known(DWORD mode);

#endif
