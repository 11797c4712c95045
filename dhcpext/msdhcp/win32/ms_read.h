/* ms_read.h: reads a Microsoft DHCP server into the object model through dhcpsapi.dll, and
 * its failover relationships. */
#ifndef PXB_MS_READ_H
#define PXB_MS_READ_H

#include "dhcpsapi_loader.h"
#include "ms_failover.h"
#include "ms_state.h"

/* Fills *s (initialised by the caller); server NULL = this machine. 0, or -1 with err. */
int pxb_ms_read(const pxb_dhcpsapi *api, LPWSTR server, pxb_ms_state *s, pxb_ms_error *err);

/* Fills *f (initialised by the caller) with the server's failover relationships. 0, or -1
 * with err; a server or a DLL without failover fails with PXB_MS_NO_FAILOVER_CODE. */
int pxb_ms_read_failover(const pxb_dhcpsapi *api, LPWSTR server, pxb_ms_failover *f,
                         pxb_ms_error *err);

#endif
