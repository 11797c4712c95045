/* reg_watch.c: a thread that waits for RegNotifyChangeKeyValue on a key of HKLM and on its
 * parent (see reg_watch.h). The key itself is watched with its subtree, values and subkeys;
 * the parent (or, while that is missing too, the nearest ancestor that exists) for subkeys
 * created or deleted, which is how the key's own creation and deletion are seen. After each
 * change both are registered again before the callback, so a change made while the callback's
 * reader reads is not missed. */
#include "reg_watch.h"

#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "win_text.h"

/* Quiet time after a change before the callback: Group Policy writes its values in a burst. */
#define QUIET_MS 500
#define VIEW KEY_WOW64_64KEY

enum { STOP, SELF, ANCESTOR, EVENTS };

struct pxb_reg_watch {
    wchar_t *subkey;
    pxb_reg_changed_fn fn;
    void *ctx;
    HANDLE events[EVENTS]; /* manual reset */
    HKEY self, ancestor;   /* NULL while not watched */
    HANDLE thread;
};

static HKEY open_key(const wchar_t *path)
{
    HKEY key;
    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, path, 0, KEY_NOTIFY | VIEW, &key) != ERROR_SUCCESS)
        return NULL;
    return key;
}

/* Opens the nearest existing strict ancestor of w->subkey (HKLM itself at worst). */
static HKEY open_ancestor(const wchar_t *subkey)
{
    size_t len = wcslen(subkey);
    wchar_t *path = malloc((len + 1) * sizeof *path);
    HKEY key = NULL;
    if (path == NULL)
        return NULL;
    memcpy(path, subkey, (len + 1) * sizeof *path);
    while (key == NULL) {
        wchar_t *cut = wcsrchr(path, L'\\');
        if (cut == NULL)
            break;
        *cut = L'\0';
        key = open_key(path);
    }
    free(path);
    if (key == NULL && RegOpenKeyExW(HKEY_LOCAL_MACHINE, NULL, 0, KEY_NOTIFY, &key) != 0)
        key = NULL;
    return key;
}

static void disarm(pxb_reg_watch *w)
{
    if (w->self != NULL)
        RegCloseKey(w->self);
    if (w->ancestor != NULL)
        RegCloseKey(w->ancestor);
    w->self = w->ancestor = NULL;
    /* Closing a watched key signals its event. */
    ResetEvent(w->events[SELF]);
    ResetEvent(w->events[ANCESTOR]);
}

/* Registers for the next change of the key (if it exists) and of its ancestor. A key that
 * cannot be watched is left unwatched: a reload on PARAMCHANGE still reads it. */
static void arm(pxb_reg_watch *w)
{
    const DWORD what = REG_NOTIFY_CHANGE_NAME | REG_NOTIFY_CHANGE_LAST_SET;
    disarm(w);
    w->self = open_key(w->subkey);
    if (w->self != NULL &&
        RegNotifyChangeKeyValue(w->self, TRUE, what, w->events[SELF], TRUE) != ERROR_SUCCESS) {
        RegCloseKey(w->self);
        w->self = NULL;
    }
    w->ancestor = open_ancestor(w->subkey);
    if (w->ancestor != NULL &&
        RegNotifyChangeKeyValue(w->ancestor, FALSE, REG_NOTIFY_CHANGE_NAME, w->events[ANCESTOR],
                                TRUE) != ERROR_SUCCESS) {
        RegCloseKey(w->ancestor);
        w->ancestor = NULL;
    }
}

static DWORD WINAPI watch_main(void *arg)
{
    pxb_reg_watch *w = arg;
    arm(w);
    while (WaitForMultipleObjects(EVENTS, w->events, FALSE, INFINITE) != WAIT_OBJECT_0 + STOP) {
        arm(w);
        if (WaitForSingleObject(w->events[STOP], QUIET_MS) == WAIT_OBJECT_0)
            break;
        w->fn(w->ctx);
    }
    disarm(w);
    return 0;
}

static void free_watch(pxb_reg_watch *w)
{
    for (int i = 0; i < EVENTS; i++)
        if (w->events[i] != NULL)
            CloseHandle(w->events[i]);
    free(w->subkey);
    free(w);
}

pxb_reg_watch *pxb_reg_watch_start(const char *subkey, pxb_reg_changed_fn fn, void *ctx,
                                   pxb_error *err)
{
    pxb_reg_watch *w = calloc(1, sizeof *w);
    if (w == NULL || (w->subkey = pxb_wide_from_utf8(subkey)) == NULL) {
        pxb_error_set(err, "cannot watch HKLM\\%s: out of memory", subkey);
        free(w);
        return NULL;
    }
    w->fn = fn;
    w->ctx = ctx;
    for (int i = 0; i < EVENTS; i++)
        w->events[i] = CreateEventW(NULL, TRUE, FALSE, NULL);
    if (w->events[STOP] && w->events[SELF] && w->events[ANCESTOR])
        w->thread = CreateThread(NULL, 0, watch_main, w, 0, NULL);
    if (w->thread == NULL) {
        pxb_error_set_code(err, GetLastError(), "cannot watch HKLM\\%s: no thread", subkey);
        free_watch(w);
        return NULL;
    }
    return w;
}

void pxb_reg_watch_stop(pxb_reg_watch *w)
{
    if (w == NULL)
        return;
    SetEvent(w->events[STOP]);
    WaitForSingleObject(w->thread, INFINITE);
    CloseHandle(w->thread);
    free_watch(w);
}
