/* st_policy_create.c: R_DhcpV4CreatePolicy (MS-DHCPM 3.2.4.109) apart from the condition
 * tree (st_policy_tree.c): the NULL and empty members, the 2.2.1.2.110 limits, the level,
 * the ranges, the name, the processing order with its renumbering, and VendorName. */
#include <string.h>
#include <wchar.h>

#include "selftest.h"

static const cond_spec ipxe[] = {USER_IS("iPXE", 0)};

static void test_create_members(void)
{
    policy_spec spec;
    wchar_t description[300];
    DHCP_POLICY *p = build(&spec, L"no ranges", 0, 1, DhcpLogicalOr, ipxe, 1);
    p->Ranges = NULL;
    expect(api.CreatePolicy(NULL, p), ERROR_INVALID_PARAMETER,
           "3.2.4.109 Ranges NULL: INVALID_PARAMETER (a server policy carries an empty array)");
    p = build(&spec, L"no exprs", 0, 1, DhcpLogicalOr, ipxe, 1);
    p->Expressions = NULL;
    expect(api.CreatePolicy(NULL, p), ERROR_INVALID_PARAMETER, "3.2.4.109 Expressions NULL");
    p = build(&spec, L"no conds", 0, 1, DhcpLogicalOr, ipxe, 0);
    expect(api.CreatePolicy(NULL, p), ERROR_INVALID_PARAMETER,
           "3.2.4.109 Conditions NumElements 0: INVALID_PARAMETER");
    p = build(&spec, L"null elements", 0, 1, DhcpLogicalOr, ipxe, 1);
    spec.expr_array.Elements = NULL;
    expect(api.CreatePolicy(NULL, p), ERROR_INVALID_PARAMETER, "3.2.4.109 Elements NULL");
    expect(api.CreatePolicy(NULL, NULL), ERROR_INVALID_PARAMETER, "pPolicy NULL");
    expect(add_policy(NULL, L"12345678901234567890123456789012345678901234567890123456789012345",
                      SCOPE_B, 1, DhcpLogicalOr, ipxe, 1),
           ERROR_INVALID_PARAMETER, "2.2.1.2.110 a 65-character name: INVALID_PARAMETER");
    for (int i = 0; i < 256; i++)
        description[i] = L'd';
    description[256] = 0;
    p = build(&spec, L"long description", SCOPE_B, 1, DhcpLogicalOr, ipxe, 1);
    p->Description = description;
    expect(api.CreatePolicy(NULL, p), ERROR_INVALID_PARAMETER,
           "2.2.1.2.110 a 256-character description: INVALID_PARAMETER");
    description[255] = 0;
    expect(api.CreatePolicy(NULL, p), 0, "a 255-character description is taken");
    expect(api.DeletePolicy(NULL, FALSE, SCOPE_B, L"long description"), 0, "(clean up)");
}

static void test_create_level(void)
{
    policy_spec spec;
    DHCP_POLICY *p = build(&spec, L"level", 0, 1, DhcpLogicalOr, ipxe, 1);
    p->Subnet = SCOPE_B;
    expect(api.CreatePolicy(NULL, p), ERROR_INVALID_PARAMETER,
           "3.2.4.109 IsGlobalPolicy with a Subnet: INVALID_PARAMETER");
    p = build(&spec, L"level", SCOPE_B, 1, DhcpLogicalOr, ipxe, 1);
    p->Subnet = 0;
    expect(api.CreatePolicy(NULL, p), ERROR_INVALID_PARAMETER,
           "3.2.4.109 a scope policy with Subnet 0: INVALID_PARAMETER");
    expect(add_policy(NULL, L"nowhere", SCOPE_MISSING, 1, DhcpLogicalOr, ipxe, 1),
           PXB_ERROR_DHCP_SUBNET_NOT_PRESENT, "3.2.4.109 a missing scope: SUBNET_NOT_PRESENT");
}

/* Creates a policy on ipxe with the given ranges (pairs of start, end); expects want. */
static void try_ranges(const wchar_t *name, DWORD subnet, const DWORD *bounds, DWORD pairs,
                       DWORD want, const char *what)
{
    policy_spec spec;
    DHCP_POLICY *p = build(&spec, name, subnet, 1, DhcpLogicalOr, ipxe, 1);
    for (DWORD i = 0; i < pairs; i++)
        add_range(&spec, bounds[2 * i], bounds[2 * i + 1]);
    expect(api.CreatePolicy(NULL, p), want, what);
}

static void test_create_ranges(void)
{
    const DWORD inside[] = {0x0A000110, 0x0A000120};
    const DWORD reversed[] = {0x0A000120, 0x0A000110};
    const DWORD overlapping[] = {0x0A000110, 0x0A000120, 0x0A000118, 0x0A000130};
    const DWORD outside[] = {0x0A000210, 0x0A000220};
    const DWORD next_to[] = {0x0A000120, 0x0A000130};
    try_ranges(L"ranged", 0, inside, 1, PXB_ERROR_DHCP_RANGE_INVALID_IN_SERVER_POLICY,
               "3.2.4.109 a range on a server policy: RANGE_INVALID_IN_SERVER_POLICY");
    try_ranges(L"ranged", SCOPE_B, reversed, 1, PXB_ERROR_DHCP_POLICY_RANGE_BAD,
               "3.2.4.109 StartAddress above EndAddress: POLICY_RANGE_BAD");
    try_ranges(L"ranged", SCOPE_B, overlapping, 2, PXB_ERROR_DHCP_POLICY_RANGE_BAD,
               "3.2.4.109 two overlapping ranges: POLICY_RANGE_BAD");
    try_ranges(L"ranged", SCOPE_B, outside, 1, PXB_ERROR_DHCP_POLICY_RANGE_BAD,
               "3.2.4.109 a range outside the scope: POLICY_RANGE_BAD");
    try_ranges(L"ranged", SCOPE_B, inside, 1, 0, "3.2.4.109 a range inside the scope");
    try_ranges(L"ranged 2", SCOPE_B, next_to, 1, PXB_ERROR_DHCP_POLICY_RANGE_EXISTS,
               "3.2.4.109 overlapping another policy's range: POLICY_RANGE_EXISTS");
    expect(api.DeletePolicy(NULL, FALSE, SCOPE_B, L"ranged"), 0, "(clean up)");
}

