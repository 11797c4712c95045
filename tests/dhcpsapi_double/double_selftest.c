/* double_selftest.c: the dhcpsapi test double's own test, calling it as the product does:
 * LoadLibraryW("dhcpsapi.dll") beside this program, GetProcAddress, the project's own
 * declarations. Setup and faults go through dhcpdouble.exe (also beside it). Checks
 * classes (built-ins, uniqueness, paging), policies (validation, order insertion and
 * shifting, reordering), option values and definitions, the V5 user-class collision, every
 * fault kind, and evaluation (BIOS, UEFI x64, iPXE on BIOS and UEFI, HTTP boot, scope
 * before server, disabled policy, enforcement off, MAC exclusion). Needs
 * PXB_DHCP_DOUBLE_STATE; starts from a fresh state. Last line:
 * "dhcp-double selftest: N passed, M failed"; exit status 1 on any failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

#include "dhcpsapi_decl.h"
#include "double_eval.h"

#define ANY_SIZE 0xFFFFFFFFu
#define SCOPE_A 0x0A000000u /* 10.0.0.0: the evaluation plan */
#define SCOPE_B 0x0A000100u /* 10.0.1.0: order tests */
#define SCOPE_C 0x0A000200u /* 10.0.2.0: no policies */

static int passed, failed;
static wchar_t tool_path[MAX_PATH];

static struct {
    pxb_DhcpGetVersion_fn GetVersion;
    pxb_DhcpEnumSubnets_fn EnumSubnets;
    pxb_DhcpEnumClasses_fn EnumClasses;
    pxb_DhcpCreateClass_fn CreateClass;
    pxb_DhcpDeleteClass_fn DeleteClass;
    pxb_DhcpV4CreatePolicy_fn CreatePolicy;
    pxb_DhcpV4GetPolicy_fn GetPolicy;
    pxb_DhcpV4SetPolicy_fn SetPolicy;
    pxb_DhcpV4DeletePolicy_fn DeletePolicy;
    pxb_DhcpV4EnumPolicies_fn EnumPolicies;
    pxb_DhcpV4SetPolicyEnforcement_fn SetEnforcement;
    pxb_DhcpV4SetOptionValue_fn SetValue;
    pxb_DhcpV4GetOptionValue_fn GetValue;
    pxb_DhcpV4RemoveOptionValue_fn RemoveValue;
    pxb_DhcpSetOptionValueV5_fn SetValueV5;
    pxb_DhcpGetOptionValueV5_fn GetValueV5;
    pxb_DhcpRemoveOptionValueV5_fn RemoveValueV5;
    pxb_DhcpGetOptionInfoV5_fn GetOptionInfo;
    pxb_DhcpCreateOptionV5_fn CreateOption;
    pxb_DhcpRemoveOptionV5_fn RemoveOption;
    pxb_DhcpRpcFreeMemory_fn Free;
    pxb_PxbDoubleEvaluate_fn Evaluate;
} api;

static void check(int ok, const char *what)
{
    if (ok)
        passed++;
    else
        failed++;
    printf("%s: %s\n", ok ? "PASS" : "FAIL", what);
}

static void expect(DWORD got, DWORD want, const char *what)
{
    char line[300];
    snprintf(line, sizeof line, "%s (got %lu, want %lu)", what, (unsigned long)got,
             (unsigned long)want);
    check(got == want, line);
}

static FARPROC need(HMODULE dll, const char *name)
{
    FARPROC proc = GetProcAddress(dll, name);
    if (!proc)
        printf("FAIL: dhcpsapi.dll exports %s\n", name);
    return proc;
}

#define LOAD(field, name) ((api.field = (void *)need(dll, name)) != NULL)

static int load_api(void)
{
    HMODULE dll = LoadLibraryW(L"dhcpsapi.dll");
    if (!dll)
        return 0;
    return LOAD(GetVersion, "DhcpGetVersion") & LOAD(EnumSubnets, "DhcpEnumSubnets") &
           LOAD(EnumClasses, "DhcpEnumClasses") & LOAD(CreateClass, "DhcpCreateClass") &
           LOAD(DeleteClass, "DhcpDeleteClass") & LOAD(CreatePolicy, "DhcpV4CreatePolicy") &
           LOAD(GetPolicy, "DhcpV4GetPolicy") & LOAD(SetPolicy, "DhcpV4SetPolicy") &
           LOAD(DeletePolicy, "DhcpV4DeletePolicy") & LOAD(EnumPolicies, "DhcpV4EnumPolicies") &
           LOAD(SetEnforcement, "DhcpV4SetPolicyEnforcement") &
           LOAD(SetValue, "DhcpV4SetOptionValue") & LOAD(GetValue, "DhcpV4GetOptionValue") &
           LOAD(RemoveValue, "DhcpV4RemoveOptionValue") &
           LOAD(SetValueV5, "DhcpSetOptionValueV5") & LOAD(GetValueV5, "DhcpGetOptionValueV5") &
           LOAD(RemoveValueV5, "DhcpRemoveOptionValueV5") &
           LOAD(GetOptionInfo, "DhcpGetOptionInfoV5") & LOAD(CreateOption, "DhcpCreateOptionV5") &
           LOAD(RemoveOption, "DhcpRemoveOptionV5") & LOAD(Free, "DhcpRpcFreeMemory") & LOAD(Evaluate, "PxbDoubleEvaluate");
}

