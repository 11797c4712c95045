/* option_values.c: option values at the server level or in a scope, for a policy
 * (R_DhcpV4SetOptionValue / Get / Remove, MS-DHCPM 3.2.4.102, 3.2.4.104, 3.2.4.105) or for
 * a user class and vendor class (R_DhcpSetOptionValueV5 / Get / Remove, 3.2.4.20, 3.2.4.22,
 * 3.2.4.24; 3.1.1.11's classed values, on every version: no policy is involved). Each call
 * checks in its section's order. No value is checked against its definition's type. */
#include <stdlib.h>
#include <string.h>

#include "exports.h"
#include "optdata.h"
#include "session.h"

typedef enum value_op { VALUE_SET, VALUE_GET, VALUE_REMOVE } value_op;

/* One option value call, as its caller passed it. */
typedef struct value_call {
    value_op op;
    int v5;                     /* a V5 call: name is a user class, else a policy */
    DWORD flags;
    DHCP_OPTION_ID option;
    const WCHAR *name;
    const WCHAR *vendor;
    const DHCP_OPTION_SCOPE_INFO *scope;
    const DHCP_OPTION_DATA *data; /* VALUE_SET */
    LPDHCP_OPTION_VALUE *out;     /* VALUE_GET */
} value_call;

static int is_v5_remove(const value_call *call)
{
    return call->v5 && call->op == VALUE_REMOVE;
}

/* Flags and VendorName disagree: DHCP_FLAGS_OPTION_IS_VENDOR without a VendorName, or a
 * VendorName without the flag. */
static int flags_mismatch(const value_call *call)
{
    return (call->flags != 0) != (call->vendor && *call->vendor);
}

/* The Flags rules (0, or DHCP_FLAGS_OPTION_IS_VENDOR with a VendorName; strictest reading,
 * a VendorName without the flag is refused too, but by V5 remove, 3.2.4.24), the scope types the double models
 * (server and scope; default, reservation and multicast scope answer INVALID_PARAMETER), and
 * the in-parameters. */
static DWORD check_arguments(const value_call *call)
{
    if ((call->flags != 0 && call->flags != PXB_DHCP_FLAGS_OPTION_IS_VENDOR) ||
        (!is_v5_remove(call) && flags_mismatch(call)))
        return PXB_ERROR_INVALID_PARAMETER;
    if (!call->scope || (call->scope->ScopeType != DhcpGlobalOptions &&
                         call->scope->ScopeType != DhcpSubnetOptions))
        return PXB_ERROR_INVALID_PARAMETER;
    if (call->op == VALUE_GET && !call->out)
        return PXB_ERROR_INVALID_PARAMETER;
    /* 3.2.4.20 / 3.2.4.102: Elements NULL or NumElements 0. */
    if (call->op == VALUE_SET &&
        (!call->data || !call->data->Elements || call->data->NumElements == 0))
        return PXB_ERROR_INVALID_PARAMETER;
    return ERROR_SUCCESS;
}

/* A class named by the call: "" is the default class; else it must exist and be of that
 * kind (strictest reading of "the DHCPv4ClassDef entry corresponding to" the name). */
static DWORD find_class(dbl_server *server, const WCHAR *name, int vendor, char **out)
{
    *out = rpc_utf8(name);
    if (!*out)
        return PXB_ERROR_INVALID_PARAMETER;
    const dbl_class *cls = **out ? model_find_class(server, *out) : NULL;
    return !**out || (cls && !cls->vendor == !vendor) ? ERROR_SUCCESS
                                                      : PXB_ERROR_DHCP_CLASS_NOT_FOUND;
}

static DWORD resolve_subnet(dbl_server *server, const DHCP_OPTION_SCOPE_INFO *scope,
                            uint32_t *subnet)
{
    *subnet = scope->ScopeType == DhcpSubnetOptions ? scope->ScopeInfo.SubnetScopeInfo : 0;
    if (scope->ScopeType == DhcpGlobalOptions)
        return ERROR_SUCCESS;
    return model_find_subnet(server, *subnet) ? ERROR_SUCCESS : PXB_ERROR_DHCP_SUBNET_NOT_PRESENT;
}

