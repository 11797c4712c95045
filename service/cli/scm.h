/* scm.h: the PxeBridge service under the Service Control Manager: its state (for `pxebridge
 * status` when the service does not answer on its status pipe), and creating, deleting,
 * starting and stopping it (for `pxebridge service`). Functions that act return a Win32
 * error code: ERROR_SUCCESS, or what the SCM said. */
#ifndef PXB_CLI_SCM_H
#define PXB_CLI_SCM_H

#include <windows.h>

#include "pxb_error.h"
#include "service_notify.h"

#define CLI_SERVICE_DISPLAY "PXE Bridge (iPXE boot service)"

/* The service's state (SERVICE_RUNNING, ...), 0 when it is not installed, or -1 when the
 * SCM can't tell (the reason in err). */
long cli_scm_state(pxb_error *err);

/* An open service and the SCM it came from. */
typedef struct cli_service {
    SC_HANDLE scm, svc;
} cli_service;

/* Opens the installed service for access. */
DWORD cli_scm_open(DWORD access, cli_service *s);
void cli_scm_close(cli_service *s);

/* Creates the service: automatic start, binary (quoted here), its description and its
 * failure actions (restart after 60 s twice; the count resets after a day). Nothing is left
 * behind when a step fails. ERROR_SERVICE_EXISTS when it is installed already. */
DWORD cli_scm_create(const wchar_t *binary);

/* The service's current state (SERVICE_RUNNING, ...) into *state. */
DWORD cli_scm_query(const cli_service *s, DWORD *state);

/* Waits up to seconds for the service to reach state, printing a dot to stderr every
 * second. ERROR_SUCCESS once it is there; ERROR_TIMEOUT, or ERROR_SERVICE_NOT_ACTIVE when it
 * stopped while it was to start. */
DWORD cli_scm_wait(const cli_service *s, DWORD state, unsigned seconds);

#endif
