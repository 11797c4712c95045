/* ms_read.h: reads a Microsoft DHCP server into the object model through dhcpsapi.dll. */
#ifndef PXB_MS_READ_H
#define PXB_MS_READ_H

#include "dhcpsapi_loader.h"
#include "ms_state.h"

/* Fills *s (initialised by the caller); server NULL = this machine. 0, or -1 with err. */
int pxb_ms_read(const pxb_dhcpsapi *api, LPWSTR server, pxb_ms_state *s, pxb_ms_error *err);

#endif