/* Runs dhcpdouble.exe with arguments; 1 if it exits 0. */
static int tool(const wchar_t *arguments)
{
    wchar_t line[1024];
    STARTUPINFOW startup = {.cb = sizeof startup};
    PROCESS_INFORMATION process;
    DWORD status = 1;
    swprintf(line, 1024, L"\"%ls\" %ls", tool_path, arguments);
    if (!CreateProcessW(tool_path, line, NULL, NULL, FALSE, 0, NULL, NULL, &startup, &process))
        return 0;
    WaitForSingleObject(process.hProcess, INFINITE);
    GetExitCodeProcess(process.hProcess, &status);
    CloseHandle(process.hProcess);
    CloseHandle(process.hThread);
    return status == 0;
}

/* --- builders ------------------------------------------------------------------------------ */

static DWORD add_class(const wchar_t *name, const char *data, BOOL vendor)
{
    DHCP_CLASS_INFO info = {(LPWSTR)name, L"selftest", (DWORD)strlen(data), vendor, 0,
                            (LPBYTE)data};
    return api.CreateClass(NULL, 0, &info);
}

/* A condition: attribute type, option, comparator, value (raw bytes, NUL-terminated). */
typedef struct cond_spec {
    DHCP_POL_ATTR_TYPE type;
    DWORD option;
    DHCP_POL_COMPARATOR op;
    const char *value;
    DWORD parent;
} cond_spec;

#define USER_IS(text) {DhcpAttrOption, 77, DhcpCompEqual, text, 0}
#define USER_NOT(text) {DhcpAttrOption, 77, DhcpCompNotEqual, text, 0}
#define VENDOR_BEGINS(text) {DhcpAttrOption, 60, DhcpCompBeginsWith, text, 0}

typedef struct policy_spec {
    DHCP_POLICY policy;
    DHCP_POL_COND conds[4];
    DHCP_POL_EXPR exprs[2];
    DHCP_POL_COND_ARRAY cond_array;
    DHCP_POL_EXPR_ARRAY expr_array;
} policy_spec;

/* Fills spec: a policy at subnet (0 = server level) with one root expression. */
static DHCP_POLICY *build(policy_spec *spec, const wchar_t *name, DWORD subnet, DWORD order,
                          DHCP_POL_LOGIC_OPER root, const cond_spec *conds, DWORD count)
{
    memset(spec, 0, sizeof *spec);
    for (DWORD i = 0; i < count; i++) {
        DHCP_POL_COND *cond = &spec->conds[i];
        cond->ParentExpr = conds[i].parent;
        cond->Type = conds[i].type;
        cond->OptionID = conds[i].option;
        cond->Operator = conds[i].op;
        cond->Value = (LPBYTE)conds[i].value;
        cond->ValueLength = conds[i].type == DhcpAttrHWAddr ? 6 : (DWORD)strlen(conds[i].value);
    }
    spec->exprs[0].Operator = root;
    spec->cond_array = (DHCP_POL_COND_ARRAY){count, spec->conds};
    spec->expr_array = (DHCP_POL_EXPR_ARRAY){1, spec->exprs};
    spec->policy = (DHCP_POLICY){(LPWSTR)name, subnet == 0, subnet, order, &spec->cond_array,
                                 &spec->expr_array, NULL, L"selftest", TRUE};
    return &spec->policy;
}

static DWORD add_policy(const wchar_t *name, DWORD subnet, DWORD order,
                        DHCP_POL_LOGIC_OPER root, const cond_spec *conds, DWORD count)
{
    policy_spec spec;
    return api.CreatePolicy(NULL, build(&spec, name, subnet, order, root, conds, count));
}

static DHCP_OPTION_SCOPE_INFO scope_of(DWORD subnet)
{
    DHCP_OPTION_SCOPE_INFO scope = {.ScopeType = subnet ? DhcpSubnetOptions : DhcpGlobalOptions};
    scope.ScopeInfo.SubnetScopeInfo = subnet;
    return scope;
}

