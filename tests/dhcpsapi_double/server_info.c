/* server_info.c: what a caller learns about the server itself: its version
 * (R_DhcpGetVersion, MS-DHCPM 3.1.4.29) and its IPv4 scopes (R_DhcpEnumSubnets, 3.1.4.4:
 * paged by count, ERROR_SUCCESS with every batch, ERROR_NO_MORE_ITEMS past the end). */
#include "exports.h"
#include "paging.h"
#include "rpcmem.h"
#include "session.h"

DWORD WINAPI DhcpGetVersion(LPWSTR server_name, LPDWORD major, LPDWORD minor)
{
    session s;
    DWORD rc = session_open(&s, server_name, CALL_READ);
    if (rc == ERROR_SUCCESS && (!major || !minor))
        rc = PXB_ERROR_INVALID_PARAMETER;
    if (rc == ERROR_SUCCESS)
        rc = session_authorize(&s);
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
    page window = paging_window(server, resume, server->subnet_count, pref_max, PAGE_SUBNETS);
    LPDHCP_IP_ARRAY array = window.count ? rpc_alloc(&batch, sizeof *array) : NULL;
    LPDHCP_IP_ADDRESS addrs = array ? rpc_alloc(&batch, window.count * sizeof *addrs) : NULL;
    for (size_t i = 0; addrs && i < window.count; i++)
        addrs[i] = server->subnets[window.first + i].addr;
    if (array)
        *array = (DHCP_IP_ARRAY){(DWORD)window.count, addrs};
    DWORD rc = paging_finish(&batch, &window, read, total);
    if (window.count && rc == ERROR_SUCCESS)
        *info = array;
    return rc;
}

DWORD WINAPI DhcpEnumSubnets(const WCHAR *server_name, DHCP_RESUME_HANDLE *resume,
                             DWORD pref_max, LPDHCP_IP_ARRAY *info, DWORD *read, DWORD *total)
{
    session s;
    DWORD rc = session_open(&s, server_name, CALL_READ);
    /* 3.1.4.4 lists no parameter check; the double needs the out-parameters. */
    if (rc == ERROR_SUCCESS && (!resume || !info || !read || !total))
        rc = PXB_ERROR_INVALID_PARAMETER;
    if (rc == ERROR_SUCCESS) {
        *info = NULL;
        *read = *total = 0;
        rc = session_authorize(&s);
    }
    if (rc == ERROR_SUCCESS)
        rc = enum_subnets(s.server, resume, pref_max, info, read, total);
    return session_close(&s, rc);
}
