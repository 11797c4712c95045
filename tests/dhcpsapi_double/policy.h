/* policy.h: DHCP policies inside the double (MS-DHCPM 3.1.1.35, R_DhcpV4CreatePolicy and
 * its siblings): conversion between DHCP_POLICY and the model, the validation rules, and
 * the insertion that keeps each level's processing orders 1..n. */
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

/* --- policy_check.c --------------------------------------------------------------------- */
/* ERROR_INVALID_PARAMETER unless 1..64 characters. */
DWORD policy_check_name(const WCHAR *name);
/* The well-formedness rules: ERROR_DHCP_POLICY_BAD_PARENT_EXPR or
 * ERROR_DHCP_INVALID_POLICY_EXPRESSION. */
DWORD policy_check_tree(const dbl_policy *policy);
/* ERROR_DHCP_CLASS_NOT_FOUND unless each option 60 / 77 condition names an existing vendor /
 * user class by its data. */
DWORD policy_check_classes(dbl_server *server, const dbl_policy *policy);
/* Range rules; self is the policy being changed (NULL when creating). */
DWORD policy_check_ranges(dbl_server *server, const dbl_policy *policy,
                          const dbl_policy *self);
/* 1 if policy is the one the server makes for a user class's V5 option values: a single
 * "user class equals cls" condition. */
int policy_is_class_policy(const dbl_policy *policy, const dbl_class *cls);

/* --- policy_order.c --------------------------------------------------------------------- */
/* Highest processing order at the level (0 = server level), 0 when it has none. */
uint32_t policy_max_order(const dbl_server *server, uint32_t subnet);
/* Adds policy (ownership moves to server) at its processing order, shifting later ones;
 * ERROR_DHCP_INVALID_PROCESSING_ORDER when order is 0 or above max + 1. */
DWORD policy_insert(dbl_server *server, dbl_policy *policy);
/* Moves policy to order (1..max), shifting the ones between. */
DWORD policy_move(dbl_server *server, dbl_policy *policy, uint32_t order);
/* Deletes policy and its option values; later policies move up. */
void policy_remove(dbl_server *server, dbl_policy *policy);

#endif
