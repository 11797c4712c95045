/* session.c: the frame of every API call: lock, load, select the server, transport faults,
 * access check, save. */
#include "session.h"

#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "rpcmem.h"
#include "store.h"

#define LOCK_NAME L"Local\\pxebridge-dhcpsapi-double"
#define LOCK_WAIT_MS 30000

/* The server a call names: by its name, or by its dotted IPv4 address (the name or address
 * a failover relationship gives for a partner). */
static dbl_server *select_server(dbl_state *state, const char *name)
{
    uint32_t addr;
    dbl_server *server = model_find_server(state, name);
    if (server || names_ip_parse(name, &addr))
        return server;
    return model_find_server_addr(state, addr);
}

DWORD session_open(session *s, const WCHAR *server_name, call_kind kind)
{
    unsigned bad_line;
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->lock = CreateMutexW(NULL, FALSE, LOCK_NAME);
    if (!s->lock)
        return GetLastError();
    DWORD wait = WaitForSingleObject(s->lock, LOCK_WAIT_MS);
    if (wait != WAIT_OBJECT_0 && wait != WAIT_ABANDONED) {
        CloseHandle(s->lock);
        s->lock = NULL;
        return ERROR_TIMEOUT;
    }
    DWORD rc = store_load(&s->state, &bad_line);
    if (rc)
        return rc;
    model_sort(&s->state);
    char *name = rpc_utf8(server_name);
    if (!name)
        return ERROR_INVALID_PARAMETER;
    s->server = select_server(&s->state, name);
    free(name);
    if (!s->server)
        return PXB_RPC_S_SERVER_UNAVAILABLE;
    return faults_reach(s->server, kind);
}

DWORD session_authorize(session *s)
{
    DWORD fault = faults_authorize(s->server, s->kind);
    /* The write count survives the call whatever its outcome. */
    if (faults_is_write(s->kind)) {
        DWORD rc = store_save(&s->state);
        if (rc)
            return rc;
    }
    return fault;
}

DWORD session_enter(session *s, const WCHAR *server_name, call_kind kind)
{
    DWORD rc = session_open(s, server_name, kind);
    return rc ? rc : session_authorize(s);
}

DWORD session_close(session *s, DWORD rc)
{
    if (rc == ERROR_SUCCESS && s->server && (faults_is_write(s->kind) || s->kind == CALL_ADMIN))
        rc = store_save(&s->state);
    model_free(&s->state);
    if (s->lock) {
        ReleaseMutex(s->lock);
        CloseHandle(s->lock);
    }
    memset(s, 0, sizeof *s);
    return rc;
}
