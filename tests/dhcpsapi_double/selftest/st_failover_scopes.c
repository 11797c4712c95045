/* st_failover_scopes.c: the scopes of a failover relationship:
 * R_DhcpV4FailoverAddScopeToRelationship (MS-DHCPM 3.2.4.95),
 * DeleteScopeFromRelationship (3.2.4.96) and GetScopeRelationship (3.2.4.97), every error
 * path in its section's order; the faults apply (a failover read is a read, a scope change
 * a write). Runs after st_failover.c: the local server holds "lb-w2016" (scopes A, B,
 * NORMAL) and "hs-w2012" (C, STARTUP); D is in none; w2012 has no relationship. */
#include <stdio.h>
#include <wchar.h>

#include "selftest.h"

/* One call of 3.2.4.95 (add) or 3.2.4.96 (remove) with one scope. */
static DWORD change_scope(int add, const wchar_t *server, const wchar_t *name, DWORD scope)
{
    DHCP_IP_ARRAY scopes = {1, &scope};
    DHCP_FAILOVER_RELATIONSHIP in = {.relationshipName = (LPWSTR)name, .pScopes = &scopes};
    return add ? api.AddScopeToRelationship((LPWSTR)server, &in)
               : api.DeleteScopeFromRelationship((LPWSTR)server, &in);
}

/* The name of the relationship holding scope on server ("" if the call fails). */
static int holder_is(const wchar_t *server, DWORD scope, const wchar_t *name, DWORD scopes)
{
    LPDHCP_FAILOVER_RELATIONSHIP got = NULL;
    if (api.GetScopeRelationship((LPWSTR)server, scope, &got))
        return 0;
    int same = wcscmp(got->relationshipName, name) == 0 && got->pScopes->NumElements == scopes;
    free_relationship(got);
    return same;
}

/* 3.2.4.95 / 96's shared ERROR_INVALID_PARAMETER list, then access (3.5.5). */
static void test_parameters(int add, const char *section)
{
    char what[120];
    DWORD scope = SCOPE_D;
    DHCP_IP_ARRAY scopes = {1, &scope}, none = {0, &scope};
    DHCP_FAILOVER_RELATIONSHIP in = {.relationshipName = L"hs-w2012", .pScopes = &scopes};
    DHCP_FAILOVER_RELATIONSHIP no_name = {.pScopes = &scopes};
    DHCP_FAILOVER_RELATIONSHIP no_scopes = {.relationshipName = L"hs-w2012"};
    DHCP_FAILOVER_RELATIONSHIP empty = {.relationshipName = L"hs-w2012", .pScopes = &none};
    pxb_DhcpV4FailoverAddScopeToRelationship_fn call =
        add ? api.AddScopeToRelationship : api.DeleteScopeFromRelationship;
    int all = call(NULL, NULL) == ERROR_INVALID_PARAMETER &&
              call(NULL, &no_name) == ERROR_INVALID_PARAMETER &&
              call(NULL, &no_scopes) == ERROR_INVALID_PARAMETER &&
              call(NULL, &empty) == ERROR_INVALID_PARAMETER;
    snprintf(what, sizeof what, "%s: pRelationship, relationshipName, pScopes NULL, "
             "NumElements 0: 87", section);
    check(all, what);
    check(tool(L"set-fault local deny-writes"), "deny writes");
    snprintf(what, sizeof what, "%s: parameters before access", section);
    expect(call(NULL, &no_name), ERROR_INVALID_PARAMETER, what);
    snprintf(what, sizeof what, "%s: access (3.5.5)", section);
    expect(call(NULL, &in), ERROR_ACCESS_DENIED, what);
    check(tool(L"set-fault local none"), "clear");
}

/* One call of 3.2.4.95 / 96, after hs-w2012 is moved to state (AS_IS: left as it is). */
typedef struct scope_case {
    const wchar_t *server;
    const wchar_t *name;
    DWORD scope;
    int state;
    DWORD want;
    const char *what;
} scope_case;

#define AS_IS (-1)

static void run_cases(int add, const scope_case *cases, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const scope_case *c = &cases[i];
        if (c->state != AS_IS)
            expect(set_relationship_state(NULL, L"hs-w2012", (FSM_STATE)c->state), 0,
                   "(the state the next case needs)");
        expect(change_scope(add, c->server, c->name, c->scope), c->want, c->what);
    }
}

static const scope_case add_cases[] = {
    {NULL, L"hs-w2012", SCOPE_MISSING, AS_IS, PXB_ERROR_DHCP_SUBNET_NOT_PRESENT,
     "3.2.4.95 a scope the server lacks: 20005"},
    {SERVER_2012, L"hs-w2012", SCOPE_A, AS_IS, ERROR_FILE_NOT_FOUND,
     "3.2.4.95 a server without relationships: ERROR_FILE_NOT_FOUND"},
    {NULL, L"nosuch", SCOPE_A, AS_IS, PXB_ERROR_DHCP_FO_SCOPE_ALREADY_IN_RELATIONSHIP,
     "3.2.4.95 a scope in a relationship: 20113 (before the name is looked up)"},
    {NULL, L"nosuch", SCOPE_D, AS_IS, PXB_ERROR_DHCP_FO_RELATIONSHIP_DOES_NOT_EXIST,
     "3.2.4.95 unknown relationship: 20115"},
    {NULL, L"hs-w2012", SCOPE_D, AS_IS, PXB_ERROR_DHCP_FO_STATE_NOT_NORMAL,
     "3.2.4.95 STARTUP is not NORMAL: 20120 (SDK)"},
    {NULL, L"hs-w2012", SCOPE_D, PARTNER_DOWN, PXB_ERROR_DHCP_FO_STATE_NOT_NORMAL,
     "3.2.4.95 PARTNER_DOWN: 20120"},
    {NULL, L"hs-w2012", SCOPE_D, RECOVER, PXB_ERROR_DHCP_FO_SCOPE_SYNC_IN_PROGRESS,
     "3.2.4.95 re-integrating (RECOVER): 20133 (SDK)"},
};

