/* reg_watch.h: notices changes of a key of HKLM (its values and everything under it, and
 * the key being created or deleted) and calls back on a thread of its own, once per burst of
 * changes. The service watches Group Policy's key with it: a Group Policy refresh writes the
 * key without telling the service, where `config set` sends PARAMCHANGE. */
#ifndef PXB_REG_WATCH_H
#define PXB_REG_WATCH_H

#include "pxb_error.h"

typedef struct pxb_reg_watch pxb_reg_watch;

/* Called on the watch's thread after a change, once the key has been quiet for a moment. */
typedef void (*pxb_reg_changed_fn)(void *ctx);

/* Starts watching HKLM\subkey (UTF-8, 64-bit view); the key need not exist yet. NULL with
 * the reason in err. */
pxb_reg_watch *pxb_reg_watch_start(const char *subkey, pxb_reg_changed_fn fn, void *ctx,
                                   pxb_error *err);
/* Stops the thread and frees the watch; NULL is a no-op. fn is not called after it returns. */
void pxb_reg_watch_stop(pxb_reg_watch *w);

#endif
