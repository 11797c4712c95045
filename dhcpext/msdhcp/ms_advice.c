/* ms_advice.c: turns a failed Microsoft DHCP management call into a message that says what
 * happened and what to do next (group membership, reachability, the service, old servers),
 * naming the code. Pure C, no OS calls. */
#include "ms_advice.h"

#include <stdio.h>

typedef struct code_name {
    unsigned long code;
    const char *name;
} code_name;

static const code_name NAMES[] = {
    {5, "ERROR_ACCESS_DENIED"},
    {87, "ERROR_INVALID_PARAMETER"},
    {234, "ERROR_MORE_DATA"},
    {259, "ERROR_NO_MORE_ITEMS"},
    {1722, "RPC_S_SERVER_UNAVAILABLE"},
    {1745, "RPC_S_PROCNUM_OUT_OF_RANGE"},
    {1753, "EPT_S_NOT_REGISTERED"},
    {20005, "ERROR_DHCP_SUBNET_NOT_PRESENT"},
    {20009, "ERROR_DHCP_OPTION_EXISTS"},
    {20010, "ERROR_DHCP_OPTION_NOT_PRESENT"},
    {20013, "ERROR_DHCP_JET_ERROR"},
    {20044, "ERROR_DHCP_CLASS_NOT_FOUND"},
    {20045, "ERROR_DHCP_CLASS_ALREADY_EXISTS"},
    {20089, "ERROR_DHCP_DELETE_BUILTIN_CLASS"},
    {20103, "ERROR_DHCP_OPTION_TYPE_MISMATCH"},
    {20104, "ERROR_DHCP_POLICY_BAD_PARENT_EXPR"},
    {20105, "ERROR_DHCP_POLICY_EXISTS"},
    {20109, "ERROR_DHCP_INVALID_POLICY_EXPRESSION"},
    {20110, "ERROR_DHCP_INVALID_PROCESSING_ORDER"},
    {20111, "ERROR_DHCP_POLICY_NOT_FOUND"},
    {20121, "ERROR_DHCP_NO_ADMIN_PERMISSION"},
    {20122, "ERROR_DHCP_SERVER_NOT_REACHABLE"},
    {20123, "ERROR_DHCP_SERVER_NOT_RUNNING"},
};

static const char *code_text(unsigned long code)
{
    for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++)
        if (NAMES[i].code == code)
            return NAMES[i].name;
    return "an unknown error";
}

static const char *advice_for(unsigned long code)
{
    switch (code) {
    case 5:
    case 20121:
        return "access denied: add this account to the 'DHCP Administrators' group on that "
               "server (reads need 'DHCP Users'), then sign in again";
    case 1722:
    case 20122:
        return "the server is not reachable: check that its name resolves and that its "
               "firewall lets DHCP Server management (RPC) through";
    case 1753:
    case 20123:
        return "the DHCP Server service is not running on that server: start it "
               "(Start-Service DHCPServer) and run again";
    case 1745:
        return "the server has no policy calls (Windows Server 2008 R2 or older): pxebridge "
               "uses the user-class fallback there; run plan again to see it";
    default:
        return NULL;
    }
}

void pxb_ms_advise(const pxb_ms_error *err, const char *server, char *out, size_t out_len)
{
    const char *who = server != NULL && server[0] != '\0' ? server : "this machine";
    unsigned long code = err->error.code;
    const char *detail = err->error.text;
    const char *advice = advice_for(code);

    if (code == 0)
        snprintf(out, out_len, "%s", detail);
    else if (advice != NULL)
        snprintf(out, out_len, "%s on %s failed with %lu (%s): %s%s%s", err->call, who, code,
                 code_text(code), advice, detail[0] ? "; " : "", detail);
    else
        snprintf(out, out_len, "%s on %s failed with %lu (%s)%s%s", err->call, who, code,
                 code_text(code), detail[0] ? ": " : "", detail);
}
