/* faults.c: fault injection: which error a server answers a call with before the call runs,
 * in the order a real client meets them (transport, RPC procedure, access check, database). */
#include "faults.h"

#include <string.h>

int faults_is_write(call_kind kind)
{
    return kind == CALL_WRITE || kind == CALL_V4_WRITE;
}

DWORD faults_reach(const dbl_server *server, call_kind kind)
{
    if (kind == CALL_CLIENT || kind == CALL_ADMIN)
        return ERROR_SUCCESS;
    if (server->faults.down == DBL_DOWN_UNREACHABLE)
        return PXB_RPC_S_SERVER_UNAVAILABLE;
    if (server->faults.down == DBL_DOWN_STOPPED)
        return PXB_EPT_S_NOT_REGISTERED;
    if ((kind == CALL_V4_READ || kind == CALL_V4_WRITE) && !model_has_policies(server))
        return PXB_RPC_S_PROCNUM_OUT_OF_RANGE;
    if (kind == CALL_EX_READ && model_version(server) < DBL_VERSION_2012_R2)
        return PXB_RPC_S_PROCNUM_OUT_OF_RANGE;
    return ERROR_SUCCESS;
}

DWORD faults_authorize(dbl_server *server, call_kind kind)
{
    int write = faults_is_write(kind);
    if (kind == CALL_CLIENT || kind == CALL_ADMIN)
        return ERROR_SUCCESS;
    if (server->faults.deny == DBL_DENY_ALL || (write && server->faults.deny == DBL_DENY_WRITES))
        return PXB_ERROR_ACCESS_DENIED;
    if (!write)
        return ERROR_SUCCESS;
    server->faults.writes++;
    if (server->faults.fail_at && server->faults.writes == server->faults.fail_at)
        return server->faults.fail_code;
    return ERROR_SUCCESS;
}

int faults_set(dbl_server *server, const char *name, uint32_t k, uint32_t code)
{
    dbl_faults *f = &server->faults;
    if (strcmp(name, "none") == 0) {
        memset(f, 0, sizeof *f);
        f->fail_code = PXB_ERROR_DHCP_JET_ERROR;
    } else if (strcmp(name, "deny-writes") == 0) {
        f->deny = DBL_DENY_WRITES;
    } else if (strcmp(name, "deny-all") == 0) {
        f->deny = DBL_DENY_ALL;
    } else if (strcmp(name, "unreachable") == 0) {
        f->down = DBL_DOWN_UNREACHABLE;
    } else if (strcmp(name, "stopped") == 0) {
        f->down = DBL_DOWN_STOPPED;
    } else if (strcmp(name, "absent-code") == 0) {
        f->absent_code = k;
    } else if (strcmp(name, "page-max") == 0) {
        f->page_max = k;
    } else if (strcmp(name, "fail-write") == 0 && k > 0) {
        f->fail_at = k;
        f->fail_code = code ? code : PXB_ERROR_DHCP_JET_ERROR;
        f->writes = 0;
    } else {
        return -1;
    }
    return 0;
}
