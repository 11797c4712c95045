/* dhcpdouble_failover.c: the tool's failover commands: an admin's changes to the failover
 * relationships of one server, made through the double's own calls (MS-DHCPM 3.2.4.90-97)
 * so that their checks and the server's faults apply, and their listing. Nothing reaches
 * the partner: each partner gets its own record with its own command.
 *   add-failover SERVER NAME --partner A --mode load-balance|hot-standby
 *                --role primary|secondary --scopes A[,A...] [--partner-name N]
 *                [--state S] [--percentage P] [--mclt SECONDS] [--safe-period SECONDS]
 *                [--secret TEXT]
 *        SERVER needs an address (set-addr); its name in the record is its section name
 *        (the local server: its address). Created in STARTUP (3.2.4.90), then moved to
 *        --state (default normal) after STARTUP with DhcpV4FailoverSetRelationship.
 *   set-failover SERVER NAME [--state S] [--prev-state S] [--mode M] [--percentage P]
 *                [--mclt SECONDS] [--safe-period SECONDS]
 *   failover-scopes SERVER NAME add|remove A[,A...]
 *   delete-failover SERVER NAME
 *   show-failover SERVER      one line per relationship (DhcpV4FailoverEnumRelationship)
 * States are named as in the dump: no-state, init, startup, normal, communication-int,
 * partner-down, potential-conflict, conflict-done, resolution-int, recover, recover-wait,
 * recover-done. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dhcpdouble.h"
#include "double_eval.h"
#include "exports.h"
#include "names.h"
#include "rpcmem.h"

#define SCOPES_MAX 64
#define ENUM_CALLS_MAX 64

/* One relationship as the command line gives it, in the API's structures. */
typedef struct relationship_args {
    WCHAR server[PXB_DOUBLE_TEXT_MAX];
    WCHAR name[PXB_DOUBLE_TEXT_MAX];
    WCHAR self_name[PXB_DOUBLE_TEXT_MAX];
    WCHAR partner_name[PXB_DOUBLE_TEXT_MAX];
    WCHAR secret[PXB_DOUBLE_TEXT_MAX];
    DHCP_IP_ADDRESS scopes[SCOPES_MAX];
    DHCP_IP_ARRAY scope_array;
    DHCP_FAILOVER_RELATIONSHIP record;
} relationship_args;

static int wide(const char *text, WCHAR *out)
{
    return MultiByteToWideChar(CP_UTF8, 0, text, -1, out, PXB_DOUBLE_TEXT_MAX) ? 0 : -1;
}

/* "A,B,...": 0, or -1 for a bad address or too many. */
static int parse_scopes(const char *text, DHCP_IP_ARRAY *out, DHCP_IP_ADDRESS *room)
{
    char copy[1024];
    if (!text || strlen(text) >= sizeof copy)
        return -1;
    strcpy(copy, text);
    out->NumElements = 0;
    out->Elements = room;
    for (char *item = strtok(copy, ","); item; item = strtok(NULL, ",")) {
        uint32_t scope;
        if (out->NumElements == SCOPES_MAX || names_ip_parse(item, &scope))
            return -1;
        room[out->NumElements++] = scope;
    }
    return out->NumElements ? 0 : -1;
}

/* Option name as a number (absent: *out unchanged): 0, or -1 when not a number. */
static int opt_number(const args *a, const char *name, DWORD *out)
{
    const char *text = opt_value(a, name, NULL);
    char *end;
    if (!text)
        return 0;
    unsigned long number = strtoul(text, &end, 10);
    if (!*text || *end || number > 0xFFFFFFFFul)
        return -1;
    *out = (DWORD)number;
    return 0;
}

/* Option name as one of a names.c enumeration (absent: *out unchanged): 0 or -1. */
static int opt_name(const args *a, const char *name, names_kind kind, int *out)
{
    const char *text = opt_value(a, name, NULL);
    int value = text ? names_find(kind, text) : 0;
    if (value < 0)
        return -1;
    if (text)
        *out = value;
    return 0;
}

/* The server's address and its name for a record: its section name, or its address. */
static DWORD read_self(const char *server, DHCP_IP_ADDRESS *addr, WCHAR *name)
{
    session s;
    char text[16];
    DWORD rc = open_admin(&s, server);
    if (rc == ERROR_SUCCESS && !s.server->addr)
        rc = ERROR_INVALID_PARAMETER; /* set-addr first */
    if (rc == ERROR_SUCCESS) {
        *addr = s.server->addr;
        names_ip_format(s.server->addr, text);
        if (wide(*s.server->name ? s.server->name : text, name))
            rc = ERROR_INVALID_PARAMETER;
    }
    return session_close(&s, rc);
}

