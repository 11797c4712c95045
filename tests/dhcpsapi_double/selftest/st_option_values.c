/* st_option_values.c: option values: R_DhcpV4SetOptionValue / Get / Remove (MS-DHCPM
 * 3.2.4.102, 3.2.4.104, 3.2.4.105: for a policy) and R_DhcpSetOptionValueV5 / Get / Remove
 * (3.2.4.20, 3.2.4.22, 3.2.4.24: for a user class and vendor class, 3.1.1.11). The iPXE
 * policy of scope B (st_policy_create.c) holds the policy values. */
#include <wchar.h>

#include "selftest.h"

static void test_v4_values(void)
{
    DHCP_OPTION_SCOPE_INFO scope = scope_of(SCOPE_B);
    DHCP_OPTION_DATA empty = {0, NULL};
    LPDHCP_OPTION_VALUE value = NULL;
    expect(set_text(SCOPE_B, L"iPXE", 67, L"http://10.0.0.1/boot.ipxe"), 0,
           "3.2.4.102 a value for a policy");
    expect(api.GetValue(NULL, 0, 67, L"iPXE", NULL, &scope, &value), 0, "3.2.4.104 read it back");
    check(value && wcscmp(value->Value.Elements[0].Element.StringDataOption,
                          L"http://10.0.0.1/boot.ipxe") == 0,
          "the value read is the value set");
    free_option_value(value);
    expect(api.SetValue(NULL, 0, 67, L"iPXE", NULL, &scope, &empty), ERROR_INVALID_PARAMETER,
           "3.2.4.102 NumElements 0: INVALID_PARAMETER");
    expect(set_text(SCOPE_B, L"no such policy", 67, L"x"), PXB_ERROR_DHCP_POLICY_NOT_FOUND,
           "3.2.4.102 an unknown policy: POLICY_NOT_FOUND");
    expect(set_text(SCOPE_B, NULL, 67, L"x"), PXB_ERROR_DHCP_POLICY_NOT_FOUND,
           "3.2.4.102 no PolicyName names no policy: POLICY_NOT_FOUND (strictest)");
    expect(set_text(SCOPE_MISSING, L"iPXE", 67, L"x"), PXB_ERROR_DHCP_SUBNET_NOT_PRESENT,
           "3.2.4.102 a missing scope: SUBNET_NOT_PRESENT");
    expect(set_text(SCOPE_B, L"iPXE", 60, L"HTTPClient"), 0,
           "3.2.4.102 checks no definition: option 60 is taken for a policy");
    DHCP_OPTION_DATA_ELEMENT number = {.OptionType = DhcpDWordOption};
    DHCP_OPTION_DATA data = {1, &number};
    expect(api.SetValue(NULL, 0, 66, L"iPXE", NULL, &scope, &data), 0,
           "3.2.4.102 checks no type: a DWORD for string option 66 is taken");
    expect(api.SetValue(NULL, 0, 66, L"iPXE", L"no vendor", &scope, &data),
           ERROR_INVALID_PARAMETER, "a VendorName without DHCP_FLAGS_OPTION_IS_VENDOR");
    expect(api.SetValue(NULL, PXB_DHCP_FLAGS_OPTION_IS_VENDOR, 66, L"iPXE", L"no vendor",
                        &scope, &data),
           PXB_ERROR_DHCP_CLASS_NOT_FOUND, "3.2.4.102 an unknown vendor class: CLASS_NOT_FOUND");
    expect(api.RemoveValue(NULL, 0, 66, L"iPXE", NULL, &scope), 0, "3.2.4.105 remove a value");
    expect(api.RemoveValue(NULL, 0, 66, L"iPXE", NULL, &scope), PXB_ERROR_DHCP_OPTION_NOT_PRESENT,
           "3.2.4.105 removing it again: OPTION_NOT_PRESENT");
    expect(api.GetValue(NULL, 0, 66, L"iPXE", NULL, &scope, &value),
           PXB_ERROR_DHCP_OPTION_NOT_PRESENT,
           "3.2.4.104 getting an unset value: OPTION_NOT_PRESENT");
    expect(api.RemoveValue(NULL, 0, 60, L"iPXE", NULL, &scope), 0, "(clean up)");
}