static void test_create_order(void)
{
    expect(add_policy(NULL, L"iPXE", SCOPE_B, 1, DhcpLogicalOr, ipxe, 1), 0,
           "3.2.4.109 create a scope policy at order 1");
    expect(add_policy(NULL, L"IPXE", SCOPE_B, 1, DhcpLogicalOr, ipxe, 1),
           PXB_ERROR_DHCP_POLICY_EXISTS, "3.2.4.109 the same name at the level: POLICY_EXISTS");
    expect(add_policy(NULL, L"iPXE", 0, 1, DhcpLogicalOr, ipxe, 1), 0,
           "the same name at the server level is another policy");
    expect(add_policy(NULL, L"far", SCOPE_B, 3, DhcpLogicalOr, ipxe, 1),
           PXB_ERROR_DHCP_INVALID_PROCESSING_ORDER,
           "3.2.4.109 order above max + 1: INVALID_PROCESSING_ORDER");
    expect(add_policy(NULL, L"second", SCOPE_B, 2, DhcpLogicalOr, ipxe, 1), 0,
           "3.2.4.109 order max + 1 appends");
    expect(add_policy(NULL, L"first", SCOPE_B, 1, DhcpLogicalOr, ipxe, 1), 0, "insert at order 1");
    check(policy_order(L"first", SCOPE_B) == 1 && policy_order(L"iPXE", SCOPE_B) == 2 &&
              policy_order(L"second", SCOPE_B) == 3,
          "3.2.4.109 the policies at or after the new order move down by one");
    expect(add_policy(NULL, L"zero", SCOPE_B, 0, DhcpLogicalOr, ipxe, 1), 0,
           "3.2.4.109 order 0 is not refused (Microsoft's CreatePolicy sample sends it)");
    check(policy_order(L"zero", SCOPE_B) == 0 && policy_order(L"first", SCOPE_B) == 2,
          "order 0 is kept as given and every other policy moves down");
    expect(api.DeletePolicy(NULL, FALSE, SCOPE_B, L"zero"), 0, "3.2.4.112 delete it");
    check(policy_order(L"first", SCOPE_B) == 2 && policy_order(L"second", SCOPE_B) == 4,
          "3.2.4.112 deleting moves no other policy (strictest reading: gaps stay)");
}

static void test_create_vendor_name(void)
{
    policy_spec spec;
    DHCP_POLICY *p = build(&spec, L"vendor name", SCOPE_C, 1, DhcpLogicalOr, ipxe, 1);
    spec.conds[0].VendorName = L"no such vendor";
    expect(api.CreatePolicy(NULL, p), PXB_ERROR_DHCP_CLASS_NOT_FOUND,
           "3.2.4.109 a VendorName that is no class: CLASS_NOT_FOUND");
    spec.conds[0].VendorName = L"Microsoft Options";
    expect(api.CreatePolicy(NULL, p), 0, "3.2.4.109 a VendorName naming a class");
    expect(api.DeletePolicy(NULL, FALSE, SCOPE_C, L"vendor name"), 0, "(clean up)");
    const cond_spec unknown[] = {USER_IS("no class has this data", 0)};
    expect(add_policy(NULL, L"unknown data", SCOPE_C, 1, DhcpLogicalOr, unknown, 1),
           PXB_ERROR_DHCP_CLASS_NOT_FOUND,
           "3.2.4.109 a user-class condition on data no class has: CLASS_NOT_FOUND");
    const cond_spec vendor_as_user[] = {USER_IS("PXEClient:Arch:00007", 0)};
    expect(add_policy(NULL, L"wrong kind", SCOPE_C, 1, DhcpLogicalOr, vendor_as_user, 1),
           PXB_ERROR_DHCP_CLASS_NOT_FOUND,
           "3.2.4.109 a user-class condition on a vendor class's data (test_classes made it): "
           "CLASS_NOT_FOUND");
    const cond_spec vendor_ok[] = {VENDOR_BEGINS("PXEClient:Arch:00007", 0)};
    expect(add_policy(NULL, L"vendor data", SCOPE_C, 1, DhcpLogicalOr, vendor_ok, 1), 0,
           "3.2.4.109 a vendor-class condition on an existing vendor class's data");
    expect(api.DeletePolicy(NULL, FALSE, SCOPE_C, L"vendor data"), 0, "(clean up)");
}

void test_policy_create(void)
{
    test_create_members();
    test_create_level();
    test_create_ranges();
    test_create_order();
    test_create_vendor_name();
}
