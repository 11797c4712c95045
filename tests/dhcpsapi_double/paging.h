/* paging.h: the enumeration window of DhcpEnumSubnets (MS-DHCPM 3.1.4.4), DhcpEnumClasses
 * (3.2.4.29), DhcpV4EnumPolicies / Ex (3.2.4.113, 3.2.4.130) and
 * DhcpV4FailoverEnumRelationship (3.2.4.94, which pages as classes do): which items one
 * call returns from the resume handle, and the code it answers, which differs by section:
 *   subnets:  ERROR_SUCCESS with every batch, ERROR_NO_MORE_ITEMS (no batch) past the end
 *             or for PreferredMaximum 0;
 *   classes:  ERROR_MORE_DATA while items remain (PreferredMaximum 0 or too few bytes for
 *             the next class: no batch), ERROR_SUCCESS with the last batch;
 *   policies: ERROR_MORE_DATA while items remain (PreferredMaximum 0: no batch),
 *             ERROR_NO_MORE_ITEMS together with the last batch.
 * ElementsTotal is the number of items not yet enumerated after the call. */
#ifndef PXB_DOUBLE_PAGING_H
#define PXB_DOUBLE_PAGING_H

#include <stddef.h>

#include "dhcpsapi_decl.h"
#include "model.h"
#include "rpcmem.h"

/* PAGE_CLASSES serves the failover relationships too. */
typedef enum page_style { PAGE_SUBNETS, PAGE_CLASSES, PAGE_POLICIES } page_style;

typedef struct page {
    size_t first;
    size_t count;
    size_t total;
    DWORD rc;
} page;

/* What item at of items costs of a caller's PreferredMaximum, in bytes. */
typedef size_t paging_cost(const void *items, size_t at);
/* For the enumerations paged by bytes (3.2.4.29, 3.2.4.94): how many of the count items
 * from first fit in pref_max bytes (possibly none). */
size_t paging_fit(const void *items, size_t first, size_t count, DWORD pref_max,
                  paging_cost *cost);
/* The window over total items from *resume when the caller's PreferredMaximum allows fit of
 * them (capped by the server's page-max variant); advances *resume past the window. */
page paging_window(const dbl_server *server, DWORD *resume, size_t total, size_t fit,
                   page_style style);
/* Ends an enumeration whose batch (if count > 0) was built in batch: *read and *total_out
 * filled; returns the window's code, or the batch's allocation failure. The caller hands
 * its array over when the result is 0, ERROR_MORE_DATA or ERROR_NO_MORE_ITEMS with a
 * non-empty window. */
DWORD paging_finish(rpc_batch *batch, const page *window, DWORD *read, DWORD *total_out);

#endif
