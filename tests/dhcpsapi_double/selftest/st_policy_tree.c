/* st_policy_tree.c: the condition and expression rules of MS-DHCPM 3.2.4.109 (shared with
 * 3.2.4.111), each broken rule answering ERROR_DHCP_INVALID_POLICY_EXPRESSION (20109), and
 * the Windows Server 2012 variants (notes <75>-<78>) on the 6.2 server. */
#include "selftest.h"

#define INVALID PXB_ERROR_DHCP_INVALID_POLICY_EXPRESSION
/* A MAC condition: comparator, option ID, value length. */
#define MAC_COND(op, option, len) {DhcpAttrHWAddr, option, op, (const char *)mac, 0, len}

static const unsigned char mac[6] = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};

/* Creates the policy on server in SCOPE_A (SCOPE_C locally), expects want, removes it. */
static void try_tree(const wchar_t *server, policy_spec *spec, DWORD want, const char *what)
{
    DHCP_POLICY *p = &spec->policy;
    if (server) {
        p->Subnet = SCOPE_A;
        p->IsGlobalPolicy = FALSE;
    }
    expect(api.CreatePolicy((LPWSTR)server, p), want, what);
    if (want == ERROR_SUCCESS)
        api.DeletePolicy((LPWSTR)server, FALSE, p->Subnet, p->PolicyName);
}

static void try_conds(const wchar_t *server, DHCP_POL_LOGIC_OPER root, const cond_spec *conds,
                      DWORD count, DWORD want, const char *what)
{
    policy_spec spec;
    build(&spec, L"tree", SCOPE_C, 1, root, conds, count);
    try_tree(server, &spec, want, what);
}

static void test_sibling_rules(void)
{
    const cond_spec one[] = {USER_IS("iPXE", 0)};
    const cond_spec grouped[] = {VENDOR_BEGINS("PXEClient:Arch:00000", 1), USER_NOT("iPXE", 2),
                                 MAC_NOT(mac, 3)};
    const cond_spec mixed_attr[] = {VENDOR_BEGINS("PXEClient:Arch:00000", 0), USER_NOT("iPXE", 0)};
    const cond_spec mixed_sign[] = {USER_IS("iPXE", 0), USER_NOT("iPXE", 0)};
    const cond_spec same[] = {VENDOR_BEGINS("PXEClient:Arch:00000", 0),
                              VENDOR_BEGINS("PXEClient:Arch:00007", 0)};
    const cond_spec prefixes[] = {VENDOR_BEGINS("PXEClient", 0),
                                  {DhcpAttrOption, 60, DhcpCompNotBeginWith,
                                   "PXEClient:Arch:00007", 0, 0}};
    const cond_spec relay[] = {{DhcpAttrOption, 82, DhcpCompEqual, "r1", 0, 0},
                               {DhcpAttrOption, 82, DhcpCompEqual, "r2", 0, 0}};
    try_conds(NULL, DhcpLogicalOr, one, 1, 0, "3.2.4.109 one condition under the root");
    try_conds(NULL, DhcpLogicalAnd, grouped, 3, 0,
              "3.2.4.109 one attribute and polarity per AND sub-expression under the root");
    try_conds(NULL, DhcpLogicalAnd, mixed_attr, 2, INVALID,
              "3.2.4.109 vendor and user class under one ParentExpr: 20109");
    try_conds(NULL, DhcpLogicalOr, mixed_sign, 2, INVALID,
              "3.2.4.109 <77>/<78> Equal and NotEqual under one ParentExpr: 20109");
    try_conds(NULL, DhcpLogicalOr, same, 2, 0, "two BeginsWith of option 60 under one OR");
    try_conds(NULL, DhcpLogicalOr, prefixes, 2, INVALID,
              "BeginsWith and NotBeginWith under one ParentExpr: 20109 (strictest reading)");
    try_conds(NULL, DhcpLogicalOr, relay, 2, INVALID,
              "3.2.4.109 two relay agent (82) conditions under one ParentExpr: 20109");
}

static void test_expression_rules(void)
{
    const cond_spec two[] = {USER_IS("iPXE", 1), VENDOR_BEGINS("PXEClient", 2)};
    const cond_spec orphan[] = {USER_IS("iPXE", 3)};
    policy_spec spec;
    build(&spec, L"tree", SCOPE_C, 1, DhcpLogicalOr, two, 2);
    try_tree(NULL, &spec, 0, "3.2.4.109 a root OR over two AND sub-expressions");
    build(&spec, L"tree", SCOPE_C, 1, DhcpLogicalOr, two, 2);
    spec.exprs[2].Operator = DhcpLogicalOr;
    try_tree(NULL, &spec, INVALID, "3.2.4.109 an expression after the first that is OR: 20109");
    build(&spec, L"tree", SCOPE_C, 1, DhcpLogicalOr, two, 2);
    spec.exprs[2].ParentExpr = 1;
    try_tree(NULL, &spec, INVALID, "3.2.4.109 an expression whose ParentExpr is not 0: 20109");
    build(&spec, L"tree", SCOPE_C, 1, DhcpLogicalOr, two, 2);
    spec.exprs[0].Operator = (DHCP_POL_LOGIC_OPER)7;
    try_tree(NULL, &spec, INVALID, "3.2.4.109 an unknown logical operator: 20109");
    build(&spec, L"tree", SCOPE_C, 1, DhcpLogicalOr, two, 2);
    spec.exprs[3] = (DHCP_POL_EXPR){0, DhcpLogicalAnd};
    spec.expr_array.NumElements = 4;
    try_tree(NULL, &spec, INVALID, "3.2.4.109 an expression without children: 20109");
    build(&spec, L"tree", SCOPE_C, 1, DhcpLogicalOr, orphan, 1);
    spec.expr_array.NumElements = 3;
    try_tree(NULL, &spec, INVALID,
             "3.2.4.109 a ParentExpr equal to NumElements: 20109 (not 20104)");
}

