/* failover_read.c: reading one server's failover records: R_DhcpV4FailoverGetRelationship
 * (MS-DHCPM 3.2.4.93, by name), R_DhcpV4FailoverEnumRelationship (3.2.4.94: paged by the
 * caller's byte budget, ERROR_MORE_DATA while records remain, ERROR_SUCCESS with the last
 * batch) and R_DhcpV4FailoverGetScopeRelationship (3.2.4.97, by scope). Every block handed
 * out (the structure, each string, the scope array and its elements) is tracked. */
#include <stdlib.h>
#include <string.h>

#include "exports.h"
#include "paging.h"
#include "rpcmem.h"
#include "session.h"

/* What one record costs of the caller's PreferredMaximum, in bytes. */
static size_t record_size(const void *items, size_t at)
{
    const dbl_failover *f = &((const dbl_failover *)items)[at];
    size_t text = strlen(f->name) + strlen(f->primary_name) + strlen(f->secondary_name) +
                  strlen(f->secret) + 4;
    return sizeof(DHCP_FAILOVER_RELATIONSHIP) + text * sizeof(WCHAR) + sizeof(DHCP_IP_ARRAY) +
           f->scope_count * sizeof(DHCP_IP_ADDRESS);
}

static void record_out(rpc_batch *batch, const dbl_failover *f, DHCP_FAILOVER_RELATIONSHIP *out)
{
    out->primaryServer = f->primary;
    out->secondaryServer = f->secondary;
    out->mode = (DHCP_FAILOVER_MODE)f->mode;
    out->serverType = (DHCP_FAILOVER_SERVER)f->role;
    out->state = (FSM_STATE)f->state;
    out->prevState = (FSM_STATE)f->prev_state;
    out->mclt = f->mclt;
    out->safePeriod = f->safe_period;
    out->relationshipName = rpc_wstr(batch, f->name);
    out->primaryServerName = rpc_wstr(batch, f->primary_name);
    out->secondaryServerName = rpc_wstr(batch, f->secondary_name);
    out->percentage = (BYTE)f->percentage;
    out->pSharedSecret = rpc_wstr(batch, f->secret);
    out->pScopes = rpc_alloc(batch, sizeof *out->pScopes);
    LPDHCP_IP_ADDRESS scopes = f->scope_count
                                   ? rpc_alloc(batch, f->scope_count * sizeof *scopes)
                                   : NULL;
    if (!out->pScopes)
        return;
    out->pScopes->NumElements = scopes ? (DWORD)f->scope_count : 0;
    out->pScopes->Elements = scopes;
    for (size_t i = 0; scopes && i < f->scope_count; i++)
        scopes[i] = f->scopes[i];
}

/* One record in blocks of its own for the caller. */
static DWORD hand_out(const dbl_failover *f, LPDHCP_FAILOVER_RELATIONSHIP *out)
{
    rpc_batch batch = {0};
    DHCP_FAILOVER_RELATIONSHIP *record = rpc_alloc(&batch, sizeof *record);
    if (record)
        record_out(&batch, f, record);
    DWORD rc = rpc_finish(&batch);
    if (rc == ERROR_SUCCESS)
        *out = record;
    return rc;
}

DWORD WINAPI DhcpV4FailoverGetRelationship(LPWSTR server_name, LPWSTR name,
                                           LPDHCP_FAILOVER_RELATIONSHIP *relationship)
{
    session s;
    DWORD rc = session_open(&s, server_name, CALL_V4_READ);
    /* 3.2.4.93: the parameters, then read access (3.5.4), then the record. */
    if (rc == ERROR_SUCCESS && (!relationship || !name))
        rc = PXB_ERROR_INVALID_PARAMETER;
    if (rc == ERROR_SUCCESS) {
        *relationship = NULL;
        rc = session_authorize(&s);
    }
    char *utf8 = rc ? NULL : rpc_utf8(name);
    if (rc == ERROR_SUCCESS && !utf8)
        rc = PXB_ERROR_INVALID_PARAMETER;
    dbl_failover *f = utf8 ? model_find_failover(s.server, utf8) : NULL;
    free(utf8);
    if (rc == ERROR_SUCCESS)
        rc = f ? hand_out(f, relationship) : PXB_ERROR_DHCP_FO_RELATIONSHIP_DOES_NOT_EXIST;
    return session_close(&s, rc);
}

