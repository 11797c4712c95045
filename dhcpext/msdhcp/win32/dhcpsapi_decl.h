/* dhcpsapi_decl.h: pxebridge's own declarations of the Microsoft DHCP Server management API
 * (dhcpsapi.dll) it uses: the types, the error codes (PXB_ prefix: mingw and the SDK disagree
 * on some names) and one function type plus one function-pointer type per call, for
 * LoadLibraryW + GetProcAddress. Layouts and values follow Microsoft's SDK header order and
 * MS-DHCPM 2.2. mingw-w64's dhcpsapi.h lacks most of this and must not be included. */
#ifndef PXB_DHCPSAPI_DECL_H
#define PXB_DHCPSAPI_DECL_H

#include <windows.h>

/* --- error codes (winerror.h values where one exists, dhcpsapi's 20000 range otherwise) -- */
#define PXB_ERROR_SUCCESS 0
#define PXB_ERROR_FILE_NOT_FOUND 2
#define PXB_ERROR_ACCESS_DENIED 5
#define PXB_ERROR_INVALID_PARAMETER 87
#define PXB_ERROR_MORE_DATA 234
#define PXB_ERROR_NO_MORE_ITEMS 259
#define PXB_RPC_S_SERVER_UNAVAILABLE 1722
#define PXB_RPC_S_PROCNUM_OUT_OF_RANGE 1745
#define PXB_EPT_S_NOT_REGISTERED 1753
#define PXB_ERROR_DHCP_SUBNET_NOT_PRESENT 20005
#define PXB_ERROR_DHCP_OPTION_EXISTS 20009
#define PXB_ERROR_DHCP_OPTION_NOT_PRESENT 20010
#define PXB_ERROR_DHCP_JET_ERROR 20013
#define PXB_ERROR_DHCP_CLASS_NOT_FOUND 20044
#define PXB_ERROR_DHCP_CLASS_ALREADY_EXISTS 20045
#define PXB_ERROR_DHCP_DELETE_BUILTIN_CLASS 20089
#define PXB_ERROR_DHCP_OPTION_TYPE_MISMATCH 20103
#define PXB_ERROR_DHCP_POLICY_BAD_PARENT_EXPR 20104
#define PXB_ERROR_DHCP_POLICY_EXISTS 20105
#define PXB_ERROR_DHCP_POLICY_RANGE_EXISTS 20106
#define PXB_ERROR_DHCP_POLICY_RANGE_BAD 20107
#define PXB_ERROR_DHCP_RANGE_INVALID_IN_SERVER_POLICY 20108
#define PXB_ERROR_DHCP_INVALID_POLICY_EXPRESSION 20109
#define PXB_ERROR_DHCP_INVALID_PROCESSING_ORDER 20110
#define PXB_ERROR_DHCP_POLICY_NOT_FOUND 20111
/* Failover (Windows Server 2012+): the SDK's values. MS-DHCPM's return-value tables give
 * some of them one lower (3.2.4.90, 3.2.4.97) and disagree with each other; see
 * docs/dhcp-test-double.md. */
#define PXB_ERROR_DHCP_FO_SCOPE_ALREADY_IN_RELATIONSHIP 20113
#define PXB_ERROR_DHCP_FO_RELATIONSHIP_EXISTS 20114
#define PXB_ERROR_DHCP_FO_RELATIONSHIP_DOES_NOT_EXIST 20115
#define PXB_ERROR_DHCP_FO_SCOPE_NOT_IN_RELATIONSHIP 20116
#define PXB_ERROR_DHCP_FO_RELATION_IS_SECONDARY 20117
#define PXB_ERROR_DHCP_FO_STATE_NOT_NORMAL 20120
#define PXB_ERROR_DHCP_NO_ADMIN_PERMISSION 20121
#define PXB_ERROR_DHCP_SERVER_NOT_REACHABLE 20122
#define PXB_ERROR_DHCP_SERVER_NOT_RUNNING 20123
#define PXB_ERROR_DHCP_FO_RELATIONSHIP_NAME_TOO_LONG 20125
#define PXB_ERROR_DHCP_FO_MAX_RELATIONSHIPS 20128
#define PXB_ERROR_DHCP_FO_SCOPE_SYNC_IN_PROGRESS 20133
#define PXB_ERROR_DHCP_POLICY_EDIT_FQDN_UNSUPPORTED 20137
#define PXB_ERROR_DHCP_POLICY_FQDN_RANGE_UNSUPPORTED 20140