/* Sets a string option value for policy (NULL: none) at subnet (0: server level). */
static DWORD set_text(DWORD subnet, const wchar_t *policy, DWORD option, const wchar_t *text)
{
    DHCP_OPTION_SCOPE_INFO scope = scope_of(subnet);
    DHCP_OPTION_DATA_ELEMENT elem = {.OptionType = DhcpStringDataOption};
    DHCP_OPTION_DATA data = {1, &elem};
    elem.Element.StringDataOption = (LPWSTR)text;
    return api.SetValue(NULL, 0, option, (LPWSTR)policy, NULL, &scope, &data);
}

static DWORD policy_order(const wchar_t *name, DWORD subnet)
{
    LPDHCP_POLICY policy = NULL;
    DWORD order = 0;
    if (api.GetPolicy(NULL, subnet == 0, subnet, (LPWSTR)name, &policy) == ERROR_SUCCESS) {
        order = policy->ProcessingOrder;
        api.Free(policy->PolicyName);
        api.Free(policy->Description);
        for (DWORD i = 0; i < policy->Conditions->NumElements; i++)
            api.Free(policy->Conditions->Elements[i].Value);
        api.Free(policy->Conditions->Elements);
        api.Free(policy->Conditions);
        api.Free(policy->Expressions->Elements);
        api.Free(policy->Expressions);
        api.Free(policy->Ranges);
        api.Free(policy);
    }
    return order;
}

/* --- tests --------------------------------------------------------------------------------- */

static void test_server(void)
{
    DWORD major = 0, minor = 0, resume = 0, read, total, calls = 0, seen = 0, rc;
    expect(api.GetVersion(NULL, &major, &minor), 0, "DhcpGetVersion on the local server");
    check(major == 6 && minor == 3, "a fresh server is version 6.3");
    do {
        LPDHCP_IP_ARRAY subnets = NULL;
        rc = api.EnumSubnets(NULL, &resume, ANY_SIZE, &subnets, &read, &total);
        calls++;
        if (subnets) {
            seen += subnets->NumElements;
            api.Free(subnets->Elements);
            api.Free(subnets);
        }
    } while (rc == ERROR_MORE_DATA);
    expect(rc, ERROR_SUCCESS, "subnet enumeration ends with ERROR_SUCCESS");
    check(seen == 3 && calls == 2, "3 subnets come in 2 pages");
    LPDHCP_IP_ARRAY none = NULL;
    expect(api.EnumSubnets(NULL, &resume, ANY_SIZE, &none, &read, &total), ERROR_NO_MORE_ITEMS,
           "enumerating past the end gives ERROR_NO_MORE_ITEMS");
    check(none == NULL && read == 0, "and no data");
}

/* Enumerates all classes with the given byte budget; returns how many, counts calls. */
static DWORD count_classes(DWORD pref_max, DWORD *calls, int *has_builtins)
{
    static const char *const builtin_data[] = {"RRAS.Microsoft", "BOOTP.Microsoft", "MSFT 5.0",
                                               "MSFT 98", "MSFT", "MSFT Quarantine"};
    DHCP_RESUME_HANDLE resume = 0;
    DWORD read, total, seen = 0, rc, found = 0;
    *calls = 0;
    do {
        LPDHCP_CLASS_INFO_ARRAY classes = NULL;
        rc = api.EnumClasses(NULL, 0, &resume, pref_max, &classes, &read, &total);
        (*calls)++;
        for (DWORD i = 0; classes && i < classes->NumElements; i++) {
            LPDHCP_CLASS_INFO cls = &classes->Classes[i];
            for (size_t b = 0; b < sizeof builtin_data / sizeof builtin_data[0]; b++)
                found += cls->ClassDataLength == strlen(builtin_data[b]) &&
                         memcmp(cls->ClassData, builtin_data[b], cls->ClassDataLength) == 0;
            api.Free(cls->ClassName);
            api.Free(cls->ClassComment);
            api.Free(cls->ClassData);
        }
        if (classes) {
            seen += classes->NumElements;
            api.Free(classes->Classes);
            api.Free(classes);
        }
    } while (rc == ERROR_MORE_DATA);
    *has_builtins = found == 6 && rc == ERROR_SUCCESS;
    return seen;
}

