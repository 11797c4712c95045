/* policy.h: DHCP policies inside the double (MS-DHCPM 3.1.1.35, 3.2.4.108-113, 3.2.4.130):
 * conversion between DHCP_POLICY and the model, the validation rules of R_DhcpV4CreatePolicy
 * and R_DhcpV4SetPolicy with the Windows Server 2012 notes, the ClassName a policy stands
 * for, and processing orders. */
#ifndef PXB_DOUBLE_POLICY_H
#define PXB_DOUBLE_POLICY_H

#include "dhcpsapi_decl.h"
#include "model.h"
#include "rpcmem.h"

/* --- policy_conv.c ---------------------------------------------------------------------- */
/* Copies the conditions and expressions of in into out (replacing none: out starts empty). */
DWORD policy_in_tree(const DHCP_POLICY *in, dbl_policy *out);
DWORD policy_in_ranges(const DHCP_POLICY *in, dbl_policy *out);
/* Fills out; every nested block allocated separately in batch. */
void policy_out(rpc_batch *batch, const dbl_policy *in, DHCP_POLICY *out);
/* The same for DhcpV4EnumPoliciesEx, with an empty property list. */
void policy_out_ex(rpc_batch *batch, const dbl_policy *in, DHCP_POLICY_EX *out);

/* --- policy_check.c --------------------------------------------------------------------- */
/* ERROR_INVALID_PARAMETER unless 1..64 characters (2.2.1.2.110). */
DWORD policy_check_name(const WCHAR *name);
/* ERROR_INVALID_PARAMETER above 255 characters (2.2.1.2.110); NULL is no description. */
DWORD policy_check_description(const WCHAR *description);
/* The level a call names: ERROR_INVALID_PARAMETER when global comes with a subnet or a
 * scope call without one (3.2.4.108, 110-113). */
DWORD policy_check_level(BOOL global, DHCP_IP_ADDRESS subnet);
/* The checks of the ranges alone (3.2.4.109 / 3.2.4.111): none at the server level
 * (RANGE_INVALID_IN_SERVER_POLICY), start <= end and no overlap among them (RANGE_BAD). */
DWORD policy_check_own_ranges(const dbl_policy *policy);
/* The checks against the scope: every range inside it (RANGE_BAD), none overlapping the
 * current ranges of any policy of the scope, a changed policy's own included
 * (RANGE_EXISTS). */
DWORD policy_check_scope_ranges(dbl_server *server, const dbl_policy *policy);
/* 1 if the policy has an FQDN condition (DhcpAttrFqdn, DhcpAttrFqdnSingleLabel). */
int policy_has_fqdn(const dbl_policy *policy);
/* ERROR_DHCP_CLASS_NOT_FOUND unless every condition's VendorName is empty or names an
 * existing class (3.2.4.109). */
DWORD policy_check_vendor_names(dbl_server *server, const dbl_policy *policy);
/* The vendor names, then every vendor- / user-class condition's data (CLASS_NOT_FOUND). */
DWORD policy_check_class_refs(dbl_server *server, const dbl_policy *policy);

/* --- policy_tree.c ---------------------------------------------------------------------- */
/* The condition and expression rules of 3.2.4.109 / 3.2.4.111 for the server's version:
 * ERROR_DHCP_INVALID_POLICY_EXPRESSION or 0. */
DWORD policy_check_tree(const dbl_server *server, const dbl_policy *policy);

/* --- policy_class.c --------------------------------------------------------------------- */
/* Sets policy->class_name as 3.2.4.109 / 3.2.4.111 do: the user class whose data equals
 * the value of the policy's only condition when that condition is "equals", else "". */
DWORD policy_assign_class(dbl_server *server, dbl_policy *policy);
/* 1 if DhcpV4EnumPolicies shows the policy on this server (3.2.4.113, note <86>). */
int policy_is_enum_visible(const dbl_server *server, const dbl_policy *policy);

/* --- policy_order.c --------------------------------------------------------------------- */
/* Highest processing order at the level (0 = server level), 0 when it has none. */
uint32_t policy_max_order(const dbl_server *server, uint32_t subnet);
/* ERROR_DHCP_INVALID_PROCESSING_ORDER when order is above max + 1 at the level. */
DWORD policy_check_order(const dbl_server *server, uint32_t subnet, uint32_t order);
/* Adds policy (ownership moves to server) at its processing order; the level's policies at
 * that order or later move down by one (3.2.4.109). */
DWORD policy_insert(dbl_server *server, dbl_policy *policy);
/* Deletes policy and its option values (3.2.4.112); the others keep their orders. */
void policy_remove(dbl_server *server, dbl_policy *policy);

#endif