/* Flags argument of the V5 / V4 option calls: the option belongs to VendorName's space. */
#define PXB_DHCP_FLAGS_OPTION_IS_VENDOR 0x03
/* Longest policy name and description, in characters (NUL excluded): MS-DHCPM 2.2.1.2.110. */
#define PXB_DHCP_POLICY_NAME_MAX 64
#define PXB_DHCP_POLICY_DESCRIPTION_MAX 255
/* Longest class data, in bytes: MS-DHCPM 3.2.4.25. */
#define PXB_DHCP_CLASS_DATA_MAX 255
/* Longest failover relationship name, in characters (NUL excluded), and the most
 * relationships one server holds: MS-DHCPM 3.2.4.90. */
#define PXB_DHCP_FO_NAME_MAX 126
#define PXB_DHCP_FO_RELATIONSHIPS_MAX 31

/* --- basic types -------------------------------------------------------------------------- */
typedef DWORD DHCP_IP_ADDRESS, *PDHCP_IP_ADDRESS, *LPDHCP_IP_ADDRESS; /* HOST byte order */
typedef DWORD DHCP_RESUME_HANDLE;
typedef DWORD DHCP_OPTION_ID;

typedef struct _DHCP_IP_ARRAY {
    DWORD NumElements;
    LPDHCP_IP_ADDRESS Elements;
} DHCP_IP_ARRAY, *LPDHCP_IP_ARRAY;

typedef struct _DHCP_BINARY_DATA {
    DWORD DataLength;
    BYTE *Data;
} DHCP_BINARY_DATA, *LPDHCP_BINARY_DATA;

typedef struct _DWORD_DWORD {
    DWORD DWord1;
    DWORD DWord2;
} DWORD_DWORD;

/* --- option values ------------------------------------------------------------------------ */
typedef enum _DHCP_OPTION_DATA_TYPE {
    DhcpByteOption,
    DhcpWordOption,
    DhcpDWordOption,
    DhcpDWordDWordOption,
    DhcpIpAddressOption,
    DhcpStringDataOption,
    DhcpBinaryDataOption,
    DhcpEncapsulatedDataOption,
    DhcpIpv6AddressOption
} DHCP_OPTION_DATA_TYPE;

typedef struct _DHCP_OPTION_DATA_ELEMENT {
    DHCP_OPTION_DATA_TYPE OptionType;
    union {
        BYTE ByteOption;
        WORD WordOption;
        DWORD DWordOption;
        DWORD_DWORD DWordDWordOption;
        DHCP_IP_ADDRESS IpAddressOption;
        LPWSTR StringDataOption;
        DHCP_BINARY_DATA BinaryDataOption;
        DHCP_BINARY_DATA EncapsulatedDataOption;
        LPWSTR Ipv6AddressDataOption;
    } Element;
} DHCP_OPTION_DATA_ELEMENT, *LPDHCP_OPTION_DATA_ELEMENT;

typedef struct _DHCP_OPTION_DATA {
    DWORD NumElements;
    LPDHCP_OPTION_DATA_ELEMENT Elements;
} DHCP_OPTION_DATA, *LPDHCP_OPTION_DATA;

typedef enum _DHCP_OPTION_SCOPE_TYPE {
    DhcpDefaultOptions,
    DhcpGlobalOptions,
    DhcpSubnetOptions,
    DhcpReservedOptions,
    DhcpMScopeOptions
} DHCP_OPTION_SCOPE_TYPE;

