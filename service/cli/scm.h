/* scm.h: the PxeBridge service's state under the Service Control Manager, for `pxebridge
 * status` when the service does not answer on its status pipe. */
#ifndef PXB_CLI_SCM_H
#define PXB_CLI_SCM_H

#include <windows.h>

#include "service_notify.h"

/* The service's state (SERVICE_RUNNING, ...), 0 when it is not installed, or -1 when the
 * SCM can't tell (the reason in err). */
long cli_scm_state(char *err, size_t err_len);

#endif
