/* ms_write.h: carries out one change of the model on a Microsoft DHCP server through
 * dhcpsapi.dll. */
#ifndef PXB_MS_WRITE_H
#define PXB_MS_WRITE_H

#include "dhcpsapi_loader.h"
#include "ms_change.h"

/* 0, or -1 with err; a policy created with its options is deleted again if an option fails,
 * so a failed change leaves the server as it was. */
int pxb_ms_write(const pxb_dhcpsapi *api, LPWSTR server, const pxb_ms_change *c,
                 pxb_ms_error *err);

#endif
