/* rpcmem.c: allocation of the blocks returned to callers, DhcpRpcFreeMemory, and the string
 * conversions between the API (UTF-16) and the model (UTF-8). */
#include "rpcmem.h"

#include "exports.h"

#include <stdlib.h>
#include <string.h>

void *rpc_alloc(rpc_batch *batch, size_t size)
{
    void **grown = realloc(batch->blocks, (batch->count + 1) * sizeof *grown);
    void *block = grown ? calloc(1, size ? size : 1) : NULL;
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
            free(batch->blocks[i]);
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
    free(buffer);
}