static void test_classes(void)
{
    DWORD calls;
    int builtins;
    check(count_classes(ANY_SIZE, &calls, &builtins) == 6 && builtins,
          "a fresh server has the 6 built-in classes of MS-DHCPM 3.1.1.8");
    expect(add_class(L"pxb iPXE", "iPXE", FALSE), 0, "create user class iPXE");
    expect(add_class(L"PXB IPXE", "other", FALSE), PXB_ERROR_DHCP_CLASS_ALREADY_EXISTS,
           "a second class of the same name (any case) is refused");
    expect(add_class(L"iPXE again", "iPXE", FALSE), PXB_ERROR_DHCP_CLASS_ALREADY_EXISTS,
           "a second class with the same data is refused");
    expect(add_class(L"pxb BIOS", "PXEClient:Arch:00000", TRUE), 0, "create vendor class BIOS");
    expect(add_class(L"pxb UEFI x64", "PXEClient:Arch:00007", TRUE), 0,
           "create vendor class UEFI x64");
    expect(add_class(L"pxb HTTP x64", "HTTPClient:Arch:00016", TRUE), 0,
           "create vendor class HTTP x64");
    expect(add_class(L"to delete", "gone", FALSE), 0, "create a class to delete");
    expect(api.DeleteClass(NULL, 0, L"to delete"), 0, "delete it");
    expect(api.DeleteClass(NULL, 0, L"to delete"), PXB_ERROR_DHCP_CLASS_NOT_FOUND,
           "deleting it again: CLASS_NOT_FOUND");
    expect(api.DeleteClass(NULL, 0, L"Default BOOTP Class"), PXB_ERROR_DHCP_DELETE_BUILTIN_CLASS,
           "a built-in class cannot be deleted");
    check(count_classes(ANY_SIZE, &calls, &builtins) == 10 && calls == 5,
          "10 classes come 2 per page (5 calls)");
    check(count_classes(1, &calls, &builtins) == 10 && calls == 10,
          "a 1-byte PreferredMaximum still returns one class per call");
}

static void test_policies(void)
{
    const cond_spec ipxe[] = {USER_IS("iPXE")};
    const cond_spec unknown[] = {USER_IS("no such class")};
    cond_spec orphan[] = {USER_IS("iPXE")};
    policy_spec spec;
    orphan[0].parent = 3;
    expect(add_policy(L"iPXE", SCOPE_B, 1, DhcpLogicalOr, ipxe, 1), 0, "create scope policy");
    expect(add_policy(L"iPXE", SCOPE_B, 1, DhcpLogicalOr, ipxe, 1), PXB_ERROR_DHCP_POLICY_EXISTS,
           "same name at the same level: POLICY_EXISTS");
    expect(add_policy(L"iPXE", 0, 1, DhcpLogicalOr, ipxe, 1), 0,
           "same name at the server level is another policy");
    expect(add_policy(L"12345678901234567890123456789012345678901234567890123456789012345",
                      SCOPE_B, 1, DhcpLogicalOr, ipxe, 1),
           ERROR_INVALID_PARAMETER, "a 65-character name is refused");
    expect(add_policy(L"unknown", SCOPE_B, 1, DhcpLogicalOr, unknown, 1),
           PXB_ERROR_DHCP_CLASS_NOT_FOUND, "a condition on an unknown class: CLASS_NOT_FOUND");
    expect(add_policy(L"orphan", SCOPE_B, 1, DhcpLogicalOr, orphan, 1),
           PXB_ERROR_DHCP_POLICY_BAD_PARENT_EXPR, "a condition under a missing expression");
    expect(add_policy(L"empty", SCOPE_B, 1, DhcpLogicalOr, ipxe, 0),
           PXB_ERROR_DHCP_INVALID_POLICY_EXPRESSION, "an expression without conditions");
    DHCP_POLICY *no_exprs = build(&spec, L"no exprs", SCOPE_B, 1, DhcpLogicalOr, ipxe, 1);
    no_exprs->Expressions = NULL;
    expect(api.CreatePolicy(NULL, no_exprs), PXB_ERROR_DHCP_INVALID_POLICY_EXPRESSION,
           "no expressions at all");
    expect(add_policy(L"far", SCOPE_B, 3, DhcpLogicalOr, ipxe, 1),
           PXB_ERROR_DHCP_INVALID_PROCESSING_ORDER, "order above max + 1 is refused");
    expect(add_policy(L"nowhere", 0x0A090900, 1, DhcpLogicalOr, ipxe, 1),
           PXB_ERROR_DHCP_SUBNET_NOT_PRESENT, "a policy in a missing scope: SUBNET_NOT_PRESENT");
    expect(add_policy(L"second", SCOPE_B, 2, DhcpLogicalOr, ipxe, 1), 0, "append at order 2");
    expect(add_policy(L"first", SCOPE_B, 1, DhcpLogicalOr, ipxe, 1), 0, "insert at order 1");
    check(policy_order(L"first", SCOPE_B) == 1 && policy_order(L"iPXE", SCOPE_B) == 2 &&
              policy_order(L"second", SCOPE_B) == 3,
          "inserting at 1 moves the others down");
    build(&spec, L"", SCOPE_B, 1, DhcpLogicalOr, ipxe, 1);
    expect(api.SetPolicy(NULL, DhcpUpdatePolicyOrder, FALSE, SCOPE_B, L"second", &spec.policy), 0,
           "move the last policy to order 1");
    check(policy_order(L"second", SCOPE_B) == 1 && policy_order(L"first", SCOPE_B) == 2 &&
              policy_order(L"iPXE", SCOPE_B) == 3,
          "moving to 1 shifts the ones between");
    spec.policy.ProcessingOrder = 4;
    expect(api.SetPolicy(NULL, DhcpUpdatePolicyOrder, FALSE, SCOPE_B, L"first", &spec.policy),
           PXB_ERROR_DHCP_INVALID_PROCESSING_ORDER, "moving beyond the last is refused");
    DWORD resume = 0, read, total, rc, pages = 0, seen = 0;
    do {
        LPDHCP_POLICY_ARRAY policies = NULL;
        rc = api.EnumPolicies(NULL, &resume, ANY_SIZE, FALSE, SCOPE_B, &policies, &read, &total);
        pages++;
        if (policies) {
            seen += policies->NumElements;
            for (DWORD i = 0; i < policies->NumElements; i++) {
                DHCP_POLICY *p = &policies->Elements[i];
                check(p->ProcessingOrder == seen - policies->NumElements + i + 1,
                      "policies enumerate in processing order");
                api.Free(p->PolicyName);
                api.Free(p->Description);
                api.Free(p->Conditions->Elements[0].Value);
                api.Free(p->Conditions->Elements);
                api.Free(p->Conditions);
                api.Free(p->Expressions->Elements);
                api.Free(p->Expressions);
                api.Free(p->Ranges);
            }
            api.Free(policies->Elements);
            api.Free(policies);
        }
    } while (rc == ERROR_MORE_DATA);
    check(rc == ERROR_SUCCESS && seen == 3 && pages == 2, "3 scope policies in 2 pages");
    expect(api.DeletePolicy(NULL, FALSE, SCOPE_B, L"second"), 0, "delete the first in order");
    check(policy_order(L"first", SCOPE_B) == 1 && policy_order(L"iPXE", SCOPE_B) == 2,
          "deleting moves the later ones up");
    expect(api.DeletePolicy(NULL, FALSE, SCOPE_B, L"second"), PXB_ERROR_DHCP_POLICY_NOT_FOUND,
           "deleting it again: POLICY_NOT_FOUND");
}

