/* layout_x64.c: the layout guard of dhcpext/msdhcp/win32/dhcpsapi_decl.h. Every structure's size and
 * every member's offset on x64, checked at compile time, so that a change to the header that
 * moves a field cannot pass the double's build unnoticed. Member order and types are those of
 * Microsoft's metadata (win32metadata, as generated into windows-sys's Win32::NetworkManagement
 * ::Dhcp #[repr(C)] structs, e.g. DHCP_POLICY_EX and DHCP_PROPERTY with its 5-member union);
 * the metadata carries no sizes, so the numbers are derived from those types by the x64 C rules
 * (DWORD, BOOL and enums 4 bytes, pointers 8, each member at its natural alignment, structures
 * padded to their widest member), as MIDL and the SDK lay them out. Compiled into the double's
 * DLL and tools; it produces no code. */
#include <stddef.h>

#include "dhcpsapi_decl.h"

#define LAYOUT_SIZE(type, bytes) _Static_assert(sizeof(type) == (bytes), #type " size")
#define LAYOUT_AT(type, member, at)                                                            \
    _Static_assert(offsetof(type, member) == (at), #type "." #member " offset")

#ifdef _WIN64
LAYOUT_SIZE(DHCP_IP_ARRAY, 16);
LAYOUT_AT(DHCP_IP_ARRAY, Elements, 8);
LAYOUT_SIZE(DHCP_BINARY_DATA, 16);
LAYOUT_AT(DHCP_BINARY_DATA, Data, 8);
LAYOUT_SIZE(DWORD_DWORD, 8);
LAYOUT_AT(DWORD_DWORD, DWord2, 4);

LAYOUT_SIZE(DHCP_OPTION_DATA_ELEMENT, 24);
LAYOUT_AT(DHCP_OPTION_DATA_ELEMENT, Element, 8);
LAYOUT_SIZE(DHCP_OPTION_DATA, 16);
LAYOUT_AT(DHCP_OPTION_DATA, Elements, 8);
LAYOUT_SIZE(DHCP_RESERVED_SCOPE, 8);
LAYOUT_AT(DHCP_RESERVED_SCOPE, ReservedIpSubnetAddress, 4);
LAYOUT_SIZE(DHCP_OPTION_SCOPE_INFO, 16);
LAYOUT_AT(DHCP_OPTION_SCOPE_INFO, ScopeInfo, 8);
LAYOUT_SIZE(DHCP_OPTION_VALUE, 24);
LAYOUT_AT(DHCP_OPTION_VALUE, Value, 8);
LAYOUT_SIZE(DHCP_OPTION_VALUE_ARRAY, 16);
LAYOUT_AT(DHCP_OPTION_VALUE_ARRAY, Values, 8);

LAYOUT_SIZE(DHCP_OPTION, 48);
LAYOUT_AT(DHCP_OPTION, OptionName, 8);
LAYOUT_AT(DHCP_OPTION, OptionComment, 16);
LAYOUT_AT(DHCP_OPTION, DefaultValue, 24);
LAYOUT_AT(DHCP_OPTION, OptionType, 40);

LAYOUT_SIZE(DHCP_CLASS_INFO, 40);
LAYOUT_AT(DHCP_CLASS_INFO, ClassComment, 8);
LAYOUT_AT(DHCP_CLASS_INFO, ClassDataLength, 16);
LAYOUT_AT(DHCP_CLASS_INFO, IsVendor, 20);
LAYOUT_AT(DHCP_CLASS_INFO, Flags, 24);
LAYOUT_AT(DHCP_CLASS_INFO, ClassData, 32);
LAYOUT_SIZE(DHCP_CLASS_INFO_ARRAY, 16);
LAYOUT_AT(DHCP_CLASS_INFO_ARRAY, Classes, 8);

LAYOUT_SIZE(DHCP_POL_COND, 48);
LAYOUT_AT(DHCP_POL_COND, Type, 4);
LAYOUT_AT(DHCP_POL_COND, OptionID, 8);
LAYOUT_AT(DHCP_POL_COND, SubOptionID, 12);
LAYOUT_AT(DHCP_POL_COND, VendorName, 16);
LAYOUT_AT(DHCP_POL_COND, Operator, 24);
LAYOUT_AT(DHCP_POL_COND, Value, 32);
LAYOUT_AT(DHCP_POL_COND, ValueLength, 40);
LAYOUT_SIZE(DHCP_POL_COND_ARRAY, 16);
LAYOUT_AT(DHCP_POL_COND_ARRAY, Elements, 8);
LAYOUT_SIZE(DHCP_POL_EXPR, 8);
LAYOUT_AT(DHCP_POL_EXPR, Operator, 4);
LAYOUT_SIZE(DHCP_POL_EXPR_ARRAY, 16);
LAYOUT_AT(DHCP_POL_EXPR_ARRAY, Elements, 8);
LAYOUT_SIZE(DHCP_IP_RANGE, 8);
LAYOUT_AT(DHCP_IP_RANGE, EndAddress, 4);
LAYOUT_SIZE(DHCP_IP_RANGE_ARRAY, 16);
LAYOUT_AT(DHCP_IP_RANGE_ARRAY, Elements, 8);

LAYOUT_SIZE(DHCP_POLICY, 64);
LAYOUT_AT(DHCP_POLICY, IsGlobalPolicy, 8);
LAYOUT_AT(DHCP_POLICY, Subnet, 12);
LAYOUT_AT(DHCP_POLICY, ProcessingOrder, 16);
LAYOUT_AT(DHCP_POLICY, Conditions, 24);
LAYOUT_AT(DHCP_POLICY, Expressions, 32);
LAYOUT_AT(DHCP_POLICY, Ranges, 40);
LAYOUT_AT(DHCP_POLICY, Description, 48);
LAYOUT_AT(DHCP_POLICY, Enabled, 56);
LAYOUT_SIZE(DHCP_POLICY_ARRAY, 16);
LAYOUT_AT(DHCP_POLICY_ARRAY, Elements, 8);

LAYOUT_SIZE(DHCP_PROPERTY, 24);
LAYOUT_AT(DHCP_PROPERTY, Type, 4);
LAYOUT_AT(DHCP_PROPERTY, Value, 8);
LAYOUT_SIZE(DHCP_PROPERTY_ARRAY, 16);
LAYOUT_AT(DHCP_PROPERTY_ARRAY, Elements, 8);
LAYOUT_SIZE(DHCP_POLICY_EX, 72);
LAYOUT_AT(DHCP_POLICY_EX, Description, 48);
LAYOUT_AT(DHCP_POLICY_EX, Enabled, 56);
LAYOUT_AT(DHCP_POLICY_EX, Properties, 64);
LAYOUT_SIZE(DHCP_POLICY_EX_ARRAY, 16);
LAYOUT_AT(DHCP_POLICY_EX_ARRAY, Elements, 8);

LAYOUT_SIZE(DHCP_FAILOVER_RELATIONSHIP, 80);
LAYOUT_AT(DHCP_FAILOVER_RELATIONSHIP, primaryServer, 0);
LAYOUT_AT(DHCP_FAILOVER_RELATIONSHIP, secondaryServer, 4);
LAYOUT_AT(DHCP_FAILOVER_RELATIONSHIP, mode, 8);
LAYOUT_AT(DHCP_FAILOVER_RELATIONSHIP, serverType, 12);
LAYOUT_AT(DHCP_FAILOVER_RELATIONSHIP, state, 16);
LAYOUT_AT(DHCP_FAILOVER_RELATIONSHIP, prevState, 20);
LAYOUT_AT(DHCP_FAILOVER_RELATIONSHIP, mclt, 24);
LAYOUT_AT(DHCP_FAILOVER_RELATIONSHIP, safePeriod, 28);
LAYOUT_AT(DHCP_FAILOVER_RELATIONSHIP, relationshipName, 32);
LAYOUT_AT(DHCP_FAILOVER_RELATIONSHIP, primaryServerName, 40);
LAYOUT_AT(DHCP_FAILOVER_RELATIONSHIP, secondaryServerName, 48);
LAYOUT_AT(DHCP_FAILOVER_RELATIONSHIP, pScopes, 56);
LAYOUT_AT(DHCP_FAILOVER_RELATIONSHIP, percentage, 64);
LAYOUT_AT(DHCP_FAILOVER_RELATIONSHIP, pSharedSecret, 72);
LAYOUT_SIZE(DHCP_FAILOVER_RELATIONSHIP_ARRAY, 16);
LAYOUT_AT(DHCP_FAILOVER_RELATIONSHIP_ARRAY, numElements, 0);
LAYOUT_AT(DHCP_FAILOVER_RELATIONSHIP_ARRAY, pRelationships, 8);

/* The enumerations are 4-byte values with the SDK's numbering. */
LAYOUT_SIZE(DHCP_POL_COMPARATOR, 4);
LAYOUT_SIZE(DHCP_FAILOVER_MODE, 4);
LAYOUT_SIZE(DHCP_FAILOVER_SERVER, 4);
LAYOUT_SIZE(FSM_STATE, 4);
_Static_assert(DhcpCompNotEndWith == 5 && DhcpAttrFqdnSingleLabel == 4 &&
                   DhcpLogicalAnd == 1 && DhcpIpv6AddressOption == 8 &&
                   DhcpMScopeOptions == 4 && DhcpPropTypeBinary == 4 &&
                   DhcpUpdatePolicyDnsSuffix == 0x40 && HotStandby == 1 &&
                   SecondaryServer == 1 && NORMAL == 3 && RECOVER_DONE == 11,
               "enumeration values");
#else
#error "the layout guard is for x64 builds"
#endif

/* ISO C wants a translation unit to declare something. */
typedef int layout_x64_checked;
