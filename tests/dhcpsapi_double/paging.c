/* paging.c: the enumeration window: which items one Enum call returns, and its code. */
#include "paging.h"

#include "model.h"

page paging_window(DWORD *resume, size_t total, size_t max_items)
{
    page window = {*resume, 0, PXB_ERROR_NO_MORE_ITEMS};
    if (window.first >= total || max_items == 0)
        return window;
    window.count = total - window.first;
    if (window.count > max_items)
        window.count = max_items;
    if (window.count > DBL_PAGE_MAX)
        window.count = DBL_PAGE_MAX;
    *resume = (DWORD)(window.first + window.count);
    window.rc = *resume < total ? PXB_ERROR_MORE_DATA : ERROR_SUCCESS;
    return window;
}

DWORD paging_finish(rpc_batch *batch, const page *window, size_t total, DWORD *read,
                    DWORD *total_out)
{
    DWORD rc = rpc_finish(batch);
    if (rc)
        return rc;
    *read = (DWORD)window->count;
    *total_out = (DWORD)(total - window->first);
    return window->rc;
}
