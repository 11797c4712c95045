/* exports.h: the dhcpsapi.dll functions the double exports (dhcpsapi.def), declared with the
 * project's own function types from dhcpext/msdhcp/win32/dhcpsapi_decl.h, so the double and the
 * product's binding cannot disagree on a signature. */
#ifndef PXB_DOUBLE_EXPORTS_H
#define PXB_DOUBLE_EXPORTS_H

#include "dhcpsapi_decl.h"

pxb_DhcpGetVersion_t DhcpGetVersion;
pxb_DhcpEnumSubnets_t DhcpEnumSubnets;
pxb_DhcpEnumClasses_t DhcpEnumClasses;
pxb_DhcpCreateClass_t DhcpCreateClass;
pxb_DhcpDeleteClass_t DhcpDeleteClass;
pxb_DhcpV4CreatePolicy_t DhcpV4CreatePolicy;
pxb_DhcpV4GetPolicy_t DhcpV4GetPolicy;
pxb_DhcpV4SetPolicy_t DhcpV4SetPolicy;
pxb_DhcpV4DeletePolicy_t DhcpV4DeletePolicy;
pxb_DhcpV4EnumPolicies_t DhcpV4EnumPolicies;
pxb_DhcpV4EnumPoliciesEx_t DhcpV4EnumPoliciesEx;
pxb_DhcpV4SetPolicyEnforcement_t DhcpV4SetPolicyEnforcement;
pxb_DhcpV4SetOptionValue_t DhcpV4SetOptionValue;
pxb_DhcpV4GetOptionValue_t DhcpV4GetOptionValue;
pxb_DhcpV4RemoveOptionValue_t DhcpV4RemoveOptionValue;
pxb_DhcpSetOptionValueV5_t DhcpSetOptionValueV5;
pxb_DhcpGetOptionValueV5_t DhcpGetOptionValueV5;
pxb_DhcpRemoveOptionValueV5_t DhcpRemoveOptionValueV5;
pxb_DhcpGetOptionInfoV5_t DhcpGetOptionInfoV5;
pxb_DhcpCreateOptionV5_t DhcpCreateOptionV5;
pxb_DhcpRemoveOptionV5_t DhcpRemoveOptionV5;
pxb_DhcpRpcFreeMemory_t DhcpRpcFreeMemory;

#endif