typedef struct _DHCP_RESERVED_SCOPE {
    DHCP_IP_ADDRESS ReservedIpAddress;
    DHCP_IP_ADDRESS ReservedIpSubnetAddress;
} DHCP_RESERVED_SCOPE, *LPDHCP_RESERVED_SCOPE;

typedef struct _DHCP_OPTION_SCOPE_INFO {
    DHCP_OPTION_SCOPE_TYPE ScopeType;
    union {
        PVOID DefaultScopeInfo;
        PVOID GlobalScopeInfo;
        DHCP_IP_ADDRESS SubnetScopeInfo;
        DHCP_RESERVED_SCOPE ReservedScopeInfo;
        LPWSTR MScopeInfo;
    } ScopeInfo;
} DHCP_OPTION_SCOPE_INFO, *LPDHCP_OPTION_SCOPE_INFO;

typedef struct _DHCP_OPTION_VALUE {
    DHCP_OPTION_ID OptionID;
    DHCP_OPTION_DATA Value;
} DHCP_OPTION_VALUE, *LPDHCP_OPTION_VALUE;

typedef struct _DHCP_OPTION_VALUE_ARRAY {
    DWORD NumElements;
    LPDHCP_OPTION_VALUE Values;
} DHCP_OPTION_VALUE_ARRAY, *LPDHCP_OPTION_VALUE_ARRAY;

/* --- option definitions ------------------------------------------------------------------- */
typedef enum _DHCP_OPTION_TYPE {
    DhcpUnaryElementTypeOption,
    DhcpArrayTypeOption
} DHCP_OPTION_TYPE;

typedef struct _DHCP_OPTION {
    DHCP_OPTION_ID OptionID;
    LPWSTR OptionName;
    LPWSTR OptionComment;
    DHCP_OPTION_DATA DefaultValue;
    DHCP_OPTION_TYPE OptionType;
} DHCP_OPTION, *LPDHCP_OPTION;

/* --- classes ------------------------------------------------------------------------------ */
typedef struct _DHCP_CLASS_INFO {
    LPWSTR ClassName;
    LPWSTR ClassComment;
    DWORD ClassDataLength;
    BOOL IsVendor;
    DWORD Flags;
    LPBYTE ClassData;
} DHCP_CLASS_INFO, *LPDHCP_CLASS_INFO;

typedef struct _DHCP_CLASS_INFO_ARRAY {
    DWORD NumElements;
    LPDHCP_CLASS_INFO Classes;
} DHCP_CLASS_INFO_ARRAY, *LPDHCP_CLASS_INFO_ARRAY;

/* --- policies (MS-DHCPM 2.2.1.1.23-25, 2.2.1.2.105-110) ------------------------------------ */
typedef enum _DHCP_POL_ATTR_TYPE {
    DhcpAttrHWAddr,
    DhcpAttrOption,
    DhcpAttrSubOption,
    DhcpAttrFqdn,
    DhcpAttrFqdnSingleLabel
} DHCP_POL_ATTR_TYPE;

typedef enum _DHCP_POL_COMPARATOR {
    DhcpCompEqual,
    DhcpCompNotEqual,
    DhcpCompBeginsWith,
    DhcpCompNotBeginWith,
    DhcpCompEndsWith,
    DhcpCompNotEndWith
} DHCP_POL_COMPARATOR;

typedef enum _DHCP_POL_LOGIC_OPER {
    DhcpLogicalOr,
    DhcpLogicalAnd
} DHCP_POL_LOGIC_OPER;

typedef struct _DHCP_POL_COND {
    DWORD ParentExpr; /* index into the policy's Expressions */
    DHCP_POL_ATTR_TYPE Type;
    DWORD OptionID;
    DWORD SubOptionID;
    LPWSTR VendorName;
    DHCP_POL_COMPARATOR Operator;
    LPBYTE Value; /* class DATA bytes for options 60 / 77, raw MAC bytes for DhcpAttrHWAddr */
    DWORD ValueLength;
} DHCP_POL_COND, *PDHCP_POL_COND, *LPDHCP_POL_COND;

