/* eventlog.h: the Windows Event Log as a pxb_log sink. Events go to the Application log
 * under the source "PxeBridge", with the event ids of log.h, whose texts come from the
 * message table compiled into the service executable (messages.mc). */
#ifndef PXB_EVENTLOG_H
#define PXB_EVENTLOG_H

#include <stddef.h>
#include <wchar.h>

#include "pxb_error.h"

typedef struct pxb_eventlog pxb_eventlog;

/* Registers the event source (EventMessageFile = message_file, the service executable, or
 * this executable when NULL; TypesSupported = 7) under
 * HKLM\SYSTEM\CurrentControlSet\Services\EventLog\Application\PxeBridge unless it is there
 * already. Returns 0, or -1 with a reason in err (events are still logged, without text). */
int pxb_eventlog_register(const wchar_t *message_file, pxb_error *err);

/* Removes that registration (none is fine). Returns 0, or -1 with a reason in err. */
int pxb_eventlog_unregister(pxb_error *err);

/* Opens the event source; NULL with a reason in err. */
pxb_eventlog *pxb_eventlog_open(pxb_error *err);
void pxb_eventlog_close(pxb_eventlog *el);

/* A pxb_log_sink_fn (ctx: the pxb_eventlog). Reports errors, warnings, the service's
 * start, stop and reload, and the DHCP check's repairs and "in line" notices; other events
 * would flood the log and go to the log file only. */
void pxb_eventlog_sink(void *ctx, int level, int event_id, const char *message);

#endif
