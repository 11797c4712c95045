/* paging.c: the enumeration window: which items one Enum call returns, and its code, per
 * the section of the call (paging.h). */
#include "paging.h"

static DWORD code_after(page_style style, int more)
{
    switch (style) {
    case PAGE_SUBNETS: /* 3.1.4.4: "Return ERROR_SUCCESS" */
        return ERROR_SUCCESS;
    case PAGE_CLASSES: /* 3.2.4.29: MORE_DATA if not all fit */
        return more ? PXB_ERROR_MORE_DATA : ERROR_SUCCESS;
    default: /* 3.2.4.113: "return ERROR_MORE_DATA, else return ERROR_NO_MORE_ITEMS" */
        return more ? PXB_ERROR_MORE_DATA : PXB_ERROR_NO_MORE_ITEMS;
    }
}

page paging_window(const dbl_server *server, DWORD *resume, size_t total, size_t fit,
                   page_style style)
{
    page window = {*resume, 0, total, PXB_ERROR_NO_MORE_ITEMS};
    /* "If ResumeHandle is greater than or equal to the number of entries, return
     * ERROR_NO_MORE_ITEMS" (all three sections). */
    if (window.first >= total)
        return window;
    if (fit == 0) {
        /* PreferredMaximum 0: subnets NO_MORE_ITEMS, classes and policies MORE_DATA. */
        window.rc = style == PAGE_SUBNETS ? PXB_ERROR_NO_MORE_ITEMS : PXB_ERROR_MORE_DATA;
        return window;
    }
    window.count = total - window.first;
    if (window.count > fit)
        window.count = fit;
    if (server->faults.page_max && window.count > server->faults.page_max)
        window.count = server->faults.page_max;
    *resume = (DWORD)(window.first + window.count);
    window.rc = code_after(style, *resume < total);
    return window;
}

size_t paging_fit(const void *items, size_t first, size_t count, DWORD pref_max,
                  paging_cost *cost)
{
    size_t used = 0, fitting = 0;
    for (size_t i = first; i < count; i++) {
        used += cost(items, i);
        if (used > pref_max)
            break;
        fitting++;
    }
    return fitting;
}

DWORD paging_finish(rpc_batch *batch, const page *window, DWORD *read, DWORD *total_out)
{
    DWORD rc = rpc_finish(batch);
    if (rc)
        return rc;
    *read = (DWORD)window->count;
    *total_out = (DWORD)(window->total - window->first - window->count);
    return window->rc;
}