typedef struct _DHCP_POL_COND_ARRAY {
    DWORD NumElements;
    LPDHCP_POL_COND Elements;
} DHCP_POL_COND_ARRAY, *PDHCP_POL_COND_ARRAY, *LPDHCP_POL_COND_ARRAY;

typedef struct _DHCP_POL_EXPR {
    DWORD ParentExpr; /* Expressions[0] is the root */
    DHCP_POL_LOGIC_OPER Operator;
} DHCP_POL_EXPR, *PDHCP_POL_EXPR, *LPDHCP_POL_EXPR;

typedef struct _DHCP_POL_EXPR_ARRAY {
    DWORD NumElements;
    LPDHCP_POL_EXPR Elements;
} DHCP_POL_EXPR_ARRAY, *PDHCP_POL_EXPR_ARRAY, *LPDHCP_POL_EXPR_ARRAY;

typedef struct _DHCP_IP_RANGE {
    DHCP_IP_ADDRESS StartAddress;
    DHCP_IP_ADDRESS EndAddress;
} DHCP_IP_RANGE, *LPDHCP_IP_RANGE;

typedef struct _DHCP_IP_RANGE_ARRAY {
    DWORD NumElements;
    LPDHCP_IP_RANGE Elements;
} DHCP_IP_RANGE_ARRAY, *PDHCP_IP_RANGE_ARRAY, *LPDHCP_IP_RANGE_ARRAY;

typedef struct _DHCP_POLICY {
    LPWSTR PolicyName;
    BOOL IsGlobalPolicy;
    DHCP_IP_ADDRESS Subnet; /* 0 for a server-level policy */
    DWORD ProcessingOrder;  /* 1 first */
    LPDHCP_POL_COND_ARRAY Conditions;
    LPDHCP_POL_EXPR_ARRAY Expressions;
    LPDHCP_IP_RANGE_ARRAY Ranges;
    LPWSTR Description;
    BOOL Enabled;
} DHCP_POLICY, *PDHCP_POLICY, *LPDHCP_POLICY;

typedef struct _DHCP_POLICY_ARRAY {
    DWORD NumElements;
    LPDHCP_POLICY Elements;
} DHCP_POLICY_ARRAY, *PDHCP_POLICY_ARRAY, *LPDHCP_POLICY_ARRAY;

/* Policy properties (MS-DHCPM 2.2.1.1.26-27, 2.2.1.2.117-118, 2.2.1.2.121-122): the Ex
 * calls' DHCP_POLICY with a property list (the DNS suffix) appended. */
typedef enum _DHCP_PROPERTY_TYPE {
    DhcpPropTypeByte,
    DhcpPropTypeWord,
    DhcpPropTypeDword,
    DhcpPropTypeString,
    DhcpPropTypeBinary
} DHCP_PROPERTY_TYPE;

typedef enum _DHCP_PROPERTY_ID {
    DhcpPropIdPolicyDnsSuffix,
    DhcpPropIdClientAddressStateEx
} DHCP_PROPERTY_ID;

typedef struct _DHCP_PROPERTY {
    DHCP_PROPERTY_ID ID;
    DHCP_PROPERTY_TYPE Type;
    union _DHCP_PROPERTY_VALUE_UNION {
        BYTE ByteValue;
        WORD WordValue;
        DWORD DWordValue;
        LPWSTR StringValue;
        DHCP_BINARY_DATA BinaryValue;
    } Value;
} DHCP_PROPERTY, *PDHCP_PROPERTY, *LPDHCP_PROPERTY;

typedef struct _DHCP_PROPERTY_ARRAY {
    DWORD NumElements;
    LPDHCP_PROPERTY Elements;
} DHCP_PROPERTY_ARRAY, *PDHCP_PROPERTY_ARRAY, *LPDHCP_PROPERTY_ARRAY;