static void test_v5_values(void)
{
    DHCP_OPTION_SCOPE_INFO scope = scope_of(SCOPE_B);
    LPDHCP_OPTION_VALUE value = NULL;
    expect(set_text_v5(NULL, NULL, SCOPE_B, 66, L"10.0.0.9"), 0, "3.2.4.20 a scope value");
    expect(api.GetValueV5(NULL, 0, 66, NULL, NULL, &scope, &value), 0, "3.2.4.22 read it back");
    free_option_value(value);
    expect(set_text_v5(NULL, NULL, SCOPE_B, 60, L"HTTPClient"), PXB_ERROR_DHCP_OPTION_NOT_PRESENT,
           "3.2.4.20 an undefined option (60 on a fresh server): OPTION_NOT_PRESENT");
    expect(set_text_v5(NULL, NULL, SCOPE_MISSING, 66, L"x"), PXB_ERROR_DHCP_SUBNET_NOT_PRESENT,
           "3.2.4.20 a missing scope: SUBNET_NOT_PRESENT");
    expect(set_text_v5(NULL, L"no class", SCOPE_B, 67, L"x"), PXB_ERROR_DHCP_CLASS_NOT_FOUND,
           "3.2.4.20 an unknown user class: CLASS_NOT_FOUND");
    expect(set_text_v5(NULL, L"pxb iPXE", SCOPE_B, 67, L"boot.ipxe"), 0,
           "3.2.4.20 a user-class value on 6.3");
    check(!policy_exists(NULL, L"pxb iPXE", SCOPE_B),
          "3.1.1.11 it is kept for the class: no policy is made");
    expect(api.RemoveValueV5(NULL, 0, 66, NULL, L"Microsoft Options", &scope),
           PXB_ERROR_DHCP_OPTION_NOT_PRESENT,
           "3.2.4.24 a VendorName without DHCP_FLAGS_OPTION_IS_VENDOR: OPTION_NOT_PRESENT");
    DHCP_OPTION_DATA_ELEMENT text = {.OptionType = DhcpStringDataOption};
    DHCP_OPTION_DATA data = {1, &text};
    text.Element.StringDataOption = L"10.0.0.9";
    expect(api.SetValueV5(NULL, 0, 66, NULL, L"Microsoft Options", &scope, &data),
           ERROR_INVALID_PARAMETER, "3.2.4.20 the same mismatch on set: INVALID_PARAMETER");
    expect(api.RemoveValueV5(NULL, 0, 66, NULL, NULL, &scope), 0, "3.2.4.24 remove a value");
    expect(api.RemoveValueV5(NULL, 0, 66, NULL, NULL, &scope), PXB_ERROR_DHCP_OPTION_NOT_PRESENT,
           "3.2.4.24 <48> removing it again: OPTION_NOT_PRESENT");
    expect(api.GetValueV5(NULL, 0, 66, NULL, NULL, &scope, &value), ERROR_FILE_NOT_FOUND,
           "3.2.4.22 getting an unset value: ERROR_FILE_NOT_FOUND");
    check(tool(L"set-fault local absent-code 20010"), "variant: absent-code 20010");
    expect(api.GetValueV5(NULL, 0, 66, NULL, NULL, &scope, &value),
           PXB_ERROR_DHCP_OPTION_NOT_PRESENT, "the variant answers 20010 instead");
    check(tool(L"set-fault local none"), "variant off");
    expect(api.RemoveValueV5(NULL, 0, 67, L"pxb iPXE", NULL, &scope), 0, "(clean up)");
}

void test_option_values(void)
{
    test_v4_values();
    test_v5_values();
}