static void test_options(void)
{
    DHCP_OPTION_SCOPE_INFO scope = scope_of(SCOPE_B);
    LPDHCP_OPTION_VALUE value = NULL;
    LPDHCP_OPTION info = NULL;
    expect(set_text(SCOPE_B, L"iPXE", 67, L"http://10.0.0.1/boot.ipxe"), 0,
           "set option 67 for a policy");
    expect(api.GetValue(NULL, 0, 67, L"iPXE", NULL, &scope, &value), 0, "read it back");
    check(value && value->Value.NumElements == 1 &&
              wcscmp(value->Value.Elements[0].Element.StringDataOption,
                     L"http://10.0.0.1/boot.ipxe") == 0,
          "the value read is the value set");
    if (value) {
        api.Free(value->Value.Elements[0].Element.StringDataOption);
        api.Free(value->Value.Elements);
        api.Free(value);
    }
    expect(set_text(SCOPE_B, L"no such policy", 67, L"x"), PXB_ERROR_DHCP_POLICY_NOT_FOUND,
           "a value for a missing policy: POLICY_NOT_FOUND");
    expect(set_text(0x0A090900, NULL, 67, L"x"), PXB_ERROR_DHCP_SUBNET_NOT_PRESENT,
           "a value in a missing scope: SUBNET_NOT_PRESENT");
    expect(set_text(SCOPE_B, NULL, 60, L"HTTPClient"), PXB_ERROR_DHCP_OPTION_NOT_PRESENT,
           "option 60 is not defined on a fresh server");
    expect(api.GetOptionInfo(NULL, 0, 60, NULL, NULL, &info), PXB_ERROR_DHCP_OPTION_NOT_PRESENT,
           "DhcpGetOptionInfoV5(60): OPTION_NOT_PRESENT");
    expect(api.GetOptionInfo(NULL, 0, 67, NULL, NULL, &info), 0, "option 67 is defined");
    check(info && wcscmp(info->OptionName, L"Bootfile Name") == 0 &&
              info->DefaultValue.Elements[0].OptionType == DhcpStringDataOption,
          "option 67 is the string Bootfile Name");
    if (info) {
        api.Free(info->OptionName);
        api.Free(info->OptionComment);
        api.Free(info->DefaultValue.Elements[0].Element.StringDataOption);
        api.Free(info->DefaultValue.Elements);
        api.Free(info);
    }
    DHCP_OPTION_DATA_ELEMENT elem = {.OptionType = DhcpStringDataOption};
    elem.Element.StringDataOption = L"";
    DHCP_OPTION def = {60, L"Vendor Class Identifier", L"", {1, &elem},
                       DhcpUnaryElementTypeOption};
    expect(api.CreateOption(NULL, 0, 60, NULL, NULL, &def), 0, "define option 60");
    expect(api.CreateOption(NULL, 0, 60, NULL, NULL, &def), PXB_ERROR_DHCP_OPTION_EXISTS,
           "defining it again: OPTION_EXISTS");
    expect(api.RemoveOption(NULL, 0, 60, L"iPXE", NULL), PXB_ERROR_INVALID_PARAMETER,
           "deleting a user-class definition: INVALID_PARAMETER (not modelled)");
    expect(api.RemoveOption(NULL, 0, 60, NULL, NULL), 0, "delete option 60's definition");
    expect(api.GetOptionInfo(NULL, 0, 60, NULL, NULL, &info), PXB_ERROR_DHCP_OPTION_NOT_PRESENT,
           "it is gone");
    expect(api.RemoveOption(NULL, 0, 60, NULL, NULL), PXB_ERROR_DHCP_OPTION_NOT_PRESENT,
           "deleting it again: OPTION_NOT_PRESENT");
    expect(api.CreateOption(NULL, 0, 60, NULL, NULL, &def), 0, "define option 60 again");
    DHCP_OPTION_DATA_ELEMENT number = {.OptionType = DhcpDWordOption};
    DHCP_OPTION_DATA data = {1, &number};
    expect(api.SetValue(NULL, 0, 67, NULL, NULL, &scope, &data),
           PXB_ERROR_DHCP_OPTION_TYPE_MISMATCH, "a DWORD for string option 67: TYPE_MISMATCH");
    expect(set_text(SCOPE_B, NULL, 66, L"10.0.0.9"), 0, "set a scope option");
    expect(api.RemoveValue(NULL, 0, 66, NULL, NULL, &scope), 0, "remove it");
    expect(api.RemoveValue(NULL, 0, 66, NULL, NULL, &scope), PXB_ERROR_DHCP_OPTION_NOT_PRESENT,
           "removing it again: OPTION_NOT_PRESENT");
    check(tool(L"set-fault local absent-code 2"), "set absent-code 2");
    expect(api.RemoveValue(NULL, 0, 66, NULL, NULL, &scope), ERROR_FILE_NOT_FOUND,
           "removing an unset value then answers 2");
    expect(api.GetValue(NULL, 0, 66, NULL, NULL, &scope, &value), ERROR_FILE_NOT_FOUND,
           "and so does getting it");
    check(tool(L"set-fault local none"), "clear absent-code");
}