typedef struct _DHCP_POLICY_EX {
    LPWSTR PolicyName;
    BOOL IsGlobalPolicy;
    DHCP_IP_ADDRESS Subnet;
    DWORD ProcessingOrder;
    LPDHCP_POL_COND_ARRAY Conditions;
    LPDHCP_POL_EXPR_ARRAY Expressions;
    LPDHCP_IP_RANGE_ARRAY Ranges;
    LPWSTR Description;
    BOOL Enabled;
    LPDHCP_PROPERTY_ARRAY Properties;
} DHCP_POLICY_EX, *PDHCP_POLICY_EX, *LPDHCP_POLICY_EX;

typedef struct _DHCP_POLICY_EX_ARRAY {
    DWORD NumElements;
    LPDHCP_POLICY_EX Elements;
} DHCP_POLICY_EX_ARRAY, *PDHCP_POLICY_EX_ARRAY, *LPDHCP_POLICY_EX_ARRAY;

/* FieldsModified of DhcpV4SetPolicy. */
typedef enum _DHCP_POLICY_FIELDS_TO_UPDATE {
    DhcpUpdatePolicyName = 0x01,
    DhcpUpdatePolicyOrder = 0x02,
    DhcpUpdatePolicyExpr = 0x04,
    DhcpUpdatePolicyRanges = 0x08,
    DhcpUpdatePolicyDescr = 0x10,
    DhcpUpdatePolicyStatus = 0x20,
    DhcpUpdatePolicyDnsSuffix = 0x40
} DHCP_POLICY_FIELDS_TO_UPDATE;

/* --- failover (MS-DHCPM 2.2.1.1.18-20, 2.2.1.2.98-99; Windows Server 2012 and later) ------ */
typedef enum _DHCP_FAILOVER_MODE {
    LoadBalance,
    HotStandby
} DHCP_FAILOVER_MODE, *LPDHCP_FAILOVER_MODE;

/* The role of the server that holds the record: its partner is the other address. */
typedef enum _DHCP_FAILOVER_SERVER {
    PrimaryServer,
    SecondaryServer
} DHCP_FAILOVER_SERVER, *LPDHCP_FAILOVER_SERVER;

typedef enum _FSM_STATE {
    NO_STATE,
    INIT,
    STARTUP,
    NORMAL,
    COMMUNICATION_INT,
    PARTNER_DOWN,
    POTENTIAL_CONFLICT,
    CONFLICT_DONE,
    RESOLUTION_INT,
    RECOVER,
    RECOVER_WAIT,
    RECOVER_DONE
} FSM_STATE, *LPFSM_STATE;

typedef struct _DHCP_FAILOVER_RELATIONSHIP {
    DHCP_IP_ADDRESS primaryServer;
    DHCP_IP_ADDRESS secondaryServer;
    DHCP_FAILOVER_MODE mode;
    DHCP_FAILOVER_SERVER serverType; /* this server's role */
    FSM_STATE state;
    FSM_STATE prevState;
    DWORD mclt;       /* seconds */
    DWORD safePeriod; /* seconds */
    LPWSTR relationshipName;
    LPWSTR primaryServerName;
    LPWSTR secondaryServerName;
    LPDHCP_IP_ARRAY pScopes;
    BYTE percentage; /* 0..100 */
    LPWSTR pSharedSecret;
} DHCP_FAILOVER_RELATIONSHIP, *LPDHCP_FAILOVER_RELATIONSHIP;

typedef struct _DHCP_FAILOVER_RELATIONSHIP_ARRAY {
    DWORD numElements;
    LPDHCP_FAILOVER_RELATIONSHIP pRelationships;
} DHCP_FAILOVER_RELATIONSHIP_ARRAY, *LPDHCP_FAILOVER_RELATIONSHIP_ARRAY;

/* Flags of DhcpV4FailoverSetRelationship (MS-DHCPM 3.2.4.91; the SDK's MCLT, SAFEPERIOD,
 * CHANGESTATE, PERCENTAGE, MODE, PREVSTATE): the members to change. */
