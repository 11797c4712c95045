/* rpcmem.c: allocation of the blocks returned to callers, each tracked in a list of live
 * blocks until DhcpRpcFreeMemory releases it, and the string conversions between the API
 * (UTF-16) and the model (UTF-8). */
#include "rpcmem.h"

#include "exports.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_MAGIC 0x50584244424C4B21ull /* "PXBDBLK!" */

/* The header before every block handed out; 32 bytes keep the caller's part aligned. */
typedef struct block_header {
    struct block_header *prev;
    struct block_header *next;
    uint64_t magic;
    uint64_t unused;
} block_header;

static SRWLOCK live_lock = SRWLOCK_INIT;
static block_header live = {&live, &live, 0, 0};
static size_t live_count, bad_frees;

static void *track_alloc(size_t size)
{
    block_header *header = calloc(1, sizeof *header + (size ? size : 1));
    if (!header)
        return NULL;
    header->magic = BLOCK_MAGIC;
    AcquireSRWLockExclusive(&live_lock);
    header->prev = live.prev;
    header->next = &live;
    live.prev->next = header;
    live.prev = header;
    live_count++;
    ReleaseSRWLockExclusive(&live_lock);
    return header + 1;
}

/* Unlinks and frees a block from track_alloc; counts a bad free for anything else. */
static void track_free(void *block)
{
    block_header *header = (block_header *)block - 1;
    AcquireSRWLockExclusive(&live_lock);
    int ours = 0;
    for (block_header *at = live.next; at != &live && !ours; at = at->next)
        ours = at == header;
    if (ours) {
        header->prev->next = header->next;
        header->next->prev = header->prev;
        header->magic = 0;
        live_count--;
    } else {
        bad_frees++;
    }
    ReleaseSRWLockExclusive(&live_lock);
    if (ours)
        free(header);
}

size_t rpc_outstanding(void)
{
    AcquireSRWLockShared(&live_lock);
    size_t count = live_count;
    ReleaseSRWLockShared(&live_lock);
    return count;
}

size_t rpc_bad_frees(void)
{
    AcquireSRWLockShared(&live_lock);
    size_t count = bad_frees;
    ReleaseSRWLockShared(&live_lock);
    return count;
}

void *rpc_alloc(rpc_batch *batch, size_t size)
{
    void **grown = realloc(batch->blocks, (batch->count + 1) * sizeof *grown);
    void *block = grown ? track_alloc(size) : NULL;
    if (grown)
        batch->blocks = grown;
    if (!block) {
        batch->failed = 1;
        return NULL;
    }
    batch->blocks[batch->count++] = block;
    return block;
}

LPWSTR rpc_wstr(rpc_batch *batch, const char *utf8)
{
    int units = MultiByteToWideChar(CP_UTF8, 0, utf8, -1, NULL, 0);
    LPWSTR text = units > 0 ? rpc_alloc(batch, (size_t)units * sizeof(WCHAR)) : NULL;
    if (units <= 0)
        batch->failed = 1;
    if (text)
        MultiByteToWideChar(CP_UTF8, 0, utf8, -1, text, units);
    return text;
}

LPBYTE rpc_bytes(rpc_batch *batch, const dbl_bytes *bytes)
{
    if (bytes->len == 0)
        return NULL;
    LPBYTE copy = rpc_alloc(batch, bytes->len);
    if (copy)
        memcpy(copy, bytes->data, bytes->len);
    return copy;
}

DWORD rpc_finish(rpc_batch *batch)
{
    DWORD rc = batch->failed ? ERROR_NOT_ENOUGH_MEMORY : ERROR_SUCCESS;
    if (rc) {
        for (size_t i = 0; i < batch->count; i++)
            track_free(batch->blocks[i]);
    }
    free(batch->blocks);
    memset(batch, 0, sizeof *batch);
    return rc;
}

char *rpc_utf8(const WCHAR *text)
{
    if (!text)
        text = L"";
    int bytes = WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, text, -1, NULL, 0, NULL,
                                    NULL);
    char *utf8 = bytes > 0 ? malloc((size_t)bytes) : NULL;
    if (utf8)
        WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, text, -1, utf8, bytes, NULL, NULL);
    return utf8;
}

VOID WINAPI DhcpRpcFreeMemory(PVOID buffer)
{
    if (buffer)
        track_free(buffer);
}