static void test_attribute_rules(void)
{
    const cond_spec client_id[] = {{DhcpAttrOption, 61, DhcpCompEqual, "id", 0, 0}};
    const cond_spec other_option[] = {{DhcpAttrOption, 12, DhcpCompEqual, "host", 0, 0}};
    const cond_spec mac_eq[] = {MAC_COND(DhcpCompEqual, 0, 6)};
    const cond_spec mac_short[] = {MAC_COND(DhcpCompEqual, 0, 5)};
    const cond_spec mac_prefix[] = {MAC_COND(DhcpCompBeginsWith, 0, 3)};
    const cond_spec mac_long_prefix[] = {MAC_COND(DhcpCompBeginsWith, 0, 6)};
    const cond_spec mac_option[] = {MAC_COND(DhcpCompEqual, 60, 6)};
    const cond_spec sub_ok[] = {{DhcpAttrSubOption, 82, DhcpCompEqual, "circuit", 0, 0}};
    const cond_spec empty[] = {{DhcpAttrOption, 77, DhcpCompEqual, "", 0, 0}};
    const cond_spec bad_type[] = {{(DHCP_POL_ATTR_TYPE)9, 0, DhcpCompEqual, "x", 0, 0}};
    const cond_spec bad_op[] = {{DhcpAttrOption, 77, (DHCP_POL_COMPARATOR)9, "x", 0, 0}};
    policy_spec spec;
    try_conds(NULL, DhcpLogicalOr, client_id, 1, 0, "3.2.4.109 option 61 (client identifier)");
    try_conds(NULL, DhcpLogicalOr, other_option, 1, INVALID,
              "3.2.4.109 an option other than 60, 61, 77, 82: 20109");
    build(&spec, L"tree", SCOPE_C, 1, DhcpLogicalOr, client_id, 1);
    spec.conds[0].SubOptionID = 1;
    try_tree(NULL, &spec, INVALID, "3.2.4.109 DhcpAttrOption with a SubOptionID: 20109");
    try_conds(NULL, DhcpLogicalOr, mac_eq, 1, 0, "3.2.4.109 MAC Equal with 6 bytes");
    try_conds(NULL, DhcpLogicalOr, mac_short, 1, INVALID,
              "3.2.4.109 MAC Equal with 5 bytes: 20109");
    try_conds(NULL, DhcpLogicalOr, mac_prefix, 1, 0, "3.2.4.109 MAC BeginsWith 3 bytes");
    try_conds(NULL, DhcpLogicalOr, mac_long_prefix, 1, INVALID,
              "3.2.4.109 <76> MAC BeginsWith 6 bytes: 20109");
    try_conds(NULL, DhcpLogicalOr, mac_option, 1, INVALID,
              "3.2.4.109 a MAC condition with an OptionID: 20109");
    build(&spec, L"tree", SCOPE_C, 1, DhcpLogicalOr, sub_ok, 1);
    spec.conds[0].SubOptionID = 1;
    try_tree(NULL, &spec, 0, "3.2.4.109 sub-option 1 of option 82");
    build(&spec, L"tree", SCOPE_C, 1, DhcpLogicalOr, sub_ok, 1);
    spec.conds[0].SubOptionID = 12;
    try_tree(NULL, &spec, INVALID, "3.2.4.109 sub-option 12 of option 82: 20109");
    try_conds(NULL, DhcpLogicalOr, empty, 1, INVALID, "an empty value: 20109 (strictest)");
    try_conds(NULL, DhcpLogicalOr, bad_type, 1, INVALID, "3.2.4.109 an unknown Type: 20109");
    try_conds(NULL, DhcpLogicalOr, bad_op, 1, INVALID, "an unknown comparator: 20109");
}

static void test_version_rules(void)
{
    const cond_spec ends[] = {{DhcpAttrOption, 60, DhcpCompEndsWith, "00007", 0, 0}};
    const cond_spec fqdn[] = {{DhcpAttrFqdn, 0, DhcpCompEqual, "host.example", 0, 0}};
    const cond_spec relay_prefix[] = {{DhcpAttrOption, 82, DhcpCompBeginsWith, "r", 0, 0}};
    try_conds(NULL, DhcpLogicalOr, ends, 1, 0, "6.3: EndsWith is taken");
    try_conds(SERVER_2012, DhcpLogicalOr, ends, 1, INVALID,
              "6.2: EndsWith is refused (<86>, strictest reading)");
    try_conds(SERVER_2016, DhcpLogicalOr, fqdn, 1, 0, "10.0: an FQDN condition is taken");
    try_conds(SERVER_2012, DhcpLogicalOr, fqdn, 1, INVALID, "6.2: an FQDN condition is refused");
    try_conds(NULL, DhcpLogicalOr, relay_prefix, 1, 0, "6.3: BeginsWith on option 82");
    try_conds(SERVER_2012, DhcpLogicalOr, relay_prefix, 1, INVALID,
              "6.2 <75>: BeginsWith on option 82 is refused");
}

void test_policy_tree(void)
{
    test_sibling_rules();
    test_expression_rules();
    test_attribute_rules();
    test_version_rules();
}
