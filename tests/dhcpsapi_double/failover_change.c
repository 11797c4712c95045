/* failover_change.c: changes to a failover relationship's record on one server:
 * R_DhcpV4FailoverSetRelationship (MS-DHCPM 3.2.4.91: the members its Flags name),
 * R_DhcpV4FailoverAddScopeToRelationship (3.2.4.95) and
 * R_DhcpV4FailoverDeleteScopeFromRelationship (3.2.4.96), each rule in its section's order.
 * The partner's record does not change with it. */
#include <stdlib.h>

#include "exports.h"
#include "failover.h"
#include "rpcmem.h"
#include "session.h"

#define SET_FLAGS                                                                              \
    (PXB_DHCP_FO_MCLT | PXB_DHCP_FO_SAFEPERIOD | PXB_DHCP_FO_CHANGESTATE |                    \
     PXB_DHCP_FO_PERCENTAGE | PXB_DHCP_FO_MODE | PXB_DHCP_FO_PREVSTATE)

static int state_known(DWORD state)
{
    return state <= RECOVER_DONE;
}

/* 3.2.4.91's ERROR_INVALID_PARAMETER list; strictest reading: a state to set that is no
 * FSM_STATE (2.2.1.1.20) is refused too. */
static DWORD check_set_parameters(DWORD flags, const DHCP_FAILOVER_RELATIONSHIP *in)
{
    if (!in || !in->relationshipName || flags == 0 || (flags & ~(DWORD)SET_FLAGS))
        return PXB_ERROR_INVALID_PARAMETER;
    if ((flags & PXB_DHCP_FO_PERCENTAGE) && in->percentage > 100)
        return PXB_ERROR_INVALID_PARAMETER;
    if ((flags & PXB_DHCP_FO_MODE) && !failover_mode_known((DWORD)in->mode))
        return PXB_ERROR_INVALID_PARAMETER;
    if (((flags & PXB_DHCP_FO_CHANGESTATE) && !state_known((DWORD)in->state)) ||
        ((flags & PXB_DHCP_FO_PREVSTATE) && !state_known((DWORD)in->prevState)))
        return PXB_ERROR_INVALID_PARAMETER;
    return ERROR_SUCCESS;
}

/* The record the call names by in->relationshipName, or NULL with *rc set: 87 for a name
 * that is not UTF-16, RELATIONSHIP_DOES_NOT_EXIST. */
static dbl_failover *named_record(dbl_server *server, const DHCP_FAILOVER_RELATIONSHIP *in,
                                  DWORD *rc)
{
    char *name = rpc_utf8(in->relationshipName);
    dbl_failover *f = name ? model_find_failover(server, name) : NULL;
    free(name);
    if (!f)
        *rc = name ? PXB_ERROR_DHCP_FO_RELATIONSHIP_DOES_NOT_EXIST : PXB_ERROR_INVALID_PARAMETER;
    return f;
}

/* 3.2.4.91's table: each flag copies one member. */
static void apply_flags(dbl_failover *f, DWORD flags, const DHCP_FAILOVER_RELATIONSHIP *in)
{
    if (flags & PXB_DHCP_FO_MCLT)
        f->mclt = in->mclt;
    if (flags & PXB_DHCP_FO_SAFEPERIOD)
        f->safe_period = in->safePeriod;
    if (flags & PXB_DHCP_FO_CHANGESTATE)
        f->state = in->state;
    if (flags & PXB_DHCP_FO_PERCENTAGE)
        f->percentage = in->percentage;
    if (flags & PXB_DHCP_FO_MODE)
        f->mode = in->mode;
    if (flags & PXB_DHCP_FO_PREVSTATE)
        f->prev_state = in->prevState;
}

DWORD WINAPI DhcpV4FailoverSetRelationship(LPWSTR server_name, DWORD flags,
                                           LPDHCP_FAILOVER_RELATIONSHIP relationship)
{
    session s;
    DWORD rc = session_open(&s, server_name, CALL_V4_WRITE);
    /* 3.2.4.91: the parameters, then access (3.5.5), then the record. */
    if (rc == ERROR_SUCCESS)
        rc = check_set_parameters(flags, relationship);
    if (rc == ERROR_SUCCESS)
        rc = session_authorize(&s);
    dbl_failover *f = rc ? NULL : named_record(s.server, relationship, &rc);
    if (f)
        apply_flags(f, flags, relationship);
    return session_close(&s, rc);
}

