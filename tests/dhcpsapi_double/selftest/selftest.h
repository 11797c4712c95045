/* selftest.h: the conformance test of the dhcpsapi test double, written from MS-DHCPM and
 * not from pxebridge's client: the shared harness (the DLL's API loaded like the product
 * does, PASS/FAIL bookkeeping, dhcpdouble.exe for setup and faults), builders for the
 * structures the calls take, and freeing helpers for what they return. One st_*.c file per
 * method family; each rule has a case that is accepted and one refused with its code. */
#ifndef PXB_DOUBLE_SELFTEST_H
#define PXB_DOUBLE_SELFTEST_H

#include <windows.h>

#include "dhcpsapi_decl.h"
#include "double_eval.h"
#include "double_leaks.h"

#define ANY_SIZE 0xFFFFFFFFu
#define SCOPE_A 0x0A000000u /* 10.0.0.0/24: evaluation */
#define SCOPE_B 0x0A000100u /* 10.0.1.0/24: creation, order and range rules */
#define SCOPE_C 0x0A000200u /* 10.0.2.0/24: no policies */
#define SCOPE_D 0x0A000300u /* 10.0.3.0/24: enumeration */
#define SCOPE_MISSING 0x0A090900u
#define SERVER_2012 L"w2012"  /* version 6.2 */
#define SERVER_2016 L"w2016"  /* version 10.0 */
#define SERVER_2008 L"partner" /* version 6.1 */
/* Failover: the local server and its partners, by address; FO_MAX_SERVER holds 32 scopes
 * (10.1.N.0/24) for the 31-relationship limit and the enumeration's pages. */
#define ADDR_LOCAL 0x0A000901u  /* 10.0.9.1 */
#define ADDR_2016 0x0A000902u   /* 10.0.9.2, w2016 */
#define ADDR_2012 0x0A000903u   /* 10.0.9.3, w2012 */
#define FO_MAX_SERVER L"fomax"
#define FO_MAX_SCOPE(n) (0x0A010000u | (DWORD)(n) << 8)

typedef struct selftest_api {
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
    pxb_DhcpV4EnumPoliciesEx_fn EnumPoliciesEx;
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
    pxb_DhcpV4FailoverCreateRelationship_fn CreateRelationship;
    pxb_DhcpV4FailoverSetRelationship_fn SetRelationship;
    pxb_DhcpV4FailoverDeleteRelationship_fn DeleteRelationship;
    pxb_DhcpV4FailoverGetRelationship_fn GetRelationship;
    pxb_DhcpV4FailoverEnumRelationship_fn EnumRelationship;
    pxb_DhcpV4FailoverAddScopeToRelationship_fn AddScopeToRelationship;
    pxb_DhcpV4FailoverDeleteScopeFromRelationship_fn DeleteScopeFromRelationship;
    pxb_DhcpV4FailoverGetScopeRelationship_fn GetScopeRelationship;
    pxb_DhcpRpcFreeMemory_fn Free;
    pxb_PxbDoubleEvaluate_fn Evaluate;
    pxb_PxbDoubleOutstanding_fn Outstanding;
} selftest_api;

extern selftest_api api;

/* --- harness.c ------------------------------------------------------------------------------ */
int load_api(void);
void check(int ok, const char *what);
void expect(DWORD got, DWORD want, const char *what);
/* Runs dhcpdouble.exe with arguments; 1 if it exits 0. */
int tool(const wchar_t *arguments);
int selftest_failed(void);
void selftest_summary(void);

/* --- builders.c ----------------------------------------------------------------------------- */
/* A condition: attribute type, option, comparator, value (raw bytes, NUL-terminated unless
 * len is given; a MAC is 6 bytes), and the expression it hangs under. */
typedef struct cond_spec {
    DHCP_POL_ATTR_TYPE type;
    DWORD option;
    DHCP_POL_COMPARATOR op;
    const char *value;
    DWORD parent;
    DWORD len;
} cond_spec;

#define USER_IS(text, parent) {DhcpAttrOption, 77, DhcpCompEqual, text, parent, 0}
#define USER_NOT(text, parent) {DhcpAttrOption, 77, DhcpCompNotEqual, text, parent, 0}
#define VENDOR_BEGINS(text, parent) {DhcpAttrOption, 60, DhcpCompBeginsWith, text, parent, 0}
#define MAC_NOT(mac, parent) {DhcpAttrHWAddr, 0, DhcpCompNotEqual, (const char *)(mac), parent, 6}

