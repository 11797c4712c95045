/* st_failover.c: a failover relationship's record on one server: R_DhcpV4FailoverCreate-
 * Relationship (MS-DHCPM 3.2.4.90), SetRelationship (3.2.4.91), DeleteRelationship
 * (3.2.4.92), GetRelationship (3.2.4.93); each partner holds its own record (nothing passes
 * between servers), a server is named by its address too, the calls are absent before 2012
 * (1745), every block of a result is counted. Codes: the SDK's (docs/dhcp-test-double.md). */
#include <wchar.h>

#include "selftest.h"

static const DWORD scopes_ab[] = {SCOPE_A, SCOPE_B};
static const DWORD scope_c[] = {SCOPE_C};
static const DWORD scope_missing[] = {SCOPE_MISSING};

static DWORD create(const wchar_t *server, const wchar_t *name, DHCP_FAILOVER_SERVER role,
                    DWORD partner, const DWORD *scopes, DWORD count)
{
    relationship_spec spec;
    return api.CreateRelationship(
        (LPWSTR)server, build_relationship(&spec, name, role, partner, scopes, count));
}

static void test_versions(void)
{
    DHCP_RESUME_HANDLE resume = 0;
    LPWSTR old = SERVER_2008;
    DWORD rc[8] = {
        api.CreateRelationship(old, NULL),
        api.SetRelationship(old, 0, NULL),
        api.DeleteRelationship(old, NULL),
        api.GetRelationship(old, NULL, NULL),
        api.EnumRelationship(old, &resume, 0, NULL, NULL, NULL),
        api.AddScopeToRelationship(old, NULL),
        api.DeleteScopeFromRelationship(old, NULL),
        api.GetScopeRelationship(old, 0, NULL),
    };
    int all = 1;
    for (int i = 0; i < 8; i++)
        all &= rc[i] == PXB_RPC_S_PROCNUM_OUT_OF_RANGE;
    check(all, "6.1 (2008 R2): all eight failover calls answer 1745, before their parameters");
    check(tool(L"set-fault w2012 unreachable"), "w2012 unreachable");
    expect(api.GetRelationship(SERVER_2012, L"x", NULL), 1722, "a failover read meets 1722");
    check(tool(L"set-fault w2012 none"), "clear");
}

/* 3.2.4.90's ERROR_INVALID_PARAMETER list, one member at a time. */
static void test_create_parameters(void)
{
    relationship_spec spec;
    DHCP_FAILOVER_RELATIONSHIP *r;
    const DWORD want = ERROR_INVALID_PARAMETER;
    expect(api.CreateRelationship(NULL, NULL), want, "3.2.4.90 pRelationship NULL");
#define REFUSED(change, what)                                                                  \
    r = build_relationship(&spec, L"bad", PrimaryServer, ADDR_2016, scopes_ab, 2);             \
    change;                                                                                    \
    expect(api.CreateRelationship(NULL, r), want, "3.2.4.90 " what)
    REFUSED(r->relationshipName = NULL, "relationshipName NULL");
    REFUSED(r->primaryServer = 0, "primaryServer 0");
    REFUSED(r->secondaryServer = 0, "secondaryServer 0");
    REFUSED(r->pScopes = NULL, "pScopes NULL");
    REFUSED(r->pScopes->NumElements = 0, "pScopes NumElements 0");
    REFUSED(r->pScopes->Elements = NULL, "pScopes Elements NULL");
    REFUSED(r->percentage = 101, "percentage above 100");
    REFUSED(r->mode = (DHCP_FAILOVER_MODE)2, "mode neither LoadBalance nor HotStandby");
    REFUSED(r->serverType = (DHCP_FAILOVER_SERVER)2, "serverType neither Primary nor Secondary");
#undef REFUSED
    check(relationship_state(NULL, L"bad") == (DWORD)-1, "none of them made a record");
}

static void test_create_limits(void)
{
    wchar_t name[130];
    wmemset(name, L'n', 127);
    name[127] = 0;
    check(tool(L"set-fault local deny-writes"), "deny writes");
    expect(api.CreateRelationship(NULL, NULL), ERROR_ACCESS_DENIED,
           "3.2.4.90 checks access (3.5.5) before its parameters");
    check(tool(L"set-fault local none"), "clear");
    expect(create(NULL, L"m", PrimaryServer, ADDR_2016, scope_missing, 1),
           PXB_ERROR_DHCP_SUBNET_NOT_PRESENT, "3.2.4.90 a scope the server lacks: 20005");
    expect(create(NULL, name, PrimaryServer, ADDR_2016, scope_c, 1),
           PXB_ERROR_DHCP_FO_RELATIONSHIP_NAME_TOO_LONG, "3.2.4.90 a name of 127: 20125 (SDK)");
    name[126] = 0;
    expect(create(NULL, name, PrimaryServer, ADDR_2016, scope_c, 1), 0,
           "3.2.4.90 a name of 126 is accepted");
    expect(api.DeleteRelationship(NULL, name), 0, "(clean up)");
    wchar_t many[16];
    DWORD rc = 0;
    for (int n = 0; n < 31 && !rc; n++) {
        DWORD scope = FO_MAX_SCOPE(n);
        swprintf(many, 16, L"max%02d", n);
        rc = create(FO_MAX_SERVER, many, PrimaryServer, ADDR_LOCAL, &scope, 1);
    }
    expect(rc, 0, "31 relationships on one server");
    DWORD last = FO_MAX_SCOPE(31);
    expect(create(FO_MAX_SERVER, L"max31", PrimaryServer, ADDR_LOCAL, &last, 1),
           PXB_ERROR_DHCP_FO_MAX_RELATIONSHIPS, "3.2.4.90 the 32nd: 20128 (SDK)");
}