#define PXB_DHCP_FO_MCLT 0x00000001
#define PXB_DHCP_FO_SAFEPERIOD 0x00000002
#define PXB_DHCP_FO_CHANGESTATE 0x00000004
#define PXB_DHCP_FO_PERCENTAGE 0x00000008
#define PXB_DHCP_FO_MODE 0x00000010
#define PXB_DHCP_FO_PREVSTATE 0x00000020

/* --- calls: pxb_<Export>_t is the function type, pxb_<Export>_fn the GetProcAddress
 *     pointer. Every call is WINAPI and, but for DhcpRpcFreeMemory, returns a Win32 or
 *     ERROR_DHCP_* code. ------------------------------------------------------------------- */
typedef DWORD WINAPI pxb_DhcpGetVersion_t(LPWSTR server, LPDWORD major, LPDWORD minor);
typedef DWORD WINAPI pxb_DhcpEnumSubnets_t(const WCHAR *server, DHCP_RESUME_HANDLE *resume,
                                           DWORD pref_max, LPDHCP_IP_ARRAY *info, DWORD *read,
                                           DWORD *total);
typedef DWORD WINAPI pxb_DhcpEnumClasses_t(LPWSTR server, DWORD reserved,
                                           DHCP_RESUME_HANDLE *resume, DWORD pref_max,
                                           LPDHCP_CLASS_INFO_ARRAY *classes, DWORD *read,
                                           DWORD *total);
typedef DWORD WINAPI pxb_DhcpCreateClass_t(LPWSTR server, DWORD reserved,
                                           LPDHCP_CLASS_INFO class_info);
typedef DWORD WINAPI pxb_DhcpDeleteClass_t(LPWSTR server, DWORD reserved, LPWSTR class_name);
typedef DWORD WINAPI pxb_DhcpV4CreatePolicy_t(LPWSTR server, LPDHCP_POLICY policy);
typedef DWORD WINAPI pxb_DhcpV4GetPolicy_t(LPWSTR server, BOOL global, DHCP_IP_ADDRESS subnet,
                                           LPWSTR name, LPDHCP_POLICY *policy);
typedef DWORD WINAPI pxb_DhcpV4SetPolicy_t(LPWSTR server, DWORD fields_modified, BOOL global,
                                           DHCP_IP_ADDRESS subnet, LPWSTR name,
                                           LPDHCP_POLICY policy);
typedef DWORD WINAPI pxb_DhcpV4DeletePolicy_t(LPWSTR server, BOOL global,
                                              DHCP_IP_ADDRESS subnet, LPWSTR name);
typedef DWORD WINAPI pxb_DhcpV4EnumPolicies_t(LPWSTR server, LPDWORD resume, DWORD pref_max,
                                              BOOL global, DHCP_IP_ADDRESS subnet,
                                              LPDHCP_POLICY_ARRAY *info, DWORD *read,
                                              DWORD *total);
/* Windows Server 2012 R2 and later (MS-DHCPM 3.2.4.130). */
typedef DWORD WINAPI pxb_DhcpV4EnumPoliciesEx_t(LPWSTR server, LPDWORD resume, DWORD pref_max,
                                                BOOL global, DHCP_IP_ADDRESS subnet,
                                                LPDHCP_POLICY_EX_ARRAY *info, DWORD *read,
                                                DWORD *total);
typedef DWORD WINAPI pxb_DhcpV4SetPolicyEnforcement_t(LPWSTR server, BOOL global,
                                                      DHCP_IP_ADDRESS subnet, BOOL enable);
typedef DWORD WINAPI pxb_DhcpV4SetOptionValue_t(LPWSTR server, DWORD flags,
                                                DHCP_OPTION_ID option_id, LPWSTR policy_name,
                                                LPWSTR vendor_name,
                                                LPDHCP_OPTION_SCOPE_INFO scope,
                                                LPDHCP_OPTION_DATA value);
