/* failover_create.c: a failover relationship's record on one server comes and goes:
 * R_DhcpV4FailoverCreateRelationship (MS-DHCPM 3.2.4.90) and
 * R_DhcpV4FailoverDeleteRelationship (3.2.4.92), each rule in its section's order. Only the
 * server called holds the record: creating it creates nothing on the partner, deleting it
 * deletes nothing there (3.2.4.90 makes a local record only). */
#include <stdlib.h>
#include <wchar.h>

#include "exports.h"
#include "failover.h"
#include "rpcmem.h"
#include "session.h"

/* 3.2.4.90's ERROR_INVALID_PARAMETER list. */
static DWORD check_create_parameters(const DHCP_FAILOVER_RELATIONSHIP *in)
{
    if (!in || !in->relationshipName || in->primaryServer == 0 || in->secondaryServer == 0)
        return PXB_ERROR_INVALID_PARAMETER;
    DWORD rc = failover_check_scope_list(in->pScopes);
    if (rc)
        return rc;
    if (in->percentage > 100 || !failover_mode_known((DWORD)in->mode))
        return PXB_ERROR_INVALID_PARAMETER;
    if ((DWORD)in->serverType != PrimaryServer && (DWORD)in->serverType != SecondaryServer)
        return PXB_ERROR_INVALID_PARAMETER;
    return ERROR_SUCCESS;
}

/* 3.2.4.90's rules on the server's records, after the scopes exist. */
static DWORD check_create_against(dbl_server *server, const DHCP_FAILOVER_RELATIONSHIP *in,
                                  const char *name)
{
    if (wcslen(in->relationshipName) > PXB_DHCP_FO_NAME_MAX)
        return PXB_ERROR_DHCP_FO_RELATIONSHIP_NAME_TOO_LONG;
    if (server->failover_count >= PXB_DHCP_FO_RELATIONSHIPS_MAX)
        return PXB_ERROR_DHCP_FO_MAX_RELATIONSHIPS;
    if (failover_scopes_taken(server, in->pScopes))
        return PXB_ERROR_DHCP_FO_SCOPE_ALREADY_IN_RELATIONSHIP;
    if (model_find_failover(server, name))
        return PXB_ERROR_DHCP_FO_RELATIONSHIP_EXISTS;
    return ERROR_SUCCESS;
}

/* 3.2.4.90: the record from the input, in STARTUP after INIT; safePeriod 0 means
 * 0xFFFFFFFF. The scopes' IsFailover follows from the record's scope list. */
static DWORD add_record(dbl_server *server, const DHCP_FAILOVER_RELATIONSHIP *in, char *name)
{
    dbl_failover *f = model_grow((void **)&server->failovers, &server->failover_count,
                                 sizeof *f);
    if (!f) {
        free(name);
        return ERROR_NOT_ENOUGH_MEMORY;
    }
    f->name = name;
    f->primary = in->primaryServer;
    f->secondary = in->secondaryServer;
    f->mode = in->mode;
    f->role = in->serverType;
    f->state = STARTUP;
    f->prev_state = INIT;
    f->mclt = in->mclt;
    f->safe_period = in->safePeriod ? in->safePeriod : 0xFFFFFFFFu;
    f->percentage = in->percentage;
    f->primary_name = rpc_utf8(in->primaryServerName);
    f->secondary_name = rpc_utf8(in->secondaryServerName);
    f->secret = rpc_utf8(in->pSharedSecret);
    if (!f->primary_name || !f->secondary_name || !f->secret)
        return PXB_ERROR_INVALID_PARAMETER;
    return failover_add_scopes(f, in->pScopes) ? ERROR_NOT_ENOUGH_MEMORY : ERROR_SUCCESS;
}

static DWORD create_relationship(dbl_server *server, const DHCP_FAILOVER_RELATIONSHIP *in)
{
    DWORD rc = check_create_parameters(in);
    if (!rc)
        rc = failover_check_scopes_present(server, in->pScopes);
    if (rc)
        return rc;
    char *name = rpc_utf8(in->relationshipName);
    if (!name)
        return PXB_ERROR_INVALID_PARAMETER;
    rc = check_create_against(server, in, name);
    if (rc) {
        free(name);
        return rc;
    }
    return add_record(server, in, name);
}

DWORD WINAPI DhcpV4FailoverCreateRelationship(LPWSTR server_name,
                                              LPDHCP_FAILOVER_RELATIONSHIP relationship)
{
    session s;
    /* 3.2.4.90 checks access (3.5.5) before its parameters. */
    DWORD rc = session_enter(&s, server_name, CALL_V4_WRITE);
    if (rc == ERROR_SUCCESS)
        rc = create_relationship(s.server, relationship);
    return session_close(&s, rc);
}

DWORD WINAPI DhcpV4FailoverDeleteRelationship(LPWSTR server_name, LPWSTR name)
{
    session s;
    DWORD rc = session_open(&s, server_name, CALL_V4_WRITE);
    /* 3.2.4.92: the name (87), then access (3.5.5), then the record. */
    if (rc == ERROR_SUCCESS && !name)
        rc = PXB_ERROR_INVALID_PARAMETER;
    if (rc == ERROR_SUCCESS)
        rc = session_authorize(&s);
    char *utf8 = rc ? NULL : rpc_utf8(name);
    if (rc == ERROR_SUCCESS && !utf8)
        rc = PXB_ERROR_INVALID_PARAMETER;
    dbl_failover *f = rc ? NULL : model_find_failover(s.server, utf8);
    free(utf8);
    if (rc == ERROR_SUCCESS && !f)
        rc = PXB_ERROR_DHCP_FO_RELATIONSHIP_DOES_NOT_EXIST;
    if (f) {
        /* Its scopes' IsFailover turns FALSE with the record's scope list. */
        size_t at = (size_t)(f - s.server->failovers);
        model_failover_free(f);
        model_cut(s.server->failovers, &s.server->failover_count, sizeof *f, at);
    }
    return session_close(&s, rc);
}