DWORD WINAPI DhcpV4FailoverGetScopeRelationship(LPWSTR server_name, DHCP_IP_ADDRESS scope_id,
                                                LPDHCP_FAILOVER_RELATIONSHIP *relationship)
{
    session s;
    DWORD rc = session_open(&s, server_name, CALL_V4_READ);
    /* 3.2.4.97: the parameters, then read access (3.5.4), then the record holding the
     * scope; a scope the server does not have is in none either. */
    if (rc == ERROR_SUCCESS && (!relationship || scope_id == 0))
        rc = PXB_ERROR_INVALID_PARAMETER;
    if (rc == ERROR_SUCCESS) {
        *relationship = NULL;
        rc = session_authorize(&s);
    }
    dbl_failover *f = rc ? NULL : model_find_failover_scope(s.server, scope_id);
    if (rc == ERROR_SUCCESS)
        rc = f ? hand_out(f, relationship) : PXB_ERROR_DHCP_FO_SCOPE_NOT_IN_RELATIONSHIP;
    return session_close(&s, rc);
}

static DWORD enum_records(dbl_server *server, DHCP_RESUME_HANDLE *resume, DWORD pref_max,
                          LPDHCP_FAILOVER_RELATIONSHIP_ARRAY *info, DWORD *read, DWORD *total)
{
    rpc_batch batch = {0};
    /* 3.2.4.94: as many records as fit in PreferredMaximum bytes (possibly none). */
    size_t fitting = paging_fit(server->failovers, *resume, server->failover_count, pref_max,
                                record_size);
    page window = paging_window(server, resume, server->failover_count, fitting,
                                PAGE_CLASSES);
    LPDHCP_FAILOVER_RELATIONSHIP_ARRAY array = window.count ? rpc_alloc(&batch, sizeof *array)
                                                            : NULL;
    LPDHCP_FAILOVER_RELATIONSHIP items = array ? rpc_alloc(&batch, window.count * sizeof *items)
                                               : NULL;
    for (size_t i = 0; items && i < window.count; i++)
        record_out(&batch, &server->failovers[window.first + i], &items[i]);
    if (array)
        *array = (DHCP_FAILOVER_RELATIONSHIP_ARRAY){(DWORD)window.count, items};
    DWORD rc = paging_finish(&batch, &window, read, total);
    if (window.count && (rc == ERROR_SUCCESS || rc == PXB_ERROR_MORE_DATA))
        *info = array;
    return rc;
}

DWORD WINAPI DhcpV4FailoverEnumRelationship(LPWSTR server_name, DHCP_RESUME_HANDLE *resume,
                                            DWORD pref_max,
                                            LPDHCP_FAILOVER_RELATIONSHIP_ARRAY *relationships,
                                            LPDWORD read, LPDWORD total)
{
    session s;
    DWORD rc = session_open(&s, server_name, CALL_V4_READ);
    /* 3.2.4.94: pRelationship, relationshipRead, relationshipTotal NULL: 87 (and
     * ResumeHandle: the double needs it). */
    if (rc == ERROR_SUCCESS && (!resume || !relationships || !read || !total))
        rc = PXB_ERROR_INVALID_PARAMETER;
    if (rc == ERROR_SUCCESS) {
        *relationships = NULL;
        *read = *total = 0;
        /* 3.2.4.94 lists no access check; the double applies 3.5.4's read check as on
         * every other read. */
        rc = session_authorize(&s);
    }
    if (rc == ERROR_SUCCESS)
        rc = enum_records(s.server, resume, pref_max, relationships, read, total);
    return session_close(&s, rc);
}
