/* paging.h: the enumeration window shared by DhcpEnumSubnets, DhcpEnumClasses and
 * DhcpV4EnumPolicies: resume handle in, at most DBL_PAGE_MAX items out, then ERROR_MORE_DATA
 * while items remain, ERROR_SUCCESS with the last page, ERROR_NO_MORE_ITEMS after it. */
#ifndef PXB_DOUBLE_PAGING_H
#define PXB_DOUBLE_PAGING_H

#include <stddef.h>

#include "dhcpsapi_decl.h"
#include "rpcmem.h"

typedef struct page {
    size_t first;
    size_t count;
    DWORD rc; /* ERROR_MORE_DATA, ERROR_SUCCESS or ERROR_NO_MORE_ITEMS (count 0) */
} page;

/* The window for total items from *resume, when the caller's PreferredMaximum allows
 * max_items of them; advances *resume past the window. */
page paging_window(DWORD *resume, size_t total, size_t max_items);
/* Ends an enumeration whose page was built in batch: returns the window's code with *read
 * and *total filled (total: the items not enumerated before this call), or the batch's
 * allocation failure. The caller hands its array over only when 0 or ERROR_MORE_DATA. */
DWORD paging_finish(rpc_batch *batch, const page *window, size_t total, DWORD *read,
                    DWORD *total_out);

#endif
