/* double_leaks.h: PxbDoubleOutstanding, the double's export for tests that check, at a point
 * of their choosing, that every block the double handed out has been freed with
 * DhcpRpcFreeMemory. The same check runs when the DLL unloads (leak_report.c): a process
 * that leaves blocks (or freed a pointer the double never gave) appends one line to the leak
 * log, PXB_DHCP_DOUBLE_LEAKS, or if that is unset the state file's name plus ".leaks". */
#ifndef PXB_DOUBLE_LEAKS_H
#define PXB_DOUBLE_LEAKS_H

#include <windows.h>

/* Blocks handed out and not yet freed in this process; *bad_frees (if not NULL) gets the
 * number of DhcpRpcFreeMemory calls with a pointer the double did not hand out. */
typedef DWORD WINAPI pxb_PxbDoubleOutstanding_t(DWORD *bad_frees);
typedef pxb_PxbDoubleOutstanding_t *pxb_PxbDoubleOutstanding_fn;
pxb_PxbDoubleOutstanding_t PxbDoubleOutstanding;

#endif