static DWORD set_class_value(const wchar_t *server, const wchar_t *cls, DWORD subnet,
                             const wchar_t *text)
{
    DHCP_OPTION_SCOPE_INFO scope = scope_of(subnet);
    DHCP_OPTION_DATA_ELEMENT elem = {.OptionType = DhcpStringDataOption};
    DHCP_OPTION_DATA data = {1, &elem};
    elem.Element.StringDataOption = (LPWSTR)text;
    return api.SetValueV5((LPWSTR)server, 0, 67, (LPWSTR)cls, NULL, &scope, &data);
}

static void test_v5_class_values(void)
{
    const cond_spec other[] = {VENDOR_BEGINS("PXEClient:Arch:00000")};
    expect(add_class(L"Legacy", "LEGACY", FALSE), 0, "create user class Legacy");
    expect(add_policy(L"Legacy", SCOPE_B, 1, DhcpLogicalOr, other, 1), 0,
           "an admin's own policy named Legacy");
    expect(set_class_value(NULL, L"Legacy", SCOPE_B, L"legacy.0"), PXB_ERROR_DHCP_POLICY_EXISTS,
           "a V5 user-class value then collides: POLICY_EXISTS");
    expect(add_class(L"Tools", "TOOLS", FALSE), 0, "create user class Tools");
    expect(set_class_value(NULL, L"Tools", SCOPE_B, L"tools.0"), 0,
           "a V5 user-class value on 2012 R2");
    check(policy_order(L"Tools", SCOPE_B) != 0, "made a policy named after the class");
    expect(set_class_value(NULL, L"Tools", SCOPE_B, L"tools.1"), 0,
           "a second V5 value reuses that policy");
    expect(set_class_value(NULL, L"No class", SCOPE_B, L"x"), PXB_ERROR_DHCP_CLASS_NOT_FOUND,
           "a V5 value for an unknown class: CLASS_NOT_FOUND");
}

