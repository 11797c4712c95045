/* wds_check.h: the service's start-up check for Windows Deployment Services beside the
 * proxyDHCP server: WDS (the service "WDSServer") answers PXE clients on ports 67 and 4011
 * too, so with both running a client gets two answers and takes either. Windows only. */
#ifndef PXB_WDS_CHECK_H
#define PXB_WDS_CHECK_H

#include "boot_plan.h"

/* The name WDS's service is installed under. */
#define PXB_WDS_SERVICE L"WDSServer"

/* When plan's ProxyDhcp is not off and WDSServer is installed and running: a warning in
 * the log (and the Event Log) saying what to do. When the state cannot be read, a note at
 * debug level; nothing otherwise. */
void pxb_wds_check(const pxb_boot_plan *plan);

#endif
