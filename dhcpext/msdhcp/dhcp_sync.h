/* dhcp_sync.h: brings a Microsoft DHCP server, and its failover partners, in line with the
 * boot plan, and reports.
 * The one entry point the CLI (`pxebridge dhcp plan|apply|verify|remove`) and the service's
 * periodic check use; behind it: reading the server's classes, policies and option values
 * (dhcpext/msdhcp/win32/, through dhcpsapi.dll loaded at run time), the desired objects derived
 * from the plan, and the difference between the two as an ordered list of changes. */
#ifndef PXB_DHCP_SYNC_H
#define PXB_DHCP_SYNC_H

#include <stddef.h>

#include "boot_plan.h"
#include "dhcp_result.h"
#include "explain.h"

/* One line of progress ("creating policy 'pxebridge iPXE' on 10.0.0.0"); may be NULL. */
typedef void (*pxb_dhcp_progress_fn)(void *ctx, const char *line);

/* Which servers a run covers: the one named and every server it is in a failover
 * relationship with (and theirs, in turn), or the one named alone. */
enum pxb_dhcp_reach { PXB_DHCP_WITH_PARTNERS, PXB_DHCP_THIS_SERVER_ONLY };

/* server: a host name or IPv4 address, or NULL / "" for this machine. Runs action for the
 * plan's scopes (server level when it names none) on the servers reach says: with partners,
 * nothing is written anywhere unless every partner could be read, and a failure on one undoes
 * the run on all. Returns the status, also in out. */
enum pxb_dhcp_status pxb_dhcp_run(enum pxb_dhcp_action action, const pxb_boot_plan *plan,
                                  const char *server, enum pxb_dhcp_reach reach,
                                  pxb_dhcp_progress_fn progress,
                                  void *progress_ctx, pxb_dhcp_result *out);

/* What the servers reach says (server and its failover partners) hand client now, read from
 * each, against what the plan says: PXB_DHCP_OK when every server answers as planned,
 * PXB_DHCP_CHANGES when one does not (or the partners differ), PXB_DHCP_FAILED when one could
 * not be read. The report in out. */
enum pxb_dhcp_status pxb_dhcp_explain(const pxb_boot_plan *plan, const pxb_client *client,
                                      const char *server, enum pxb_dhcp_reach reach,
                                      pxb_dhcp_result *out);

#endif
