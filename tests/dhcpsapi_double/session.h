/* session.h: the frame of every API call: take the cross-process lock, load the state,
 * select the server named by the call, the transport faults, then (after the call's own
 * parameter checks, as MS-DHCPM orders them) the access check, and at the end save the
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

/* Opens a call on the server named server_name (NULL, "" or "localhost": the local one), by
 * its name or its dotted IPv4 address.
 * Returns 0, or the error the call must return (1722 for an unknown server, a transport
 * fault, 1745 for a procedure the server's version lacks); either way session_close must
 * follow. */
DWORD session_open(session *s, const WCHAR *server_name, call_kind kind);
/* The access check of MS-DHCPM 3.5.4 / 3.5.5 and the injected write failure: 0 or the
 * error. A write call is counted (and the count saved) whatever the outcome. */
DWORD session_authorize(session *s);
/* session_open, then session_authorize: for calls whose first rule is the access check. */
DWORD session_enter(session *s, const WCHAR *server_name, call_kind kind);
/* Ends the call: a write call that returns 0 has its changes saved. Returns rc, or the
 * save's error. */
DWORD session_close(session *s, DWORD rc);

#endif
