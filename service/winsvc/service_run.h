/* service_run.h: the work of the PxeBridge service, kept apart from the Service Control
 * Manager glue in service_main.c: loads the configuration (registry plus command-line
 * overrides), keeps the log sinks (the Event Log or the console, and the rotating log
 * file), runs the TFTP runtime and reloads the configuration on request. Used the same way
 * under the SCM and with --console. */
#ifndef PXB_SERVICE_RUN_H
#define PXB_SERVICE_RUN_H

#include "args.h"

/* Exit codes; under the SCM a nonzero one is the service-specific exit code. */
enum pxb_service_exit {
    PXB_EXIT_OK = 0,
    PXB_EXIT_CONFIG = 1,  /* the configuration is not usable */
    PXB_EXIT_LISTEN = 2,  /* no listen address could be bound, or no memory to start */
    PXB_EXIT_FAILED = 3,  /* the server stopped on an error while running */
};

typedef struct pxb_service pxb_service;

/* Loads the configuration, opens the logs and binds the listeners. console: log to stderr
 * instead of the Event Log. NULL on failure, with the reason logged and the exit code in
 * *exit_code. */
pxb_service *pxb_service_start(const pxb_args *args, int console, int *exit_code);
/* Serves until pxb_service_request_stop; returns an exit code. */
int pxb_service_run(pxb_service *svc);
/* Safe from any thread while pxb_service_run may be running. */
void pxb_service_request_stop(pxb_service *svc);
void pxb_service_request_reload(pxb_service *svc);
/* Closes everything pxb_service_start opened and logs the stop. */
void pxb_service_finish(pxb_service *svc);

#endif