static DWORD version_of(const wchar_t *server)
{
    DWORD major = 0, minor = 0;
    return api.GetVersion((LPWSTR)server, &major, &minor) ? 0 : major * 10 + minor;
}

static void test_faults(void)
{
    const cond_spec ipxe[] = {USER_IS("iPXE")};
    DWORD major, minor;
    expect(api.GetVersion(L"nosuch", &major, &minor), 1722, "an unknown server: 1722");
    check(version_of(L"partner") == 63, "the failover partner answers on its own");
    check(tool(L"set-fault local deny-writes"), "set fault deny-writes");
    expect(add_class(L"denied", "denied", FALSE), ERROR_ACCESS_DENIED, "writes are denied");
    check(version_of(NULL) == 63, "reads still work");
    check(tool(L"set-fault local deny-all"), "set fault deny-all");
    expect(api.GetVersion(NULL, &major, &minor), ERROR_ACCESS_DENIED, "every call is denied");
    check(tool(L"set-fault local none") && tool(L"set-fault local unreachable"),
          "set fault unreachable");
    expect(api.GetVersion(NULL, &major, &minor), 1722, "unreachable: 1722");
    check(version_of(L"partner") == 63, "the partner is still reachable");
    check(tool(L"set-fault local none") && tool(L"set-fault local stopped"),
          "set fault stopped");
    expect(api.GetVersion(NULL, &major, &minor), 1753, "service stopped: 1753");
    check(tool(L"set-fault local none") && tool(L"set-fault local fail-write 2"),
          "set fault fail-write 2");
    expect(add_class(L"w1", "w1", FALSE), 0, "write 1 succeeds");
    check(version_of(NULL) == 63, "reads are not counted");
    expect(add_class(L"w2", "w2", FALSE), PXB_ERROR_DHCP_JET_ERROR, "write 2 fails: JET_ERROR");
    expect(add_class(L"w2", "w2", FALSE), 0, "write 3 succeeds");
    check(tool(L"set-fault local fail-write 1 1722"), "set fault fail-write 1 1722");
    expect(api.DeleteClass(NULL, 0, L"w1"), 1722, "the next write fails with 1722");
    expect(api.DeleteClass(NULL, 0, L"w1"), 0, "and the one after succeeds");
    check(tool(L"set-fault local none"), "clear the faults");
    check(tool(L"set-version partner 6.1"), "make the partner a 2008 R2 server");
    policy_spec spec;
    expect(api.CreatePolicy(L"partner", build(&spec, L"p", 0, 1, DhcpLogicalOr, ipxe, 1)),
           PXB_RPC_S_PROCNUM_OUT_OF_RANGE, "pre-2012: DhcpV4CreatePolicy is 1745");
    DWORD resume = 0, read, total;
    LPDHCP_POLICY_ARRAY none = NULL;
    expect(api.EnumPolicies(L"partner", &resume, ANY_SIZE, TRUE, 0, &none, &read, &total),
           PXB_RPC_S_PROCNUM_OUT_OF_RANGE, "pre-2012: DhcpV4EnumPolicies is 1745");
    DHCP_CLASS_INFO info = {L"iPXE", L"", 4, FALSE, 0, (LPBYTE) "iPXE"};
    expect(api.CreateClass(L"partner", 0, &info), 0, "pre-2012: classes work");
    expect(set_class_value(L"partner", L"iPXE", SCOPE_A, L"tftp://10.0.0.2/boot.ipxe"), 0,
           "pre-2012: a V5 user-class value works");
    expect(add_policy(L"x", SCOPE_A, 1, DhcpLogicalOr, ipxe, 1) == ERROR_SUCCESS ? 0 : 1, 0,
           "the local server is unaffected");
    expect(api.DeletePolicy(NULL, FALSE, SCOPE_A, L"x"), 0, "(and cleaned up)");
}

/* --- evaluation ------------------------------------------------------------------------------ */

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

#define BIOS "PXEClient:Arch:00000:UNDI:002001"
#define UEFI "PXEClient:Arch:00007:UNDI:003016"
#define HTTP "HTTPClient:Arch:00016:UNDI:003016"

