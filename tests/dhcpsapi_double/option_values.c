/* option_values.c: option values at the server level or in a scope, for a policy
 * (DhcpV4SetOptionValue / Get / Remove) or a user class (the V5 calls). On Windows Server
 * 2012 and later a V5 call naming a user class works through a policy named after the
 * class, with the single condition "user class equals its data" (created on first use); a
 * different policy already holding that name makes the call fail with POLICY_EXISTS.
 * Before 2012 the value is stored for the class itself. */
#include <stdlib.h>
#include <string.h>

#include "exports.h"
#include "optdata.h"
#include "policy.h"
#include "session.h"

typedef enum value_op { VALUE_SET, VALUE_GET, VALUE_REMOVE } value_op;

/* One option value call, its arguments converted. */
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

static DWORD resolve_scope(dbl_server *server, const DHCP_OPTION_SCOPE_INFO *scope,
                           uint32_t *subnet)
{
    if (scope->ScopeType == DhcpGlobalOptions) {
        *subnet = 0;
        return ERROR_SUCCESS;
    }
    if (scope->ScopeType != DhcpSubnetOptions || scope->ScopeInfo.SubnetScopeInfo == 0)
        return PXB_ERROR_INVALID_PARAMETER;
    *subnet = scope->ScopeInfo.SubnetScopeInfo;
    return model_find_subnet(server, *subnet) ? ERROR_SUCCESS : PXB_ERROR_DHCP_SUBNET_NOT_PRESENT;
}

static DWORD resolve_vendor(dbl_server *server, DWORD flags, const WCHAR *vendor, char **out)
{
    if (flags != 0 && flags != PXB_DHCP_FLAGS_OPTION_IS_VENDOR)
        return PXB_ERROR_INVALID_PARAMETER;
    if (flags == 0) {
        *out = model_strdup("");
        return *out ? ERROR_SUCCESS : ERROR_NOT_ENOUGH_MEMORY;
    }
    if (!vendor || !*vendor)
        return PXB_ERROR_INVALID_PARAMETER;
    *out = rpc_utf8(vendor);
    if (!*out)
        return PXB_ERROR_INVALID_PARAMETER;
    const dbl_class *cls = model_find_class(server, *out);
    return cls && cls->vendor ? ERROR_SUCCESS : PXB_ERROR_DHCP_CLASS_NOT_FOUND;
}

/* The policy the server keeps a V5 user-class value in; made when setting (order last). */
static DWORD class_policy(dbl_server *server, const dbl_class *cls, uint32_t subnet, int make)
{
    dbl_policy *existing = model_find_policy(server, subnet, cls->name);
    if (existing)
        return policy_is_class_policy(existing, cls) ? ERROR_SUCCESS
                                                      : PXB_ERROR_DHCP_POLICY_EXISTS;
    if (!make)
        return server->faults.absent_code;
    dbl_policy policy = {.subnet = subnet, .enabled = 1};
    policy.order = policy_max_order(server, subnet) + 1;
    policy.name = model_strdup(cls->name);
    policy.description = model_strdup("");
    policy.exprs = calloc(1, sizeof *policy.exprs);
    policy.conds = calloc(1, sizeof *policy.conds);
    DWORD rc = ERROR_NOT_ENOUGH_MEMORY;
    if (policy.name && policy.description && policy.exprs && policy.conds) {
        policy.expr_count = policy.cond_count = 1;
        policy.exprs[0].op = DhcpLogicalOr;
        policy.conds[0].type = DhcpAttrOption;
        policy.conds[0].option = 77;
        policy.conds[0].op = DhcpCompEqual;
        policy.conds[0].vendor = model_strdup("");
        if (policy.conds[0].vendor &&
            !model_bytes_set(&policy.conds[0].value, cls->data.data, cls->data.len))
            rc = policy_insert(server, &policy);
    }
    if (rc)
        model_policy_free(&policy);
    return rc;
}

/* Fills key (subnet, policy or class, vendor, option) for the call. */
static DWORD resolve_key(dbl_server *server, const value_call *call, dbl_value *key)
{
    DWORD rc = resolve_scope(server, call->scope, &key->subnet);
    if (!rc)
        rc = resolve_vendor(server, call->flags, call->vendor, &key->vendor);
    if (rc)
        return rc;
    key->option = call->option;
    char *name = rpc_utf8(call->name);
    if (!name)
        return PXB_ERROR_INVALID_PARAMETER;
    if (!*name || !call->v5) {
        key->policy = name;
        key->user_class = model_strdup("");
        if (*name && !model_find_policy(server, key->subnet, name))
            return PXB_ERROR_DHCP_POLICY_NOT_FOUND;
        return key->user_class ? ERROR_SUCCESS : ERROR_NOT_ENOUGH_MEMORY;
    }
    const dbl_class *cls = model_find_class(server, name);
    if (!cls || cls->vendor) {
        free(name);
        return PXB_ERROR_DHCP_CLASS_NOT_FOUND;
    }
    if (!model_has_policies(server)) {
        key->user_class = name;
        key->policy = model_strdup("");
        return key->policy ? ERROR_SUCCESS : ERROR_NOT_ENOUGH_MEMORY;
    }
    key->policy = name;
    key->user_class = model_strdup("");
    if (!key->user_class)
        return ERROR_NOT_ENOUGH_MEMORY;
    return class_policy(server, cls, key->subnet, call->op == VALUE_SET);
}

static DWORD set_value(dbl_server *server, const value_call *call, dbl_value *key)
{
    dbl_data data;
    const dbl_optdef *def = model_find_optdef(server, key->option, key->vendor);
    if (!def)
        return PXB_ERROR_DHCP_OPTION_NOT_PRESENT;
    DWORD rc = optdata_in(call->data, &data);
    if (!rc)
        rc = optdata_check(def, &data);
    if (rc) {
        model_data_free(&data);
        return rc;
    }
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

static DWORD run_value_call(dbl_server *server, const value_call *call)
{
    dbl_value key = {0};
    DWORD rc = resolve_key(server, call, &key);
    if (rc == ERROR_SUCCESS && call->op == VALUE_SET) {
        rc = set_value(server, call, &key);
    } else if (rc == ERROR_SUCCESS) {
        dbl_value *value = model_find_value(server, &key);
        if (!value)
            rc = server->faults.absent_code;
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
    if (!call->scope || (call->op == VALUE_SET && !call->data) ||
        (call->op == VALUE_GET && !call->out))
        return PXB_ERROR_INVALID_PARAMETER;
    if (call->out)
        *call->out = NULL;
    DWORD rc = session_open(&s, server_name, kind);
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