/* The command line of add-failover in r; 2 on bad usage. */
static int parse_add(const args *a, relationship_args *r, int *state)
{
    DHCP_FAILOVER_RELATIONSHIP *rec = &r->record;
    const char *name = positional(a, 2), *partner = opt_value(a, "--partner", NULL);
    int mode = -1, role = -1;
    DWORD percentage = 0;
    memset(r, 0, sizeof *r);
    if (!name || !partner || server_wide(positional(a, 1), r->server, PXB_DOUBLE_TEXT_MAX) ||
        wide(name, r->name) || wide(opt_value(a, "--partner-name", partner), r->partner_name) ||
        wide(opt_value(a, "--secret", ""), r->secret) ||
        parse_scopes(opt_value(a, "--scopes", NULL), &r->scope_array, r->scopes) ||
        opt_name(a, "--mode", NAMES_FO_MODE, &mode) || mode < 0 ||
        opt_name(a, "--role", NAMES_FO_ROLE, &role) || role < 0 ||
        opt_name(a, "--state", NAMES_FSM, state) || opt_number(a, "--percentage", &percentage) ||
        percentage > 255 || opt_number(a, "--mclt", &rec->mclt) ||
        opt_number(a, "--safe-period", &rec->safePeriod))
        return 2;
    uint32_t partner_addr;
    if (names_ip_parse(partner, &partner_addr))
        return 2;
    rec->mode = (DHCP_FAILOVER_MODE)mode;
    rec->serverType = (DHCP_FAILOVER_SERVER)role;
    rec->percentage = (BYTE)percentage;
    rec->relationshipName = r->name;
    rec->pScopes = &r->scope_array;
    rec->pSharedSecret = r->secret;
    /* The partner is the other role's address and name. */
    *(role == PrimaryServer ? &rec->secondaryServer : &rec->primaryServer) = partner_addr;
    *(role == PrimaryServer ? &rec->secondaryServerName : &rec->primaryServerName) =
        r->partner_name;
    *(role == PrimaryServer ? &rec->primaryServerName : &rec->secondaryServerName) =
        r->self_name;
    return 0;
}

int cmd_add_failover(const args *a)
{
    relationship_args r;
    int state = NORMAL;
    int usage = parse_add(a, &r, &state);
    if (usage)
        return usage;
    DHCP_FAILOVER_RELATIONSHIP *rec = &r.record;
    DHCP_IP_ADDRESS self = 0;
    DWORD rc = read_self(positional(a, 1), &self, r.self_name);
    *(rec->serverType == PrimaryServer ? &rec->primaryServer : &rec->secondaryServer) = self;
    if (rc == ERROR_SUCCESS)
        rc = DhcpV4FailoverCreateRelationship(r.server, rec);
    /* 3.2.4.90 leaves it in STARTUP; the partners' protocol would move it on. */
    rec->state = (FSM_STATE)state;
    rec->prevState = STARTUP;
    if (rc == ERROR_SUCCESS && state != STARTUP)
        rc = DhcpV4FailoverSetRelationship(r.server,
                                           PXB_DHCP_FO_CHANGESTATE | PXB_DHCP_FO_PREVSTATE, rec);
    return rc ? fail("add-failover", rc) : 0;
}

int cmd_set_failover(const args *a)
{
    relationship_args r;
    DHCP_FAILOVER_RELATIONSHIP *rec = &r.record;
    int state = -1, prev = -1, mode = -1;
    DWORD percentage = 0, mclt = 0, safe = 0;
    const char *name = positional(a, 2);
    memset(&r, 0, sizeof r);
    if (!name || server_wide(positional(a, 1), r.server, PXB_DOUBLE_TEXT_MAX) ||
        wide(name, r.name) || opt_name(a, "--state", NAMES_FSM, &state) ||
        opt_name(a, "--prev-state", NAMES_FSM, &prev) ||
        opt_name(a, "--mode", NAMES_FO_MODE, &mode) ||
        opt_number(a, "--percentage", &percentage) || opt_number(a, "--mclt", &mclt) ||
        opt_number(a, "--safe-period", &safe))
        return 2;
    DWORD flags = (state >= 0 ? PXB_DHCP_FO_CHANGESTATE : 0) |
                  (prev >= 0 ? PXB_DHCP_FO_PREVSTATE : 0) | (mode >= 0 ? PXB_DHCP_FO_MODE : 0) |
                  (opt_value(a, "--percentage", NULL) ? PXB_DHCP_FO_PERCENTAGE : 0) |
                  (opt_value(a, "--mclt", NULL) ? PXB_DHCP_FO_MCLT : 0) |
                  (opt_value(a, "--safe-period", NULL) ? PXB_DHCP_FO_SAFEPERIOD : 0);
    if (percentage > 255)
        return 2;
    rec->relationshipName = r.name;
    rec->state = (FSM_STATE)state;
    rec->prevState = (FSM_STATE)prev;
    rec->mode = (DHCP_FAILOVER_MODE)mode;
    rec->percentage = (BYTE)percentage;
    rec->mclt = mclt;
    rec->safePeriod = safe;
    DWORD rc = DhcpV4FailoverSetRelationship(r.server, flags, rec);
    return rc ? fail("set-failover", rc) : 0;
}