/* 3.2.4.102 / 104 / 105: the vendor class, the scope, then the policy at that level
 * (a NULL or empty PolicyName names none: POLICY_NOT_FOUND). */
static DWORD resolve_v4_key(dbl_server *server, const value_call *call, dbl_value *key)
{
    DWORD rc = find_class(server, call->vendor, 1, &key->vendor);
    if (!rc)
        rc = resolve_subnet(server, call->scope, &key->subnet);
    if (rc)
        return rc;
    key->policy = rpc_utf8(call->name);
    key->user_class = model_strdup("");
    if (!key->policy || !key->user_class)
        return ERROR_NOT_ENOUGH_MEMORY;
    return model_find_policy(server, key->subnet, key->policy) ? ERROR_SUCCESS
                                                                : PXB_ERROR_DHCP_POLICY_NOT_FOUND;
}

/* 3.2.4.20 / 22 / 24: the user class and vendor class (checked by set and remove; a get of
 * an unknown class finds no value), the option's definition (set), the scope. */
static DWORD resolve_v5_key(dbl_server *server, const value_call *call, dbl_value *key)
{
    DWORD rc = find_class(server, call->name, 0, &key->user_class);
    DWORD vendor_rc = find_class(server, call->vendor, 1, &key->vendor);
    if (call->op == VALUE_GET)
        rc = vendor_rc = ERROR_SUCCESS;
    if (!rc)
        rc = vendor_rc;
    /* The definitions come from the default user class's list: MS-DHCPM keys them by user
     * class too, which would forbid every user-class value (see docs/dhcp-test-double.md). */
    if (!rc && call->op == VALUE_SET && !model_find_optdef(server, call->option, key->vendor))
        rc = PXB_ERROR_DHCP_OPTION_NOT_PRESENT;
    if (!rc)
        rc = resolve_subnet(server, call->scope, &key->subnet);
    key->policy = model_strdup("");
    return rc ? rc : key->policy ? ERROR_SUCCESS : ERROR_NOT_ENOUGH_MEMORY;
}