/* 3.2.4.95 / 96 up to the record: the parameters, access (3.5.5), the scopes exist (the
 * BOOTP-only rule never refuses here: failover.h), a server without relationships
 * (ERROR_FILE_NOT_FOUND). */
static DWORD open_scope_change(session *s, const WCHAR *server_name,
                               const DHCP_FAILOVER_RELATIONSHIP *in)
{
    DWORD rc = session_open(s, server_name, CALL_V4_WRITE);
    if (rc == ERROR_SUCCESS && (!in || !in->relationshipName))
        rc = PXB_ERROR_INVALID_PARAMETER;
    if (rc == ERROR_SUCCESS)
        rc = failover_check_scope_list(in->pScopes);
    if (rc == ERROR_SUCCESS)
        rc = session_authorize(s);
    if (rc == ERROR_SUCCESS)
        rc = failover_check_scopes_present(s->server, in->pScopes);
    if (rc == ERROR_SUCCESS && s->server->failover_count == 0)
        rc = PXB_ERROR_FILE_NOT_FOUND;
    return rc;
}

/* 3.2.4.95's last checks: the scopes are free, the record exists, its state is NORMAL
 * (SCOPE_SYNC_IN_PROGRESS while the partners re-integrate, STATE_NOT_NORMAL otherwise). */
static DWORD add_scopes(dbl_server *server, const DHCP_FAILOVER_RELATIONSHIP *in)
{
    DWORD rc = ERROR_SUCCESS;
    if (failover_scopes_taken(server, in->pScopes))
        return PXB_ERROR_DHCP_FO_SCOPE_ALREADY_IN_RELATIONSHIP;
    dbl_failover *f = named_record(server, in, &rc);
    if (!f)
        return rc;
    if (failover_reintegrating(f->state))
        return PXB_ERROR_DHCP_FO_SCOPE_SYNC_IN_PROGRESS;
    if (f->state != NORMAL)
        return PXB_ERROR_DHCP_FO_STATE_NOT_NORMAL;
    /* The scopes' IsFailover turns TRUE with the record's scope list. */
    return failover_add_scopes(f, in->pScopes) ? ERROR_NOT_ENOUGH_MEMORY : ERROR_SUCCESS;
}


/* 3.2.4.96's last checks: the record exists, holds every scope named
 * (SCOPE_NOT_IN_RELATIONSHIP), and is not re-integrating (SCOPE_SYNC_IN_PROGRESS). */
static DWORD remove_scopes(dbl_server *server, const DHCP_FAILOVER_RELATIONSHIP *in)
{
    DWORD rc = ERROR_SUCCESS;
    dbl_failover *f = named_record(server, in, &rc);
    if (!f)
        return rc;
    if (!failover_has_scopes(f, in->pScopes))
        return PXB_ERROR_DHCP_FO_SCOPE_NOT_IN_RELATIONSHIP;
    if (failover_reintegrating(f->state))
        return PXB_ERROR_DHCP_FO_SCOPE_SYNC_IN_PROGRESS;
    /* The scopes' IsFailover turns FALSE with the record's scope list. */
    failover_remove_scopes(f, in->pScopes);
    return ERROR_SUCCESS;
}

typedef DWORD scope_change(dbl_server *server, const DHCP_FAILOVER_RELATIONSHIP *in);

/* One call of 3.2.4.95 (change: add_scopes) or 3.2.4.96 (remove_scopes). */
static DWORD run_scope_change(const WCHAR *server_name, const DHCP_FAILOVER_RELATIONSHIP *in,
                              scope_change *change)
{
    session s;
    DWORD rc = open_scope_change(&s, server_name, in);
    if (rc == ERROR_SUCCESS)
        rc = change(s.server, in);
    return session_close(&s, rc);
}

DWORD WINAPI DhcpV4FailoverAddScopeToRelationship(LPWSTR server_name,
                                                  LPDHCP_FAILOVER_RELATIONSHIP relationship)
{
    return run_scope_change(server_name, relationship, add_scopes);
}

DWORD WINAPI DhcpV4FailoverDeleteScopeFromRelationship(LPWSTR server_name,
                                                       LPDHCP_FAILOVER_RELATIONSHIP relationship)
{
    return run_scope_change(server_name, relationship, remove_scopes);
}