int cmd_failover_scopes(const args *a)
{
    relationship_args r;
    const char *name = positional(a, 2), *how = positional(a, 3);
    memset(&r, 0, sizeof r);
    if (!name || !how || server_wide(positional(a, 1), r.server, PXB_DOUBLE_TEXT_MAX) ||
        wide(name, r.name) || parse_scopes(positional(a, 4), &r.scope_array, r.scopes))
        return 2;
    r.record.relationshipName = r.name;
    r.record.pScopes = &r.scope_array;
    DWORD rc;
    if (strcmp(how, "add") == 0)
        rc = DhcpV4FailoverAddScopeToRelationship(r.server, &r.record);
    else if (strcmp(how, "remove") == 0)
        rc = DhcpV4FailoverDeleteScopeFromRelationship(r.server, &r.record);
    else
        return 2;
    return rc ? fail("failover-scopes", rc) : 0;
}

int cmd_delete_failover(const args *a)
{
    WCHAR server[PXB_DOUBLE_TEXT_MAX], name[PXB_DOUBLE_TEXT_MAX];
    const char *name_text = positional(a, 2);
    if (!name_text || server_wide(positional(a, 1), server, PXB_DOUBLE_TEXT_MAX) ||
        wide(name_text, name))
        return 2;
    DWORD rc = DhcpV4FailoverDeleteRelationship(server, name);
    return rc ? fail("delete-failover", rc) : 0;
}

static void print_text(const char *key, const WCHAR *text)
{
    char *utf8 = rpc_utf8(text);
    printf(" %s=", key);
    names_quote(stdout, (const unsigned char *)(utf8 ? utf8 : "?"), strlen(utf8 ? utf8 : "?"));
    free(utf8);
}

static void print_ip(const char *key, DHCP_IP_ADDRESS addr)
{
    char text[16];
    names_ip_format(addr, text);
    printf(" %s=%s", key, text);
}

static void print_record(const DHCP_FAILOVER_RELATIONSHIP *rec)
{
    printf("failover");
    print_text("name", rec->relationshipName);
    printf(" mode=%s role=%s state=%s prev-state=%s", names_of(NAMES_FO_MODE, rec->mode),
           names_of(NAMES_FO_ROLE, rec->serverType), names_of(NAMES_FSM, rec->state),
           names_of(NAMES_FSM, rec->prevState));
    print_ip("primary", rec->primaryServer);
    print_text("primary-name", rec->primaryServerName);
    print_ip("secondary", rec->secondaryServer);
    print_text("secondary-name", rec->secondaryServerName);
    printf(" percentage=%u mclt=%lu safe-period=%lu scopes=", (unsigned)rec->percentage,
           (unsigned long)rec->mclt, (unsigned long)rec->safePeriod);
    for (DWORD i = 0; rec->pScopes && i < rec->pScopes->NumElements; i++) {
        char text[16];
        names_ip_format(rec->pScopes->Elements[i], text);
        printf("%s%s", i ? "," : "", text);
    }
    putchar('\n');
}

/* Gives back a batch and every block in it, as a careful caller does. */
static void free_batch(LPDHCP_FAILOVER_RELATIONSHIP_ARRAY array)
{
    for (DWORD i = 0; array && i < array->numElements; i++) {
        DHCP_FAILOVER_RELATIONSHIP *rec = &array->pRelationships[i];
        DhcpRpcFreeMemory(rec->relationshipName);
        DhcpRpcFreeMemory(rec->primaryServerName);
        DhcpRpcFreeMemory(rec->secondaryServerName);
        DhcpRpcFreeMemory(rec->pSharedSecret);
        if (rec->pScopes)
            DhcpRpcFreeMemory(rec->pScopes->Elements);
        DhcpRpcFreeMemory(rec->pScopes);
    }
    if (array)
        DhcpRpcFreeMemory(array->pRelationships);
    DhcpRpcFreeMemory(array);
}

int cmd_show_failover(const args *a)
{
    WCHAR server[PXB_DOUBLE_TEXT_MAX];
    DHCP_RESUME_HANDLE resume = 0;
    DWORD rc = PXB_ERROR_MORE_DATA;
    if (server_wide(positional(a, 1), server, PXB_DOUBLE_TEXT_MAX))
        return 2;
    for (int calls = 0; rc == PXB_ERROR_MORE_DATA && calls < ENUM_CALLS_MAX; calls++) {
        LPDHCP_FAILOVER_RELATIONSHIP_ARRAY batch = NULL;
        DWORD read = 0, total = 0;
        rc = DhcpV4FailoverEnumRelationship(server, &resume, 0xFFFFFFFFu, &batch, &read, &total);
        for (DWORD i = 0; batch && i < batch->numElements; i++)
            print_record(&batch->pRelationships[i]);
        free_batch(batch);
    }
    if (rc == PXB_ERROR_NO_MORE_ITEMS)
        rc = ERROR_SUCCESS;
    return rc ? fail("show-failover", rc) : 0;
}
