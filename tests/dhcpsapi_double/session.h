/* session.h: the frame of every API call: take the cross-process lock, load the state,
 * select the server named by the call, apply injected faults, and at the end save the
 * state if the call changed it. */
#ifndef PXB_DOUBLE_SESSION_H
#define PXB_DOUBLE_SESSION_H

#include "dhcpsapi_decl.h"
#include "faults.h"
#include "model.h"

typedef struct session {
    dbl_state state;
    dbl_server *server;
    HANDLE lock;
    call_kind kind;
} session;

/* Opens a call on the server named server_name (NULL, "" or "localhost": the local one).
 * Returns 0, or the error the call must return (1722 for an unknown server, a fault...);
 * either way session_close must follow. */
DWORD session_open(session *s, const WCHAR *server_name, call_kind kind);
/* Ends the call: a write call that returns 0 has its changes saved. Returns rc, or the
 * save's error. */
DWORD session_close(session *s, DWORD rc);

#endif
