/* dhcpsapi_extra.h: dhcpsapi.dll calls pxebridge uses that dhcpsapi_decl.h does not declare
 * (kept apart so that header stays its author's): DhcpRemoveOptionV5, which deletes an option
 * definition (the option 060 pxebridge defines for UEFI HTTP boot, on remove and undo). */
#ifndef PXB_DHCPSAPI_EXTRA_H
#define PXB_DHCPSAPI_EXTRA_H

#include "dhcpsapi_decl.h"

typedef DWORD WINAPI pxb_DhcpRemoveOptionV5_t(LPWSTR server, DWORD flags,
                                              DHCP_OPTION_ID option_id, LPWSTR class_name,
                                              LPWSTR vendor_name);
typedef pxb_DhcpRemoveOptionV5_t *pxb_DhcpRemoveOptionV5_fn;

#endif
