/* service_notify.h: after settings are stored, tells the PxeBridge service to apply them
 * without a restart (SERVICE_CONTROL_PARAMCHANGE through the Service Control Manager), if
 * it is running, and says so to the user. */
#ifndef PXB_CLI_SERVICE_NOTIFY_H
#define PXB_CLI_SERVICE_NOTIFY_H

#define CLI_SERVICE_NAME "PxeBridge"

/* Prints what happened: sent, not running, not installed. Returns CLI_OK, or CLI_FAILED
 * (with an error saying how to send it by hand) when a running service could not be told. */
int cli_notify_service(void);

#endif
