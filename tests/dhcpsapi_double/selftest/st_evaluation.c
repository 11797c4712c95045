/* st_evaluation.c: what clients receive (PxbDoubleEvaluate) from policies of the shape
 * MS-DHCPM 3.2.4.109 allows: one AND sub-expression per attribute under the root. BIOS,
 * UEFI x64, iPXE on both, HTTP boot, scope before server, a disabled policy, enforcement
 * off, a MAC exclusion, and the pre-2012 user-class value. */
#include <stdio.h>
#include <string.h>

#include "selftest.h"

#define BIOS "PXEClient:Arch:00000:UNDI:002001"
#define UEFI "PXEClient:Arch:00007:UNDI:003016"
#define HTTP "HTTPClient:Arch:00016:UNDI:003016"

static const unsigned char excluded_mac[6] = {0x52, 0x54, 0x00, 0x00, 0x00, 0x01};

static void evaluate(const char *server, DWORD subnet, const char *vendor, const char *user,
                     const unsigned char *mac, pxb_double_offer *offer)
{
    pxb_double_client client = {.server = server, .subnet = subnet};
    if (vendor) {
        client.vendor_class = (const unsigned char *)vendor;
        client.vendor_class_len = strlen(vendor);
    }
    if (user) {
        client.user_class = (const unsigned char *)user;
        client.user_class_len = strlen(user);
    }
    client.mac = mac;
    client.mac_len = mac ? 6 : 0;
    if (api.Evaluate(&client, offer))
        memset(offer, 0, sizeof *offer);
}

static void expect_file(const char *what, DWORD subnet, const char *vendor, const char *user,
                        const unsigned char *mac, const char *file)
{
    pxb_double_offer offer;
    char line[400];
    evaluate(NULL, subnet, vendor, user, mac, &offer);
    snprintf(line, sizeof line, "%s gets %s (got '%s' from %s; matched %s)", what,
             *file ? file : "no boot file", offer.boot_file.value, offer.boot_file.source,
             offer.matched);
    check(strcmp(offer.boot_file.value, file) == 0, line);
}

static void make_plan(void)
{
    const cond_spec ipxe[] = {USER_IS("iPXE", 0)};
    const cond_spec bios[] = {VENDOR_BEGINS("PXEClient:Arch:00000", 1), USER_NOT("iPXE", 2)};
    const cond_spec uefi[] = {VENDOR_BEGINS("PXEClient:Arch:00007", 1), USER_NOT("iPXE", 2)};
    const cond_spec http[] = {VENDOR_BEGINS("HTTPClient:Arch:00016", 0)};
    expect(add_policy(NULL, L"pxb iPXE", SCOPE_A, 1, DhcpLogicalOr, ipxe, 1), 0, "plan: iPXE");
    expect(add_policy(NULL, L"pxb BIOS", SCOPE_A, 2, DhcpLogicalAnd, bios, 2), 0, "plan: BIOS");
    expect(add_policy(NULL, L"pxb UEFI", SCOPE_A, 3, DhcpLogicalAnd, uefi, 2), 0, "plan: UEFI");
    expect(add_policy(NULL, L"pxb HTTP", SCOPE_A, 4, DhcpLogicalOr, http, 1), 0, "plan: HTTP");
    expect(set_text(SCOPE_A, L"pxb iPXE", 67, L"tftp://10.0.0.1/boot.ipxe") |
               set_text(SCOPE_A, L"pxb BIOS", 67, L"undionly.kpxe") |
               set_text(SCOPE_A, L"pxb UEFI", 67, L"snponly.efi") |
               set_text(SCOPE_A, L"pxb HTTP", 67, L"http://10.0.0.1/ipxe.efi") |
               set_text(SCOPE_A, L"pxb HTTP", 60, L"HTTPClient") |
               set_text_v5(NULL, NULL, SCOPE_A, 66, L"10.0.0.1"),
           0, "plan: option values");
}

