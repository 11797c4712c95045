/* ms_call.c: the scope argument, "not there" codes and failure recording shared by the
 * dhcpsapi calls (see ms_call.h). */
#include "ms_call.h"

#include <stdio.h>
#include <string.h>

void pxb_ms_scope_info(const pxb_ms_level *level, DHCP_OPTION_SCOPE_INFO *out)
{
    memset(out, 0, sizeof *out);
    if (level->global) {
        out->ScopeType = DhcpGlobalOptions;
        return;
    }
    out->ScopeType = DhcpSubnetOptions;
    out->ScopeInfo.SubnetScopeInfo = level->subnet;
}

int pxb_ms_absent(DWORD code)
{
    return code == PXB_ERROR_DHCP_OPTION_NOT_PRESENT || code == PXB_ERROR_FILE_NOT_FOUND;
}

int pxb_ms_failed(pxb_ms_error *err, const char *call, DWORD code, const char *detail)
{
    snprintf(err->call, sizeof err->call, "%s", call);
    return pxb_error_set_code(&err->error, code, "%s", detail);
}

int pxb_ms_no_memory(pxb_ms_error *err)
{
    return pxb_error_set(&err->error, "out of memory");
}
