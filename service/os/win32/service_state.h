/* service_state.h: a Windows service's state as the Service Control Manager reports it, by
 * the service's name: for the CLI (is PxeBridge running?) and the service (is WDS's
 * WDSServer running beside it? service/winsvc/wds_check.c). */
#ifndef PXB_SERVICE_STATE_H
#define PXB_SERVICE_STATE_H

#include <wchar.h>

#include "pxb_error.h"

/* The service's dwCurrentState (SERVICE_STOPPED ... SERVICE_PAUSED), 0 when no service of
 * that name is installed, or -1 with the reason in err (the SCM cannot be asked). */
long pxb_service_state(const wchar_t *name, pxb_error *err);

#endif