static void test_evaluation(void)
{
    static const unsigned char excluded_mac[6] = {0x52, 0x54, 0x00, 0x00, 0x00, 0x01};
    const cond_spec ipxe[] = {USER_IS("iPXE")};
    const cond_spec bios[] = {VENDOR_BEGINS("PXEClient:Arch:00000"), USER_NOT("iPXE")};
    const cond_spec uefi[] = {VENDOR_BEGINS("PXEClient:Arch:00007"), USER_NOT("iPXE")};
    const cond_spec http[] = {VENDOR_BEGINS("HTTPClient:Arch:00016")};
    const cond_spec server_uefi[] = {VENDOR_BEGINS("PXEClient:Arch:00007")};
    const cond_spec bios_not_mac[] = {VENDOR_BEGINS("PXEClient:Arch:00000"), USER_NOT("iPXE"),
                                      {DhcpAttrHWAddr, 0, DhcpCompNotEqual,
                                       (const char *)excluded_mac, 0}};
    pxb_double_offer offer;
    expect(add_policy(L"pxb iPXE", SCOPE_A, 1, DhcpLogicalOr, ipxe, 1), 0, "plan: iPXE rule");
    expect(add_policy(L"pxb BIOS", SCOPE_A, 2, DhcpLogicalAnd, bios, 2), 0, "plan: BIOS rule");
    expect(add_policy(L"pxb UEFI", SCOPE_A, 3, DhcpLogicalAnd, uefi, 2), 0, "plan: UEFI rule");
    expect(add_policy(L"pxb HTTP", SCOPE_A, 4, DhcpLogicalOr, http, 1), 0, "plan: HTTP rule");
    expect(set_text(SCOPE_A, L"pxb iPXE", 67, L"tftp://10.0.0.1/boot.ipxe") |
               set_text(SCOPE_A, L"pxb BIOS", 67, L"undionly.kpxe") |
               set_text(SCOPE_A, L"pxb UEFI", 67, L"snponly.efi") |
               set_text(SCOPE_A, L"pxb HTTP", 67, L"http://10.0.0.1/ipxe.efi") |
               set_text(SCOPE_A, L"pxb HTTP", 60, L"HTTPClient") |
               set_text(SCOPE_A, NULL, 66, L"10.0.0.1"),
           0, "plan: option values");
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
    expect(add_policy(L"srv UEFI", 0, 1, DhcpLogicalOr, server_uefi, 1), 0,
           "a server-level UEFI policy");
    expect(set_text(0, L"srv UEFI", 67, L"server.efi"), 0, "with its own boot file");
    evaluate(NULL, SCOPE_A, UEFI, NULL, NULL, &offer);
    check(strcmp(offer.boot_file.value, "snponly.efi") == 0 &&
              strcmp(offer.matched, "pxb UEFI@10.0.0.0,srv UEFI@server") == 0,
          "scope policies come before server policies");
    expect_file("UEFI x64 in a scope without policies", SCOPE_C, UEFI, NULL, NULL, "server.efi");
    expect(set_text(SCOPE_C, NULL, 67, L"scope.efi"), 0, "a scope option 067 in that scope");
    expect_file("UEFI x64 there now", SCOPE_C, UEFI, NULL, NULL, "scope.efi");
    policy_spec spec;
    build(&spec, L"", SCOPE_A, 1, DhcpLogicalOr, uefi, 0);
    spec.policy.Enabled = FALSE;
    expect(api.SetPolicy(NULL, DhcpUpdatePolicyStatus, FALSE, SCOPE_A, L"pxb UEFI", &spec.policy),
           0, "disable the scope's UEFI policy");
    expect_file("UEFI x64 with it disabled", SCOPE_A, UEFI, NULL, NULL, "server.efi");
    expect(api.SetEnforcement(NULL, FALSE, SCOPE_A, FALSE), 0, "policies off in the scope");
    expect_file("BIOS with policies off", SCOPE_A, BIOS, NULL, NULL, "");
    expect(api.SetEnforcement(NULL, FALSE, SCOPE_A, TRUE), 0, "policies on again");
    build(&spec, L"", SCOPE_A, 1, DhcpLogicalAnd, bios_not_mac, 3);
    expect(api.SetPolicy(NULL, DhcpUpdatePolicyExpr, FALSE, SCOPE_A, L"pxb BIOS", &spec.policy),
           0, "exclude a MAC from the BIOS rule");
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

int wmain(int argc, wchar_t **argv);

int wmain(int argc, wchar_t **argv)
{
    wchar_t *slash;
    GetModuleFileNameW(NULL, tool_path, MAX_PATH);
    slash = wcsrchr(tool_path, L'\\');
    wcscpy(slash ? slash + 1 : tool_path, L"dhcpdouble.exe");
    check(load_api(), "dhcpsapi.dll loads and exports every call");
    check(tool(L"init") && tool(L"add-subnet 10.0.0.0 255.255.255.0") &&
              tool(L"add-subnet 10.0.1.0 255.255.255.0") &&
              tool(L"add-subnet 10.0.2.0 255.255.255.0") && tool(L"add-server partner") &&
              tool(L"add-subnet 10.0.0.0 255.255.255.0 --server partner"),
          "fresh state with 3 scopes and a partner server");
    if (!failed) {
        test_server();
        test_classes();
        test_policies();
        test_options();
        test_v5_class_values();
        test_faults();
        test_evaluation();
    }
    printf("dhcp-double selftest: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
