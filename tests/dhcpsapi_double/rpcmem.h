/* rpcmem.h: memory the double hands to callers, as the real dhcpsapi.dll does: every block
 * (each array, each string, each byte buffer) allocated separately so that the caller frees
 * each with DhcpRpcFreeMemory. Every block handed out is tracked until it is freed, so a
 * caller that leaks one (or frees something the double never gave) is found (leak_report.c).
 * A result is built in a batch that is released as a whole when building it fails
 * part-way. Also the UTF-16 <-> UTF-8 conversions at the boundary. */
#ifndef PXB_DOUBLE_RPCMEM_H
#define PXB_DOUBLE_RPCMEM_H

#include <stddef.h>

#include "dhcpsapi_decl.h"
#include "model.h"

typedef struct rpc_batch {
    void **blocks;
    size_t count;
    int failed; /* an allocation failed: rpc_finish frees everything */
} rpc_batch;

/* A zeroed block, or NULL (and the batch marked failed). */
void *rpc_alloc(rpc_batch *batch, size_t size);
LPWSTR rpc_wstr(rpc_batch *batch, const char *utf8);
/* A copy of the bytes (NULL for none). */
LPBYTE rpc_bytes(rpc_batch *batch, const dbl_bytes *bytes);
/* Ends a batch: on success the blocks now belong to the caller and 0 is returned; after a
 * failed allocation every block is freed and ERROR_NOT_ENOUGH_MEMORY returned. */
DWORD rpc_finish(rpc_batch *batch);

/* A malloc'd UTF-8 copy of a caller's string; NULL becomes "". NULL when out of memory
 * or the text is not valid UTF-16. */
char *rpc_utf8(const WCHAR *text);

/* Blocks handed out and not yet freed with DhcpRpcFreeMemory, in this process. */
size_t rpc_outstanding(void);
/* DhcpRpcFreeMemory calls with a pointer the double did not hand out (or freed twice). */
size_t rpc_bad_frees(void);

#endif
