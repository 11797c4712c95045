/* faults.h: the failures the double injects, per server, before a call touches the state:
 * server unreachable (1722), DHCP service stopped (1753), a pre-2012 server without the
 * DhcpV4* calls (1745), access denied (5) on writes or on every call, and the failure of
 * the k-th write call (counted across runs until the fault is set again); and, not a
 * failure but a variant real servers show, the code an unset option value answers. */
#ifndef PXB_DOUBLE_FAULTS_H
#define PXB_DOUBLE_FAULTS_H

#include "dhcpsapi_decl.h"
#include "model.h"

typedef enum call_kind {
    CALL_READ,
    CALL_WRITE,     /* changes the server: counted, refused when writes are denied */
    CALL_V4_READ,   /* a DhcpV4* call: absent before Windows Server 2012 */
    CALL_V4_WRITE,
    CALL_EX_READ,   /* a DhcpV4*Ex call: absent before Windows Server 2012 R2 */
    CALL_CLIENT,    /* a DHCP client's request (PxbDoubleEvaluate): no faults apply */
    CALL_ADMIN      /* the test tool changing the state: no faults, saved on success */
} call_kind;

/* Whether the call reaches the server's DHCP service and the server has the procedure:
 * 1722, 1753, 1745 or 0. Comes before any parameter check (the RPC layer answers these). */
DWORD faults_reach(const dbl_server *server, call_kind kind);
/* The access check (MS-DHCPM 3.5.4 / 3.5.5) and the injected database failure: 5, the
 * fail-write code or 0. Counts write calls in server. */
DWORD faults_authorize(dbl_server *server, call_kind kind);
/* 1 if calls of that kind change the server. */
int faults_is_write(call_kind kind);
/* Sets a fault from its command-line name: "none" (clears all and the write count),
 * "deny-writes", "deny-all", "unreachable", "stopped", "fail-write" (k-th write fails with
 * code, ERROR_DHCP_JET_ERROR when code is 0; resets the count), "absent-code" (getting or
 * removing an unset option value answers k instead of the call's MS-DHCPM code; 0 restores
 * that), "page-max" (enumerations return at most k items per call; 0: no cap). -1 if name
 * is unknown. */
int faults_set(dbl_server *server, const char *name, uint32_t k, uint32_t code);

#endif