/* The record as created, then both partners' own records. */
static void test_create_record(void)
{
    relationship_spec spec;
    LPDHCP_FAILOVER_RELATIONSHIP got = NULL;
    DHCP_FAILOVER_RELATIONSHIP *in =
        build_relationship(&spec, L"lb-w2016", PrimaryServer, ADDR_2016, scopes_ab, 2);
    expect(api.CreateRelationship(NULL, in), 0, "3.2.4.90 create on the local server");
    expect(api.GetRelationship(NULL, L"LB-W2016", &got), 0, "3.2.4.93 get it (any case)");
    check(got && got->state == STARTUP && got->prevState == INIT,
          "3.2.4.90 a new record is in STARTUP after INIT");
    check(got && got->safePeriod == 0xFFFFFFFFu, "3.2.4.90 safePeriod 0 is kept as 0xFFFFFFFF");
    check(got && got->primaryServer == ADDR_LOCAL && got->secondaryServer == ADDR_2016 &&
              got->mode == LoadBalance && got->serverType == PrimaryServer &&
              got->mclt == 3600 && got->percentage == 50 &&
              wcscmp(got->relationshipName, L"lb-w2016") == 0 &&
              wcscmp(got->secondaryServerName, L"partner") == 0,
          "2.2.1.2.98 every member as given");
    check(got && got->pScopes && got->pScopes->NumElements == 2 &&
              got->pScopes->Elements[0] == SCOPE_A && got->pScopes->Elements[1] == SCOPE_B,
          "the record's scopes: some of the server's (A and B of four)");
    free_relationship(got);
    expect(relationship_state(SERVER_2016, L"lb-w2016"), (DWORD)-1,
           "3.2.4.90 the partner has no record: nothing passes between servers");
    expect(create(NULL, L"other", PrimaryServer, ADDR_2016, scopes_ab + 1, 1),
           PXB_ERROR_DHCP_FO_SCOPE_ALREADY_IN_RELATIONSHIP,
           "3.2.4.90 a scope already in a relationship: 20113 (SDK)");
    expect(create(NULL, L"LB-w2016", PrimaryServer, ADDR_2016, scope_c, 1),
           PXB_ERROR_DHCP_FO_RELATIONSHIP_EXISTS, "3.2.4.90 the name taken: 20114 (SDK)");
    in = build_relationship(&spec, L"lb-w2016", SecondaryServer, ADDR_LOCAL, scopes_ab, 2);
    in->secondaryServer = ADDR_2016;
    expect(api.CreateRelationship(L"10.0.9.2", in), 0,
           "the partner's own record, the server named by its address");
    got = NULL;
    expect(api.GetRelationship(SERVER_2016, L"lb-w2016", &got), 0, "get the partner's");
    check(got && got->serverType == SecondaryServer && got->primaryServer == ADDR_LOCAL &&
              got->secondaryServer == ADDR_2016,
          "the partner's record: same addresses, the other role");
    free_relationship(got);
    expect(create(NULL, L"hs-w2012", PrimaryServer, ADDR_2012, scope_c, 1), 0,
           "a second relationship on the local server, with another partner");
}