#define SPEC_CONDS_MAX 8
#define SPEC_EXPRS_MAX 4
#define SPEC_RANGES_MAX 4

typedef struct policy_spec {
    DHCP_POLICY policy;
    DHCP_POL_COND conds[SPEC_CONDS_MAX];
    DHCP_POL_EXPR exprs[SPEC_EXPRS_MAX];
    DHCP_IP_RANGE ranges[SPEC_RANGES_MAX];
    DHCP_POL_COND_ARRAY cond_array;
    DHCP_POL_EXPR_ARRAY expr_array;
    DHCP_IP_RANGE_ARRAY range_array;
} policy_spec;

/* Fills spec: a policy at subnet (0 = server level) whose root expression has operator
 * root and one AND sub-expression (parent 0) for every higher parent index the conditions
 * name; an empty range array. */
DHCP_POLICY *build(policy_spec *spec, const wchar_t *name, DWORD subnet, DWORD order,
                   DHCP_POL_LOGIC_OPER root, const cond_spec *conds, DWORD count);
/* Appends a range to spec's policy. */
void add_range(policy_spec *spec, DWORD start, DWORD end);
DWORD add_policy(const wchar_t *server, const wchar_t *name, DWORD subnet, DWORD order,
                 DHCP_POL_LOGIC_OPER root, const cond_spec *conds, DWORD count);
DWORD add_class(const wchar_t *server, const wchar_t *name, const char *data, BOOL vendor);
DHCP_OPTION_SCOPE_INFO scope_of(DWORD subnet);
/* V4 string value for policy at subnet (0: server level). */
DWORD set_text(DWORD subnet, const wchar_t *policy, DWORD option, const wchar_t *text);
/* V5 string value for user class cls (NULL: none) at subnet. */
DWORD set_text_v5(const wchar_t *server, const wchar_t *cls, DWORD subnet, DWORD option,
                  const wchar_t *text);
/* The policy's processing order, or (DWORD)-1 when GetPolicy fails. */
DWORD policy_order(const wchar_t *name, DWORD subnet);
/* Whether the policy exists at the level. */
int policy_exists(const wchar_t *server, const wchar_t *name, DWORD subnet);

#define SPEC_SCOPES_MAX 8

/* A failover relationship to pass in: load balance 50 %, MCLT 3600, names and secret set;
 * this server (role) is ADDR_LOCAL, the partner the other address. */
typedef struct relationship_spec {
    DHCP_FAILOVER_RELATIONSHIP record;
    DHCP_IP_ADDRESS scopes[SPEC_SCOPES_MAX];
    DHCP_IP_ARRAY scope_array;
} relationship_spec;

DHCP_FAILOVER_RELATIONSHIP *build_relationship(relationship_spec *spec, const wchar_t *name,
                                               DHCP_FAILOVER_SERVER role, DWORD partner,
                                               const DWORD *scopes, DWORD count);
/* The relationship's state on server, or (DWORD)-1 when GetRelationship fails. */
DWORD relationship_state(const wchar_t *server, const wchar_t *name);
/* Moves a relationship to state with DhcpV4FailoverSetRelationship (CHANGESTATE). */
DWORD set_relationship_state(const wchar_t *server, const wchar_t *name, FSM_STATE state);

/* --- release.c ------------------------------------------------------------------------------ */
/* Frees with DhcpRpcFreeMemory everything the double returned, nested blocks included. */
void free_policy(LPDHCP_POLICY policy);
void free_policy_array(LPDHCP_POLICY_ARRAY array);
void free_policy_ex_array(LPDHCP_POLICY_EX_ARRAY array);
void free_class_array(LPDHCP_CLASS_INFO_ARRAY array);
void free_option_value(LPDHCP_OPTION_VALUE value);
void free_option_info(LPDHCP_OPTION info);
void free_relationship(LPDHCP_FAILOVER_RELATIONSHIP relationship);
void free_relationship_array(LPDHCP_FAILOVER_RELATIONSHIP_ARRAY array);

/* --- the families: st_*.c -------------------------------------------------------------------- */
void test_server(void);
void test_classes(void);
void test_policy_create(void);
void test_policy_tree(void);
void test_policy_change(void);
void test_policy_enum(void);
void test_option_values(void);
void test_option_defs(void);
void test_faults(void);
void test_samples(void);
void test_evaluation(void);
void test_failover(void);
void test_failover_scopes(void);
void test_failover_enum(void);
void test_memory(void);

#endif
