/* dhcpsapi_loader.h: dhcpsapi.dll loaded at run time from System32 only (LoadLibraryExW with
 * LOAD_LIBRARY_SEARCH_SYSTEM32, then GetProcAddress by the undecorated names), with one
 * typed pointer per call pxebridge makes. A missing DLL or a missing call is reported with
 * what to install or upgrade; DhcpRemoveOptionV5, DhcpV4EnumPoliciesEx (2012 R2 and
 * later) and DhcpV4FailoverEnumRelationship (2012 and later) are optional. */
#ifndef PXB_DHCPSAPI_LOADER_H
#define PXB_DHCPSAPI_LOADER_H

#include "dhcpsapi_decl.h"
#include "ms_sync.h"

typedef struct pxb_dhcpsapi {
    HMODULE dll;
    pxb_DhcpGetVersion_fn GetVersion;
    pxb_DhcpEnumSubnets_fn EnumSubnets;
    pxb_DhcpEnumClasses_fn EnumClasses;
    pxb_DhcpCreateClass_fn CreateClass;
    pxb_DhcpDeleteClass_fn DeleteClass;
    pxb_DhcpV4CreatePolicy_fn CreatePolicy;
    pxb_DhcpV4SetPolicy_fn SetPolicy;
    pxb_DhcpV4DeletePolicy_fn DeletePolicy;
    pxb_DhcpV4EnumPolicies_fn EnumPolicies;
    pxb_DhcpV4EnumPoliciesEx_fn EnumPoliciesEx; /* may be NULL: older DLLs lack it */
    pxb_DhcpV4SetOptionValue_fn SetPolicyValue;
    pxb_DhcpV4GetOptionValue_fn GetPolicyValue;
    pxb_DhcpV4RemoveOptionValue_fn RemovePolicyValue;
    pxb_DhcpSetOptionValueV5_fn SetValue;
    pxb_DhcpGetOptionValueV5_fn GetValue;
    pxb_DhcpRemoveOptionValueV5_fn RemoveValue;
    pxb_DhcpGetOptionInfoV5_fn GetOptionInfo;
    pxb_DhcpCreateOptionV5_fn CreateOption;
    pxb_DhcpRemoveOptionV5_fn RemoveOption; /* may be NULL: only deleting 060 needs it */
    pxb_DhcpV4FailoverEnumRelationship_fn FailoverEnum; /* may be NULL: before 2012 */
    pxb_DhcpRpcFreeMemory_fn Free;
} pxb_dhcpsapi;

/* 0, or -1 with err (code 0, the whole message) and nothing loaded. */
int pxb_dhcpsapi_load(pxb_dhcpsapi *api, pxb_ms_error *err);
void pxb_dhcpsapi_unload(pxb_dhcpsapi *api);

#endif
