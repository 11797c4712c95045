/* policy_enum.c: R_DhcpV4EnumPolicies (MS-DHCPM 3.2.4.113) and R_DhcpV4EnumPoliciesEx
 * (3.2.4.130): the policies of one level in processing order, in batches of at most
 * PreferredMaximum (a count), ERROR_MORE_DATA while more remain and ERROR_NO_MORE_ITEMS with
 * the last batch. On 2012 R2 and later the plain call leaves out the policies a 2012-era
 * caller cannot read (note <86>); the Ex call, absent before 2012 R2, returns them all. */
#include <stddef.h>
#include <stdlib.h>

#include "exports.h"
#include "paging.h"
#include "policy.h"
#include "policy_level.h"
#include "session.h"

/* One enumeration: which call, and its out-parameters. */
typedef struct enum_call {
    int ex;
    LPDWORD resume;
    DWORD pref_max;
    void **info; /* LPDHCP_POLICY_ARRAY* or LPDHCP_POLICY_EX_ARRAY* */
    DWORD *read;
    DWORD *total;
} enum_call;

/* The level's policies the call lists, in processing order (the model is sorted). */
static size_t list_policies(const dbl_server *server, uint32_t level, int ex,
                            const dbl_policy **out)
{
    size_t count = 0;
    for (size_t i = 0; i < server->policy_count; i++) {
        const dbl_policy *policy = &server->policies[i];
        if (policy->subnet == level && (ex || policy_is_enum_visible(server, policy)))
            out[count++] = policy;
    }
    return count;
}

static void fill_plain(rpc_batch *batch, const dbl_policy *policy, void *items, size_t at)
{
    policy_out(batch, policy, &((DHCP_POLICY *)items)[at]);
}

static void fill_ex(rpc_batch *batch, const dbl_policy *policy, void *items, size_t at)
{
    policy_out_ex(batch, policy, &((DHCP_POLICY_EX *)items)[at]);
}

/* DHCP_POLICY_ARRAY and DHCP_POLICY_EX_ARRAY are both {NumElements, Elements}: one builder. */
_Static_assert(sizeof(DHCP_POLICY_ARRAY) == sizeof(DHCP_POLICY_EX_ARRAY) &&
                   offsetof(DHCP_POLICY_ARRAY, Elements) ==
                       offsetof(DHCP_POLICY_EX_ARRAY, Elements),
               "policy arrays share a layout");

/* The batch's array, DHCP_POLICY_ARRAY or (Ex) DHCP_POLICY_EX_ARRAY. */
static void *build_batch(rpc_batch *batch, const enum_call *call, const dbl_policy **listed,
                         const page *window)
{
    size_t item = call->ex ? sizeof(DHCP_POLICY_EX) : sizeof(DHCP_POLICY);
    void (*fill)(rpc_batch *, const dbl_policy *, void *, size_t) = call->ex ? fill_ex
                                                                             : fill_plain;
    DHCP_POLICY_ARRAY *array = rpc_alloc(batch, sizeof *array);
    void *items = rpc_alloc(batch, window->count * item);
    for (size_t i = 0; array && items && i < window->count; i++)
        fill(batch, listed[window->first + i], items, i);
    if (array) {
        array->NumElements = (DWORD)window->count;
        array->Elements = items;
    }
    return array;
}

static DWORD enum_level(dbl_server *server, uint32_t level, const enum_call *call)
{
    rpc_batch batch = {0};
    const dbl_policy **listed = malloc((server->policy_count + 1) * sizeof *listed);
    if (!listed)
        return ERROR_NOT_ENOUGH_MEMORY;
    size_t count = list_policies(server, level, call->ex, listed);
    page window = paging_window(server, call->resume, count, call->pref_max, PAGE_POLICIES);
    void *array = window.count ? build_batch(&batch, call, listed, &window) : NULL;
    free(listed);
    DWORD rc = paging_finish(&batch, &window, call->read, call->total);
    if (window.count && (rc == PXB_ERROR_MORE_DATA || rc == PXB_ERROR_NO_MORE_ITEMS))
        *call->info = array;
    return rc;
}

static DWORD run_enum(const WCHAR *server_name, BOOL global, DHCP_IP_ADDRESS subnet,
                      const enum_call *call)
{
    session s;
    uint32_t level;
    DWORD rc = session_open(&s, server_name, call->ex ? CALL_EX_READ : CALL_V4_READ);
    /* 3.2.4.113: "If EnumInfo, ResumeHandle, ElementsRead and ElementsTotal are NULL":
     * strictest reading, any of them. */
    if (rc == ERROR_SUCCESS && (!call->resume || !call->info || !call->read || !call->total))
        rc = PXB_ERROR_INVALID_PARAMETER;
    if (rc == ERROR_SUCCESS)
        rc = policy_check_level(global, subnet);
    if (rc == ERROR_SUCCESS) {
        *call->info = NULL;
        *call->read = *call->total = 0;
        rc = session_authorize(&s);
    }
    if (rc == ERROR_SUCCESS)
        rc = level_resolve(s.server, global, subnet, &level);
    if (rc == ERROR_SUCCESS)
        rc = enum_level(s.server, level, call);
    return session_close(&s, rc);
}

DWORD WINAPI DhcpV4EnumPolicies(LPWSTR server_name, LPDWORD resume, DWORD pref_max,
                                BOOL global, DHCP_IP_ADDRESS subnet, LPDHCP_POLICY_ARRAY *info,
                                DWORD *read, DWORD *total)
{
    enum_call call = {0, resume, pref_max, (void **)info, read, total};
    return run_enum(server_name, global, subnet, &call);
}

DWORD WINAPI DhcpV4EnumPoliciesEx(LPWSTR server_name, LPDWORD resume, DWORD pref_max,
                                  BOOL global, DHCP_IP_ADDRESS subnet,
                                  LPDHCP_POLICY_EX_ARRAY *info, DWORD *read, DWORD *total)
{
    enum_call call = {1, resume, pref_max, (void **)info, read, total};
    return run_enum(server_name, global, subnet, &call);
}
