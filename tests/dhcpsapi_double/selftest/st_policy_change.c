/* st_policy_change.c: R_DhcpV4SetPolicy (MS-DHCPM 3.2.4.111), R_DhcpV4GetPolicy (3.2.4.110),
 * R_DhcpV4DeletePolicy (3.2.4.112) and R_DhcpV4SetPolicyEnforcement (3.2.4.108), on the
 * scope-B policies st_policy_create.c left: first (2), iPXE (3), second (4). */
#include <wchar.h>

#include "selftest.h"

static const cond_spec ipxe[] = {USER_IS("iPXE", 0)};

static DWORD set(DWORD fields, const wchar_t *name, DHCP_POLICY *policy)
{
    return api.SetPolicy(NULL, fields, FALSE, SCOPE_B, (LPWSTR)name, policy);
}

static void test_set_order_and_name(void)
{
    policy_spec spec;
    DHCP_POLICY *p = build(&spec, L"renamed", SCOPE_B, 5, DhcpLogicalOr, ipxe, 1);
    expect(set(DhcpUpdatePolicyOrder, L"first", p), 0,
           "3.2.4.111 order max + 1 is taken (4 is the highest)");
    check(policy_order(L"first", SCOPE_B) == 5 && policy_order(L"iPXE", SCOPE_B) == 3,
          "3.2.4.111 only the changed policy's order changes");
    p->ProcessingOrder = 7;
    expect(set(DhcpUpdatePolicyOrder, L"first", p), PXB_ERROR_DHCP_INVALID_PROCESSING_ORDER,
           "3.2.4.111 order above max + 1: INVALID_PROCESSING_ORDER");
    p->ProcessingOrder = 1;
    expect(set(DhcpUpdatePolicyOrder, L"first", p), 0, "move it back to 1");
    expect(set(DhcpUpdatePolicyName, L"first", p), 0, "3.2.4.111 rename");
    check(policy_order(L"renamed", SCOPE_B) == 1, "the renamed policy keeps its order");
    p->PolicyName = L"iPXE";
    expect(set(DhcpUpdatePolicyName, L"renamed", p), PXB_ERROR_DHCP_POLICY_EXISTS,
           "renaming onto another policy's name: POLICY_EXISTS (strictest)");
    p->PolicyName = L"";
    expect(set(DhcpUpdatePolicyName, L"renamed", p), ERROR_INVALID_PARAMETER,
           "renaming to an empty name: INVALID_PARAMETER");
    p->PolicyName = L"first";
    expect(set(DhcpUpdatePolicyName, L"renamed", p), 0, "(rename back)");
}

static void test_set_fields(void)
{
    policy_spec spec;
    wchar_t description[257];
    const cond_spec mixed[] = {USER_IS("iPXE", 0), USER_NOT("x", 0)};
    DHCP_POLICY *p = build(&spec, L"", SCOPE_B, 1, DhcpLogicalOr, ipxe, 1);
    expect(set(0x40, L"first", p), ERROR_INVALID_PARAMETER,
           "3.2.4.111 DhcpUpdatePolicyDnsSuffix on the plain call: INVALID_PARAMETER");
    expect(set(0, L"first", p), ERROR_INVALID_PARAMETER,
           "FieldsModified 0: INVALID_PARAMETER (strictest)");
    expect(set(DhcpUpdatePolicyStatus, L"no such", p), PXB_ERROR_DHCP_POLICY_NOT_FOUND,
           "3.2.4.111 an unknown policy: POLICY_NOT_FOUND");
    expect(api.SetPolicy(NULL, DhcpUpdatePolicyStatus, FALSE, SCOPE_MISSING, L"first", p),
           PXB_ERROR_DHCP_SUBNET_NOT_PRESENT, "3.2.4.111 a missing scope: SUBNET_NOT_PRESENT");
    expect(api.SetPolicy(NULL, DhcpUpdatePolicyStatus, TRUE, SCOPE_B, L"first", p),
           ERROR_INVALID_PARAMETER, "3.2.4.111 ServerPolicy with a subnet: INVALID_PARAMETER");
    p->Ranges = NULL;
    expect(set(DhcpUpdatePolicyRanges, L"first", p), ERROR_INVALID_PARAMETER,
           "3.2.4.111 Ranges NULL with DhcpUpdatePolicyRanges: INVALID_PARAMETER");
    p = build(&spec, L"", SCOPE_B, 1, DhcpLogicalOr, ipxe, 1);
    add_range(&spec, 0x0A000140, 0x0A000150);
    expect(set(DhcpUpdatePolicyRanges, L"first", p), 0, "3.2.4.111 set a range");
    expect(set(DhcpUpdatePolicyRanges, L"first", p), PXB_ERROR_DHCP_POLICY_RANGE_EXISTS,
           "3.2.4.111 a range overlapping the policy's current ranges: RANGE_EXISTS");
    p = build(&spec, L"", SCOPE_B, 1, DhcpLogicalOr, ipxe, 1);
    spec.expr_array.NumElements = 0;
    expect(set(DhcpUpdatePolicyExpr, L"first", p), PXB_ERROR_DHCP_INVALID_POLICY_EXPRESSION,
           "3.2.4.111 no expressions: INVALID_POLICY_EXPRESSION (not 87)");
    build(&spec, L"", SCOPE_B, 1, DhcpLogicalOr, mixed, 2);
    expect(set(DhcpUpdatePolicyExpr, L"first", p), PXB_ERROR_DHCP_INVALID_POLICY_EXPRESSION,
           "3.2.4.111 <84>/<85> mixed polarity under one parent: 20109");
    for (int i = 0; i < 256; i++)
        description[i] = L'd';
    description[256] = 0;
    p->Description = description;
    expect(set(DhcpUpdatePolicyDescr, L"first", p), ERROR_INVALID_PARAMETER,
           "2.2.1.2.110 a 256-character description: INVALID_PARAMETER");
    description[255] = 0;
    p->Enabled = FALSE;
    expect(set(DhcpUpdatePolicyDescr | DhcpUpdatePolicyStatus, L"first", p), 0,
           "3.2.4.111 description and status together");
}

