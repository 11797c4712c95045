/* ms_call.h: what every dhcpsapi call of the binding shares: the option scope argument for a
 * level (server or scope), telling "not there" from a failure, and recording a failed call
 * as a pxb_ms_error. */
#ifndef PXB_MS_CALL_H
#define PXB_MS_CALL_H

#include "dhcpsapi_decl.h"
#include "ms_state.h"
#include "ms_sync.h"

void pxb_ms_scope_info(const pxb_ms_level *level, DHCP_OPTION_SCOPE_INFO *out);
/* True if code says the option value or definition asked for is not there:
 * ERROR_DHCP_OPTION_NOT_PRESENT (20010), or ERROR_FILE_NOT_FOUND (2), which real servers
 * also answer for an option value that is not set. */
int pxb_ms_absent(DWORD code);
/* Records code from call (and a detail, may be "") in err; returns -1. */
int pxb_ms_failed(pxb_ms_error *err, const char *call, DWORD code, const char *detail);
/* err for "out of memory"; returns -1. */
int pxb_ms_no_memory(pxb_ms_error *err);

#endif