typedef DWORD WINAPI pxb_DhcpV4GetOptionValue_t(LPWSTR server, DWORD flags,
                                                DHCP_OPTION_ID option_id, LPWSTR policy_name,
                                                LPWSTR vendor_name,
                                                LPDHCP_OPTION_SCOPE_INFO scope,
                                                LPDHCP_OPTION_VALUE *value);
typedef DWORD WINAPI pxb_DhcpV4RemoveOptionValue_t(LPWSTR server, DWORD flags,
                                                   DHCP_OPTION_ID option_id, LPWSTR policy_name,
                                                   LPWSTR vendor_name,
                                                   LPDHCP_OPTION_SCOPE_INFO scope);
typedef DWORD WINAPI pxb_DhcpSetOptionValueV5_t(LPWSTR server, DWORD flags,
                                                DHCP_OPTION_ID option_id, LPWSTR class_name,
                                                LPWSTR vendor_name,
                                                LPDHCP_OPTION_SCOPE_INFO scope,
                                                LPDHCP_OPTION_DATA value);
typedef DWORD WINAPI pxb_DhcpGetOptionValueV5_t(LPWSTR server, DWORD flags,
                                                DHCP_OPTION_ID option_id, LPWSTR class_name,
                                                LPWSTR vendor_name,
                                                LPDHCP_OPTION_SCOPE_INFO scope,
                                                LPDHCP_OPTION_VALUE *value);
typedef DWORD WINAPI pxb_DhcpRemoveOptionValueV5_t(LPWSTR server, DWORD flags,
                                                   DHCP_OPTION_ID option_id, LPWSTR class_name,
                                                   LPWSTR vendor_name,
                                                   LPDHCP_OPTION_SCOPE_INFO scope);
typedef DWORD WINAPI pxb_DhcpGetOptionInfoV5_t(LPWSTR server, DWORD flags,
                                               DHCP_OPTION_ID option_id, LPWSTR class_name,
                                               LPWSTR vendor_name, LPDHCP_OPTION *option_info);
typedef DWORD WINAPI pxb_DhcpCreateOptionV5_t(LPWSTR server, DWORD flags,
                                              DHCP_OPTION_ID option_id, LPWSTR class_name,
                                              LPWSTR vendor_name, LPDHCP_OPTION option_info);
typedef DWORD WINAPI pxb_DhcpRemoveOptionV5_t(LPWSTR server, DWORD flags,
                                              DHCP_OPTION_ID option_id, LPWSTR class_name,
                                              LPWSTR vendor_name);
/* Failover, Windows Server 2012 and later (MS-DHCPM 3.2.4.90-97). */
typedef DWORD WINAPI pxb_DhcpV4FailoverCreateRelationship_t(
    LPWSTR server, LPDHCP_FAILOVER_RELATIONSHIP relationship);
typedef DWORD WINAPI pxb_DhcpV4FailoverSetRelationship_t(
    LPWSTR server, DWORD flags, LPDHCP_FAILOVER_RELATIONSHIP relationship);
typedef DWORD WINAPI pxb_DhcpV4FailoverDeleteRelationship_t(LPWSTR server, LPWSTR name);
typedef DWORD WINAPI pxb_DhcpV4FailoverGetRelationship_t(
    LPWSTR server, LPWSTR name, LPDHCP_FAILOVER_RELATIONSHIP *relationship);
typedef DWORD WINAPI pxb_DhcpV4FailoverEnumRelationship_t(
    LPWSTR server, DHCP_RESUME_HANDLE *resume, DWORD pref_max,
    LPDHCP_FAILOVER_RELATIONSHIP_ARRAY *relationships, LPDWORD read, LPDWORD total);
typedef DWORD WINAPI pxb_DhcpV4FailoverAddScopeToRelationship_t(
    LPWSTR server, LPDHCP_FAILOVER_RELATIONSHIP relationship);
typedef DWORD WINAPI pxb_DhcpV4FailoverDeleteScopeFromRelationship_t(
    LPWSTR server, LPDHCP_FAILOVER_RELATIONSHIP relationship);
