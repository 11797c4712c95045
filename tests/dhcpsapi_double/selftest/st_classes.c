/* st_classes.c: R_DhcpCreateClass (MS-DHCPM 3.2.4.25), R_DhcpDeleteClass (3.2.4.27, with
 * its cascade) and R_DhcpEnumClasses (3.2.4.29: a byte budget, ERROR_MORE_DATA while items
 * remain, ERROR_SUCCESS with the last batch). */
#include <string.h>

#include "selftest.h"

/* Enumerates every class with the byte budget; counts calls; returns the classes seen. */
static DWORD count_classes(DWORD pref_max, DWORD *calls, DWORD *last_rc)
{
    DHCP_RESUME_HANDLE resume = 0;
    DWORD read, total, seen = 0, rc;
    *calls = 0;
    do {
        LPDHCP_CLASS_INFO_ARRAY classes = NULL;
        rc = api.EnumClasses(NULL, 0, &resume, pref_max, &classes, &read, &total);
        (*calls)++;
        seen += classes ? classes->NumElements : 0;
        free_class_array(classes);
    } while (rc == ERROR_MORE_DATA && *calls < 50);
    *last_rc = rc;
    return seen;
}

static void test_class_create(void)
{
    DHCP_CLASS_INFO none = {L"none", L"", 0, FALSE, 0, (LPBYTE) "x"};
    char long_data[257];
    memset(long_data, 'x', 256);
    long_data[256] = 0;
    expect(add_class(NULL, L"pxb iPXE", "iPXE", FALSE), 0, "3.2.4.25 create user class iPXE");
    expect(add_class(NULL, L"PXB IPXE", "other", FALSE), PXB_ERROR_DHCP_CLASS_ALREADY_EXISTS,
           "3.2.4.25 the same name: CLASS_ALREADY_EXISTS");
    expect(add_class(NULL, L"iPXE vendor", "iPXE", TRUE), PXB_ERROR_DHCP_CLASS_ALREADY_EXISTS,
           "3.2.4.25 the same data as a user class, for a vendor class: CLASS_ALREADY_EXISTS");
    expect(api.CreateClass(NULL, 0, &none), ERROR_INVALID_PARAMETER,
           "3.2.4.25 ClassDataLength 0: INVALID_PARAMETER");
    expect(add_class(NULL, L"long", long_data, FALSE), ERROR_INVALID_PARAMETER,
           "3.2.4.25 ClassDataLength 256: INVALID_PARAMETER");
    long_data[255] = 0;
    expect(add_class(NULL, L"long", long_data, FALSE), 0, "3.2.4.25 ClassDataLength 255 is taken");
    expect(api.DeleteClass(NULL, 0, L"long"), 0, "(and deleted)");
    expect(add_class(NULL, L"pxb BIOS", "PXEClient:Arch:00000", TRUE), 0,
           "create vendor class BIOS");
    expect(add_class(NULL, L"pxb UEFI x64", "PXEClient:Arch:00007", TRUE), 0,
           "create vendor class UEFI x64");
    expect(add_class(NULL, L"pxb HTTP x64", "HTTPClient:Arch:00016", TRUE), 0,
           "create vendor class HTTP x64");
}