static void test_plan(void)
{
    pxb_double_offer offer;
    expect_file("BIOS PXE", SCOPE_A, BIOS, NULL, NULL, "undionly.kpxe");
    expect_file("UEFI x64 PXE", SCOPE_A, UEFI, NULL, NULL, "snponly.efi");
    expect_file("iPXE on BIOS", SCOPE_A, BIOS, "iPXE", NULL, "tftp://10.0.0.1/boot.ipxe");
    expect_file("iPXE on UEFI", SCOPE_A, UEFI, "iPXE", NULL, "tftp://10.0.0.1/boot.ipxe");
    evaluate(NULL, SCOPE_A, BIOS, "iPXE", NULL, &offer);
    check(strcmp(offer.matched, "pxb iPXE@10.0.0.0,iPXE@server") == 0,
          "iPXE on BIOS matches no architecture rule (and the server-level iPXE policy)");
    check(strcmp(offer.boot_server.value, "10.0.0.1") == 0 &&
              strcmp(offer.boot_server.source, "scope 10.0.0.0") == 0,
          "option 066 comes from the scope");
    evaluate(NULL, SCOPE_A, HTTP, NULL, NULL, &offer);
    check(strcmp(offer.boot_file.value, "http://10.0.0.1/ipxe.efi") == 0 &&
              strcmp(offer.vendor_class.value, "HTTPClient") == 0,
          "HTTP boot gets the URL and option 060 HTTPClient");
}

static void test_levels(void)
{
    pxb_double_offer offer;
    const cond_spec server_uefi[] = {VENDOR_BEGINS("PXEClient:Arch:00007", 0)};
    expect(add_policy(NULL, L"srv UEFI", 0, 1, DhcpLogicalOr, server_uefi, 1), 0,
           "a server-level UEFI policy");
    expect(set_text(0, L"srv UEFI", 67, L"server.efi"), 0, "with its own boot file");
    evaluate(NULL, SCOPE_A, UEFI, NULL, NULL, &offer);
    check(strcmp(offer.boot_file.value, "snponly.efi") == 0 &&
              strcmp(offer.matched, "pxb UEFI@10.0.0.0,srv UEFI@server") == 0,
          "scope policies come before server policies");
    expect_file("UEFI x64 in a scope without policies", SCOPE_C, UEFI, NULL, NULL, "server.efi");
    expect(set_text_v5(NULL, NULL, SCOPE_C, 67, L"scope.efi"), 0, "a scope option 067 there");
    expect_file("UEFI x64 there now", SCOPE_C, UEFI, NULL, NULL, "scope.efi");
}

static void test_switches(void)
{
    const cond_spec bios_not_mac[] = {VENDOR_BEGINS("PXEClient:Arch:00000", 1),
                                      USER_NOT("iPXE", 2), MAC_NOT(excluded_mac, 3)};
    const cond_spec uefi[] = {VENDOR_BEGINS("PXEClient:Arch:00007", 0)};
    pxb_double_offer offer;
    policy_spec spec;
    build(&spec, L"", SCOPE_A, 1, DhcpLogicalOr, uefi, 1);
    spec.policy.Enabled = FALSE;
    expect(api.SetPolicy(NULL, DhcpUpdatePolicyStatus, FALSE, SCOPE_A, L"pxb UEFI", &spec.policy),
           0, "disable the scope's UEFI policy");
    expect_file("UEFI x64 with it disabled", SCOPE_A, UEFI, NULL, NULL, "server.efi");
    expect(api.SetEnforcement(NULL, FALSE, SCOPE_A, FALSE), 0, "policies off in the scope");
    expect_file("BIOS with policies off", SCOPE_A, BIOS, NULL, NULL, "");
    expect(api.SetEnforcement(NULL, FALSE, SCOPE_A, TRUE), 0, "policies on again");
    build(&spec, L"", SCOPE_A, 1, DhcpLogicalAnd, bios_not_mac, 3);
    expect(api.SetPolicy(NULL, DhcpUpdatePolicyExpr, FALSE, SCOPE_A, L"pxb BIOS", &spec.policy),
           0, "exclude a MAC from the BIOS rule (its own AND sub-expression)");
    expect_file("the excluded BIOS machine", SCOPE_A, BIOS, NULL, excluded_mac, "");
    expect_file("another BIOS machine", SCOPE_A, BIOS, NULL, (const unsigned char *)"\1\2\3\4\5\6",
                "undionly.kpxe");
    evaluate("partner", SCOPE_A, BIOS, "iPXE", NULL, &offer);
    check(strcmp(offer.boot_file.value, "tftp://10.0.0.2/boot.ipxe") == 0 &&
              strcmp(offer.boot_file.source, "class iPXE at scope 10.0.0.0") == 0,
          "pre-2012: iPXE gets the user-class value (option 77)");
    evaluate("partner", SCOPE_A, BIOS, NULL, NULL, &offer);
    check(!offer.boot_file.present, "pre-2012: BIOS without iPXE gets no boot file");
}

void test_evaluation(void)
{
    make_plan();
    test_plan();
    test_levels();
    test_switches();
}