static const scope_case remove_cases[] = {
    {NULL, L"hs-w2012", SCOPE_MISSING, AS_IS, PXB_ERROR_DHCP_SUBNET_NOT_PRESENT,
     "3.2.4.96 a scope the server lacks: 20005"},
    {SERVER_2012, L"hs-w2012", SCOPE_A, AS_IS, ERROR_FILE_NOT_FOUND,
     "3.2.4.96 a server without relationships: ERROR_FILE_NOT_FOUND"},
    {NULL, L"nosuch", SCOPE_D, AS_IS, PXB_ERROR_DHCP_FO_RELATIONSHIP_DOES_NOT_EXIST,
     "3.2.4.96 unknown relationship: 20115"},
    {NULL, L"hs-w2012", SCOPE_A, AS_IS, PXB_ERROR_DHCP_FO_SCOPE_NOT_IN_RELATIONSHIP,
     "3.2.4.96 a scope of another relationship: 20116 (SDK)"},
    {NULL, L"hs-w2012", SCOPE_D, RECOVER_WAIT, PXB_ERROR_DHCP_FO_SCOPE_SYNC_IN_PROGRESS,
     "3.2.4.96 re-integrating: 20133"},
    {NULL, L"hs-w2012", SCOPE_D, PARTNER_DOWN, ERROR_SUCCESS,
     "3.2.4.96 lists no NORMAL rule: removed in PARTNER_DOWN"},
};

static void test_add(void)
{
    test_parameters(1, "3.2.4.95");
    run_cases(1, add_cases, sizeof add_cases / sizeof add_cases[0]);
    expect(set_relationship_state(NULL, L"hs-w2012", NORMAL), 0, "to NORMAL");
    check(tool(L"set-fault local fail-write 1"), "the next write fails");
    expect(change_scope(1, NULL, L"hs-w2012", SCOPE_D), PXB_ERROR_DHCP_JET_ERROR,
           "an injected write failure applies to 3.2.4.95");
    check(tool(L"set-fault local none") && !holder_is(NULL, SCOPE_D, L"hs-w2012", 2),
          "and changed nothing");
    expect(change_scope(1, NULL, L"hs-w2012", SCOPE_D), 0, "3.2.4.95 add D in NORMAL");
    check(holder_is(NULL, SCOPE_D, L"hs-w2012", 2), "3.2.4.97 D is now in hs-w2012 (C, D)");
    check(relationship_state(SERVER_2012, L"hs-w2012") == (DWORD)-1,
          "the partner (w2012) learns nothing of it");
}

static void test_remove(void)
{
    test_parameters(0, "3.2.4.96");
    run_cases(0, remove_cases, sizeof remove_cases / sizeof remove_cases[0]);
    check(holder_is(NULL, SCOPE_C, L"hs-w2012", 1), "3.2.4.97 hs-w2012 keeps C only");
}

static void test_get_scope(void)
{
    LPDHCP_FAILOVER_RELATIONSHIP got = NULL;
    expect(api.GetScopeRelationship(NULL, SCOPE_A, NULL), ERROR_INVALID_PARAMETER,
           "3.2.4.97 pRelationship NULL");
    expect(api.GetScopeRelationship(NULL, 0, &got), ERROR_INVALID_PARAMETER,
           "3.2.4.97 scopeId 0");
    check(tool(L"set-fault local deny-all"), "deny all");
    expect(api.GetScopeRelationship(NULL, 0, &got), ERROR_INVALID_PARAMETER,
           "3.2.4.97 parameters before access");
    expect(api.GetScopeRelationship(NULL, SCOPE_A, &got), ERROR_ACCESS_DENIED,
           "3.2.4.97 read access (3.5.4)");
    check(tool(L"set-fault local none"), "clear");
    expect(api.GetScopeRelationship(NULL, SCOPE_D, &got), PXB_ERROR_DHCP_FO_SCOPE_NOT_IN_RELATIONSHIP,
           "3.2.4.97 a scope in no relationship: 20116 (SDK; MS-DHCPM's table says 0x4E93)");
    expect(api.GetScopeRelationship(NULL, SCOPE_MISSING, &got),
           PXB_ERROR_DHCP_FO_SCOPE_NOT_IN_RELATIONSHIP,
           "3.2.4.97 a scope the server lacks is in none either: 20116");
    check(holder_is(NULL, SCOPE_B, L"lb-w2016", 2), "3.2.4.97 B: lb-w2016 with A and B");
    expect(api.GetScopeRelationship(L"10.0.9.2", SCOPE_A, &got), 0,
           "3.2.4.97 on the partner, named by its address");
    check(got && got->serverType == SecondaryServer, "the partner's own record (secondary)");
    free_relationship(got);
}

void test_failover_scopes(void)
{
    test_add();
    test_remove();
    test_get_scope();
}