static void test_set(void)
{
    DHCP_FAILOVER_RELATIONSHIP change = {.relationshipName = L"lb-w2016"};
    LPDHCP_FAILOVER_RELATIONSHIP got = NULL;
    LPWSTR name = L"lb-w2016";
    expect(api.SetRelationship(NULL, PXB_DHCP_FO_MCLT, NULL), ERROR_INVALID_PARAMETER,
           "3.2.4.91 pRelationship NULL");
    change.relationshipName = NULL;
    expect(api.SetRelationship(NULL, PXB_DHCP_FO_MCLT, &change), ERROR_INVALID_PARAMETER,
           "3.2.4.91 relationshipName NULL");
    change.relationshipName = name;
    expect(api.SetRelationship(NULL, 0, &change), ERROR_INVALID_PARAMETER, "3.2.4.91 flags 0");
    expect(api.SetRelationship(NULL, 0x40, &change), ERROR_INVALID_PARAMETER,
           "3.2.4.91 a flag outside the table");
    change.percentage = 101;
    expect(api.SetRelationship(NULL, PXB_DHCP_FO_PERCENTAGE, &change), ERROR_INVALID_PARAMETER,
           "3.2.4.91 PERCENTAGE above 100");
    change.mode = (DHCP_FAILOVER_MODE)2;
    expect(api.SetRelationship(NULL, PXB_DHCP_FO_MODE, &change), ERROR_INVALID_PARAMETER,
           "3.2.4.91 MODE neither LoadBalance nor HotStandby");
    check(tool(L"set-fault local deny-writes"), "deny writes");
    expect(api.SetRelationship(NULL, 0, &change), ERROR_INVALID_PARAMETER,
           "3.2.4.91 parameters before access");
    expect(api.SetRelationship(NULL, PXB_DHCP_FO_MCLT, &change), ERROR_ACCESS_DENIED,
           "3.2.4.91 access (3.5.5)");
    check(tool(L"set-fault local none"), "clear");
    change.relationshipName = L"nosuch";
    expect(api.SetRelationship(NULL, PXB_DHCP_FO_MCLT, &change),
           PXB_ERROR_DHCP_FO_RELATIONSHIP_DOES_NOT_EXIST, "3.2.4.91 unknown name: 20115 (SDK)");
    change = (DHCP_FAILOVER_RELATIONSHIP){.relationshipName = name, .mclt = 600, .mode = HotStandby,
                                          .percentage = 101, .state = NORMAL};
    expect(api.SetRelationship(NULL, PXB_DHCP_FO_MCLT | PXB_DHCP_FO_MODE | PXB_DHCP_FO_CHANGESTATE,
                               &change),
           0, "3.2.4.91 MCLT, MODE, CHANGESTATE (a percentage not flagged is not checked)");
    expect(api.GetRelationship(NULL, name, &got), 0, "get it");
    check(got && got->mclt == 600 && got->mode == HotStandby && got->state == NORMAL &&
              got->prevState == INIT && got->percentage == 50 && got->safePeriod == 0xFFFFFFFFu,
          "3.2.4.91 only the flagged members changed");
    free_relationship(got);
    expect(relationship_state(SERVER_2016, name), STARTUP,
           "the partner's record did not change with it");
}

static void test_get_delete(void)
{
    LPDHCP_FAILOVER_RELATIONSHIP got = NULL;
    expect(api.GetRelationship(NULL, L"lb-w2016", NULL), ERROR_INVALID_PARAMETER,
           "3.2.4.93 pRelationship NULL");
    expect(api.GetRelationship(NULL, NULL, &got), ERROR_INVALID_PARAMETER,
           "3.2.4.93 pRelationshipName NULL");
    check(tool(L"set-fault local deny-all"), "deny all");
    expect(api.GetRelationship(NULL, NULL, &got), ERROR_INVALID_PARAMETER,
           "3.2.4.93 parameters before access");
    expect(api.GetRelationship(NULL, L"lb-w2016", &got), ERROR_ACCESS_DENIED,
           "3.2.4.93 read access (3.5.4)");
    check(tool(L"set-fault local none"), "clear");
    expect(api.GetRelationship(NULL, L"nosuch", &got), PXB_ERROR_DHCP_FO_RELATIONSHIP_DOES_NOT_EXIST,
           "3.2.4.93 unknown name: 20115");
    expect(api.DeleteRelationship(NULL, NULL), ERROR_INVALID_PARAMETER, "3.2.4.92 name NULL");
    check(tool(L"set-fault local deny-writes"), "deny writes");
    expect(api.DeleteRelationship(NULL, L"hs-w2012"), ERROR_ACCESS_DENIED,
           "3.2.4.92 access (3.5.5)");
    check(tool(L"set-fault local none"), "clear");
    expect(api.DeleteRelationship(NULL, L"nosuch"), PXB_ERROR_DHCP_FO_RELATIONSHIP_DOES_NOT_EXIST,
           "3.2.4.92 unknown name: 20115");
    expect(api.DeleteRelationship(NULL, L"hs-w2012"), 0, "3.2.4.92 delete");
    expect(relationship_state(NULL, L"hs-w2012"), (DWORD)-1, "it is gone");
    expect(create(NULL, L"hs-w2012", PrimaryServer, ADDR_2012, scope_c, 1), 0,
           "3.2.4.92 its scope is free again (IsFailover FALSE)");
}

/* Every block of a result is the caller's to free: a record is 7 (the structure, four
 * strings, the scope array and its elements). */
static void test_blocks(void)
{
    LPDHCP_FAILOVER_RELATIONSHIP got = NULL;
    DWORD before = api.Outstanding(NULL);
    expect(api.GetRelationship(NULL, L"lb-w2016", &got), 0, "get a record");
    expect(api.Outstanding(NULL) - before, 7, "7 blocks, each counted");
    LPDHCP_FAILOVER_RELATIONSHIP kept = got;
    api.Free(got->relationshipName);
    got->relationshipName = NULL;
    expect(api.Outstanding(NULL) - before, 6, "a nested block freed counts back one");
    free_relationship(kept);
    expect(api.Outstanding(NULL), before, "the rest freed: none left");
}

void test_failover(void)
{
    test_versions();
    test_create_parameters();
    test_create_limits();
    test_create_record();
    test_set();
    test_get_delete();
    test_blocks();
}