static DWORD set_value(dbl_server *server, const value_call *call, dbl_value *key)
{
    dbl_data data;
    DWORD rc = optdata_in(call->data, &data);
    if (rc)
        return rc;
    dbl_value *value = model_find_value(server, key);
    if (!value) {
        value = model_grow((void **)&server->values, &server->value_count, sizeof *value);
        if (!value) {
            model_data_free(&data);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        *value = *key;
        memset(key, 0, sizeof *key);
    }
    model_data_free(&value->data);
    value->data = data;
    return ERROR_SUCCESS;
}

static DWORD get_value(const dbl_value *value, LPDHCP_OPTION_VALUE *out)
{
    rpc_batch batch = {0};
    LPDHCP_OPTION_VALUE result = rpc_alloc(&batch, sizeof *result);
    if (result) {
        result->OptionID = value->option;
        optdata_out(&batch, &value->data, &result->Value);
    }
    DWORD rc = rpc_finish(&batch);
    if (rc == ERROR_SUCCESS)
        *out = result;
    return rc;
}

/* The code for a value that is not set: V5 get ERROR_FILE_NOT_FOUND (3.2.4.22), the others
 * OPTION_NOT_PRESENT (3.2.4.24 <48>, 3.2.4.104, 3.2.4.105); or the absent-code variant. */
static DWORD absent_code(const dbl_server *server, const value_call *call)
{
    if (server->faults.absent_code)
        return server->faults.absent_code;
    return call->v5 && call->op == VALUE_GET ? PXB_ERROR_FILE_NOT_FOUND
                                             : PXB_ERROR_DHCP_OPTION_NOT_PRESENT;
}

static DWORD run_value_call(dbl_server *server, const value_call *call)
{
    dbl_value key = {.option = call->option};
    DWORD rc = call->v5 ? resolve_v5_key(server, call, &key) : resolve_v4_key(server, call, &key);
    if (rc == ERROR_SUCCESS && call->op == VALUE_SET) {
        rc = set_value(server, call, &key);
    } else if (rc == ERROR_SUCCESS) {
        dbl_value *value = model_find_value(server, &key);
        /* 3.2.4.24's last step: a Flags / VendorName mismatch is OPTION_NOT_PRESENT. */
        if (!value || (is_v5_remove(call) && flags_mismatch(call)))
            rc = absent_code(server, call);
        else if (call->op == VALUE_GET)
            rc = get_value(value, call->out);
        else {
            model_value_free(value);
            model_cut(server->values, &server->value_count, sizeof *value,
                      (size_t)(value - server->values));
        }
    }
    model_value_free(&key);
    return rc;
}

static DWORD value_call_run(const WCHAR *server_name, const value_call *call)
{
    session s;
    int v4 = !call->v5;
    call_kind kind = call->op == VALUE_GET ? (v4 ? CALL_V4_READ : CALL_READ)
                                           : (v4 ? CALL_V4_WRITE : CALL_WRITE);
    DWORD rc = session_open(&s, server_name, kind);
    /* The V4 sections check the arguments before access, the V5 ones after it. */
    if (rc == ERROR_SUCCESS && v4)
        rc = check_arguments(call);
    if (rc == ERROR_SUCCESS)
        rc = session_authorize(&s);
    if (rc == ERROR_SUCCESS && !v4)
        rc = check_arguments(call);
    if (rc == ERROR_SUCCESS && call->out)
        *call->out = NULL;
    if (rc == ERROR_SUCCESS)
        rc = run_value_call(s.server, call);
    return session_close(&s, rc);
}

DWORD WINAPI DhcpV4SetOptionValue(LPWSTR server_name, DWORD flags, DHCP_OPTION_ID option_id,
                                  LPWSTR policy_name, LPWSTR vendor_name,
                                  LPDHCP_OPTION_SCOPE_INFO scope, LPDHCP_OPTION_DATA value)
{
    value_call call = {VALUE_SET, 0, flags, option_id, policy_name, vendor_name, scope, value,
                       NULL};
    return value_call_run(server_name, &call);
}

DWORD WINAPI DhcpV4GetOptionValue(LPWSTR server_name, DWORD flags, DHCP_OPTION_ID option_id,
                                  LPWSTR policy_name, LPWSTR vendor_name,
                                  LPDHCP_OPTION_SCOPE_INFO scope, LPDHCP_OPTION_VALUE *value)
{
    value_call call = {VALUE_GET, 0, flags, option_id, policy_name, vendor_name, scope, NULL,
                       value};
    return value_call_run(server_name, &call);
}

DWORD WINAPI DhcpV4RemoveOptionValue(LPWSTR server_name, DWORD flags, DHCP_OPTION_ID option_id,
                                     LPWSTR policy_name, LPWSTR vendor_name,
                                     LPDHCP_OPTION_SCOPE_INFO scope)
{
    value_call call = {VALUE_REMOVE, 0, flags, option_id, policy_name, vendor_name, scope,
                       NULL, NULL};
    return value_call_run(server_name, &call);
}

DWORD WINAPI DhcpSetOptionValueV5(LPWSTR server_name, DWORD flags, DHCP_OPTION_ID option_id,
                                  LPWSTR class_name, LPWSTR vendor_name,
                                  LPDHCP_OPTION_SCOPE_INFO scope, LPDHCP_OPTION_DATA value)
{
    value_call call = {VALUE_SET, 1, flags, option_id, class_name, vendor_name, scope, value,
                       NULL};
    return value_call_run(server_name, &call);
}

DWORD WINAPI DhcpGetOptionValueV5(LPWSTR server_name, DWORD flags, DHCP_OPTION_ID option_id,
                                  LPWSTR class_name, LPWSTR vendor_name,
                                  LPDHCP_OPTION_SCOPE_INFO scope, LPDHCP_OPTION_VALUE *value)
{
    value_call call = {VALUE_GET, 1, flags, option_id, class_name, vendor_name, scope, NULL,
                       value};
    return value_call_run(server_name, &call);
}

DWORD WINAPI DhcpRemoveOptionValueV5(LPWSTR server_name, DWORD flags, DHCP_OPTION_ID option_id,
                                     LPWSTR class_name, LPWSTR vendor_name,
                                     LPDHCP_OPTION_SCOPE_INFO scope)
{
    value_call call = {VALUE_REMOVE, 1, flags, option_id, class_name, vendor_name, scope,
                       NULL, NULL};
    return value_call_run(server_name, &call);
}
