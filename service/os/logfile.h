/* logfile.h: a log sink writing timestamped lines to <dir>/pxebridge.log, rotating it to
 * pxebridge.1.log ... pxebridge.N.log when it grows past a size. Plain C stdio, used by the
 * Windows service (under %ProgramData%\pxebridge\logs) and the native server alike. */
#ifndef PXB_LOGFILE_H
#define PXB_LOGFILE_H

#include <stddef.h>
#include <stdint.h>

#include "pxb_error.h"

typedef struct pxb_logfile pxb_logfile;

/* Creates dir if needed. NULL with a reason in err if the file cannot be opened. */
pxb_logfile *pxb_logfile_open(const char *dir, uint32_t max_bytes, uint32_t files_kept,
                              pxb_error *err);
void pxb_logfile_close(pxb_logfile *lf);
/* A pxb_log_sink_fn; ctx is the pxb_logfile. */
void pxb_logfile_sink(void *ctx, int level, int event_id, const char *message);

#endif
