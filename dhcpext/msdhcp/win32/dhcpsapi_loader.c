/* dhcpsapi_loader.c: loads dhcpsapi.dll from System32 and resolves the calls pxebridge
 * makes (see dhcpsapi_loader.h). */
#include "dhcpsapi_loader.h"

#include <stdio.h>
#include <string.h>

/* GetProcAddress's result as a plain function pointer, which may be cast to any other. */
typedef void (*any_fn)(void);

static any_fn find(pxb_dhcpsapi *api, const char *name, const char **missing)
{
    any_fn fn = (any_fn)(void *)GetProcAddress(api->dll, name);

    if (fn == NULL && *missing == NULL)
        *missing = name;
    return fn;
}

#define RESOLVE(field, name) (api->field = (pxb_##name##_fn)find(api, #name, &missing))

int pxb_dhcpsapi_load(pxb_dhcpsapi *api, pxb_ms_error *err)
{
    const char *missing = NULL;
    const char *optional = NULL;

    memset(api, 0, sizeof *api);
    /* System32 only: a dhcpsapi.dll in the program's folder or the current directory is
     * never loaded (DLL planting). */
    api->dll = LoadLibraryExW(L"dhcpsapi.dll", NULL, LOAD_LIBRARY_SEARCH_SYSTEM32);
    if (api->dll == NULL) {
        pxb_error_set(&err->error, "dhcpsapi.dll could not be loaded (error %lu): install the "
                      "DHCP Server management tools (RSAT: DHCP Server Tools, or the DHCP "
                      "Server role), or run pxebridge on the DHCP server",
                      (unsigned long)GetLastError());
        return -1;
    }
    RESOLVE(GetVersion, DhcpGetVersion);
    RESOLVE(EnumSubnets, DhcpEnumSubnets);
    RESOLVE(EnumClasses, DhcpEnumClasses);
    RESOLVE(CreateClass, DhcpCreateClass);
    RESOLVE(DeleteClass, DhcpDeleteClass);
    RESOLVE(SetValue, DhcpSetOptionValueV5);
    RESOLVE(GetValue, DhcpGetOptionValueV5);
    RESOLVE(RemoveValue, DhcpRemoveOptionValueV5);
    RESOLVE(GetOptionInfo, DhcpGetOptionInfoV5);
    RESOLVE(CreateOption, DhcpCreateOptionV5);
    RESOLVE(Free, DhcpRpcFreeMemory);
    RESOLVE(CreatePolicy, DhcpV4CreatePolicy);
    RESOLVE(SetPolicy, DhcpV4SetPolicy);
    RESOLVE(DeletePolicy, DhcpV4DeletePolicy);
    RESOLVE(EnumPolicies, DhcpV4EnumPolicies);
    RESOLVE(SetPolicyValue, DhcpV4SetOptionValue);
    RESOLVE(GetPolicyValue, DhcpV4GetOptionValue);
    RESOLVE(RemovePolicyValue, DhcpV4RemoveOptionValue);
    api->RemoveOption = (pxb_DhcpRemoveOptionV5_fn)find(api, "DhcpRemoveOptionV5", &optional);
    api->EnumPoliciesEx =
        (pxb_DhcpV4EnumPoliciesEx_fn)find(api, "DhcpV4EnumPoliciesEx", &optional);
    api->FailoverEnum = (pxb_DhcpV4FailoverEnumRelationship_fn)find(
        api, "DhcpV4FailoverEnumRelationship", &optional);
    if (missing == NULL)
        return 0;
    pxb_error_set(&err->error, "this dhcpsapi.dll has no %s%s: %s", missing,
                  strncmp(missing, "DhcpV4", 6) == 0 ? " (the policy calls of Windows Server 2012)"
                  : "",
                  "run pxebridge on Windows Server 2012 or later, or on a client with current "
                  "DHCP Server management tools (RSAT)");
    pxb_dhcpsapi_unload(api);
    return -1;
}

void pxb_dhcpsapi_unload(pxb_dhcpsapi *api)
{
    if (api->dll != NULL)
        FreeLibrary(api->dll);
    memset(api, 0, sizeof *api);
}
