/* ms_backend.h: how a run reaches Microsoft DHCP servers, whatever carries the calls: read a
 * server into the object model, read its failover relationships, carry out one change
 * (dhcpext/msdhcp/win32/ through dhcpsapi.dll; in-memory fakes in the unit tests). Every call
 * names the server it is for, so one backend serves every server of a run. */
#ifndef PXB_MS_BACKEND_H
#define PXB_MS_BACKEND_H

#include "ms_change.h"
#include "ms_error.h"
#include "ms_failover.h"
#include "ms_state.h"

typedef struct pxb_ms_backend {
    void *ctx;
    /* Reads the server into *state (initialised by the caller). 0, or -1 with *err. */
    int (*read)(void *ctx, const char *server, pxb_ms_state *state, pxb_ms_error *err);
    /* Carries out one change; a change that fails part-way leaves the server as it was.
     * 0, or -1 with *err. */
    int (*change)(void *ctx, const char *server, const pxb_ms_change *change,
                  pxb_ms_error *err);
    /* Reads the server's failover relationships into *out (initialised by the caller). 0, or
     * -1 with *err; a server without failover fails with PXB_MS_NO_FAILOVER_CODE. */
    int (*relationships)(void *ctx, const char *server, pxb_ms_failover *out,
                         pxb_ms_error *err);
} pxb_ms_backend;

#endif