static void test_get_delete_enforce(void)
{
    LPDHCP_POLICY policy = NULL;
    expect(api.GetPolicy(NULL, FALSE, 0, L"first", &policy), ERROR_INVALID_PARAMETER,
           "3.2.4.110 a scope call without a subnet: INVALID_PARAMETER");
    expect(api.GetPolicy(NULL, FALSE, SCOPE_B, L"first", NULL), ERROR_INVALID_PARAMETER,
           "3.2.4.110 Policy NULL: INVALID_PARAMETER");
    expect(api.GetPolicy(NULL, FALSE, SCOPE_MISSING, L"first", &policy),
           PXB_ERROR_DHCP_SUBNET_NOT_PRESENT, "3.2.4.110 a missing scope: SUBNET_NOT_PRESENT");
    expect(api.GetPolicy(NULL, FALSE, SCOPE_B, L"first", &policy), 0, "3.2.4.110 get a policy");
    check(policy && policy->Ranges && policy->Ranges->NumElements == 1 &&
              wcslen(policy->Description) == 255 && !policy->Enabled,
          "it has the range, description and status set before");
    free_policy(policy);
    expect(api.DeletePolicy(NULL, TRUE, SCOPE_B, L"first"), ERROR_INVALID_PARAMETER,
           "3.2.4.112 ServerPolicy with a subnet: INVALID_PARAMETER");
    expect(api.DeletePolicy(NULL, FALSE, SCOPE_B, L"no such"), PXB_ERROR_DHCP_POLICY_NOT_FOUND,
           "3.2.4.112 an unknown policy: POLICY_NOT_FOUND");
    expect(set_text(SCOPE_B, L"first", 67, L"first.0"), 0, "a value for the policy");
    expect(api.DeletePolicy(NULL, FALSE, SCOPE_B, L"first"), 0, "3.2.4.112 delete it");
    expect(set_text(SCOPE_B, L"first", 67, L"x"), PXB_ERROR_DHCP_POLICY_NOT_FOUND,
           "it is gone (and its values with it)");
    expect(api.SetEnforcement(NULL, TRUE, SCOPE_B, TRUE), ERROR_INVALID_PARAMETER,
           "3.2.4.108 ServerPolicy with a subnet: INVALID_PARAMETER");
    expect(api.SetEnforcement(NULL, FALSE, SCOPE_MISSING, TRUE),
           PXB_ERROR_DHCP_SUBNET_NOT_PRESENT, "3.2.4.108 a missing scope: SUBNET_NOT_PRESENT");
    expect(api.SetEnforcement(NULL, TRUE, 0, TRUE), 0, "3.2.4.108 server-level enforcement on");
}

/* The FQDN rules of 2012 R2 and later, on the 10.0 server (2012 refuses FQDN conditions). */
static void test_fqdn_rules(void)
{
    const cond_spec fqdn[] = {{DhcpAttrFqdn, 0, DhcpCompEqual, "host.example", 0, 0}};
    policy_spec spec;
    DHCP_POLICY *p = build(&spec, L"fqdn", SCOPE_A, 1, DhcpLogicalOr, fqdn, 1);
    add_range(&spec, 0x0A000010, 0x0A000020);
    expect(api.CreatePolicy(SERVER_2016, p), PXB_ERROR_DHCP_POLICY_FQDN_RANGE_UNSUPPORTED,
           "3.2.4.109 <79> an FQDN condition with ranges: FQDN_RANGE_UNSUPPORTED");
    spec.range_array.NumElements = 0;
    expect(api.CreatePolicy(SERVER_2016, p), 0, "3.2.4.109 without ranges it is taken");
    add_range(&spec, 0x0A000010, 0x0A000020);
    expect(api.SetPolicy(SERVER_2016, DhcpUpdatePolicyRanges, FALSE, SCOPE_A, L"fqdn", p),
           PXB_ERROR_DHCP_POLICY_EDIT_FQDN_UNSUPPORTED,
           "3.2.4.111 <80> ranges for an FQDN policy: EDIT_FQDN_UNSUPPORTED");
    expect(api.DeletePolicy(SERVER_2016, FALSE, SCOPE_A, L"fqdn"), 0, "(clean up)");
}

void test_policy_change(void)
{
    test_set_order_and_name();
    test_set_fields();
    test_get_delete_enforce();
    test_fqdn_rules();
}