typedef DWORD WINAPI pxb_DhcpV4FailoverGetScopeRelationship_t(
    LPWSTR server, DHCP_IP_ADDRESS scope_id, LPDHCP_FAILOVER_RELATIONSHIP *relationship);
typedef VOID WINAPI pxb_DhcpRpcFreeMemory_t(PVOID buffer);

typedef pxb_DhcpGetVersion_t *pxb_DhcpGetVersion_fn;
typedef pxb_DhcpEnumSubnets_t *pxb_DhcpEnumSubnets_fn;
typedef pxb_DhcpEnumClasses_t *pxb_DhcpEnumClasses_fn;
typedef pxb_DhcpCreateClass_t *pxb_DhcpCreateClass_fn;
typedef pxb_DhcpDeleteClass_t *pxb_DhcpDeleteClass_fn;
typedef pxb_DhcpV4CreatePolicy_t *pxb_DhcpV4CreatePolicy_fn;
typedef pxb_DhcpV4GetPolicy_t *pxb_DhcpV4GetPolicy_fn;
typedef pxb_DhcpV4SetPolicy_t *pxb_DhcpV4SetPolicy_fn;
typedef pxb_DhcpV4DeletePolicy_t *pxb_DhcpV4DeletePolicy_fn;
typedef pxb_DhcpV4EnumPolicies_t *pxb_DhcpV4EnumPolicies_fn;
typedef pxb_DhcpV4EnumPoliciesEx_t *pxb_DhcpV4EnumPoliciesEx_fn;
typedef pxb_DhcpV4SetPolicyEnforcement_t *pxb_DhcpV4SetPolicyEnforcement_fn;
typedef pxb_DhcpV4SetOptionValue_t *pxb_DhcpV4SetOptionValue_fn;
typedef pxb_DhcpV4GetOptionValue_t *pxb_DhcpV4GetOptionValue_fn;
typedef pxb_DhcpV4RemoveOptionValue_t *pxb_DhcpV4RemoveOptionValue_fn;
typedef pxb_DhcpSetOptionValueV5_t *pxb_DhcpSetOptionValueV5_fn;
typedef pxb_DhcpGetOptionValueV5_t *pxb_DhcpGetOptionValueV5_fn;
typedef pxb_DhcpRemoveOptionValueV5_t *pxb_DhcpRemoveOptionValueV5_fn;
typedef pxb_DhcpGetOptionInfoV5_t *pxb_DhcpGetOptionInfoV5_fn;
typedef pxb_DhcpCreateOptionV5_t *pxb_DhcpCreateOptionV5_fn;
typedef pxb_DhcpRemoveOptionV5_t *pxb_DhcpRemoveOptionV5_fn;
typedef pxb_DhcpV4FailoverCreateRelationship_t *pxb_DhcpV4FailoverCreateRelationship_fn;
typedef pxb_DhcpV4FailoverSetRelationship_t *pxb_DhcpV4FailoverSetRelationship_fn;
typedef pxb_DhcpV4FailoverDeleteRelationship_t *pxb_DhcpV4FailoverDeleteRelationship_fn;
typedef pxb_DhcpV4FailoverGetRelationship_t *pxb_DhcpV4FailoverGetRelationship_fn;
typedef pxb_DhcpV4FailoverEnumRelationship_t *pxb_DhcpV4FailoverEnumRelationship_fn;
typedef pxb_DhcpV4FailoverAddScopeToRelationship_t *pxb_DhcpV4FailoverAddScopeToRelationship_fn;
typedef pxb_DhcpV4FailoverDeleteScopeFromRelationship_t
    *pxb_DhcpV4FailoverDeleteScopeFromRelationship_fn;
typedef pxb_DhcpV4FailoverGetScopeRelationship_t *pxb_DhcpV4FailoverGetScopeRelationship_fn;
typedef pxb_DhcpRpcFreeMemory_t *pxb_DhcpRpcFreeMemory_fn;

#endif
