/* server_info.c: what a caller learns about the server itself: its version
 * (R_DhcpGetVersion) and its IPv4 scopes (R_DhcpEnumSubnets, paged by count). */
#include "exports.h"
#include "paging.h"
#include "rpcmem.h"
#include "session.h"

DWORD WINAPI DhcpGetVersion(LPWSTR server_name, LPDWORD major, LPDWORD minor)
{
    session s;
    if (!major || !minor)
        return PXB_ERROR_INVALID_PARAMETER;
    DWORD rc = session_open(&s, server_name, CALL_READ);
    if (rc == ERROR_SUCCESS) {
        *major = s.server->major;
        *minor = s.server->minor;
    }
    return session_close(&s, rc);
}

static DWORD enum_subnets(dbl_server *server, DHCP_RESUME_HANDLE *resume, DWORD pref_max,
                          LPDHCP_IP_ARRAY *info, DWORD *read, DWORD *total)
{
    rpc_batch batch = {0};
    page window = paging_window(resume, server->subnet_count, pref_max);
    if (window.count == 0)
        return window.rc;
    LPDHCP_IP_ARRAY array = rpc_alloc(&batch, sizeof *array);
    LPDHCP_IP_ADDRESS addrs = rpc_alloc(&batch, window.count * sizeof *addrs);
    for (size_t i = 0; addrs && i < window.count; i++)
        addrs[i] = server->subnets[window.first + i].addr;
    if (array) {
        array->NumElements = (DWORD)window.count;
        array->Elements = addrs;
    }
    DWORD rc = paging_finish(&batch, &window, server->subnet_count, read, total);
    if (rc == ERROR_SUCCESS || rc == PXB_ERROR_MORE_DATA)
        *info = array;
    return rc;
}

DWORD WINAPI DhcpEnumSubnets(const WCHAR *server_name, DHCP_RESUME_HANDLE *resume,
                             DWORD pref_max, LPDHCP_IP_ARRAY *info, DWORD *read, DWORD *total)
{
    session s;
    if (!resume || !info || !read || !total)
        return PXB_ERROR_INVALID_PARAMETER;
    *info = NULL;
    *read = *total = 0;
    DWORD rc = session_open(&s, server_name, CALL_READ);
    if (rc == ERROR_SUCCESS)
        rc = enum_subnets(s.server, resume, pref_max, info, read, total);
    return session_close(&s, rc);
}