static void test_class_delete(void)
{
    const cond_spec single[] = {USER_IS("DOOMED", 0)};
    const cond_spec pair[] = {USER_IS("DOOMED", 1), VENDOR_BEGINS("PXEClient", 2)};
    expect(api.DeleteClass(NULL, 0, L"Default BOOTP Class"), PXB_ERROR_DHCP_DELETE_BUILTIN_CLASS,
           "3.2.4.27 a built-in class: DELETE_BUILTIN_CLASS");
    expect(api.DeleteClass(NULL, 0, L"no such class"), PXB_ERROR_DHCP_CLASS_NOT_FOUND,
           "3.2.4.27 an unknown class: CLASS_NOT_FOUND");
    expect(api.DeleteClass(NULL, 0, NULL), ERROR_INVALID_PARAMETER,
           "3.2.4.27 ClassName NULL: INVALID_PARAMETER");
    expect(add_class(NULL, L"Doomed", "DOOMED", FALSE), 0, "a class to delete");
    expect(add_policy(NULL, L"doomed one", SCOPE_C, 1, DhcpLogicalOr, single, 1), 0,
           "a single-condition policy on it (ClassName = Doomed, 3.2.4.109)");
    expect(add_policy(NULL, L"doomed two", SCOPE_C, 2, DhcpLogicalAnd, pair, 2), 0,
           "a two-condition policy on it (no ClassName)");
    expect(set_text(SCOPE_C, L"doomed one", 67, L"doomed.0"), 0, "with a value");
    expect(set_text_v5(NULL, L"Doomed", SCOPE_C, 67, L"classed"), 0,
           "a user-class value for it (3.1.1.11)");
    expect(api.DeleteClass(NULL, 0, L"Doomed"), 0, "3.2.4.27 delete the class");
    check(!policy_exists(NULL, L"doomed one", SCOPE_C),
          "3.2.4.27 the policy whose ClassName it was is deleted");
    check(policy_exists(NULL, L"doomed two", SCOPE_C), "the two-condition policy stays");
    LPDHCP_OPTION_VALUE value = NULL;
    DHCP_OPTION_SCOPE_INFO scope = scope_of(SCOPE_C);
    expect(api.GetValueV5(NULL, 0, 67, L"Doomed", NULL, &scope, &value), ERROR_FILE_NOT_FOUND,
           "3.2.4.27 the class's option value is gone");
    policy_spec spec;
    build(&spec, L"", SCOPE_C, 1, DhcpLogicalOr, single, 1);
    expect(add_class(NULL, L"Doomed again", "DOOMED", FALSE), 0, "the class again");
    expect(api.SetPolicy(NULL, DhcpUpdatePolicyExpr, FALSE, SCOPE_C, L"doomed two",
                         &spec.policy),
           0, "3.2.4.111 a single Equal condition on its data: the ClassName is set anew");
    expect(api.DeleteClass(NULL, 0, L"Doomed again"), 0, "delete the class again");
    check(!policy_exists(NULL, L"doomed two", SCOPE_C), "3.2.4.27 the changed policy goes too");
}

static void test_class_enum(void)
{
    DWORD calls, rc, read = 9, total = 9;
    DHCP_RESUME_HANDLE resume = 0;
    LPDHCP_CLASS_INFO_ARRAY classes = NULL;
    DWORD all = count_classes(ANY_SIZE, &calls, &rc);
    check(all == 12 && calls == 1 && rc == ERROR_SUCCESS,
          "3.2.4.29 every class in one call ends with ERROR_SUCCESS (6 built-in, main.c's 2, "
          "4 more)");
    check(count_classes(400, &calls, &rc) == 12 && calls > 1 && rc == ERROR_SUCCESS,
          "3.2.4.29 a 400-byte budget: several batches, ERROR_MORE_DATA until the last");
    expect(api.EnumClasses(NULL, 0, &resume, 0, &classes, &read, &total), ERROR_MORE_DATA,
           "3.2.4.29 PreferredMaximum 0 with classes: ERROR_MORE_DATA");
    check(classes == NULL && read == 0 && resume == 0, "and no batch");
    expect(api.EnumClasses(NULL, 0, &resume, 1, &classes, &read, &total), ERROR_MORE_DATA,
           "3.2.4.29 a budget too small for one class: ERROR_MORE_DATA, nothing stored");
    check(classes == NULL && resume == 0, "(strictest reading: no progress)");
    resume = 12;
    expect(api.EnumClasses(NULL, 0, &resume, ANY_SIZE, &classes, &read, &total),
           ERROR_NO_MORE_ITEMS, "3.2.4.29 resume handle at the end: ERROR_NO_MORE_ITEMS");
    expect(api.EnumClasses(NULL, 0, &resume, ANY_SIZE, &classes, NULL, &total),
           ERROR_INVALID_PARAMETER, "3.2.4.29 a NULL out-parameter: INVALID_PARAMETER");
}

void test_classes(void)
{
    test_class_create();
    test_class_delete();
    test_class_enum();
}
